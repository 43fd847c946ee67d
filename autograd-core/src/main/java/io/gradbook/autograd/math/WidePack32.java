// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Packed A for {@link WideKernel32}: the first {@code rows & ~31} rows in panels of 32 rows (32 floats per k, k in
 * order), the rows after them in {@link HaswellPack32}'s layout. Both layouts give a block of rows {@code rows x
 * depth} floats, so the rows after the panels sit where HaswellPack32 puts them and its kernel steps read them in
 * place. Arguments as {@link HaswellPack32#packA}: element (i, l) of the {@code rows x depth} block at {@code
 * src[off + i + l * ld]}, or {@code src[off + l + i * ld]} when {@code transposed}.
 */
final class WidePack32 {
    private WidePack32() {}

    static void packA(boolean transposed, int depth, int rows, float[] src, int off, int ld, float[] dst, int dstOff) {
        int panels = rows >> 5, d = dstOff;
        for (int p = 0; p < panels; p++, d += WideKernel32.PANEL * depth) {
            int first = p * WideKernel32.PANEL;
            if (transposed) {
                // row by row: each row's k run is contiguous in src, 32 floats apart in the panel
                for (int r = 0; r < WideKernel32.PANEL; r++) {
                    int s = off + (first + r) * ld, t = d + r;
                    for (int l = 0; l < depth; l++, t += WideKernel32.PANEL) dst[t] = src[s + l];
                }
            } else {
                for (int l = 0, s = off + first, t = d; l < depth; l++, s += ld, t += WideKernel32.PANEL)
                    System.arraycopy(src, s, dst, t, WideKernel32.PANEL);
            }
        }
        int done = panels * WideKernel32.PANEL;
        if (rows > done) HaswellPack32.packA(transposed, depth, rows - done, src, transposed ? off + done * ld : off + done, ld, dst, d);
    }

    /**
     * Whether {@link #packB} interleaves with two-vector shuffles: JDK 22+ (its C2 compiles them to permutes; 1.2-1.7
     * ms for a thread's 320 x 12544 block of the CNN-sized product against 3.2 for the scalar loop, which JDK 17's
     * shuffles, 8.3 ms, do not beat; bench/RESULTS.md, twentieth session).
     */
    static final boolean SHUFFLES = Runtime.version().feature() >= 22;

    private static final VectorSpecies<Float> W = WideKernel32.W;
    /** Pairs of two columns' lanes: [a0 b0 a1 b1 .. a7 b7] ({@code LOW}) and [a8 b8 .. a15 b15]. */
    private static final VectorShuffle<Float> LOW = pairs(0), HIGH = pairs(8);
    /** Pairs of pairs: [p0 p1 q0 q1 p2 p3 q2 q3 ..], from pair 0 ({@code FIRST}) or pair 4 of each. */
    private static final VectorShuffle<Float> FIRST = quads(0), SECOND = quads(4);

    private static VectorShuffle<Float> pairs(int from) {
        int[] ix = new int[16];
        for (int i = 0; i < 8; i++) {
            ix[2 * i] = from + i;
            ix[2 * i + 1] = 16 + from + i; // 16 and up: the second vector's lanes
        }
        return VectorShuffle.fromValues(W, ix);
    }

    private static VectorShuffle<Float> quads(int from) {
        int[] ix = new int[16];
        for (int i = 0; i < 4; i++) {
            int pair = 2 * (from + i);
            ix[4 * i] = pair;
            ix[4 * i + 1] = pair + 1;
            ix[4 * i + 2] = 16 + pair;
            ix[4 * i + 3] = 16 + pair + 1;
        }
        return VectorShuffle.fromValues(W, ix);
    }

    /** {@link HaswellPack32#packB}'s layout, the 4-column panels of an untransposed B by {@link #panel4}. */
    static void packB(boolean transposed, int depth, int cols, float[] src, int off, int ld, float[] dst, int dstOff) {
        if (transposed || !SHUFFLES) {
            HaswellPack32.packB(transposed, depth, cols, src, off, ld, dst, dstOff);
            return;
        }
        int j = 0, d = dstOff;
        for (; cols - j >= 4; j += 4, d += 4 * depth) panel4(src, off + j * ld, ld, depth, dst, d);
        if (cols > j) HaswellPack32.packB(false, depth, cols - j, src, off + j * ld, ld, dst, d);
    }

    /** Four columns ({@code lane} apart, k contiguous) into dst, 4 floats a k: a 4 x 16 transpose per 16 k. */
    private static void panel4(float[] src, int s, int lane, int depth, float[] dst, int d) {
        int s0 = s, s1 = s + lane, s2 = s + 2 * lane, s3 = s + 3 * lane, l = 0;
        for (; l <= depth - 16; l += 16) {
            FloatVector r0 = FloatVector.fromArray(W, src, s0 + l), r1 = FloatVector.fromArray(W, src, s1 + l);
            FloatVector r2 = FloatVector.fromArray(W, src, s2 + l), r3 = FloatVector.fromArray(W, src, s3 + l);
            FloatVector p = r0.rearrange(LOW, r1), p2 = r0.rearrange(HIGH, r1);
            FloatVector q = r2.rearrange(LOW, r3), q2 = r2.rearrange(HIGH, r3);
            int at = d + 4 * l;
            p.rearrange(FIRST, q).intoArray(dst, at);
            p.rearrange(SECOND, q).intoArray(dst, at + 16);
            p2.rearrange(FIRST, q2).intoArray(dst, at + 32);
            p2.rearrange(SECOND, q2).intoArray(dst, at + 48);
        }
        for (; l < depth; l++) {
            int at = d + 4 * l;
            dst[at] = src[s0 + l];
            dst[at + 1] = src[s1 + l];
            dst[at + 2] = src[s2 + l];
            dst[at + 3] = src[s3 + l];
        }
    }
}
