// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import java.util.Arrays;

/**
 * A tensor's elements in PyTorch's TensorIterator order on one thread: dims sorted by stride (innermost = smallest),
 * runs along the inner dims that coalesce with the innermost one. {@link #pos} is the current element's storage
 * index and {@link #logical} its row-major index (or its place in a target layout); {@link #step()} moves both on, innermost dim first, so after
 * {@link #run} steps pos is the start of the next run. Float32Runs and Float64Runs walk their inputs with it.
 */
final class MemoryOrderWalk {
    /** Elements per run, and the stride between them in storage. */
    final int run, inner;
    /** How many of the sorted dims make up a run. */
    private final int runDims;
    private final int[] shape, strides, rowMajor, dims, idx;
    int pos, logical;

    private MemoryOrderWalk(Tensor x, int[] dims, int[] target) {
        this.shape = x.shapeArray();
        this.strides = x.strides;
        this.dims = dims;
        this.idx = new int[dims.length];
        int r = dims.length == 0 ? 1 : shape[dims[0]], m = 1;
        while (m < dims.length && strides[dims[m]] == strides[dims[m - 1]] * shape[dims[m - 1]]) r *= shape[dims[m++]];
        this.run = r;
        this.runDims = m;
        this.inner = dims.length == 0 ? 1 : strides[dims[0]];
        this.rowMajor = target != null ? target : Shape.contiguousStrides(shape);
        this.pos = x.offset;
    }

    /** The walk over x with {@link #logical} the position at {@code target} strides (a dense output's), or null as {@link #of(Tensor)}. */
    static MemoryOrderWalk of(Tensor x, int[] target) {
        MemoryOrderWalk w = of(x);
        return w == null ? null : new MemoryOrderWalk(x, w.dims, target);
    }

    /** Whether a run is one stride-1 block at the target strides too (then a loop may write it whole). */
    boolean runContiguousInTarget() {
        if (dims.length == 0) return true;
        int expected = 1;
        for (int e = 0; e < runDims; e++) {
            if (rowMajor[dims[e]] != expected) return false;
            expected *= shape[dims[e]];
        }
        return true;
    }

    /** From the start of a run to the start of the next: the run's dims wrap back to 0, the carry goes on. */
    void nextRun() {
        advance(runDims);
    }

    /** The walk over x, or null when x has a zero or negative stride (PyTorch's order is not this one then). */
    static MemoryOrderWalk of(Tensor x) {
        int[] shape = x.shapeArray(), strides = x.strides;
        int[] order = new int[shape.length];
        int k = 0;
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] == 1) continue;
            if (strides[d] <= 0) return null;
            order[k++] = d;
        }
        Integer[] dims = new Integer[k];
        for (int i = 0; i < k; i++) dims[i] = order[i];
        Arrays.sort(dims, (p, q) -> strides[p] != strides[q] ? Integer.compare(strides[p], strides[q]) : Integer.compare(q, p));
        return new MemoryOrderWalk(x, Arrays.stream(dims).mapToInt(Integer::intValue).toArray(), null);
    }

    /** To the next element: the odometer, innermost dim first. */
    void step() {
        advance(0);
    }

    private void advance(int from) {
        for (int e = from; e < dims.length; e++) {
            int d = dims[e];
            if (++idx[e] < shape[d]) {
                pos += strides[d];
                logical += rowMajor[d];
                return;
            }
            pos -= strides[d] * (shape[d] - 1);
            logical -= rowMajor[d] * (shape[d] - 1);
            idx[e] = 0;
        }
    }
}
