// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

/**
 * PyTorch's {@code at::_efficientzerotensor}: the gradient some backward formulas return (sgn of a real tensor,
 * which abs's backward calls) is a zero tensor that the engine skips when it sums gradients, so -0.0 + it stays
 * -0.0 where a materialized +0.0 would give +0.0. Here such a gradient is an ordinary zero tensor marked as one (a
 * field of that tensor object, {@code Tensor.efficientZero}); GraphTask.accumulate drops it next to another gradient, and alone it acts as the zeros it holds. A view
 * of one is one too ({@link Tensor#makeView}): 1.13's ZeroTensor key falls through every view function
 * (ZeroTensorFallback.cpp's TORCH_VIEW_FNS), so a transpose, permute, squeeze or view backward (grad.transpose(...))
 * passes it on, while select/slice backward (zeros, then copy_) and most other ops give ordinary zeros; mul and
 * div (Tensor or Scalar operand) give an efficient zero again, as 1.13's mul_zerotensor/div_zerotensor, so a -0.0
 * product never reaches a sum (measured with torch._efficientzerotensor in 1.13.1).
 */
final class EfficientZeros {
    private EfficientZeros() {}

    /** A zero tensor of t's shape and dtype, marked as an efficient zero. */
    static Tensor like(Tensor t) {
        Tensor z = PointwiseOps.zerosLike(t);
        mark(z);
        return z;
    }

    /** mul/div's ZeroTensor kernels (mul_zerotensor, div_zerotensor's 0 / x): a fresh efficient zero of this shape and dtype. */
    static Tensor of(int[] shape, DType dtype) {
        Tensor z = Tensor.empty(shape.clone(), dtype);
        mark(z);
        return z;
    }

    /**
     * div_zerotensor: 0 / x is an efficient zero (even where x is 0), x / 0 is +inf and 0 / 0 NaN everywhere
     * (ordinary tensors), at the broadcast shape.
     */
    static Tensor divide(Tensor a, Tensor b, DType dtype) {
        int[] shape = Shape.broadcast(a.shapeArray(), b.shapeArray());
        if (!is(b)) return of(shape, dtype);
        Tensor t = Tensor.empty(shape, dtype);
        t.fill_(is(a) ? Double.NaN : Double.POSITIVE_INFINITY);
        return t;
    }

    static void mark(Tensor z) {
        z.efficientZero = true;
    }

    static boolean is(Tensor t) {
        return t.efficientZero;
    }

    /**
     * t, or ordinary +0.0 zeros (a copy, unmarked) where t is an efficient zero: what 1.13's ZeroTensor fallback hands
     * a kernel without a ZeroTensor case (mean_backward's division, the *_loss_backward kernels).
     */
    static Tensor materialized(Tensor t) {
        return is(t) ? t.contiguousCopy() : t;
    }
}
