// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

/**
 * PyTorch's {@code at::_efficientzerotensor}: the gradient some backward formulas return (sgn of a real tensor,
 * which abs's backward calls) is a zero tensor that the engine skips when it sums gradients, so -0.0 + it stays
 * -0.0 where a materialized +0.0 would give +0.0. Here such a gradient is an ordinary zero tensor marked as one (a
 * field of that tensor object, {@code Tensor.efficientZero}); Engine.accumulate drops it next to another gradient, and alone it acts as the zeros it holds. A view
 * of one is one too ({@link Tensor#makeView}): 1.13's ZeroTensor key falls through every view function
 * (ZeroTensorFallback.cpp's TORCH_VIEW_FNS), so a transpose, permute, squeeze or view backward (grad.transpose(...))
 * passes it on, while select/slice backward (zeros, then copy_) and any other op give ordinary zeros.
 */
final class EfficientZeros {
    private EfficientZeros() {}

    /** A zero tensor of t's shape and dtype, marked as an efficient zero. */
    static Tensor like(Tensor t) {
        Tensor z = PointwiseOps.zerosLike(t);
        mark(z);
        return z;
    }

    static void mark(Tensor z) {
        z.efficientZero = true;
    }

    static boolean is(Tensor t) {
        return t.efficientZero;
    }
}
