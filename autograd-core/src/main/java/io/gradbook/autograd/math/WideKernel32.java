// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link HaswellKernel32}'s arithmetic, 16 lanes at a time, for processors with 512-bit vectors (AVX-512): the fmas
 * of OpenBLAS's Haswell sgemm kernel in the same order per element of C, so the same bits (each element is summed on
 * its own: which elements share a vector does not change its fmas), in tiles of 32 rows by 8 columns (16
 * accumulators) where the Haswell kernel's are 8 by 12: 138-145 GFLOP/s a core on such tiles against 95-98 on 8-row
 * ones on an Intel Xeon, 160-170 on an AMD Zen 5 (bench/RESULTS.md, nineteenth and twentieth sessions). Whether
 * products take it is {@link WideSgemm}'s choice.
 *
 * <p>Packed A is {@link WidePack32}'s: the first {@code m & ~31} rows in panels of 32 (32 floats per k), the rows
 * after them in {@link HaswellPack32}'s layout at the offsets that layout gives them, so {@link HaswellKernel32}'s
 * steps run those rows unchanged ({@code firstBlock}). Packed B is HaswellPack32's. Within a 12-column step the
 * blocks of 8 rows that keep two accumulators (the first block's left 6 columns, the last block's left or right 6:
 * HaswellKernel32 says which) run as 32 x 6 tiles, one side of a step, whose masked lanes keep the second accumulator
 * (16-row tiles where a side's such lanes lie in both halves of a panel: a call of 32-63 rows); the 8-, 4-, 2- and
 * 1-column steps run 16 rows at a time with the rules of HaswellKernel32's step (two accumulators in every block of
 * the 4-column step, one elsewhere).
 */
final class WideKernel32 {
    private WideKernel32() {}

    static final VectorSpecies<Float> W = FloatVector.SPECIES_512;

    /** Rows per panel of packed A. */
    static final int PANEL = 32;

    /**
     * {@code c[cOff..] (m x n, column-major, ldc) += alpha * packed A (m x k) * packed B (k x n)}, as {@link
     * HaswellKernel32#kernel} with A packed by {@link WidePack32}.
     */
    static void kernel(int m, int n, int k, float alpha, float[] pa, int aOff, float[] pb, int bOff, float[] c, int cOff, int ldc) {
        if (m == 0 || n == 0 || k == 0 || alpha == 0f) return;
        int steps = n / 12, j = 12 * steps, b = bOff + 12 * k * steps;
        if (steps > 0) steps12(m, steps, k, alpha, pa, aOff, pb, bOff, c, cOff, ldc);
        for (; n - j >= 8; j += 8, b += 8 * k) step(m, 8, k, alpha, pa, aOff, pb, b, c, cOff + j * ldc, ldc);
        for (; n - j >= 4; j += 4, b += 4 * k) step(m, 4, k, alpha, pa, aOff, pb, b, c, cOff + j * ldc, ldc);
        for (; n - j >= 2; j += 2, b += 2 * k) step(m, 2, k, alpha, pa, aOff, pb, b, c, cOff + j * ldc, ldc);
        if (n - j >= 1) step(m, 1, k, alpha, pa, aOff, pb, b, c, cOff + j * ldc, ldc);
    }

    /**
     * The 12-column steps. Their 4-column panels of B, in pairs that may straddle two steps (each element's fmas do
     * not depend on its neighbours), by 32 x 8 tiles over the 32-row panels whose blocks all keep one accumulator
     * (a 32 x 12 tile ran at 83-98 GFLOP/s under the kernel's SerialGC: C2 hoisted its 12 broadcasts and spilled 6 of
     * its 24 accumulators; 32 x 8 needs 26 of the 32 registers at most: 138-145, bench/RESULTS.md, nineteenth
     * session). The other rows of each step ({@link #stepRest}) follow as soon as the tiles have passed its columns.
     */
    private static void steps12(int m, int steps, int k, float alpha, float[] pa, int aOff, float[] pb, int bOff, float[] c, int cOff, int ldc) {
        int blocks = m >> 3, panels = m >> 5, quads = 3 * steps, done = 0;
        for (int q = 0; q < quads; q += 2) {
            int b = bOff + 4 * k * q, cq = cOff + 4 * q * ldc;
            for (int p = 0; p < panels; p++) {
                if (twoLanes(0, 4 * p, blocks) != 0 || twoLanes(1, 4 * p, blocks) != 0) continue;
                if (q + 1 < quads) tile32x8(k, alpha, pa, aOff + PANEL * p * k, pb, b, c, cq + PANEL * p, ldc);
                else tile32x4(k, alpha, pa, aOff + PANEL * p * k, pb, b, c, cq + PANEL * p, ldc);
            }
            // each step's other rows as soon as its three panels of B have been through the tiles above, while they
            // are still in L1: run after all of them, the steps' 12 columns came from L3 again (B's block of a 2048
            // product is 2.6 MB), and these rows ran at ~0.6 of the tiles' speed per fma (JFR, bench/RESULTS.md)
            for (; done < steps && 3 * done + 2 <= q + 1; done++) stepRest(done, m, k, alpha, pa, aOff, pb, bOff, c, cOff, ldc);
        }
    }

