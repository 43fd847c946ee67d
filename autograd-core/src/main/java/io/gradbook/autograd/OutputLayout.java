// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

/**
 * The strides PyTorch 1.13 gives a fresh result, computed from its inputs' strides in one place (every element-wise
 * kernel allocates its output here).
 *
 * <p>An element-wise op (TensorIterator): when every input has the result's shape, all contiguous gives a contiguous
 * result, all channels-last (4-D) a channels-last one, all dense and non-overlapping with equal strides the first
 * input's strides ({@code fast_set_up}). Otherwise the dims are sorted by the inputs' strides, innermost first
 * ({@code reorder_dimensions}: an insertion sort that asks the inputs in order, skips an input broadcast on either
 * dim, breaks equal strides by the smaller size, and leaves undecided dims in row-major order), and the result is
 * dense in that order ({@code compatible_stride}; a size-1 dim gets the running product). So {@code x.t().exp()}
 * has x.t()'s strides, and a mixed pair follows its first input.
 *
 * <p>{@code clone()}, {@code *_like} and {@code .to(dtype)} (empty_like's preserve_format) keep a dense input's
 * strides, size-1 dims included, and lay a non-dense one out densely in its stride order ({@code infer_dense_strides}).
 */
final class OutputLayout {
    private OutputLayout() {}

    /** A fresh tensor of {@code shape} at {@code strides} (dense: one element per storage slot), every element written by the caller. */
    static Tensor emptyForWrite(int[] shape, int[] strides, DType dtype) {
        if (strides == null) return Tensor.emptyForWrite(shape, dtype);
        return new Tensor(Storage.allocateForWrite(dtype, Shape.numel(shape)), 0, shape, strides, dtype, new VersionCounter(), null, null);
    }

    /** A fresh zeroed tensor of {@code shape} at {@code strides} (dense). */
    static Tensor empty(int[] shape, int[] strides, DType dtype) {
        if (strides == null) return Tensor.empty(shape, dtype);
        return new Tensor(Storage.allocate(dtype, Shape.numel(shape)), 0, shape, strides, dtype, new VersionCounter(), null, null);
    }

    /** {@code full_like(t, value, dtype)} (ones_like, zeros_like): t's shape at preserve_format's strides. */
    static Tensor fullLike(Tensor t, double value, DType dtype) {
        Tensor out = empty(t.shapeArray().clone(), preserve(t), dtype);
        if (Double.doubleToRawLongBits(value) != 0) Elementwise.copyInto(out, Scalar.of(value).wrapped(dtype));
        return out;
    }

    /**
     * A copy of a leaf's first gradient by AccumulateGrad's layout contract: a dense non-overlapping leaf gets a
     * grad with its strides (g's own when they already agree off the size-1 dims: PyTorch keeps that tensor),
     * any other leaf a contiguous one.
     */
    static Tensor gradLayoutCopy(Tensor g, Tensor variable) {
        int[] strides = null;
        if (isNonOverlappingAndDense(variable) && java.util.Arrays.equals(g.shapeArray(), variable.shapeArray())) {
            strides = obeysLayoutContract(g, variable) && isNonOverlappingAndDense(g) ? g.strides : variable.strides;
            strides = rowMajorOrNull(strides.clone(), g.shapeArray());
        }
        Tensor out = empty(g.shapeArray().clone(), strides, g.dtype());
        Elementwise.copyInto(out, g);
        return out;
    }

    /**
     * A leaf's first gradient under create_graph (AccumulateGrad's clone_obey_contract with grad mode on): a dense
     * leaf gets {@code new_empty_strided(variable's strides).copy_(g)} (node CopyBackwards), any other leaf
     * {@code g.clone(contiguous_format)} (CloneBackward0); either stays attached to g's graph.
     */
    static Tensor cloneObeyContract(Tensor g, Tensor variable) {
        if (!isNonOverlappingAndDense(variable)) return ViewOps.cloneAt(g, null);
        Tensor target = empty(variable.shapeArray().clone(), rowMajorOrNull(variable.strides.clone(), variable.shapeArray()), variable.dtype());
        Tensor out = empty(variable.shapeArray().clone(), rowMajorOrNull(variable.strides.clone(), variable.shapeArray()), variable.dtype());
        Elementwise.copyInto(out, g);
        return Graph.record("CopyBackwards", out, new Tensor[] {target, g}, null, false,
                (gg, s, n) -> new Tensor[] {n[0] ? PointwiseOps.zerosLike(gg) : null, n[1] ? gg : null});
    }

