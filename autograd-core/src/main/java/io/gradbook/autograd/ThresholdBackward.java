// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

/**
 * {@code threshold_backward(grad, result, 0)}, relu's gradient as PyTorch computes it: {@code result <= 0 ? 0 :
 * grad}, so masked entries are +0.0 and a NaN result lets the gradient through. One pass over the float32 arrays
 * when both are contiguous and of one shape (the MLP step's case), else the same rule by Tensor ops. Recorded as
 * its own op ({@code ThresholdBackwardBackward0}, gradient {@code threshold_backward(gg, result)}) so that
 * create_graph differentiates it again.
 */
final class ThresholdBackward {
    private ThresholdBackward() {}

    static Tensor apply(Tensor grad, Tensor result) {
        Tensor out;
        try (var ignored = GradMode.set(false)) {
            out = kernel(grad, result);
        }
        return Graph.record("ThresholdBackwardBackward0", out, new Tensor[] {grad, result}, new Tensor[] {result}, false, (gg, s, n) -> new Tensor[] {
            n[0] ? apply(gg, s[0]) : null, n[1] ? Torch.zerosLike(gg) : null});
    }

    private static Tensor kernel(Tensor g, Tensor y) {
        if (g.dtype() == DType.FLOAT32 && y.dtype() == DType.FLOAT32 && java.util.Arrays.equals(g.shapeArray(), y.shapeArray())
                && g.isContiguous() && y.isContiguous()) {
            float[] ga = ((Storage.FloatStorage) g.storage).a, ya = ((Storage.FloatStorage) y.storage).a;
            int go = g.offset, yo = y.offset, n = g.numel();
            float[] o = new float[n];
            io.gradbook.autograd.math.Float32Select.thresholdBackward(ga, go, ya, yo, o, 0, n);
            return Tensor.wrap(new Storage.FloatStorage(o), g.shapeArray().clone());
        }
        return PointwiseOps.where(y.le(0.0), Torch.zerosLike(g), g);
    }
}