    /**
     * The rows of 12-column step {@code s} that {@link #steps12}'s 32 x 8 tiles leave: the panels holding the first or
     * last block, which keep two accumulators on one side, in 32 x 6 tiles, one per side ({@link #side}; in 16-row
     * tiles they ran at ~85 GFLOP/s against the others' 120+, and they are 2 of the 10 panels of a 320-row call), then
     * the rows after the panels in HaswellKernel32.
     */
    private static void stepRest(int s, int m, int k, float alpha, float[] pa, int aOff, float[] pb, int bOff, float[] c, int cOff, int ldc) {
        int blocks = m >> 3, panels = m >> 5;
        int b = bOff + 12 * k * s, cs = cOff + 12 * s * ldc;
        for (int p = 0; p < panels; p++) {
            long left = twoLanes(0, 4 * p, blocks), right = twoLanes(1, 4 * p, blocks);
            if ((left | right) == 0) continue;
            int a = aOff + PANEL * p * k, cc = cs + PANEL * p, b1 = b + 4 * k, b2 = b + 8 * k;
            if (oneHalf(left) && oneHalf(right)) {
                // each side's two-accumulator lanes in one 16-row half: 32 x 6 tiles, as fast as the others
                side(k, alpha, pa, a, pb, b, b + 1, b + 2, b + 3, b1, b1 + 1, c, cc, ldc, left);
                side(k, alpha, pa, a, pb, b1 + 2, b1 + 3, b2, b2 + 1, b2 + 2, b2 + 3, c, cc + 6 * ldc, ldc, right);
                continue;
            }
            for (int h = 0; h < 2; h++) {
                long l = left >>> (16 * h) & 0xFFFF, r = right >>> (16 * h) & 0xFFFF;
                if ((l | r) == 0) tile16x12(k, alpha, pa, a + 16 * h, PANEL, pb, b, c, cc + 16 * h, ldc);
                else tile16x12two(k, alpha, pa, a + 16 * h, pb, b, c, cc + 16 * h, ldc, l, r);
            }
        }
        HaswellKernel32.step12(4 * panels, m, k, alpha, pa, aOff, pb, b, c, cs, ldc);
    }

    /** Whether a panel's two-accumulator lanes on one side lie in one 16-row half (or there are none). */
    private static boolean oneHalf(long lanes) {
        return (lanes & 0xFFFF) == 0 || (lanes >>> 16) == 0;
    }

    /**
     * Six columns of a 12-column step (B's column j at {@code e_j}, 4 floats per k) of one 32-row panel whose lanes
     * {@code lanes} keep two accumulators, all in one 16-row half ({@link #oneHalf}).
     */
    private static void side(int k, float alpha, float[] pa, int a, float[] pb, int e0, int e1, int e2, int e3, int e4, int e5,
                             float[] c, int cc, int ldc, long lanes) {
        if (lanes == 0) {
            tile32x6(k, alpha, pa, a, pb, e0, e1, e2, e3, e4, e5, c, cc, ldc);
        } else {
            int h = (lanes & 0xFFFF) != 0 ? 0 : 16;
            tile32x6two(k, alpha, pa, a + h, a + 16 - h, pb, e0, e1, e2, e3, e4, e5, c, cc + h, cc + 16 - h, ldc, lanes >>> h & 0xFFFF);
        }
    }

    /** Six columns (B's column j at {@code e_j}, 4 floats per k) of one 32-row panel, one accumulator per element. */
    private static void tile32x6(int k, float alpha, float[] pa, int a, float[] pb, int e0, int e1, int e2, int e3, int e4, int e5,
                                 float[] c, int cc, int ldc) {
        FloatVector z = FloatVector.zero(W);
        FloatVector x0 = z, x1 = z, x2 = z, x3 = z, x4 = z, x5 = z;
        FloatVector y0 = z, y1 = z, y2 = z, y3 = z, y4 = z, y5 = z;
        for (int kk = 0; kk < k; kk++) {
            FloatVector av = FloatVector.fromArray(W, pa, a + PANEL * kk), aw = FloatVector.fromArray(W, pa, a + PANEL * kk + 16);
            int o = 4 * kk;
            FloatVector bv;
            bv = FloatVector.broadcast(W, pb[e0 + o]);
            x0 = av.fma(bv, x0);
            y0 = aw.fma(bv, y0);
            bv = FloatVector.broadcast(W, pb[e1 + o]);
            x1 = av.fma(bv, x1);
            y1 = aw.fma(bv, y1);
            bv = FloatVector.broadcast(W, pb[e2 + o]);
            x2 = av.fma(bv, x2);
            y2 = aw.fma(bv, y2);
            bv = FloatVector.broadcast(W, pb[e3 + o]);
            x3 = av.fma(bv, x3);
            y3 = aw.fma(bv, y3);
            bv = FloatVector.broadcast(W, pb[e4 + o]);
            x4 = av.fma(bv, x4);
            y4 = aw.fma(bv, y4);
            bv = FloatVector.broadcast(W, pb[e5 + o]);
            x5 = av.fma(bv, x5);
            y5 = aw.fma(bv, y5);
        }
        FloatVector al = ((FloatVector) W.zero()).broadcast(alpha);
        al.fma(x0, FloatVector.fromArray(W, c, cc)).intoArray(c, cc);
        al.fma(x1, FloatVector.fromArray(W, c, cc + ldc)).intoArray(c, cc + ldc);
        al.fma(x2, FloatVector.fromArray(W, c, cc + 2 * ldc)).intoArray(c, cc + 2 * ldc);
        al.fma(x3, FloatVector.fromArray(W, c, cc + 3 * ldc)).intoArray(c, cc + 3 * ldc);
        al.fma(x4, FloatVector.fromArray(W, c, cc + 4 * ldc)).intoArray(c, cc + 4 * ldc);
        al.fma(x5, FloatVector.fromArray(W, c, cc + 5 * ldc)).intoArray(c, cc + 5 * ldc);
        al.fma(y0, FloatVector.fromArray(W, c, cc + 16)).intoArray(c, cc + 16);
        al.fma(y1, FloatVector.fromArray(W, c, cc + 16 + ldc)).intoArray(c, cc + 16 + ldc);
        al.fma(y2, FloatVector.fromArray(W, c, cc + 16 + 2 * ldc)).intoArray(c, cc + 16 + 2 * ldc);
        al.fma(y3, FloatVector.fromArray(W, c, cc + 16 + 3 * ldc)).intoArray(c, cc + 16 + 3 * ldc);
        al.fma(y4, FloatVector.fromArray(W, c, cc + 16 + 4 * ldc)).intoArray(c, cc + 16 + 4 * ldc);
        al.fma(y5, FloatVector.fromArray(W, c, cc + 16 + 5 * ldc)).intoArray(c, cc + 16 + 5 * ldc);
    }

