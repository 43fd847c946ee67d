// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

/**
 * The (values, indices) pair that sort, topk, kthvalue and median(dim) return, printed as PyTorch's named tuple:
 *
 * <pre>
 * jshell> tensor(3., 1., 2.).sort(0)
 * torch.return_types.sort(
 * values=tensor([1., 2., 3.]),
 * indices=tensor([1, 2, 0]))
 * </pre>
 */
public final class ValuesIndices {
    private final String name;
    private final Tensor values, indices;

    ValuesIndices(String name, Tensor values, Tensor indices) {
        this.name = name;
        this.values = values;
        this.indices = indices;
    }

    /** The selected values ({@code result.values}); carries the op's grad_fn. */
    public Tensor values() { return values; }

    /** Where each value came from along the dim ({@code result.indices}), int64. */
    public Tensor indices() { return indices; }

    /** Python's {@code result[0]} / {@code result[1]}. */
    public Tensor get(int i) {
        if (i == 0 || i == -2) return values;
        if (i == 1 || i == -1) return indices;
        throw new TorchException.IndexError("tuple index out of range");
    }

    @Override
    public String toString() {
        return "torch.return_types." + name + "(\nvalues=" + values + ",\nindices=" + indices + ")";
    }
}
