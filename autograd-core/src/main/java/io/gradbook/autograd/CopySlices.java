// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The node a base tensor gets when one of its views is modified in place with autograd recording
 * ({@code y[0] = expr}). It wraps the in-place op's own node {@code fn}: its inputs are the base's previous
 * history followed by fn's other inputs, exactly as PyTorch's CopySlices shows them in next_functions.
 *
 * <p>Backward: the base gradient passes through unchanged outside the view; inside the view it is replaced by
 * what fn returns for its first input (the view's old value), and fn's other inputs get fn's gradients.
 */
final class CopySlices extends Node {
    private final Node fn;
    private final UnaryOperator<Tensor> view;
    /** The base's strides when dense (null: row-major): the base gradient is laid out as the base, as PyTorch's. */
    private final int[] baseStrides;

    CopySlices(Edge baseEdge, Tensor base, Node fn, UnaryOperator<Tensor> view) {
        super(edges(baseEdge, fn), shapes(base, fn), dtypes(base, fn), 1, nextSequenceNr());
        this.fn = fn;
        this.view = view;
        this.baseStrides = OutputLayout.isNonOverlappingAndDense(base) && !base.isContiguous() ? base.strides.clone() : null;
    }

    private static Edge[] edges(Edge baseEdge, Node fn) {
        Edge[] e = fn.next.clone();
        e[0] = baseEdge;
        return e;
    }

    private static int[][] shapes(Tensor base, Node fn) {
        int[][] s = fn.inputShapes.clone();
        s[0] = base.shapeArray();
        return s;
    }

    private static DType[] dtypes(Tensor base, Node fn) {
        DType[] d = fn.inputDTypes.clone();
        d[0] = base.dtype();
        return d;
    }

    @Override
    public String name() {
        return "CopySlices";
    }

    @Override
    Tensor[] apply(Tensor[] gradOutputs) {
        Tensor g = gradOutputs[0];
        // PyTorch: grad.new_empty_strided(base.sizes(), base.strides()).copy_(grad), and fn gets its view's
        // slice as a contiguous clone
        Tensor result = ViewOps.cloneAt(g, baseStrides);
        Tensor slice = view.apply(result);
        Tensor[] res = fn.apply(new Tensor[] {ViewOps.cloneAt(slice, null)});
        if (res[0] != null) slice.copy_(res[0]);
        else slice.zero_();
        Tensor[] out = res.clone();
        out[0] = result;
        return out;
    }

    @Override
    void releaseSavedTensors() {
        fn.releaseSavedTensors();
    }

    @Override
    public List<SavedTensor> savedTensors() {
        return fn.savedTensors();
    }

    /** The in-place op's node that this CopySlices wraps. */
    Node wrapped() {
        return fn;
    }
}