    /**
     * {@link #tile32x6} where the lanes of {@code lanes} (bits 0-15) in the 16-row half at {@code a2} (C at {@code c2})
     * keep two accumulators (COMPUTE_H/T_m8n6: even k of each run of 8 in one, odd in the other, added at the end); the
     * other half ({@code a1}, {@code c1}) one. The halves are arguments, not a flag, so the loop has no branch and blends
     * only the half that needs it: 18 accumulators, no spill.
     */
    private static void tile32x6two(int k, float alpha, float[] pa, int a2, int a1, float[] pb, int e0, int e1, int e2, int e3, int e4,
                                    int e5, float[] c, int c2, int c1, int ldc, long lanes) {
        VectorMask<Float> two = mask(lanes);
        FloatVector z = FloatVector.zero(W);
        FloatVector x0 = z, x1 = z, x2 = z, x3 = z, x4 = z, x5 = z;
        FloatVector d0 = z, d1 = z, d2 = z, d3 = z, d4 = z, d5 = z;
        FloatVector y0 = z, y1 = z, y2 = z, y3 = z, y4 = z, y5 = z;
        int runs = k >> 3 << 3, kk = 0;
        for (; kk < runs; kk += 2) {
            FloatVector av = FloatVector.fromArray(W, pa, a2 + PANEL * kk), aw = FloatVector.fromArray(W, pa, a1 + PANEL * kk);
            int o = 4 * kk;
            FloatVector bv;
            bv = FloatVector.broadcast(W, pb[e0 + o]);
            x0 = av.fma(bv, x0);
            y0 = aw.fma(bv, y0);
            bv = FloatVector.broadcast(W, pb[e1 + o]);
            x1 = av.fma(bv, x1);
            y1 = aw.fma(bv, y1);
            bv = FloatVector.broadcast(W, pb[e2 + o]);
            x2 = av.fma(bv, x2);
            y2 = aw.fma(bv, y2);
            bv = FloatVector.broadcast(W, pb[e3 + o]);
            x3 = av.fma(bv, x3);
            y3 = aw.fma(bv, y3);
            bv = FloatVector.broadcast(W, pb[e4 + o]);
            x4 = av.fma(bv, x4);
            y4 = aw.fma(bv, y4);
            bv = FloatVector.broadcast(W, pb[e5 + o]);
            x5 = av.fma(bv, x5);
            y5 = aw.fma(bv, y5);
            // the odd k: the two-accumulator lanes' first sum stays as it was, their second takes the product
            av = FloatVector.fromArray(W, pa, a2 + PANEL * kk + PANEL);
            aw = FloatVector.fromArray(W, pa, a1 + PANEL * kk + PANEL);
            o += 4;
            bv = FloatVector.broadcast(W, pb[e0 + o]);
            d0 = av.fma(bv, d0);
            x0 = av.fma(bv, x0).blend(x0, two);
            y0 = aw.fma(bv, y0);
            bv = FloatVector.broadcast(W, pb[e1 + o]);
            d1 = av.fma(bv, d1);
            x1 = av.fma(bv, x1).blend(x1, two);
            y1 = aw.fma(bv, y1);
            bv = FloatVector.broadcast(W, pb[e2 + o]);
            d2 = av.fma(bv, d2);
            x2 = av.fma(bv, x2).blend(x2, two);
            y2 = aw.fma(bv, y2);
            bv = FloatVector.broadcast(W, pb[e3 + o]);
            d3 = av.fma(bv, d3);
            x3 = av.fma(bv, x3).blend(x3, two);
            y3 = aw.fma(bv, y3);
            bv = FloatVector.broadcast(W, pb[e4 + o]);
            d4 = av.fma(bv, d4);
            x4 = av.fma(bv, x4).blend(x4, two);
            y4 = aw.fma(bv, y4);
            bv = FloatVector.broadcast(W, pb[e5 + o]);
            d5 = av.fma(bv, d5);
            x5 = av.fma(bv, x5).blend(x5, two);
            y5 = aw.fma(bv, y5);
        }
        for (; kk < k; kk++) {
            FloatVector av = FloatVector.fromArray(W, pa, a2 + PANEL * kk), aw = FloatVector.fromArray(W, pa, a1 + PANEL * kk);
            int o = 4 * kk;
            FloatVector bv;
            bv = FloatVector.broadcast(W, pb[e0 + o]);
            x0 = av.fma(bv, x0);
            y0 = aw.fma(bv, y0);
            bv = FloatVector.broadcast(W, pb[e1 + o]);
            x1 = av.fma(bv, x1);
            y1 = aw.fma(bv, y1);
            bv = FloatVector.broadcast(W, pb[e2 + o]);
            x2 = av.fma(bv, x2);
            y2 = aw.fma(bv, y2);
            bv = FloatVector.broadcast(W, pb[e3 + o]);
            x3 = av.fma(bv, x3);
            y3 = aw.fma(bv, y3);
            bv = FloatVector.broadcast(W, pb[e4 + o]);
            x4 = av.fma(bv, x4);
            y4 = aw.fma(bv, y4);
            bv = FloatVector.broadcast(W, pb[e5 + o]);
            x5 = av.fma(bv, x5);
            y5 = aw.fma(bv, y5);
        }
        FloatVector al = ((FloatVector) W.zero()).broadcast(alpha);
        al.fma(x0.add(d0, two), FloatVector.fromArray(W, c, c2)).intoArray(c, c2);
        al.fma(x1.add(d1, two), FloatVector.fromArray(W, c, c2 + ldc)).intoArray(c, c2 + ldc);
        al.fma(x2.add(d2, two), FloatVector.fromArray(W, c, c2 + 2 * ldc)).intoArray(c, c2 + 2 * ldc);
        al.fma(x3.add(d3, two), FloatVector.fromArray(W, c, c2 + 3 * ldc)).intoArray(c, c2 + 3 * ldc);
        al.fma(x4.add(d4, two), FloatVector.fromArray(W, c, c2 + 4 * ldc)).intoArray(c, c2 + 4 * ldc);
        al.fma(x5.add(d5, two), FloatVector.fromArray(W, c, c2 + 5 * ldc)).intoArray(c, c2 + 5 * ldc);
        al.fma(y0, FloatVector.fromArray(W, c, c1)).intoArray(c, c1);
        al.fma(y1, FloatVector.fromArray(W, c, c1 + ldc)).intoArray(c, c1 + ldc);
        al.fma(y2, FloatVector.fromArray(W, c, c1 + 2 * ldc)).intoArray(c, c1 + 2 * ldc);
        al.fma(y3, FloatVector.fromArray(W, c, c1 + 3 * ldc)).intoArray(c, c1 + 3 * ldc);
        al.fma(y4, FloatVector.fromArray(W, c, c1 + 4 * ldc)).intoArray(c, c1 + 4 * ldc);
        al.fma(y5, FloatVector.fromArray(W, c, c1 + 5 * ldc)).intoArray(c, c1 + 5 * ldc);
    }

