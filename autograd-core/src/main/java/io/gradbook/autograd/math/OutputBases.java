// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

/** Where each output of a reduction starts reading: the storage offset of its first reduced element. */
public final class OutputBases {
    private OutputBases() {}

    /**
     * The offsets for a view ({@code offset}, {@code shape}, {@code strides} in elements) reduced over the dims
     * {@code reduced} marks, one per output, row-major over the kept dims.
     */
    public static int[] of(int offset, int[] shape, int[] strides, boolean[] reduced) {
        int rank = shape.length;
        int n = 1;
        for (int d = 0; d < rank; d++) if (!reduced[d]) n *= shape[d];
        int[] bases = new int[n];
        int[] idx = new int[rank];
        for (int o = 0; o < n; o++) {
            int b = offset;
            for (int d = 0; d < rank; d++) if (!reduced[d]) b += idx[d] * strides[d];
            bases[o] = b;
            for (int d = rank - 1; d >= 0; d--) {
                if (reduced[d]) continue;
                if (++idx[d] < shape[d]) break;
                idx[d] = 0;
            }
        }
        return bases;
    }
}
