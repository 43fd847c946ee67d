// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import java.util.function.UnaryOperator;

/**
 * The history a view gets once its base has changed in place since the view's own history was set (through the
 * view itself, another view, or the base), as PyTorch regenerates it: one {@code AsStridedBackward0} whose input
 * is the base's current history. Without it the view would still point at the base's old history and its
 * gradient would skip the in-place op. Backward writes the gradient into zeros shaped as the base, at the view's
 * elements (the view is rebuilt on those zeros by its replay, so any chain of view ops is covered).
 */
final class AsStridedBackward extends Node {
    private final int[] baseShape;
    private final DType baseDType;
    private final UnaryOperator<Tensor> viewOfBase;

    AsStridedBackward(Tensor base, UnaryOperator<Tensor> viewOfBase) {
        super(new Edge[] {Graph.edgeOf(base)}, new int[][] {base.shapeArray().clone()}, new DType[] {base.dtype()}, 1, nextSequenceNr());
        this.baseShape = base.shapeArray().clone();
        this.baseDType = base.dtype();
        this.viewOfBase = viewOfBase;
    }

    @Override
    public String name() {
        return "AsStridedBackward0";
    }

    @Override
    Tensor[] apply(Tensor[] gradOutputs) {
        Tensor result = Tensor.empty(baseShape.clone(), baseDType);
        viewOfBase.apply(result).copy_(gradOutputs[0]);
        return new Tensor[] {result};
    }
}
