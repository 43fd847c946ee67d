// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * OpenBLAS's Haswell sgemm micro-kernel (kernel/x86_64/sgemm_kernel_8x4_haswell_2.c) in Java through the Vector
 * API, for JDKs without FFM (17-21), where {@link HaswellSgemm} cannot call the native one: the same fmas in the
 * same order per element of C, so the same bits (an fma is exactly rounded, lanes are independent, and a product
 * a * b is b * a). Packed operands are float arrays in the layout of {@link HaswellPack32}.
 *
 * <p>What the native kernel does per element, which this follows (C += alpha * acc, acc from +0 by fmas): columns go
 * in steps of 12 while 12 are left, then 8, 4, 2, 1; rows in blocks of 8, then 4, 2, 1. Most tiles keep one
 * accumulator per element, k in order. Two accumulators (even k in one, odd in the other, per run of 8 k; the k
 * left over after the runs into the first; added at the end) in: every 8-row block of a 4-column step
 * (COMPUTE_m8n4); and, in a 12-column step over at least 16 rows, the first 8-row block's left 6 columns
 * (COMPUTE_H_m8n6) and the last 8-row block's left or right 6 (COMPUTE_T_m8n6: left when the number of 8-row
 * blocks is even, right when odd, the side the 16-row tiles, alternating right/left from the first block, leave).
 * Only loaded where the Vector API is ({@link Simd}).
 */
final class HaswellKernel32 {
    private HaswellKernel32() {}

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_256;

    /**
     * {@code c[cOff..] (m x n, column-major, ldc) += alpha * packed A (m x k) * packed B (k x n)}: sgemm_kernel's
     * arguments, the packed blocks at {@code pa[aOff]} and {@code pb[bOff]}.
     */
    static void kernel(int m, int n, int k, float alpha, float[] pa, int aOff, float[] pb, int bOff, float[] c, int cOff, int ldc) {
        if (m == 0 || n == 0 || k == 0 || alpha == 0f) return;
        int j = 0, b = bOff;
        for (; n - j >= 12; j += 12, b += 12 * k) step12(0, m, k, alpha, pa, aOff, pb, b, c, cOff + j * ldc, ldc);
        for (; n - j >= 8; j += 8, b += 8 * k) step(0, m, 8, 4, false, k, alpha, pa, aOff, pb, b, c, cOff + j * ldc, ldc);
        for (; n - j >= 4; j += 4, b += 4 * k) step(0, m, 4, 4, true, k, alpha, pa, aOff, pb, b, c, cOff + j * ldc, ldc);
        for (; n - j >= 2; j += 2, b += 2 * k) step(0, m, 2, 2, false, k, alpha, pa, aOff, pb, b, c, cOff + j * ldc, ldc);
        if (n - j >= 1) step(0, m, 1, 1, false, k, alpha, pa, aOff, pb, b, c, cOff + j * ldc, ldc);
    }

    /**
     * A 12-column step (three 4-column panels of B): 8-row blocks by 6-column sides from block {@code firstBlock} (0,
     * or the first after {@link WideKernel32}'s panels: blocks keep their places in packed A), then the row tails.
     */
    static void step12(int firstBlock, int m, int k, float alpha, float[] pa, int aOff, float[] pb, int b, float[] c, int cOff, int ldc) {
        int blocks = m >> 3;
        boolean sided = blocks >= 2; // COMPUTE_n12's 16-row path; below it COMPUTE_SIMPLE(8, 12): one accumulator
        for (int bl = firstBlock; bl < blocks; ) {
            int a = aOff + bl * 8 * k, cc = cOff + bl * 8;
            boolean single = !twoAcc(sided, 0, bl, blocks) && !twoAcc(sided, 1, bl, blocks);
            if (single && bl + 1 < blocks && !twoAcc(sided, 0, bl + 1, blocks) && !twoAcc(sided, 1, bl + 1, blocks)) {
                // two blocks with one accumulator everywhere: the same fmas by panels of B, 16 rows at a time
                for (int p = 0; p < 12; p += 4) four16(k, alpha, pa, a, pb, b + p * k, c, cc + p * ldc, ldc);
                bl += 2;
            } else if (single) {
                for (int p = 0; p < 12; p += 4) four1(k, alpha, pa, a, pb, b + p * k, c, cc + p * ldc, ldc);
                bl++;
            } else {
                // left side: columns 0-3 (panel 0) and 0-1 of panel 1; right: 2-3 of panel 1 and 0-3 of panel 2
                // (any grouping of columns makes the same fmas: each element is summed on its own)
                boolean twoLeft = twoAcc(sided, 0, bl, blocks), twoRight = twoAcc(sided, 1, bl, blocks);
                if (twoLeft) four2(k, alpha, pa, a, pb, b, c, cc, ldc);
                else four1(k, alpha, pa, a, pb, b, c, cc, ldc);
                pair(twoLeft, k, alpha, pa, a, pb, b + 4 * k, c, cc + 4 * ldc, ldc);
                pair(twoRight, k, alpha, pa, a, pb, b + 4 * k + 2, c, cc + 6 * ldc, ldc);
                if (twoRight) four2(k, alpha, pa, a, pb, b + 8 * k, c, cc + 8 * ldc, ldc);
                else four1(k, alpha, pa, a, pb, b + 8 * k, c, cc + 8 * ldc, ldc);
                bl++;
            }
        }
        tails(m, 12, 4, k, alpha, pa, aOff, pb, b, c, cOff, ldc);
    }

