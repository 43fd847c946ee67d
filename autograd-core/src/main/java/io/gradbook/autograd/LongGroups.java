// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

/**
 * The reduced elements of each output of an integer or bool tensor, as exact longs (int64 beyond 2^53 included):
 * one array per output, row-major over the kept dims, the reduced elements row-major within. For reductions whose
 * integer result does not depend on the order (max, min, wrapping products).
 */
final class LongGroups {
    private LongGroups() {}

    static long[][] of(Tensor a, boolean[] mask) {
        int rank = a.dim();
        int[] shape = a.shapeArray();
        int[] bases = io.gradbook.autograd.math.OutputBases.of(a.offset, a.shapeArray(), a.strides, mask);
        int len = 1;
        for (int d = 0; d < rank; d++) if (mask[d]) len *= shape[d];
        long[][] out = new long[bases.length][len];
        int[] idx = new int[rank];
        for (int o = 0; o < bases.length; o++) {
            java.util.Arrays.fill(idx, 0);
            for (int i = 0; i < len; i++) {
                int p = bases[o];
                for (int d = 0; d < rank; d++) if (mask[d]) p += idx[d] * a.strides[d];
                out[o][i] = a.storage.getLong(p);
                for (int d = rank - 1; d >= 0; d--) {
                    if (!mask[d]) continue;
                    if (++idx[d] < shape[d]) break;
                    idx[d] = 0;
                }
            }
        }
        return out;
    }
}
