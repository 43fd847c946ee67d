// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

/**
 * The packed layouts {@link HaswellKernel32} reads (OpenBLAS's Haswell sgemm packing: GEMM_UNROLL_M 8,
 * GEMM_UNROLL_N 4), into float arrays. Column-major terms: A is rows x depth (the kernel's m x k), B depth x cols.
 * Packed A: panels of 8 rows, then one of 4, 2, 1 for the rows left, each panel {@code width} floats per k, k in
 * order. Packed B: panels of 4 columns, then 2, then 1, each {@code width} floats per k. Packing only copies, so
 * the layout is free as long as the kernel reads it; this one is OpenBLAS's, so that the kernel's pointer steps
 * (a 12-column step reads three panels of 4) carry over.
 */
final class HaswellPack32 {
    private HaswellPack32() {}

    /**
     * {@code depth x rows} of A into {@code dst[dstOff..]}: element (i, l) at {@code src[off + i + l * ld]}, or
     * {@code src[off + l + i * ld]} when {@code transposed}; {@link HaswellSgemm#copyA}'s arguments.
     */
    static void packA(boolean transposed, int depth, int rows, float[] src, int off, int ld, float[] dst, int dstOff) {
        int d = dstOff, i = 0;
        for (int width = 8; width >= 1; width = width == 8 ? 4 : width >> 1) {
            while (rows - i >= width) {
                if (!transposed) {
                    for (int l = 0; l < depth; l++, d += width) System.arraycopy(src, off + i + l * ld, dst, d, width);
                } else {
                    // row by row per k: the reads are width streams along k, the writes one
                    int s = off + i * ld;
                    for (int l = 0; l < depth; l++) for (int r = 0; r < width; r++) dst[d++] = src[s + l + r * ld];
                }
                i += width;
                if (width < 8) break; // one panel of each tail width at most
            }
        }
    }

    /**
     * {@code depth x cols} of B into {@code dst[dstOff..]}: element (l, j) at {@code src[off + l + j * ld]}, or
     * {@code src[off + j + l * ld]} when {@code transposed}; {@link HaswellSgemm#copyB}'s arguments.
     */
    static void packB(boolean transposed, int depth, int cols, float[] src, int off, int ld, float[] dst, int dstOff) {
        int d = dstOff, j = 0;
        for (int width = 4; width >= 1; width >>= 1) {
            while (cols - j >= width) {
                if (transposed) {
                    for (int l = 0; l < depth; l++, d += width) System.arraycopy(src, off + j + l * ld, dst, d, width);
                } else {
                    int s = off + j * ld;
                    for (int l = 0; l < depth; l++) for (int c = 0; c < width; c++) dst[d++] = src[s + l + c * ld];
                }
                j += width;
                if (width < 4) break;
            }
        }
    }
}