    /** Whether block {@code bl}'s {@code side} (0 left, 1 right) of a 12-column step keeps two accumulators. */
    static boolean twoAcc(boolean sided, int side, int bl, int blocks) {
        if (!sided) return false;
        boolean last = bl == blocks - 1;
        return side == 0 ? bl == 0 || (last && (blocks & 1) == 0) : last && (blocks & 1) == 1;
    }

    /**
     * A step of {@code cols} columns in panels {@code width} wide (8: two panels of 4; 4; 2; 1): 8-row blocks with
     * one accumulator, or two ({@code two}: the 4-column step), from block {@code firstBlock} (as {@link #step12}),
     * then the row tails.
     */
    static void step(int firstBlock, int m, int cols, int width, boolean two, int k, float alpha, float[] pa, int aOff, float[] pb, int b,
                             float[] c, int cOff, int ldc) {
        int blocks = m >> 3;
        for (int bl = firstBlock; bl < blocks; bl++) {
            int a = aOff + bl * 8 * k, cc = cOff + bl * 8;
            if (cols == 8 && bl + 1 < blocks) {
                four16(k, alpha, pa, a, pb, b, c, cc, ldc);
                four16(k, alpha, pa, a, pb, b + 4 * k, c, cc + 4 * ldc, ldc);
                bl++;
            } else if (cols >= 4) {
                for (int p = 0; p < cols; p += 4) {
                    if (two) four2(k, alpha, pa, a, pb, b + p * k, c, cc + p * ldc, ldc);
                    else four1(k, alpha, pa, a, pb, b + p * k, c, cc + p * ldc, ldc);
                }
            } else {
                for (int col = 0; col < cols; col++) one(k, alpha, pa, a, pb, b + col, width, c, cc + col * ldc);
            }
        }
        tails(m, cols, width, k, alpha, pa, aOff, pb, b, c, cOff, ldc);
    }

    /** Two columns of one 8-row block (B at {@code b}, 4 floats per k), one accumulator each or two (even/odd k). */
    private static void pair(boolean two, int k, float alpha, float[] pa, int a, float[] pb, int b, float[] c, int cc, int ldc) {
        FloatVector al = alphas(alpha);
        FloatVector z = FloatVector.zero(F), c0 = z, c1 = z, d0 = z, d1 = z;
        int kk = 0;
        if (two) {
            // COMPUTE_H/T_m8n6: even k into c, odd into d, per run of 8 k
            for (int runs = k >> 3 << 3; kk < runs; kk += 2) {
                FloatVector av = FloatVector.fromArray(F, pa, a + 8 * kk), aw = FloatVector.fromArray(F, pa, a + 8 * kk + 8);
                int o = b + 4 * kk;
                c0 = av.fma(FloatVector.broadcast(F, pb[o]), c0);
                c1 = av.fma(FloatVector.broadcast(F, pb[o + 1]), c1);
                d0 = aw.fma(FloatVector.broadcast(F, pb[o + 4]), d0);
                d1 = aw.fma(FloatVector.broadcast(F, pb[o + 5]), d1);
            }
        }
        for (; kk < k; kk++) {
            FloatVector av = FloatVector.fromArray(F, pa, a + 8 * kk);
            int o = b + 4 * kk;
            c0 = av.fma(FloatVector.broadcast(F, pb[o]), c0);
            c1 = av.fma(FloatVector.broadcast(F, pb[o + 1]), c1);
        }
        if (two) {
            c0 = c0.add(d0);
            c1 = c1.add(d1);
        }
        save(al, c0, c, cc);
        save(al, c1, c, cc + ldc);
    }

