// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * PyTorch's {@code at::_efficientzerotensor}: the gradient some backward formulas return (sgn of a real tensor,
 * which abs's backward calls) is a zero tensor that the engine skips when it sums gradients, so -0.0 + it stays
 * -0.0 where a materialized +0.0 would give +0.0. Here such a gradient is an ordinary zero tensor remembered by
 * identity; Engine.accumulate drops it next to another gradient, and alone it acts as the zeros it holds.
 */
final class EfficientZeros {
    private EfficientZeros() {}

    private static final Set<Tensor> ZEROS = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    /** A zero tensor of t's shape and dtype, marked as an efficient zero. */
    static Tensor like(Tensor t) {
        Tensor z = PointwiseOps.zerosLike(t);
        ZEROS.add(z);
        return z;
    }

    static boolean is(Tensor t) {
        return ZEROS.contains(t);
    }
}
