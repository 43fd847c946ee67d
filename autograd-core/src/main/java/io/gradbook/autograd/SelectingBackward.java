// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

/**
 * The backward formulas of reductions that select elements, built from the ops PyTorch 1.13's FunctionsManual.cpp
 * uses, so that a create_graph gradient has PyTorch's nodes (ScatterBackward0, MaskedFillBackward1) and bits.
 */
final class SelectingBackward {
    private SelectingBackward() {}

    /**
     * value_selecting_reduction_backward (max/min/median/kthvalue over a dim, topk, sort):
     * {@code zeros(sizes).scatter_(dim, indices, grad)}, grad and indices unsqueezed at dim unless keepdim.
     */
    static Tensor valueSelecting(Tensor grad, int dim, Tensor indices, int[] sizes, boolean keepdim) {
        if (!keepdim && sizes.length > 0) {
            grad = grad.unsqueeze(dim);
            indices = indices.unsqueeze(dim);
        }
        Tensor zeros = Tensor.empty(sizes.clone(), grad.dtype());
        return GatherScatterOps.scatter(zeros, sizes.length == 0 ? 0 : dim, indices, grad);
    }

    /**
     * evenly_distribute_backward (max(), min(), median() of all elements): {@code new_zeros(input.sizes())
     * .masked_fill_(mask, grad / mask.sum())}, the mask marking the input's NaNs when the value is NaN, else the
     * elements equal to it.
     */
    static Tensor evenlyDistribute(Tensor grad, Tensor input, Tensor value) {
        Tensor mask = Double.isNaN(value.item()) ? input.ne(input) : input.eq(value.expand(input.shapeArray()));
        Tensor zeros = Tensor.empty(input.shapeArray().clone(), grad.dtype());
        return GatherScatterOps.maskedFill(zeros, mask, grad.div(mask.sum()));
    }
}
