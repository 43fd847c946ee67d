// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import io.gradbook.autograd.math.PNorm;

/**
 * {@code x.norm(p, dims)} for p other than 2 on float32/float64 storage ({@link PNorm}: PyTorch 1.13's
 * norm_kernel_cpu_impl, in the dtype, in TensorIterator's order), and every p's gradient as 1.13's
 * {@code norm_backward} writes it, op for op (so the rounding matches): p = 0 zeros, p = 1 {@code sgn(x) * grad},
 * p = 2 {@code grad * (x / norm)}, p = +-inf the gradient shared among the elements whose |x| is the norm (or NaN
 * with a NaN norm), p < 1, p < 2 and p >= 2 each with their own grouping and a zero norm's gradient masked to 0.
 */
final class PNormOps {
    private PNormOps() {}

    /** The p-norm, or null where the dtype leaves it to the generic path. An empty input's norm is 0 (at::norm). */
    static Tensor compute(Tensor a, double p, boolean[] mask, boolean keepdim) {
        DType dt = a.dtype();
        if (dt != DType.FLOAT32 && dt != DType.FLOAT64) return null;
        int[] outShape = Kernels.outShape(a.shapeArray(), mask, keepdim);
        int n = Shape.numel(outShape);
        int[] dims = Kernels.dimsOf(mask);
        if (dt == DType.FLOAT32) {
            float[] dst = new float[n];
            if (a.numel() > 0) PNorm.norm(((Storage.FloatStorage) a.storage).a, a.offset, a.shapeArray(), a.strides, dims, p, dst, 0);
            return Tensor.wrap(new Storage.FloatStorage(dst), outShape);
        }
        double[] dst = new double[n];
        if (a.numel() > 0) PNorm.norm(((Storage.DoubleStorage) a.storage).a, a.offset, a.shapeArray(), a.strides, dims, p, dst, 0);
        return Tensor.wrap(new Storage.DoubleStorage(dst), outShape);
    }

    /**
     * norm_backward with grad and norm already unsqueezed to the input's rank. Its masked_fill_ and pow_ are in
     * place, as 1.13 writes them: the filled tensor keeps the quotient's (or |x|'s) layout, where the out-of-place
     * masked_fill clones to a contiguous one, and the layout decides the order of the sum that reduces a broadcast
     * operand's gradient later (fuzz seed 6226: a permuted input's 2-norm, 2 ulp).
     */
    static Tensor backward(Tensor grad, Tensor self, double p, Tensor norm, int[] dims) {
        if (p == 0) return null; // PyTorch's norm_backward: an undefined gradient (the input gets none), not zeros
        if (p == 1) return PointwiseOps.sgn(self).mul(grad);
        if (p == 2) return grad.mul(self.div(norm).maskedFill_(norm.eq(0.0), 0));
        if (Double.isInfinite(p)) {
            Tensor bothNan = self.ne(self).logicalAnd(norm.ne(norm));
            Tensor isEqMax = self.abs().eq(norm).logicalOr(bothNan).to(norm.dtype());
            Tensor selfScaled = PointwiseOps.sgn(self).mul(isEqMax);
            Tensor nbMax = isEqMax.ne(0.0).sum(dims, true);
            return selfScaled.mul(grad.div(nbMax));
        }
        // 1.13's C++ (Debian's GCC) evaluates an operator's operands right to left: in {@code a * b}, b's ops run
        // first. Under create_graph the order gives the nodes their sequence numbers, which decide the order a
        // second backward runs them in (wide 48016: a 0.5-norm's second gradients, up to 28 ulp)
        if (p < 1) {
            // self.sgn() * self.abs().pow_(p - 1).masked_fill_(self == 0, 0); self_scaled * grad * norm.pow(1 - p)
            Tensor powered = self.abs().pow_(p - 1).maskedFill_(self.eq(0.0), 0);
            Tensor selfScaled = PointwiseOps.sgn(self).mul(powered);
            Tensor normPow = norm.pow(1 - p);
            return selfScaled.mul(grad).mul(normPow);
        }
        Tensor selfScaled;
        if (p < 2) {
            Tensor powered = self.abs().pow_(p - 1);
            selfScaled = PointwiseOps.sgn(self).mul(powered);
        } else {
            selfScaled = self.mul(self.abs().pow_(p - 2));
        }
        Tensor scale = grad.div(norm.pow(p - 1)).maskedFill_(norm.eq(0.0), 0);
        return selfScaled.mul(scale);
    }

    /**
     * What linalg.vector_norm does before the kernel: its errors for an empty input with ord < 0 or inf (no
     * identity), and ord < 0's +inf for an empty reduction; null where the kernel computes it. (1.13 has no |x|
     * shortcut for size-1 dims: a 0.5-norm of one element is powf(powf(|x|, 0.5), 2), as the oracle shows.)
     */
    static Tensor vectorNormShortcut(Tensor a, double ord, int[] dims, boolean[] mask, boolean keepdim) {
        boolean all = dims == null || dims.length == 0;
        if (a.numel() == 0 && (ord < 0 || ord == Double.POSITIVE_INFINITY)) {
            if (all) {
                throw new TorchException.RuntimeError("linalg.vector_norm cannot compute the " + scalar(ord)
                        + " norm on an empty tensor because the operation does not have an identity");
            }
            for (int d = 0; d < a.dim(); d++) {
                // (sic: PyTorch 1.13's message has no space before "because")
                if (mask[d] && a.size(d) == 0) throw new TorchException.RuntimeError("linalg.vector_norm cannot compute the " + scalar(ord)
                        + " norm on the dimension " + d + "because this dimension is empty and the operation does not have an identity");
            }
        }
        if (a.numel() == 0 && ord < 0) {
            return Torch.full(Kernels.outShape(a.shapeArray(), mask, keepdim), Double.POSITIVE_INFINITY, a.dtype());
        }
        return null;
    }

    /** A Scalar as c10 prints it in messages: integral values without a fraction, inf as "inf". */
    private static String scalar(double v) {
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return Double.toString(v);
    }
}