    private static final VectorMask<Float> NONE = VectorMask.fromLong(W, 0), LOW = VectorMask.fromLong(W, 0xFF),
            HIGH = VectorMask.fromLong(W, 0xFF00), BOTH = VectorMask.fromLong(W, 0xFFFF);

    /**
     * The mask of a 16-row half's lanes from their bits, as one of four constants: a mask C2 knows only as a
     * VectorMask (VectorMask.fromLong of a variable) left the blends calls, an object per vector. The tiles take the
     * bits and make the mask themselves: a mask argument of a tile C2 leaves as a call ("hot method too big") is an
     * object of a class it does not know there (the kernel's test_install.py flags such calls).
     */
    private static VectorMask<Float> mask(long bits) {
        return bits == 0 ? NONE : bits == 0xFF ? LOW : bits == 0xFF00 ? HIGH : BOTH;
    }

    /**
     * The lanes (bit i: row i of the panel whose first block of 8 rows is {@code first}) whose {@code side} of a
     * 12-column step keeps two accumulators, by {@link HaswellKernel32#twoAcc}.
     */
    private static long twoLanes(int side, int first, int blocks) {
        boolean sided = blocks >= 2;
        long lanes = 0;
        for (int i = 0; i < 4; i++) if (HaswellKernel32.twoAcc(sided, side, first + i, blocks)) lanes |= 0xFFL << (8 * i);
        return lanes;
    }

    /**
     * An 8-, 4-, 2- or 1-column step (B in panels of 4, 4, 2, 1 columns): the 32-row panels 16 rows at a time, one
     * accumulator per element but in the 4-column step (two: COMPUTE_m8n4), then HaswellKernel32 for the rest.
     */
    private static void step(int m, int cols, int k, float alpha, float[] pa, int aOff, float[] pb, int b, float[] c, int cOff, int ldc) {
        int panels = m >> 5;
        for (int p = 0; p < panels; p++) {
            for (int h = 0; h < 2; h++) {
                int a = aOff + PANEL * p * k + 16 * h, cc = cOff + PANEL * p + 16 * h;
                if (cols == 8) {
                    tile16x4(k, alpha, pa, a, pb, b, c, cc, ldc);
                    tile16x4(k, alpha, pa, a, pb, b + 4 * k, c, cc + 4 * ldc, ldc);
                } else if (cols == 4) {
                    tile16x4two(k, alpha, pa, a, pb, b, c, cc, ldc);
                } else {
                    for (int col = 0; col < cols; col++) column16(k, alpha, pa, a, pb, b + col, cols, c, cc + col * ldc);
                }
            }
        }
        HaswellKernel32.step(4 * panels, m, cols, cols == 1 ? 1 : cols == 2 ? 2 : 4, cols == 4, k, alpha, pa, aOff, pb, b, c, cOff, ldc);
    }

