// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import java.util.Arrays;

/** Shape arithmetic shared by the kernels and the ops: sizes, strides, broadcasting, dim wrapping. */
final class Shape {
    private Shape() {}

    static final int[] SCALAR = new int[0];

    static int numel(int[] shape) {
        long n = 1;
        for (int s : shape) {
            if (s < 0) throw new IllegalArgumentException("Trying to create tensor with negative dimension " + s + ": " + str(shape));
            n *= s;
            if (n > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("tensor of shape " + str(shape) + " is too large for Java arrays (at most 2^31 elements)");
        }
        return (int) n;
    }

    static int[] contiguousStrides(int[] shape) {
        int[] strides = new int[shape.length];
        int s = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            strides[i] = s;
            s *= Math.max(shape[i], 1);
        }
        return strides;
    }

    /** PyTorch's torch.Size text: {@code torch.Size([2, 3])}. */
    static String torchSize(int[] shape) {
        return "torch.Size(" + str(shape) + ")";
    }

    /** {@code [2, 3]}. */
    static String str(int[] shape) {
        return Arrays.toString(shape);
    }

    /** Wraps a possibly negative dim into [0, rank), with PyTorch's IndexError text. */
    static int wrapDim(int dim, int rank) {
        int r = Math.max(rank, 1);
        if (dim < -r || dim >= r) {
            throw new TorchException.IndexError("Dimension out of range (expected to be in range of [" + (-r) + ", " + (r - 1) + "], but got " + dim + ")");
        }
        return dim < 0 ? dim + r : dim;
    }

    /** The broadcast shape of two shapes, or PyTorch's error naming the first clashing dimension. */
    static int[] broadcast(int[] a, int[] b) {
        int n = Math.max(a.length, b.length);
        int[] out = new int[n];
        for (int i = n - 1; i >= 0; i--) {
            int ia = i - (n - a.length), ib = i - (n - b.length);
            int sa = ia >= 0 ? a[ia] : 1, sb = ib >= 0 ? b[ib] : 1;
            if (sa == sb || sb == 1) out[i] = sa;
            else if (sa == 1) out[i] = sb;
            else throw new TorchException.RuntimeError("The size of tensor a (" + sa + ") must match the size of tensor b (" + sb + ") at non-singleton dimension " + i);
        }
        return out;
    }

    /** Whether {@code shape} can be expanded to {@code target} (PyTorch's is_expandable_to). */
    static boolean expandableTo(int[] shape, int[] target) {
        if (shape.length > target.length) return false;
        for (int i = 1; i <= shape.length; i++) {
            int s = shape[shape.length - i], t = target[target.length - i];
            if (s != t && s != 1) return false;
        }
        return true;
    }

    /** Parses a view shape with at most one -1, checking the element count (PyTorch's infer_size). */
    static int[] infer(int[] requested, int numel) {
        int[] out = requested.clone();
        int unknown = -1;
        long known = 1;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == -1) {
                if (unknown >= 0) throw new TorchException.RuntimeError("only one dimension can be inferred");
                unknown = i;
            } else if (out[i] < 0) {
                throw new TorchException.RuntimeError("invalid shape dimension " + out[i]);
            } else {
                known *= out[i];
            }
        }
        if (unknown >= 0) {
            if (known == 0 || numel % known != 0) throw invalid(requested, numel);
            out[unknown] = (int) (numel / known);
        } else if (known != numel) {
            throw invalid(requested, numel);
        }
        return out;
    }

    private static TorchException.RuntimeError invalid(int[] requested, int numel) {
        return new TorchException.RuntimeError("shape '" + str(requested) + "' is invalid for input of size " + numel);
    }
}
