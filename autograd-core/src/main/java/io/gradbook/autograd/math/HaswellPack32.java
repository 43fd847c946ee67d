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
        // whole panels of 8 unrolled (the bulk: a loop over the 8 would copy a float per iteration)
        for (; rows - i >= 8; i += 8, d += 8 * depth) {
            if (transposed) panel8(src, off + i * ld, ld, 1, depth, dst, d);
            else panel8(src, off + i, 1, ld, depth, dst, d);
        }
        for (int width = 4; width >= 1; width >>= 1) {
            if (rows - i < width) continue;
            for (int l = 0; l < depth; l++) {
                for (int r = 0; r < width; r++) dst[d++] = transposed ? src[off + l + (i + r) * ld] : src[off + i + r + l * ld];
            }
            i += width;
        }
    }

    /**
     * {@code depth x cols} of B into {@code dst[dstOff..]}: element (l, j) at {@code src[off + l + j * ld]}, or
     * {@code src[off + j + l * ld]} when {@code transposed}; {@link HaswellSgemm#copyB}'s arguments.
     */
    static void packB(boolean transposed, int depth, int cols, float[] src, int off, int ld, float[] dst, int dstOff) {
        int d = dstOff, j = 0;
        for (; cols - j >= 4; j += 4, d += 4 * depth) {
            if (transposed) panel4(src, off + j, 1, ld, depth, dst, d);
            else panel4(src, off + j * ld, ld, 1, depth, dst, d);
        }
        for (int width = 2; width >= 1; width >>= 1) {
            if (cols - j < width) continue;
            for (int l = 0; l < depth; l++) {
                for (int c = 0; c < width; c++) dst[d++] = transposed ? src[off + j + c + l * ld] : src[off + l + (j + c) * ld];
            }
            j += width;
        }
    }

    /**
     * 8 lanes ({@code lane} apart in src) by {@code depth} steps ({@code step} apart) into dst, 8 floats a step. Two
     * loops, so that the JIT drops the bounds checks: steps 1 apart (index l, lanes strided), lanes 1 apart (a vector
     * copy per step).
     */
    private static void panel8(float[] src, int s, int lane, int step, int depth, float[] dst, int d) {
        if (step == 1) {
            int s0 = s, s1 = s + lane, s2 = s + 2 * lane, s3 = s + 3 * lane, s4 = s + 4 * lane, s5 = s + 5 * lane,
                    s6 = s + 6 * lane, s7 = s + 7 * lane;
            for (int l = 0; l < depth; l++) {
                int at = d + 8 * l;
                dst[at] = src[s0 + l];
                dst[at + 1] = src[s1 + l];
                dst[at + 2] = src[s2 + l];
                dst[at + 3] = src[s3 + l];
                dst[at + 4] = src[s4 + l];
                dst[at + 5] = src[s5 + l];
                dst[at + 6] = src[s6 + l];
                dst[at + 7] = src[s7 + l];
            }
        } else {
            for (int l = 0; l < depth; l++) HaswellKernel32.copy8(src, s + l * step, dst, d + 8 * l);
        }
    }

    /** 4 lanes by {@code depth} steps into dst, 4 floats a step (as {@link #panel8}). */
    private static void panel4(float[] src, int s, int lane, int step, int depth, float[] dst, int d) {
        if (step == 1) {
            int s0 = s, s1 = s + lane, s2 = s + 2 * lane, s3 = s + 3 * lane;
            for (int l = 0; l < depth; l++) {
                int at = d + 4 * l;
                dst[at] = src[s0 + l];
                dst[at + 1] = src[s1 + l];
                dst[at + 2] = src[s2 + l];
                dst[at + 3] = src[s3 + l];
            }
        } else {
            for (int l = 0; l < depth; l++) HaswellKernel32.copy4(src, s + l * step, dst, d + 4 * l);
        }
    }
}