    /** 8 columns (2 panels of B, 4 floats per k) of one 32-row panel, one accumulator per element. */
    private static void tile32x8(int k, float alpha, float[] pa, int a, float[] pb, int b, float[] c, int cc, int ldc) {
        FloatVector z = FloatVector.zero(W);
        FloatVector x0 = z, x1 = z, x2 = z, x3 = z, x4 = z, x5 = z, x6 = z, x7 = z;
        FloatVector y0 = z, y1 = z, y2 = z, y3 = z, y4 = z, y5 = z, y6 = z, y7 = z;
        int b1 = b + 4 * k;
        for (int kk = 0; kk < k; kk++) {
            FloatVector av = FloatVector.fromArray(W, pa, a + PANEL * kk), aw = FloatVector.fromArray(W, pa, a + PANEL * kk + 16);
            int o = 4 * kk;
            FloatVector bv;
            bv = FloatVector.broadcast(W, pb[b + o]);
            x0 = av.fma(bv, x0);
            y0 = aw.fma(bv, y0);
            bv = FloatVector.broadcast(W, pb[b + o + 1]);
            x1 = av.fma(bv, x1);
            y1 = aw.fma(bv, y1);
            bv = FloatVector.broadcast(W, pb[b + o + 2]);
            x2 = av.fma(bv, x2);
            y2 = aw.fma(bv, y2);
            bv = FloatVector.broadcast(W, pb[b + o + 3]);
            x3 = av.fma(bv, x3);
            y3 = aw.fma(bv, y3);
            bv = FloatVector.broadcast(W, pb[b1 + o]);
            x4 = av.fma(bv, x4);
            y4 = aw.fma(bv, y4);
            bv = FloatVector.broadcast(W, pb[b1 + o + 1]);
            x5 = av.fma(bv, x5);
            y5 = aw.fma(bv, y5);
            bv = FloatVector.broadcast(W, pb[b1 + o + 2]);
            x6 = av.fma(bv, x6);
            y6 = aw.fma(bv, y6);
            bv = FloatVector.broadcast(W, pb[b1 + o + 3]);
            x7 = av.fma(bv, x7);
            y7 = aw.fma(bv, y7);
        }
        FloatVector al = ((FloatVector) W.zero()).broadcast(alpha);
        al.fma(x0, FloatVector.fromArray(W, c, cc)).intoArray(c, cc);
        al.fma(x1, FloatVector.fromArray(W, c, cc + ldc)).intoArray(c, cc + ldc);
        al.fma(x2, FloatVector.fromArray(W, c, cc + 2 * ldc)).intoArray(c, cc + 2 * ldc);
        al.fma(x3, FloatVector.fromArray(W, c, cc + 3 * ldc)).intoArray(c, cc + 3 * ldc);
        al.fma(x4, FloatVector.fromArray(W, c, cc + 4 * ldc)).intoArray(c, cc + 4 * ldc);
        al.fma(x5, FloatVector.fromArray(W, c, cc + 5 * ldc)).intoArray(c, cc + 5 * ldc);
        al.fma(x6, FloatVector.fromArray(W, c, cc + 6 * ldc)).intoArray(c, cc + 6 * ldc);
        al.fma(x7, FloatVector.fromArray(W, c, cc + 7 * ldc)).intoArray(c, cc + 7 * ldc);
        al.fma(y0, FloatVector.fromArray(W, c, cc + 16)).intoArray(c, cc + 16);
        al.fma(y1, FloatVector.fromArray(W, c, cc + 16 + ldc)).intoArray(c, cc + 16 + ldc);
        al.fma(y2, FloatVector.fromArray(W, c, cc + 16 + 2 * ldc)).intoArray(c, cc + 16 + 2 * ldc);
        al.fma(y3, FloatVector.fromArray(W, c, cc + 16 + 3 * ldc)).intoArray(c, cc + 16 + 3 * ldc);
        al.fma(y4, FloatVector.fromArray(W, c, cc + 16 + 4 * ldc)).intoArray(c, cc + 16 + 4 * ldc);
        al.fma(y5, FloatVector.fromArray(W, c, cc + 16 + 5 * ldc)).intoArray(c, cc + 16 + 5 * ldc);
        al.fma(y6, FloatVector.fromArray(W, c, cc + 16 + 6 * ldc)).intoArray(c, cc + 16 + 6 * ldc);
        al.fma(y7, FloatVector.fromArray(W, c, cc + 16 + 7 * ldc)).intoArray(c, cc + 16 + 7 * ldc);
    }

    /** 4 columns (1 panel of B, 4 floats per k) of one 32-row panel, one accumulator per element. */
    private static void tile32x4(int k, float alpha, float[] pa, int a, float[] pb, int b, float[] c, int cc, int ldc) {
        FloatVector z = FloatVector.zero(W);
        FloatVector x0 = z, x1 = z, x2 = z, x3 = z;
        FloatVector y0 = z, y1 = z, y2 = z, y3 = z;
        for (int kk = 0; kk < k; kk++) {
            FloatVector av = FloatVector.fromArray(W, pa, a + PANEL * kk), aw = FloatVector.fromArray(W, pa, a + PANEL * kk + 16);
            int o = 4 * kk;
            FloatVector bv;
            bv = FloatVector.broadcast(W, pb[b + o]);
            x0 = av.fma(bv, x0);
            y0 = aw.fma(bv, y0);
            bv = FloatVector.broadcast(W, pb[b + o + 1]);
            x1 = av.fma(bv, x1);
            y1 = aw.fma(bv, y1);
            bv = FloatVector.broadcast(W, pb[b + o + 2]);
            x2 = av.fma(bv, x2);
            y2 = aw.fma(bv, y2);
            bv = FloatVector.broadcast(W, pb[b + o + 3]);
            x3 = av.fma(bv, x3);
            y3 = aw.fma(bv, y3);
        }
        FloatVector al = ((FloatVector) W.zero()).broadcast(alpha);
        al.fma(x0, FloatVector.fromArray(W, c, cc)).intoArray(c, cc);
        al.fma(x1, FloatVector.fromArray(W, c, cc + ldc)).intoArray(c, cc + ldc);
        al.fma(x2, FloatVector.fromArray(W, c, cc + 2 * ldc)).intoArray(c, cc + 2 * ldc);
        al.fma(x3, FloatVector.fromArray(W, c, cc + 3 * ldc)).intoArray(c, cc + 3 * ldc);
        al.fma(y0, FloatVector.fromArray(W, c, cc + 16)).intoArray(c, cc + 16);
        al.fma(y1, FloatVector.fromArray(W, c, cc + 16 + ldc)).intoArray(c, cc + 16 + ldc);
        al.fma(y2, FloatVector.fromArray(W, c, cc + 16 + 2 * ldc)).intoArray(c, cc + 16 + 2 * ldc);
        al.fma(y3, FloatVector.fromArray(W, c, cc + 16 + 3 * ldc)).intoArray(c, cc + 16 + 3 * ldc);
    }

