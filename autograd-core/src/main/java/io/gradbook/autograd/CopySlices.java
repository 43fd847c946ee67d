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

    CopySlices(Edge baseEdge, Tensor base, Node fn, UnaryOperator<Tensor> view) {
        super(edges(baseEdge, fn), shapes(base, fn), dtypes(base, fn), 1, nextSequenceNr());
        this.fn = fn;
        this.view = view;
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
        Tensor result = g.clone();
        Tensor slice = view.apply(result);
        Tensor[] res = fn.apply(new Tensor[] {slice.clone()});
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