    /** obeys_layout_contract for a dense leaf: the same strides on every dim longer than 1, no 0 stride on the others. */
    private static boolean obeysLayoutContract(Tensor g, Tensor variable) {
        int[] shape = g.shapeArray();
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] != 1 ? g.strides[d] != variable.strides[d] : g.strides[d] == 0) return false;
        }
        return true;
    }

    /** A row-major result {@code flat} moved to the layout of an element-wise result of {@code inputs} (itself when that is row-major). */
    static Tensor laidOut(Tensor flat, Tensor... inputs) {
        int[] st = strides(flat.shapeArray(), inputs);
        if (st == null) return flat;
        Tensor out = emptyForWrite(flat.shapeArray().clone(), st, flat.dtype());
        Elementwise.copyInto(out, flat);
        return out;
    }

    /**
     * A result of self's shape moved to {@code empty_like(self)}'s layout (preserve_format: a dense self's own strides,
     * size-1 dims included), for the ops that allocate their result so (hardtanh, flip); itself when it is laid out so.
     */
    static Tensor likeSelf(Tensor result, Tensor self) {
        int[] like = preserve(self);
        if (like == null ? isContiguousStrides(result) : java.util.Arrays.equals(like, result.strides)) return result;
        Tensor out = emptyForWrite(result.shapeArray().clone(), like, result.dtype());
        Elementwise.copyInto(out, result);
        return out;
    }

    private static boolean isContiguousStrides(Tensor t) {
        return java.util.Arrays.equals(t.strides, Shape.contiguousStrides(t.shapeArray()));
    }

    /** The result of an element-wise op over {@code inputs} broadcast to {@code shape}, allocated at TensorIterator's strides. */
    static Tensor elementwise(int[] shape, DType dtype, Tensor... inputs) {
        return emptyForWrite(shape, strides(shape, inputs), dtype);
    }

    /**
     * TensorIterator's output strides for {@code inputs} broadcast to {@code shape}, or null when they are the
     * row-major ones (the common case allocates nothing more).
     */
    static int[] strides(int[] shape, Tensor... inputs) {
        int ndim = shape.length;
        if (ndim <= 1) return null;
        boolean sameShape = true, contiguous = true;
        for (Tensor t : inputs) {
            if (!java.util.Arrays.equals(t.shapeArray(), shape)) {
                sameShape = false;
                break;
            }
            contiguous &= isContiguous(t);
        }
        if (sameShape) {
            // the common case first, without the sorts below (every small op passes here)
            if (contiguous) return null;
            boolean channelsLast = ndim == 4, dense = true;
            for (Tensor t : inputs) {
                channelsLast &= isChannelsLastContiguous(t);
                dense &= isNonOverlappingAndDense(t);
            }
            if (channelsLast) return channelsLastStrides(shape);
            if (dense) {
                boolean equal = true;
                for (Tensor t : inputs) equal &= java.util.Arrays.equals(t.strides, inputs[0].strides);
                if (equal) return rowMajorOrNull(inputs[0].strides.clone(), shape);
            }
        }
        return sorted(shape, inputs);
    }

    /**
     * The general path alone (no fast setup), as for an op with a Python scalar (a wrapped 0-dim tensor, whose
     * strides never decide): null when that is row-major, as it always is for strides that are exactly row-major.
     */
    static int[] sorted(int[] shape, Tensor... inputs) {
        int ndim = shape.length;
        if (ndim <= 1) return null;
        // inputs whose strides are exactly row-major (broadcast or not) never ask for another order
        boolean rowMajor = true;
        for (Tensor t : inputs) rowMajor &= rowMajorStrides(t);
        if (rowMajor) return null;
        int[][] st = new int[inputs.length][];
        for (int k = 0; k < inputs.length; k++) st[k] = broadcastStrides(inputs[k], shape);
        int[] perm = permutation(st, shape);
        boolean inverted = true;
        for (int j = 0; j < ndim; j++) inverted &= perm[j] == ndim - 1 - j;
        if (inverted) return null;
        int[] out = new int[ndim];
        int next = 1;
        for (int j = 0; j < ndim; j++) {
            out[perm[j]] = next;
            next *= shape[perm[j]];
        }
        return out;
    }

    /**
     * reorder_dimensions' insertion sort over the operands' strides (at the shape): the dims innermost first. A
     * stride-0 (broadcast or expanded) dim leaves every comparison undecided, so it keeps its logical place.
     */
    private static int[] permutation(int[][] st, int[] shape) {
        int ndim = shape.length;
        int[] perm = new int[ndim];
        for (int i = 0; i < ndim; i++) perm[i] = ndim - 1 - i;
        for (int i = 1; i < ndim; i++) {
            int dim1 = i;
            for (int dim0 = i - 1; dim0 >= 0; dim0--) {
                int c = shouldSwap(st, shape, perm[dim0], perm[dim1]);
                if (c > 0) {
                    int tmp = perm[dim0];
                    perm[dim0] = perm[dim1];
                    perm[dim1] = tmp;
                    dim1 = dim0;
                } else if (c < 0) {
                    break;
                }
            }
        }
        return perm;
    }

    /** The order a TensorIterator over t alone (no output: std_var_all_cpu's) walks t's dims: innermost first. */
    static int[] inputOrder(Tensor t) {
        return permutation(new int[][] {t.strides}, t.shapeArray());
    }

    /** reorder_dimensions' comparison: 1 if dim0 goes after dim1, -1 before, 0 undecided. */
    private static int shouldSwap(int[][] st, int[] shape, int dim0, int dim1) {
        for (int[] s : st) {
            int s0 = s[dim0], s1 = s[dim1];
            if (s0 == 0 || s1 == 0) continue;
            if (s0 < s1) return -1;
            if (s0 > s1) return 1;
            if (shape[dim0] > shape[dim1]) return 1;
        }
        return 0;
    }

    /** Whether t's strides are exactly the row-major ones of its shape, size-1 dims included. */
    private static boolean rowMajorStrides(Tensor t) {
        int[] shape = t.shapeArray();
        int expected = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (t.strides[d] != expected) return false;
            expected *= shape[d];
        }
        return true;
    }

    /** compute_strides: an input's strides at the broadcast shape, 0 on the dims it is broadcast along. */
    private static int[] broadcastStrides(Tensor t, int[] shape) {
        int[] ts = t.shapeArray();
        int lead = shape.length - ts.length;
        int[] s = new int[shape.length];
        for (int i = 0; i < ts.length; i++) s[lead + i] = ts[i] == 1 && shape[lead + i] != 1 ? 0 : t.strides[i];
        return s;
    }

    /**
     * empty_like's preserve_format (clone, zeros_like, ...): a dense input's strides, else a dense layout in the
     * input's stride order; null when that is row-major.
     */
    static int[] preserve(Tensor t) {
        if (isNonOverlappingAndDense(t)) return rowMajorOrNull(t.strides.clone(), t.shapeArray());
        return rowMajorOrNull(inferDenseStrides(t.shapeArray(), t.strides), t.shapeArray());
    }

    /** infer_dense_strides: the dims sorted by stride (0-stride dims stay put), dense in that order. */
    static int[] inferDenseStrides(int[] sizes, int[] strides) {
        int ndim = sizes.length;
        if (ndim == 0) return new int[0];
        if (ndim == 1) return new int[] {1};
        int[] perm = new int[ndim];
        for (int i = 0; i < ndim; i++) perm[i] = ndim - 1 - i;
        for (int i = 1; i < ndim; i++) {
            int dim1 = i;
            for (int j = 1; j <= i; j++) {
                int dim0 = i - j;
                int a = perm[dim0], b = perm[dim1];
                int c;
                if (strides[a] == 0 || strides[b] == 0) c = 0;
                else if (strides[a] < strides[b]) c = -1;
                else if (strides[a] > strides[b]) c = 1;
                else c = sizes[a] > sizes[b] ? 1 : 0;
                if (c > 0) {
                    perm[dim0] = b;
                    perm[dim1] = a;
                    dim1 = dim0;
                } else if (c < 0) {
                    break;
                }
            }
        }
        int[] out = new int[ndim];
        int cur = 1;
        for (int i = 0; i < ndim; i++) {
            out[perm[i]] = cur;
            if (sizes[perm[i]] > 1) cur *= sizes[perm[i]];
        }
        return out;
    }

    private static int[] rowMajorOrNull(int[] strides, int[] shape) {
        return java.util.Arrays.equals(strides, Shape.contiguousStrides(shape)) ? null : strides;
    }

    /** PyTorch's is_contiguous(): row-major over the dims longer than 1, and any empty tensor. */
    static boolean isContiguous(Tensor t) {
        return t.numel() == 0 || t.isContiguous();
    }

    /** is_non_overlapping_and_dense: the dims longer than 1, sorted by stride, step through one block exactly. */
    static boolean isNonOverlappingAndDense(Tensor t) {
        int[] shape = t.shapeArray(), strides = t.strides;
        int ndim = shape.length;
        if (ndim == 1) return shape[0] < 2 || strides[0] == 1;
        for (int s : shape) if (s == 0) return true;
        Integer[] perm = new Integer[ndim];
        for (int i = 0; i < ndim; i++) perm[i] = i;
        java.util.Arrays.sort(perm, (a, b) -> {
            boolean sa = shape[a] < 2, sb = shape[b] < 2;
            if (sa != sb) return sa ? 1 : -1;
            return sa ? 0 : Integer.compare(strides[a], strides[b]);
        });
        long require = 1;
        for (int d : perm) {
            if (shape[d] < 2) return true;
            if (strides[d] != require) return false;
            require *= shape[d];
        }
        return true;
    }

    /** is_contiguous(memory_format=torch.channels_last) of a 4-D tensor. */
    static boolean isChannelsLastContiguous(Tensor t) {
        int[] shape = t.shapeArray();
        if (shape.length != 4) return false;
        long expected = 1;
        for (int d : new int[] {1, 3, 2, 0}) {
            if (shape[d] == 1) continue;
            if (t.strides[d] != expected) return false;
            expected *= shape[d];
        }
        return true;
    }

    static int[] channelsLastStrides(int[] s) {
        int[] st = new int[4];
        st[1] = 1;
        st[3] = s[1];
        st[2] = st[3] * s[3];
        st[0] = st[2] * s[2];
        return st;
    }
}