    /** A 12-column step over 16 rows (A {@code stride} floats per k), one accumulator per element. */
    private static void tile16x12(int k, float alpha, float[] pa, int a, int stride, float[] pb, int b, float[] c, int cc, int ldc) {
        FloatVector z = FloatVector.zero(W);
        FloatVector x0 = z, x1 = z, x2 = z, x3 = z, x4 = z, x5 = z, x6 = z, x7 = z, x8 = z, x9 = z, x10 = z, x11 = z;
        int b1 = b + 4 * k, b2 = b + 8 * k;
        for (int kk = 0; kk < k; kk++) {
            FloatVector av = FloatVector.fromArray(W, pa, a + stride * kk);
            int o = 4 * kk;
            x0 = av.fma(FloatVector.broadcast(W, pb[b + o]), x0);
            x1 = av.fma(FloatVector.broadcast(W, pb[b + o + 1]), x1);
            x2 = av.fma(FloatVector.broadcast(W, pb[b + o + 2]), x2);
            x3 = av.fma(FloatVector.broadcast(W, pb[b + o + 3]), x3);
            x4 = av.fma(FloatVector.broadcast(W, pb[b1 + o]), x4);
            x5 = av.fma(FloatVector.broadcast(W, pb[b1 + o + 1]), x5);
            x6 = av.fma(FloatVector.broadcast(W, pb[b1 + o + 2]), x6);
            x7 = av.fma(FloatVector.broadcast(W, pb[b1 + o + 3]), x7);
            x8 = av.fma(FloatVector.broadcast(W, pb[b2 + o]), x8);
            x9 = av.fma(FloatVector.broadcast(W, pb[b2 + o + 1]), x9);
            x10 = av.fma(FloatVector.broadcast(W, pb[b2 + o + 2]), x10);
            x11 = av.fma(FloatVector.broadcast(W, pb[b2 + o + 3]), x11);
        }
        FloatVector al = ((FloatVector) W.zero()).broadcast(alpha);
        al.fma(x0, FloatVector.fromArray(W, c, cc)).intoArray(c, cc);
        al.fma(x1, FloatVector.fromArray(W, c, cc + 1 * ldc)).intoArray(c, cc + 1 * ldc);
        al.fma(x2, FloatVector.fromArray(W, c, cc + 2 * ldc)).intoArray(c, cc + 2 * ldc);
        al.fma(x3, FloatVector.fromArray(W, c, cc + 3 * ldc)).intoArray(c, cc + 3 * ldc);
        al.fma(x4, FloatVector.fromArray(W, c, cc + 4 * ldc)).intoArray(c, cc + 4 * ldc);
        al.fma(x5, FloatVector.fromArray(W, c, cc + 5 * ldc)).intoArray(c, cc + 5 * ldc);
        al.fma(x6, FloatVector.fromArray(W, c, cc + 6 * ldc)).intoArray(c, cc + 6 * ldc);
        al.fma(x7, FloatVector.fromArray(W, c, cc + 7 * ldc)).intoArray(c, cc + 7 * ldc);
        al.fma(x8, FloatVector.fromArray(W, c, cc + 8 * ldc)).intoArray(c, cc + 8 * ldc);
        al.fma(x9, FloatVector.fromArray(W, c, cc + 9 * ldc)).intoArray(c, cc + 9 * ldc);
        al.fma(x10, FloatVector.fromArray(W, c, cc + 10 * ldc)).intoArray(c, cc + 10 * ldc);
        al.fma(x11, FloatVector.fromArray(W, c, cc + 11 * ldc)).intoArray(c, cc + 11 * ldc);
    }

