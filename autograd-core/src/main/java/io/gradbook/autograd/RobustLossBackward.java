// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

/**
 * smooth_l1_backward and huber_backward as PyTorch 1.13's CPU kernels compute them (PointwiseOpsKernel.cpp):
 * TensorIterator's vectorized loop runs blocks of two vectors (16 float32 / 8 float64 elements) with the vector
 * formula and the rest with the scalar one, and the two differ: the vector form is {@code norm * (x / beta) * g}
 * (huber: {@code norm * (±delta or x) * g}), the scalar form {@code norm * x * g / beta} with beta a double (huber:
 * {@code ±norm * g * delta} in double), rounded once to the dtype. {@code x = input - target}. Only contiguous
 * same-shape input and target with a same-shape or single-element gradient come here; {@code apply} returns null
 * otherwise and the caller uses the Tensor-op formula.
 */
final class RobustLossBackward {
    private RobustLossBackward() {}

    static Tensor apply(Tensor input, Tensor target, Tensor grad, double norm, double param, boolean huber) {
        DType dt = input.dtype();
        if ((dt != DType.FLOAT32 && dt != DType.FLOAT64) || target.dtype() != dt || grad.dtype() != dt) return null;
        if (!java.util.Arrays.equals(input.shapeArray(), target.shapeArray()) || !input.isContiguous() || !target.isContiguous()) return null;
        boolean scalarGrad = grad.numel() == 1;
        if (!scalarGrad && (!java.util.Arrays.equals(grad.shapeArray(), input.shapeArray()) || !grad.isContiguous())) return null;
        int n = input.numel();
        if (dt == DType.FLOAT32) {
            float[] a = ((Storage.FloatStorage) input.storage).a, b = ((Storage.FloatStorage) target.storage).a, g = ((Storage.FloatStorage) grad.storage).a;
            int ao = input.offset, bo = target.offset, go = grad.offset, gs = scalarGrad ? 0 : 1;
            float nv = (float) norm, pv = (float) param;
            float[] o = new float[n];
            int vec = n - n % 16;
            for (int i = 0; i < n; i++) {
                float x = a[ao + i] - b[bo + i], gv = g[go + i * gs];
                if (i < vec) {
                    float sign = x > 0f ? 1f : -1f;
                    boolean out = Math.abs(x) >= pv;
                    float v = huber ? (out ? sign * pv : x) : (out ? sign : x / pv);
                    o[i] = nv * v * gv;
                } else if (huber) {
                    if (x <= -param) o[i] = (float) (-nv * gv * param);
                    else if (x >= param) o[i] = (float) (nv * gv * param);
                    else o[i] = nv * x * gv;
                } else {
                    if (x <= -param) o[i] = -nv * gv;
                    else if (x >= param) o[i] = nv * gv;
                    else o[i] = (float) ((nv * x * gv) / param);
                }
            }
            return Tensor.wrap(new Storage.FloatStorage(o), input.shapeArray().clone());
        }
        double[] a = ((Storage.DoubleStorage) input.storage).a, b = ((Storage.DoubleStorage) target.storage).a, g = ((Storage.DoubleStorage) grad.storage).a;
        int ao = input.offset, bo = target.offset, go = grad.offset, gs = scalarGrad ? 0 : 1;
        double[] o = new double[n];
        int vec = n - n % 8;
        for (int i = 0; i < n; i++) {
            double x = a[ao + i] - b[bo + i], gv = g[go + i * gs];
            if (i < vec) {
                double sign = x > 0 ? 1 : -1;
                boolean out = Math.abs(x) >= param;
                double v = huber ? (out ? sign * param : x) : (out ? sign : x / param);
                o[i] = norm * v * gv;
            } else if (huber) {
                if (x <= -param) o[i] = -norm * gv * param;
                else if (x >= param) o[i] = norm * gv * param;
                else o[i] = norm * x * gv;
            } else {
                if (x <= -param) o[i] = -norm * gv;
                else if (x >= param) o[i] = norm * gv;
                else o[i] = norm * x * gv / param;
            }
        }
        return Tensor.wrap(new Storage.DoubleStorage(o), input.shapeArray().clone());
    }
}