    /** {@link #four1} over two 8-row blocks. */
    private static void four16(int k, float alpha, float[] pa, int a, float[] pb, int b, float[] c, int cc, int ldc) {
        FloatVector al = alphas(alpha);
        FloatVector z = FloatVector.zero(F), c0 = z, c1 = z, c2 = z, c3 = z, d0 = z, d1 = z, d2 = z, d3 = z;
        int a2 = a + 8 * k;
        for (int kk = 0; kk < k; kk++) {
            FloatVector av = FloatVector.fromArray(F, pa, a + 8 * kk), aw = FloatVector.fromArray(F, pa, a2 + 8 * kk);
            int o = b + 4 * kk;
            FloatVector bv = FloatVector.broadcast(F, pb[o]);
            c0 = av.fma(bv, c0);
            d0 = aw.fma(bv, d0);
            bv = FloatVector.broadcast(F, pb[o + 1]);
            c1 = av.fma(bv, c1);
            d1 = aw.fma(bv, d1);
            bv = FloatVector.broadcast(F, pb[o + 2]);
            c2 = av.fma(bv, c2);
            d2 = aw.fma(bv, d2);
            bv = FloatVector.broadcast(F, pb[o + 3]);
            c3 = av.fma(bv, c3);
            d3 = aw.fma(bv, d3);
        }
        save(al, c0, c, cc);
        save(al, c1, c, cc + ldc);
        save(al, c2, c, cc + 2 * ldc);
        save(al, c3, c, cc + 3 * ldc);
        save(al, d0, c, cc + 8);
        save(al, d1, c, cc + 8 + ldc);
        save(al, d2, c, cc + 8 + 2 * ldc);
        save(al, d3, c, cc + 8 + 3 * ldc);
    }

    /** Four columns of one panel (stride 4), one accumulator each. */
    private static void four1(int k, float alpha, float[] pa, int a, float[] pb, int b, float[] c, int cc, int ldc) {
        FloatVector al = alphas(alpha);
        FloatVector z = FloatVector.zero(F), c0 = z, c1 = z, c2 = z, c3 = z;
        for (int kk = 0; kk < k; kk++) {
            FloatVector av = FloatVector.fromArray(F, pa, a + 8 * kk);
            int o = b + 4 * kk;
            c0 = av.fma(FloatVector.broadcast(F, pb[o]), c0);
            c1 = av.fma(FloatVector.broadcast(F, pb[o + 1]), c1);
            c2 = av.fma(FloatVector.broadcast(F, pb[o + 2]), c2);
            c3 = av.fma(FloatVector.broadcast(F, pb[o + 3]), c3);
        }
        save(al, c0, c, cc);
        save(al, c1, c, cc + ldc);
        save(al, c2, c, cc + 2 * ldc);
        save(al, c3, c, cc + 3 * ldc);
    }

    /** COMPUTE_m8n4: four columns, even and odd k apart per run of 8. */
    private static void four2(int k, float alpha, float[] pa, int a, float[] pb, int b, float[] c, int cc, int ldc) {
        FloatVector al = alphas(alpha);
        FloatVector z = FloatVector.zero(F), c0 = z, c1 = z, c2 = z, c3 = z, d0 = z, d1 = z, d2 = z, d3 = z;
        int runs = k >> 3 << 3, kk = 0;
        for (; kk < runs; kk += 2) {
            FloatVector av = FloatVector.fromArray(F, pa, a + 8 * kk), aw = FloatVector.fromArray(F, pa, a + 8 * kk + 8);
            int o = b + 4 * kk;
            c0 = av.fma(FloatVector.broadcast(F, pb[o]), c0);
            c1 = av.fma(FloatVector.broadcast(F, pb[o + 1]), c1);
            c2 = av.fma(FloatVector.broadcast(F, pb[o + 2]), c2);
            c3 = av.fma(FloatVector.broadcast(F, pb[o + 3]), c3);
            d0 = aw.fma(FloatVector.broadcast(F, pb[o + 4]), d0);
            d1 = aw.fma(FloatVector.broadcast(F, pb[o + 5]), d1);
            d2 = aw.fma(FloatVector.broadcast(F, pb[o + 6]), d2);
            d3 = aw.fma(FloatVector.broadcast(F, pb[o + 7]), d3);
        }
        for (; kk < k; kk++) {
            FloatVector av = FloatVector.fromArray(F, pa, a + 8 * kk);
            int o = b + 4 * kk;
            c0 = av.fma(FloatVector.broadcast(F, pb[o]), c0);
            c1 = av.fma(FloatVector.broadcast(F, pb[o + 1]), c1);
            c2 = av.fma(FloatVector.broadcast(F, pb[o + 2]), c2);
            c3 = av.fma(FloatVector.broadcast(F, pb[o + 3]), c3);
        }
        save(al, c0.add(d0), c, cc);
        save(al, c1.add(d1), c, cc + ldc);
        save(al, c2.add(d2), c, cc + 2 * ldc);
        save(al, c3.add(d3), c, cc + 3 * ldc);
    }

