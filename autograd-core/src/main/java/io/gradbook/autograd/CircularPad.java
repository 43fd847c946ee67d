// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

/**
 * {@code F.pad(x, pad, "circular")} as PyTorch 1.13 builds it (ATen's composite {@code _pad_circular}): a new empty
 * tensor, the input copied into its middle, then each padded dim's left and right bands copied from the opposite
 * side of the output itself. The graph is therefore PyTorch's: CopySlices nodes whose inputs are SliceBackward0 of
 * the output's earlier version, and the gradient of a wrapped element flows back through every copy that moved it.
 */
final class CircularPad {
    private CircularPad() {}

    static Tensor pad(Tensor x, int[] padding) {
        int[] in = x.shapeArray();
        int ndim = in.length - 2;
        if (padding.length + 4 != in.length * 2) {
            throw new TorchException.RuntimeError("Invalid padding size, expected " + ndim * 2 + " but got " + padding.length);
        }
        int[] out = in.clone();
        for (int i = 0; i < ndim; i++) {
            // padding lists the last dim first; dim 2 + i takes the pair counted from the end
            int left = padding[2 * (ndim - i - 1)], right = padding[2 * (ndim - i - 1) + 1], size = in[2 + i];
            out[2 + i] = size + left + right;
            if (left > size || right > size) throw new TorchException.RuntimeError("Padding value causes wrapping around more than once.");
            if (out[2 + i] < 0) throw new TorchException.RuntimeError("Negative padding value is resulting in an empty dimension");
        }
        Tensor result = Tensor.empty(out, x.dtype());
        Tensor outSlice = result, inSlice = x;
        for (int i = 0; i < ndim; i++) {
            int dim = ndim - i + 1, left = padding[2 * i], right = padding[2 * i + 1];
            outSlice = outSlice.slice(dim, Math.max(left, 0), out[dim] - Math.max(right, 0));
            inSlice = inSlice.slice(dim, Math.max(-left, 0), in[dim] - Math.max(-right, 0));
        }
        outSlice.copy_(inSlice);
        // left bands first, then right ones; corners are written more than once when ndim > 1, as in PyTorch
        for (int i = 0; i < ndim; i++) {
            int dim = ndim - i + 1, left = padding[2 * i], right = padding[2 * i + 1];
            if (left > 0) {
                int end = out[dim] - Math.max(right, 0);
                result.slice(dim, 0, left).copy_(result.slice(dim, end - left, end));
            }
            if (right > 0) {
                int start = Math.max(left, 0);
                result.slice(dim, out[dim] - right, out[dim]).copy_(result.slice(dim, start, start + right));
            }
        }
        return result;
    }
}
