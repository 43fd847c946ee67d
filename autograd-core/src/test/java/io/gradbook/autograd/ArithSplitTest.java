// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import static io.gradbook.autograd.Torch.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.BinaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Float32 arithmetic at and above {@link Elementwise#SERIAL_ARITH_MAX} runs in chunks claimed by the caller and the
 * pool (TensorIterator.forEach through RowSplit): every element gets the bits of one float operation, the same with
 * the pool on or off, for same-shape, broadcast (a sum's expanded gradient) and in-place operands, on both sides of
 * the line; and the sin row's gradient (its sin, exp and trig backward split) is the same either way.
 */
class ArithSplitTest {
    @AfterEach
    void restore() {
        TensorIterator.parallel = true;
    }

    @Test
    void theTestedSizeSplits() {
        assertTrue(1025 * 1024 >= Elementwise.SERIAL_ARITH_MAX, "1025x1024 arithmetic splits: " + Elementwise.SERIAL_ARITH_MAX);
    }

    @Test
    void eachElementIsOneFloatOperation() {
        manualSeed(11);
        Tensor a = DirectInPlaceTest.values(1025, 1024), b = DirectInPlaceTest.values(1025, 1024).flip(0);
        Tensor bc = b.contiguous();
        float[] x = a.toFloatArray(), y = bc.toFloatArray();
        check("mul", a.mul(bc), x, y, (p, q) -> p * q);
        check("add", a.add(bc), x, y, (p, q) -> p + q);
        check("sub", a.sub(bc), x, y, (p, q) -> p - q);
        check("div", a.div(bc), x, y, (p, q) -> p / q);
        Tensor inPlace = a.clone();
        inPlace.add_(bc);
        check("add_", inPlace, x, y, (p, q) -> p + q);
        Tensor g = full(new int[] {}, 0.75).expand(1025, 1024);
        float[] threeQuarters = new float[x.length];
        java.util.Arrays.fill(threeQuarters, 0.75f);
        check("expanded scalar * t", g.mul(a), threeQuarters, x, (p, q) -> p * q);
    }

    @Test
    void poolOnOrOffGivesTheSameBits() {
        for (int[] shape : new int[][] {{1025, 1024}, {1 << 20}, {(1 << 20) + 1}, {1000, 1000}, {513, 777}}) {
            manualSeed(3);
            Tensor a = DirectInPlaceTest.values(shape), b = DirectInPlaceTest.values(shape);
            Tensor[] on = ops(a, b);
            TensorIterator.parallel = false;
            Tensor[] off = ops(a, b);
            TensorIterator.parallel = true;
            for (int i = 0; i < on.length; i++) DirectInPlaceTest.sameBits(off[i], on[i], java.util.Arrays.toString(shape) + " op " + i);
        }
    }

    @Test
    void sinRowGradientDoesNotDependOnThePool() {
        manualSeed(0);
        Tensor x = randn(1000, 1000).requiresGrad_();
        for (int i = 0; i < 3; i++) x.sin().mul(x).exp().sum().backward();
        Tensor on = x.grad().clone();
        x.grad().zero_();
        TensorIterator.parallel = false;
        for (int i = 0; i < 3; i++) x.sin().mul(x).exp().sum().backward();
        DirectInPlaceTest.sameBits(x.grad(), on, "x.grad after 3 passes");
    }

    private static Tensor[] ops(Tensor a, Tensor b) {
        Tensor inPlace = a.clone();
        inPlace.mul_(b);
        return new Tensor[] {a.mul(b), a.add(b), a.sub(b, 0.5), a.div(b), inPlace, ones(new int[] {}).expand(a.shapeArray()).mul(b)};
    }

    private static void check(String what, Tensor got, float[] x, float[] y, BinaryOperator<Float> f) {
        float[] g = got.toFloatArray();
        assertEquals(x.length, g.length, what);
        for (int i = 0; i < g.length; i++) {
            int want = Float.floatToRawIntBits(f.apply(x[i], y[i]));
            int have = Float.floatToRawIntBits(g[i]);
            // NaN payloads: any NaN for a NaN (PyTorch's vector units do not promise one)
            if (Float.isNaN(Float.intBitsToFloat(want)) && Float.isNaN(g[i])) continue;
            assertEquals(want, have, what + " at " + i);
        }
    }
}