    /**
     * {@link #tile16x12} where the lanes of {@code leftLanes} (columns 0-5) and {@code rightLanes} (6-11) keep two
     * accumulators (COMPUTE_H/T_m8n6: even k of each run of 8 in one, odd in the other, added at the end); the other
     * lanes one.
     * At an odd k a masked lane's sum stays and its second one takes the product; the others' sum takes it.
     */
    private static void tile16x12two(int k, float alpha, float[] pa, int a, float[] pb, int b, float[] c, int cc, int ldc,
                                     long leftLanes, long rightLanes) {
        VectorMask<Float> left = mask(leftLanes), right = mask(rightLanes);
        FloatVector z = FloatVector.zero(W);
        FloatVector x0 = z, x1 = z, x2 = z, x3 = z, x4 = z, x5 = z, x6 = z, x7 = z, x8 = z, x9 = z, x10 = z, x11 = z;
        FloatVector d0 = z, d1 = z, d2 = z, d3 = z, d4 = z, d5 = z, d6 = z, d7 = z, d8 = z, d9 = z, d10 = z, d11 = z;
        int b1 = b + 4 * k, b2 = b + 8 * k, runs = k >> 3 << 3, kk = 0;
        for (; kk < runs; kk += 2) {
            FloatVector av = FloatVector.fromArray(W, pa, a + 32 * kk), aw = FloatVector.fromArray(W, pa, a + 32 * kk + 32);
            int o = 4 * kk;
            FloatVector bv;
            x0 = av.fma(FloatVector.broadcast(W, pb[b + o]), x0);
            x1 = av.fma(FloatVector.broadcast(W, pb[b + o + 1]), x1);
            x2 = av.fma(FloatVector.broadcast(W, pb[b + o + 2]), x2);
            x3 = av.fma(FloatVector.broadcast(W, pb[b + o + 3]), x3);
            x4 = av.fma(FloatVector.broadcast(W, pb[b1 + o]), x4);
            x5 = av.fma(FloatVector.broadcast(W, pb[b1 + o + 1]), x5);
            x6 = av.fma(FloatVector.broadcast(W, pb[b1 + o + 2]), x6);
            x7 = av.fma(FloatVector.broadcast(W, pb[b1 + o + 3]), x7);
            x8 = av.fma(FloatVector.broadcast(W, pb[b2 + o]), x8);
            x9 = av.fma(FloatVector.broadcast(W, pb[b2 + o + 1]), x9);
            x10 = av.fma(FloatVector.broadcast(W, pb[b2 + o + 2]), x10);
            x11 = av.fma(FloatVector.broadcast(W, pb[b2 + o + 3]), x11);
            bv = FloatVector.broadcast(W, pb[b + o + 4]);
            d0 = aw.fma(bv, d0);
            x0 = aw.fma(bv, x0).blend(x0, left);
            bv = FloatVector.broadcast(W, pb[b + o + 5]);
            d1 = aw.fma(bv, d1);
            x1 = aw.fma(bv, x1).blend(x1, left);
            bv = FloatVector.broadcast(W, pb[b + o + 6]);
            d2 = aw.fma(bv, d2);
            x2 = aw.fma(bv, x2).blend(x2, left);
            bv = FloatVector.broadcast(W, pb[b + o + 7]);
            d3 = aw.fma(bv, d3);
            x3 = aw.fma(bv, x3).blend(x3, left);
            bv = FloatVector.broadcast(W, pb[b1 + o + 4]);
            d4 = aw.fma(bv, d4);
            x4 = aw.fma(bv, x4).blend(x4, left);
            bv = FloatVector.broadcast(W, pb[b1 + o + 5]);
            d5 = aw.fma(bv, d5);
            x5 = aw.fma(bv, x5).blend(x5, left);
            bv = FloatVector.broadcast(W, pb[b1 + o + 6]);
            d6 = aw.fma(bv, d6);
            x6 = aw.fma(bv, x6).blend(x6, right);
            bv = FloatVector.broadcast(W, pb[b1 + o + 7]);
            d7 = aw.fma(bv, d7);
            x7 = aw.fma(bv, x7).blend(x7, right);
            bv = FloatVector.broadcast(W, pb[b2 + o + 4]);
            d8 = aw.fma(bv, d8);
            x8 = aw.fma(bv, x8).blend(x8, right);
            bv = FloatVector.broadcast(W, pb[b2 + o + 5]);
            d9 = aw.fma(bv, d9);
            x9 = aw.fma(bv, x9).blend(x9, right);
            bv = FloatVector.broadcast(W, pb[b2 + o + 6]);
            d10 = aw.fma(bv, d10);
            x10 = aw.fma(bv, x10).blend(x10, right);
            bv = FloatVector.broadcast(W, pb[b2 + o + 7]);
            d11 = aw.fma(bv, d11);
            x11 = aw.fma(bv, x11).blend(x11, right);
        }
        for (; kk < k; kk++) {
            FloatVector av = FloatVector.fromArray(W, pa, a + 32 * kk);
            int o = 4 * kk;
            x0 = av.fma(FloatVector.broadcast(W, pb[b + o]), x0);
            x1 = av.fma(FloatVector.broadcast(W, pb[b + o + 1]), x1);
            x2 = av.fma(FloatVector.broadcast(W, pb[b + o + 2]), x2);
            x3 = av.fma(FloatVector.broadcast(W, pb[b + o + 3]), x3);
            x4 = av.fma(FloatVector.broadcast(W, pb[b1 + o]), x4);
            x5 = av.fma(FloatVector.broadcast(W, pb[b1 + o + 1]), x5);
            x6 = av.fma(FloatVector.broadcast(W, pb[b1 + o + 2]), x6);
            x7 = av.fma(FloatVector.broadcast(W, pb[b1 + o + 3]), x7);
            x8 = av.fma(FloatVector.broadcast(W, pb[b2 + o]), x8);
            x9 = av.fma(FloatVector.broadcast(W, pb[b2 + o + 1]), x9);
            x10 = av.fma(FloatVector.broadcast(W, pb[b2 + o + 2]), x10);
            x11 = av.fma(FloatVector.broadcast(W, pb[b2 + o + 3]), x11);
        }
        FloatVector al = ((FloatVector) W.zero()).broadcast(alpha);
        al.fma(x0.add(d0, left), FloatVector.fromArray(W, c, cc)).intoArray(c, cc);
        al.fma(x1.add(d1, left), FloatVector.fromArray(W, c, cc + 1 * ldc)).intoArray(c, cc + 1 * ldc);
        al.fma(x2.add(d2, left), FloatVector.fromArray(W, c, cc + 2 * ldc)).intoArray(c, cc + 2 * ldc);
        al.fma(x3.add(d3, left), FloatVector.fromArray(W, c, cc + 3 * ldc)).intoArray(c, cc + 3 * ldc);
        al.fma(x4.add(d4, left), FloatVector.fromArray(W, c, cc + 4 * ldc)).intoArray(c, cc + 4 * ldc);
        al.fma(x5.add(d5, left), FloatVector.fromArray(W, c, cc + 5 * ldc)).intoArray(c, cc + 5 * ldc);
        al.fma(x6.add(d6, right), FloatVector.fromArray(W, c, cc + 6 * ldc)).intoArray(c, cc + 6 * ldc);
        al.fma(x7.add(d7, right), FloatVector.fromArray(W, c, cc + 7 * ldc)).intoArray(c, cc + 7 * ldc);
        al.fma(x8.add(d8, right), FloatVector.fromArray(W, c, cc + 8 * ldc)).intoArray(c, cc + 8 * ldc);
        al.fma(x9.add(d9, right), FloatVector.fromArray(W, c, cc + 9 * ldc)).intoArray(c, cc + 9 * ldc);
        al.fma(x10.add(d10, right), FloatVector.fromArray(W, c, cc + 10 * ldc)).intoArray(c, cc + 10 * ldc);
        al.fma(x11.add(d11, right), FloatVector.fromArray(W, c, cc + 11 * ldc)).intoArray(c, cc + 11 * ldc);
    }


