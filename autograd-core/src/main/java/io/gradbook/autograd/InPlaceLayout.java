// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import java.util.function.UnaryOperator;

/**
 * The memory layout a recorded in-place op on a non-contiguous tensor computes in. PyTorch runs {@code v.sin_()}
 * over v itself: its TensorIterator walks v's memory order, a stride-1 run through the vector body with the
 * scalar tail and any other run through the scalar op, so which elements get the vector algorithm depends on v's
 * strides (a select of a column, a stepped slice: the scalar op everywhere). Gradbook's recorded path computes on
 * a snapshot; these copies keep the layout that decides the bits. What the op saves for backward is PyTorch's
 * {@code self.clone()} (preserve_format: the same strides for a dense permuted view, contiguous otherwise).
 */
final class InPlaceLayout {
    private InPlaceLayout() {}

    /** The snapshot an in-place op records on: {@code t.clone()} with preserve_format, without history. */
    static Tensor snapshot(Tensor t) {
        if (!t.isContiguous() && denseNonOverlapping(t)) {
            Tensor c = layoutCopy(t);
            if (c != null) return c;
        }
        return t.contiguousCopy();
    }

    /**
     * When {@code snapshot} has another layout than {@code t} (a non-dense view), runs the op again, without
     * recording, over a copy laid out as {@code t} and puts those values into {@code result} (which the op may
     * have saved, as sigmoid_ saves its output), so that both are the values PyTorch writes.
     */
    static void recompute(Tensor t, Tensor snapshot, UnaryOperator<Tensor> op, Tensor result) {
        if (java.util.Arrays.equals(t.strides, snapshot.strides) || !result.dtype().isFloatingPoint()) return;
        Tensor laid = layoutCopy(t);
        if (laid == null) return;
        Tensor values;
        try (var ignored = GradMode.set(false)) {
            values = op.apply(laid);
        }
        if (values.dtype() == result.dtype() && java.util.Arrays.equals(values.shapeArray(), result.shapeArray()) && values.storage != result.storage) {
            Elementwise.copyInto(result, values);
        }
    }

    /** A copy of t's elements at t's own strides and offset in a fresh storage over the span t covers (gaps zero); null for a zero or negative stride. */
    static Tensor layoutCopy(Tensor t) {
        int[] shape = t.shapeArray();
        int span = 1;
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] == 0) return null;
            if (shape[d] == 1) continue;
            if (t.strides[d] <= 0) return null;
            span += (shape[d] - 1) * t.strides[d];
        }
        Tensor out = new Tensor(Storage.allocate(t.dtype(), span), 0, shape.clone(), t.strides.clone(), t.dtype(), new VersionCounter(), null, null);
        Elementwise.copyInto(out, t);
        return out;
    }

    /** Whether t's elements fill a block of memory exactly once (a permutation of contiguous strides). */
    static boolean denseNonOverlapping(Tensor t) {
        int[] shape = t.shapeArray();
        Integer[] dims = new Integer[shape.length];
        for (int d = 0; d < dims.length; d++) dims[d] = d;
        java.util.Arrays.sort(dims, (p, q) -> Integer.compare(t.strides[p], t.strides[q]));
        int expected = 1;
        for (int d : dims) {
            if (shape[d] == 1) continue;
            if (t.strides[d] != expected) return false;
            expected *= shape[d];
        }
        return true;
    }
}
