// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import java.util.Arrays;

/**
 * A float32 unary op over a non-contiguous input, element for element as PyTorch 1.13's TensorIterator runs it
 * (one thread): dims ordered by the input's strides (innermost = smallest; the output is laid out to match),
 * runs along the coalesced inner dims; a run of stride 1 goes through the loop whole (vector body, scalar tail,
 * as cpu_kernel_vec), any other run element by element (PyTorch's basic_loop: the scalar op). So a transposed
 * input is computed in its memory order (the tail falls on its last elements in memory) and a sliced one through
 * the scalar op everywhere. Values come back in row-major order (Gradbook's outputs stay contiguous).
 */
final class Float32Runs {
    private Float32Runs() {}

    /** The op's contract over a contiguous run (Float32Unary's loops). */
    @FunctionalInterface
    interface Loop {
        void apply(float[] src, int srcOff, float[] dst, int dstOff, int n);
    }

    /** f over x (float32) in PyTorch's runs, row-major; null when x has a zero or negative stride (callers keep their path). */
    static float[] map(Tensor x, Loop f) {
        float[] a = ((Storage.FloatStorage) x.storage).a;
        int n = x.numel();
        int[] shape = x.shapeArray(), strides = x.strides;
        Integer[] order = new Integer[shape.length];
        int k = 0;
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] == 1) continue;
            if (strides[d] <= 0) return null;
            order[k++] = d;
        }
        Integer[] dims = Arrays.copyOf(order, k);
        Arrays.sort(dims, (p, q) -> strides[p] != strides[q] ? Integer.compare(strides[p], strides[q]) : Integer.compare(q, p));
        float[] out = new float[n];
        if (n == 0) return out;
        // the inner run: dims that coalesce with the innermost one
        int run = dims.length == 0 ? 1 : shape[dims[0]], m = 1;
        while (m < dims.length && strides[dims[m]] == strides[dims[m - 1]] * shape[dims[m - 1]]) run *= shape[dims[m++]];
        int inner = dims.length == 0 ? 1 : strides[dims[0]];
        int[] rowMajor = new int[shape.length];
        for (int d = shape.length - 1, c = 1; d >= 0; d--) {
            rowMajor[d] = c;
            c *= shape[d];
        }
        int[] idx = new int[dims.length];
        float[] tmp = new float[run];
        int pos = x.offset, logical = 0;
        for (int done = 0; done < n; done += run) {
            if (inner == 1) {
                f.apply(a, pos, tmp, 0, run);
            } else {
                for (int j = 0; j < run; j++) f.apply(a, pos + j * inner, tmp, j, 1);
            }
            // scatter the run to row-major positions, stepping the odometer (innermost dim first)
            for (int j = 0; j < run; j++) {
                out[logical] = tmp[j];
                for (int e = 0; e < dims.length; e++) {
                    int d = dims[e];
                    if (++idx[e] < shape[d]) {
                        pos += strides[d];
                        logical += rowMajor[d];
                        break;
                    }
                    pos -= strides[d] * (shape[d] - 1);
                    logical -= rowMajor[d] * (shape[d] - 1);
                    idx[e] = 0;
                }
            }
            // the odometer has moved pos to the start of the next run
        }
        return out;
    }
}