    /** One column (B at {@code b}, {@code stride} floats per k) of one 8-row block, one accumulator. */
    private static void one(int k, float alpha, float[] pa, int a, float[] pb, int b, int stride, float[] c, int cc) {
        FloatVector al = alphas(alpha);
        FloatVector acc = FloatVector.zero(F);
        for (int kk = 0; kk < k; kk++) acc = FloatVector.fromArray(F, pa, a + 8 * kk).fma(FloatVector.broadcast(F, pb[b + stride * kk]), acc);
        save(al, acc, c, cc);
    }

    /**
     * alpha in every lane, as a vector whose class C2 knows while it parses (see {@link #save}): the species'
     * zero is the constant Float256Vector.ZERO, and its broadcast(float) returns a Float256Vector.
     */
    private static FloatVector alphas(float alpha) {
        return ((FloatVector) F.zero()).broadcast(alpha);
    }

    /**
     * C = fma(acc, alpha, C): the kernel's vfmadd213ps on save, written fma(alpha, acc, C) (the same bits: the exact
     * product alpha * acc is acc * alpha, and alpha is 1f in SgemmPieces' calls, never a NaN whose payload could win)
     * on {@link #alphas}, not on the accumulator. JDK 17's C2 (JDK 17-21 run this class) decides the Vector API's
     * virtual calls while it parses, before its vector intrinsics: on a vector it knows only as a FloatVector (an
     * accumulator, a loop's phi; the result of fromArray or of FloatVector.broadcast) intoArray's call of vspecies()
     * stays a call (its profile is shared by every caller in the JVM), the store intrinsic finds no constant class
     * ("missing constant: vclass=DecodeN", -XX:+PrintIntrinsics) and the vector is boxed: a Float256Vector and its
     * float[] per save, ~120 MB a run of the MLP cell (bench/RESULTS.md, twelfth session). On {@code alpha} from
     * {@link #alphas} the fma and the store are Float256Vector's own methods.
     */
    private static void save(FloatVector alpha, FloatVector acc, float[] c, int at) {
        alpha.fma(acc, FloatVector.fromArray(F, c, at)).intoArray(c, at);
    }

    /**
     * The rows after the 8-row blocks (panels of 4, 2, 1 rows: one accumulator per element, k in order) over the
     * step's {@code cols} columns in panels {@code width} wide: 4-column panels 4 lanes at a time (a lane a column),
     * the 2- and 1-column steps element by element.
     */
    private static void tails(int m, int cols, int width, int k, float alpha, float[] pa, int aOff, float[] pb, int b,
                              float[] c, int cOff, int ldc) {
        int row = m >> 3 << 3, a = aOff + row * k;
        for (int rows = 4; rows >= 1; rows >>= 1) {
            if ((m & rows) == 0) continue;
            int col = 0;
            if (width == 4) for (; col < cols; col += 4) tailPanel(rows, k, alpha, pa, a, pb, b + col * k, c, cOff + row + col * ldc, ldc);
            for (; col < cols; col++) {
                int bc = b + col / width * width * k + col % width;
                for (int r = 0; r < rows; r++) {
                    float acc = 0f;
                    for (int kk = 0; kk < k; kk++) acc = Math.fma(pa[a + rows * kk + r], pb[bc + width * kk], acc);
                    int at = cOff + row + r + col * ldc;
                    c[at] = Math.fma(acc, alpha, c[at]);
                }
            }
            row += rows;
            a += rows * k;
        }
    }

