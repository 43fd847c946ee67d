// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import java.util.Arrays;

/**
 * A tensor's shape as PyTorch's {@code torch.Size}: prints {@code torch.Size([2, 3])} and can be passed back
 * to the factories ({@code ones(y.size())}).
 */
public final class Size {
    private final int[] dims;

    Size(int[] dims) {
        this.dims = dims.clone();
    }

    public static Size of(int... dims) {
        return new Size(dims);
    }

    public int get(int i) {
        return dims[Shape.wrapDim(i, dims.length)];
    }

    public int length() {
        return dims.length;
    }

    public int numel() {
        return Shape.numel(dims);
    }

    public int[] toArray() {
        return dims.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Size && Arrays.equals(dims, ((Size) o).dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return Shape.torchSize(dims);
    }
}
