// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * golden.json's 2000-step training trajectory (the polynomial fit of sin(x) from "Learning PyTorch with Examples",
 * hand-written gradients, lr 1e-6) computed with the math kernels on float[] alone: every 100th loss and the final
 * coefficients must equal PyTorch's exactly. Element-wise + - * are single float32 operations (a 0-dim tensor
 * acts as a scalar; {@code lr * g} rounds the Python 1e-6 to float32 first); the rest is linspace, sin, pow and
 * the cascade sum. The start values are PyTorch's {@code manual_seed(0)} draws, recorded in oracle/f32math.json.
 */
class TrajectoryKernelsTest {
    @Test
    void polynomialFitMatchesPyTorchStepForStep() {
        JsonNode oracle = MathOracleTest.oracle();
        float[] init = MathOracleTest.f32(oracle, oracle.get("trajectory_init"));
        JsonNode traj = Float32GoldenKernelsTest.golden().get("trajectory");

        int n = 2000;
        float[] xs = Float32Ranges.linspace(-Math.PI, Math.PI, n);
        float[] ys = new float[n];
        Float32Unary.sin(xs, 0, ys, 0, n);
        float[] x2 = new float[n], x3 = new float[n];
        Float32Unary.pow(xs, 0, x2, 0, n, 2);
        Float32Unary.pow(xs, 0, x3, 0, n, 3);
        float a = init[0], b = init[1], c = init[2], d = init[3];
        float lr = (float) 1e-6;
        float[] diff = new float[n], sq = new float[n], gy = new float[n], t = new float[n];
        int checked = 0;
        for (int step = 0; step < 2000; step++) {
            for (int i = 0; i < n; i++) {
                float yPred = a + b * xs[i];
                yPred = yPred + c * x2[i];
                yPred = yPred + d * x3[i];
                diff[i] = yPred - ys[i];
            }
            Float32Unary.pow(diff, 0, sq, 0, n, 2);
            float loss = Float32Reduce.sum(sq, 0, n);
            if (step % 100 == 99) {
                JsonNode row = traj.get("loss_item_every_100").get(checked++);
                assertEquals(row.get(0).asInt(), step);
                assertEquals(row.get(1).asDouble(), (double) loss, 0.0, "loss.item() at step " + step);
            }
            for (int i = 0; i < n; i++) gy[i] = 2.0f * diff[i];
            float ga = Float32Reduce.sum(gy, 0, n);
            for (int i = 0; i < n; i++) t[i] = gy[i] * xs[i];
            float gb = Float32Reduce.sum(t, 0, n);
            for (int i = 0; i < n; i++) t[i] = gy[i] * x2[i];
            float gc = Float32Reduce.sum(t, 0, n);
            for (int i = 0; i < n; i++) t[i] = gy[i] * x3[i];
            float gd = Float32Reduce.sum(t, 0, n);
            a -= lr * ga;
            b -= lr * gb;
            c -= lr * gc;
            d -= lr * gd;
        }
        assertEquals(20, checked);
        JsonNode fin = traj.get("final");
        assertEquals(fin.get(0).asDouble(), (double) a, 0.0, "final a");
        assertEquals(fin.get(1).asDouble(), (double) b, 0.0, "final b");
        assertEquals(fin.get(2).asDouble(), (double) c, 0.0, "final c");
        assertEquals(fin.get(3).asDouble(), (double) d, 0.0, "final d");
    }
}
