// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import java.util.Arrays;

/**
 * {@link Float32Runs} for float64: a unary op over a non-contiguous input in PyTorch's runs (memory order, coalesced
 * inner dims; a stride-1 run through the vector body and scalar tail, any other run through the scalar op), for the
 * float64 ops whose vector and scalar code differ (sigmoid, sinh, cosh: Float64Unary). Values come back row-major.
 */
final class Float64Runs {
    private Float64Runs() {}

    /** The op over a strided run (DoubleMath.unary's contract). */
    @FunctionalInterface
    interface Loop {
        void apply(double[] src, int srcOff, int srcStride, double[] dst, int dstOff, int dstStride, int n);
    }

    /** f over x (float64) in PyTorch's runs, row-major; null when x has a zero or negative stride (callers keep their path). */
    static double[] map(Tensor x, Loop f) {
        double[] a = ((Storage.DoubleStorage) x.storage).a;
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
        double[] out = new double[n];
        if (n == 0) return out;
        int run = dims.length == 0 ? 1 : shape[dims[0]], m = 1;
        while (m < dims.length && strides[dims[m]] == strides[dims[m - 1]] * shape[dims[m - 1]]) run *= shape[dims[m++]];
        int inner = dims.length == 0 ? 1 : strides[dims[0]];
        int[] rowMajor = new int[shape.length];
        for (int d = shape.length - 1, c = 1; d >= 0; d--) {
            rowMajor[d] = c;
            c *= shape[d];
        }
        int[] idx = new int[dims.length];
        double[] tmp = new double[run];
        int pos = x.offset, logical = 0;
        for (int done = 0; done < n; done += run) {
            f.apply(a, pos, inner, tmp, 0, 1, run);
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
        }
        return out;
    }
}