    private static final VectorSpecies<Float> F4 = FloatVector.SPECIES_128;

    /**
     * {@code rows} (1, 2 or 4) tail rows by one 4-column panel of B, the panel's columns as lanes (one method per
     * row count: C2 keeps the vectors in registers only without branches between them).
     */
    private static void tailPanel(int rows, int k, float alpha, float[] pa, int a, float[] pb, int b, float[] c, int cc, int ldc) {
        if (rows == 4) tail4(k, alpha, pa, a, pb, b, c, cc, ldc);
        else if (rows == 2) tail2(k, alpha, pa, a, pb, b, c, cc, ldc);
        else tail1(k, alpha, pa, a, pb, b, c, cc, ldc);
    }

    private static void tail4(int k, float alpha, float[] pa, int a, float[] pb, int b, float[] c, int cc, int ldc) {
        FloatVector z = FloatVector.zero(F4), r0 = z, r1 = z, r2 = z, r3 = z;
        for (int kk = 0; kk < k; kk++) {
            FloatVector bv = FloatVector.fromArray(F4, pb, b + 4 * kk);
            int o = a + 4 * kk;
            r0 = bv.fma(FloatVector.broadcast(F4, pa[o]), r0);
            r1 = bv.fma(FloatVector.broadcast(F4, pa[o + 1]), r1);
            r2 = bv.fma(FloatVector.broadcast(F4, pa[o + 2]), r2);
            r3 = bv.fma(FloatVector.broadcast(F4, pa[o + 3]), r3);
        }
        saveRow(r0, alpha, c, cc, ldc);
        saveRow(r1, alpha, c, cc + 1, ldc);
        saveRow(r2, alpha, c, cc + 2, ldc);
        saveRow(r3, alpha, c, cc + 3, ldc);
    }

    private static void tail2(int k, float alpha, float[] pa, int a, float[] pb, int b, float[] c, int cc, int ldc) {
        FloatVector z = FloatVector.zero(F4), r0 = z, r1 = z;
        for (int kk = 0; kk < k; kk++) {
            FloatVector bv = FloatVector.fromArray(F4, pb, b + 4 * kk);
            int o = a + 2 * kk;
            r0 = bv.fma(FloatVector.broadcast(F4, pa[o]), r0);
            r1 = bv.fma(FloatVector.broadcast(F4, pa[o + 1]), r1);
        }
        saveRow(r0, alpha, c, cc, ldc);
        saveRow(r1, alpha, c, cc + 1, ldc);
    }

    private static void tail1(int k, float alpha, float[] pa, int a, float[] pb, int b, float[] c, int cc, int ldc) {
        FloatVector r0 = FloatVector.zero(F4);
        for (int kk = 0; kk < k; kk++) r0 = FloatVector.fromArray(F4, pb, b + 4 * kk).fma(FloatVector.broadcast(F4, pa[a + kk]), r0);
        saveRow(r0, alpha, c, cc, ldc);
    }

    /** One row of C over 4 columns ({@code ldc} apart) from a vector of 4 lanes: C = fma(acc, alpha, C). */
    private static void saveRow(FloatVector acc, float alpha, float[] c, int at, int ldc) {
        c[at] = Math.fma(acc.lane(0), alpha, c[at]);
        c[at + ldc] = Math.fma(acc.lane(1), alpha, c[at + ldc]);
        c[at + 2 * ldc] = Math.fma(acc.lane(2), alpha, c[at + 2 * ldc]);
        c[at + 3 * ldc] = Math.fma(acc.lane(3), alpha, c[at + 3 * ldc]);
    }

    /**
     * 8 floats from src to dst (HaswellPack32's copies along contiguous lanes). System.arraycopy, not a vector's
     * fromArray/intoArray: JDK 17's C2 left that store boxed here (a vector and its float[] per call).
     */
    static void copy8(float[] src, int s, float[] dst, int d) {
        System.arraycopy(src, s, dst, d, 8);
    }

    /** 4 floats from src to dst (as {@link #copy8}). */
    static void copy4(float[] src, int s, float[] dst, int d) {
        System.arraycopy(src, s, dst, d, 4);
    }
}