    /** Four columns (one panel of B, 4 floats per k) of 16 rows of a panel, one accumulator each. */
    private static void tile16x4(int k, float alpha, float[] pa, int a, float[] pb, int b, float[] c, int cc, int ldc) {
        FloatVector al = alphas(alpha);
        FloatVector z = FloatVector.zero(W), x0 = z, x1 = z, x2 = z, x3 = z;
        for (int kk = 0; kk < k; kk++) {
            FloatVector av = FloatVector.fromArray(W, pa, a + PANEL * kk);
            int o = b + 4 * kk;
            x0 = av.fma(FloatVector.broadcast(W, pb[o]), x0);
            x1 = av.fma(FloatVector.broadcast(W, pb[o + 1]), x1);
            x2 = av.fma(FloatVector.broadcast(W, pb[o + 2]), x2);
            x3 = av.fma(FloatVector.broadcast(W, pb[o + 3]), x3);
        }
        save(al, x0, c, cc);
        save(al, x1, c, cc + ldc);
        save(al, x2, c, cc + 2 * ldc);
        save(al, x3, c, cc + 3 * ldc);
    }

    /** COMPUTE_m8n4 on 16 rows of a panel: four columns, even and odd k apart per run of 8, added at the end. */
    private static void tile16x4two(int k, float alpha, float[] pa, int a, float[] pb, int b, float[] c, int cc, int ldc) {
        FloatVector al = alphas(alpha);
        FloatVector z = FloatVector.zero(W), x0 = z, x1 = z, x2 = z, x3 = z, d0 = z, d1 = z, d2 = z, d3 = z;
        int runs = k >> 3 << 3, kk = 0;
        for (; kk < runs; kk += 2) {
            FloatVector av = FloatVector.fromArray(W, pa, a + PANEL * kk), aw = FloatVector.fromArray(W, pa, a + PANEL * kk + PANEL);
            int o = b + 4 * kk;
            x0 = av.fma(FloatVector.broadcast(W, pb[o]), x0);
            x1 = av.fma(FloatVector.broadcast(W, pb[o + 1]), x1);
            x2 = av.fma(FloatVector.broadcast(W, pb[o + 2]), x2);
            x3 = av.fma(FloatVector.broadcast(W, pb[o + 3]), x3);
            d0 = aw.fma(FloatVector.broadcast(W, pb[o + 4]), d0);
            d1 = aw.fma(FloatVector.broadcast(W, pb[o + 5]), d1);
            d2 = aw.fma(FloatVector.broadcast(W, pb[o + 6]), d2);
            d3 = aw.fma(FloatVector.broadcast(W, pb[o + 7]), d3);
        }
        for (; kk < k; kk++) {
            FloatVector av = FloatVector.fromArray(W, pa, a + PANEL * kk);
            int o = b + 4 * kk;
            x0 = av.fma(FloatVector.broadcast(W, pb[o]), x0);
            x1 = av.fma(FloatVector.broadcast(W, pb[o + 1]), x1);
            x2 = av.fma(FloatVector.broadcast(W, pb[o + 2]), x2);
            x3 = av.fma(FloatVector.broadcast(W, pb[o + 3]), x3);
        }
        save(al, x0.add(d0), c, cc);
        save(al, x1.add(d1), c, cc + ldc);
        save(al, x2.add(d2), c, cc + 2 * ldc);
        save(al, x3.add(d3), c, cc + 3 * ldc);
    }

    /** One column (B at {@code b}, {@code stride} floats per k) of 16 rows of a panel, one accumulator. */
    private static void column16(int k, float alpha, float[] pa, int a, float[] pb, int b, int stride, float[] c, int cc) {
        FloatVector al = alphas(alpha);
        FloatVector acc = FloatVector.zero(W);
        for (int kk = 0; kk < k; kk++) acc = FloatVector.fromArray(W, pa, a + PANEL * kk).fma(FloatVector.broadcast(W, pb[b + stride * kk]), acc);
        save(al, acc, c, cc);
    }

    /** alpha in every lane, as a vector whose class C2 knows while it parses ({@link HaswellKernel32}'s alphas says why). */
    private static FloatVector alphas(float alpha) {
        return ((FloatVector) W.zero()).broadcast(alpha);
    }

    /**
     * C = fma(alpha, acc, C) on 16 rows of a column: the kernel's store ({@link HaswellKernel32}'s save says why so). The
     * 12-column tiles write it out: C2 left this method a call there ("callee uses too much stack", their frames hold
     * 12 to 24 vectors), which boxed every accumulator it stored (-XX:+PrintInlining; 1.2 GFLOP/s against 112).
     */
    private static void save(FloatVector alpha, FloatVector acc, float[] c, int at) {
        alpha.fma(acc, FloatVector.fromArray(W, c, at)).intoArray(c, at);
    }
}
