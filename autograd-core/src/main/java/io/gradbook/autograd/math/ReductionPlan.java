// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

import java.util.Arrays;

/**
 * The iteration order TensorIterator builds for a reduction (PyTorch 1.13 {@code TensorIterator.cpp}:
 * {@code reorder_dimensions} then {@code coalesce_dimensions}), for one input and a row-major output over the
 * kept dims. Iterator dim 0 is the fastest; reduced dims (output stride 0) come first, the others by stride.
 * The order decides which cascade-sum path runs (inner vs outer), so it decides the bits of the result.
 */
public final class ReductionPlan {
    final int[] shape;
    final int[] inStride;
    final int[] outStride;
    final long numel;
    final int outNumel;

    private ReductionPlan(int[] shape, int[] inStride, int[] outStride, long numel, int outNumel) {
        this.shape = shape;
        this.inStride = inStride;
        this.outStride = outStride;
        this.numel = numel;
        this.outNumel = outNumel;
    }

    /** One 2-d block of a reduction's loop: the positions of its first input and output elements. */
    @FunctionalInterface
    interface Block {
        void run(int inBase, int outBase);
    }

    /**
     * TensorIterator's {@code serial_for_each}: {@code body} on each 2-d block over iterator dims 0 and 1, the
     * outer dims counted with dim 2 fastest (a plan of at most 2 dims is one block).
     */
    void forEachBlock(int srcOff, int dstOff, Block body) {
        int nd = shape.length;
        int[] counter = new int[Math.max(nd, 2)];
        int inBase = srcOff, outBase = dstOff;
        while (true) {
            body.run(inBase, outBase);
            int d = 2;
            for (; d < nd; d++) {
                counter[d]++;
                inBase += inStride[d];
                outBase += outStride[d];
                if (counter[d] < shape[d]) break;
                inBase -= inStride[d] * shape[d];
                outBase -= outStride[d] * shape[d];
                counter[d] = 0;
            }
            if (d >= nd) return;
        }
    }

    static boolean[] reducedMask(int ndim, int[] reduceDims) {
        boolean[] r = new boolean[ndim];
        for (int d : reduceDims) {
            int dd = d < 0 ? d + ndim : d;
            if (dd < 0 || dd >= ndim) {
                throw new IndexOutOfBoundsException("Dimension out of range (expected to be in range of [" + (-Math.max(ndim, 1))
                    + ", " + (Math.max(ndim, 1) - 1) + "], but got " + d + ")");
            }
            r[dd] = true;
        }
        return r;
    }

    static ReductionPlan of(int[] shape, int[] strides, int[] reduceDims) {
        int ndim = shape.length;
        if (strides.length != ndim) throw new IllegalArgumentException("shape and strides differ in length");
        boolean[] reduced = reducedMask(ndim, reduceDims);
        int[] outStrideFull = outputStrides(shape, reduced);
        int outNumel = 1;
        long numel = 1;
        for (int d = 0; d < ndim; d++) {
            numel *= shape[d];
            if (!reduced[d]) outNumel *= shape[d];
        }
        int[] perm = permutation(shape, strides, outStrideFull);
        int n = perm.length;
        int[] sh = new int[n], is = new int[n], os = new int[n];
        for (int i = 0; i < n; i++) {
            sh[i] = shape[perm[i]];
            is[i] = strides[perm[i]];
            os[i] = outStrideFull[perm[i]];
        }
        // coalesce_dimensions
        if (n > 1) {
            int prev = 0;
            for (int d = 1; d < n; d++) {
                boolean can = sh[prev] == 1 || sh[d] == 1
                    || ((long) sh[prev] * is[prev] == is[d] && (long) sh[prev] * os[prev] == os[d]);
                if (can) {
                    if (sh[prev] == 1) { is[prev] = is[d]; os[prev] = os[d]; }
                    sh[prev] *= sh[d];
                } else {
                    prev++;
                    if (prev != d) { is[prev] = is[d]; os[prev] = os[d]; sh[prev] = sh[d]; }
                }
            }
            n = prev + 1;
            sh = Arrays.copyOf(sh, n);
            is = Arrays.copyOf(is, n);
            os = Arrays.copyOf(os, n);
        }
        return new ReductionPlan(sh, is, os, numel, outNumel);
    }

    /** A reduction's output strides at the input's shape: row-major over the kept dims, 0 for the reduced ones. */
    private static int[] outputStrides(int[] shape, boolean[] reduced) {
        int[] strides = new int[shape.length];
        int run = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (!reduced[d]) {
                strides[d] = run;
                run *= shape[d];
            }
        }
        return strides;
    }

    /** reorder_dimensions for a reduction: the dims other than size-1 ones (which never change the order once coalesced), fastest first. */
    private static int[] permutation(int[] shape, int[] strides, int[] outStrideFull) {
        int ndim = shape.length;
        int[] dims = new int[ndim];
        int n = 0;
        for (int d = ndim - 1; d >= 0; d--) if (shape[d] != 1) dims[n++] = d; // perm starts reversed
        int[] perm = Arrays.copyOf(dims, n);
        // insertion sort with ambiguous comparisons, as reorder_dimensions does
        for (int i = 1; i < n; i++) {
            int dim1 = i;
            for (int dim0 = i - 1; dim0 >= 0; dim0--) {
                int c = shouldSwap(perm[dim0], perm[dim1], shape, outStrideFull, strides);
                if (c > 0) {
                    int t = perm[dim0]; perm[dim0] = perm[dim1]; perm[dim1] = t;
                    dim1 = dim0;
                } else if (c < 0) {
                    break;
                }
            }
        }
        return perm;
    }

    /**
     * The reduced dims (size-1 ones left out) in the order a reduction's TensorIterator walks one output's elements,
     * fastest first: binary_kernel_reduce's order (var/std's WelfordOps). An expanded, stride-0 reduced dim is an
     * undecided comparison, so it keeps its logical place instead of going innermost.
     */
    public static int[] reducedDimsFastestFirst(int[] shape, int[] strides, boolean[] reduced) {
        int[] perm = permutation(shape, strides, outputStrides(shape, reduced));
        int[] r = new int[perm.length];
        int k = 0;
        for (int d : perm) if (reduced[d]) r[k++] = d;
        return Arrays.copyOf(r, k);
    }

    /** {@code should_swap}: the output (a reduction's) first, moving reduced dims to the front, then the input. */
    private static int shouldSwap(int dim0, int dim1, int[] shape, int[] outStride, int[] inStride) {
        int o0 = outStride[dim0], o1 = outStride[dim1];
        if ((o0 == 0) != (o1 == 0)) return o1 == 0 ? 1 : -1;
        if (o0 != 0 && o1 != 0) {
            if (o0 < o1) return -1;
            if (o0 > o1) return 1;
            if (shape[dim0] > shape[dim1]) return 1;
        }
        int i0 = inStride[dim0], i1 = inStride[dim1];
        if (i0 != 0 && i1 != 0) {
            if (i0 < i1) return -1;
            if (i0 > i1) return 1;
            if (shape[dim0] > shape[dim1]) return 1;
        }
        return 0;
    }
}
