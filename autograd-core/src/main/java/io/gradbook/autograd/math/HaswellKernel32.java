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
        for (; n - j >= 12; j += 12, b += 12 * k) step12(m, k, alpha, pa, aOff, pb, b, c, cOff + j * ldc, ldc);
        for (; n - j >= 8; j += 8, b += 8 * k) step(m, 8, 4, false, k, alpha, pa, aOff, pb, b, c, cOff + j * ldc, ldc);
        for (; n - j >= 4; j += 4, b += 4 * k) step(m, 4, 4, true, k, alpha, pa, aOff, pb, b, c, cOff + j * ldc, ldc);
        for (; n - j >= 2; j += 2, b += 2 * k) step(m, 2, 2, false, k, alpha, pa, aOff, pb, b, c, cOff + j * ldc, ldc);
        if (n - j >= 1) step(m, 1, 1, false, k, alpha, pa, aOff, pb, b, c, cOff + j * ldc, ldc);
    }

    /** A 12-column step (three 4-column panels of B): 8-row blocks by 6-column sides, then the row tails. */
    private static void step12(int m, int k, float alpha, float[] pa, int aOff, float[] pb, int b, float[] c, int cOff, int ldc) {
        int blocks = m >> 3;
        boolean sided = blocks >= 2; // COMPUTE_n12's 16-row path; below it COMPUTE_SIMPLE(8, 12): one accumulator
        for (int bl = 0; bl < blocks; bl++) {
            boolean last = bl == blocks - 1;
            boolean twoLeft = sided && (bl == 0 || (last && (blocks & 1) == 0));
            boolean twoRight = sided && last && (blocks & 1) == 1;
            int a = aOff + bl * 8 * k, cc = cOff + bl * 8;
            // left side: columns 0-3 (panel 0) and 0-1 of panel 1; right: 2-3 of panel 1 and 0-3 of panel 2
            six(twoLeft, k, alpha, pa, a, pb, b, b + 1, b + 2, b + 3, b + 4 * k, b + 4 * k + 1, c, cc, ldc);
            six(twoRight, k, alpha, pa, a, pb, b + 4 * k + 2, b + 4 * k + 3, b + 8 * k, b + 8 * k + 1, b + 8 * k + 2,
                    b + 8 * k + 3, c, cc + 6 * ldc, ldc);
        }
        tails(m, 12, 4, k, alpha, pa, aOff, pb, b, c, cOff, ldc);
    }

    /**
     * A step of {@code cols} columns in panels {@code width} wide (8: two panels of 4; 4; 2; 1): 8-row blocks with
     * one accumulator, or two ({@code two}: the 4-column step), then the row tails.
     */
    private static void step(int m, int cols, int width, boolean two, int k, float alpha, float[] pa, int aOff, float[] pb, int b,
                             float[] c, int cOff, int ldc) {
        int blocks = m >> 3;
        for (int bl = 0; bl < blocks; bl++) {
            int a = aOff + bl * 8 * k, cc = cOff + bl * 8;
            if (cols >= 4) {
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

    /** Six columns of one 8-row block, B's column j at {@code xj} (4 floats per k), in C from {@code cc}. */
    private static void six(boolean two, int k, float alpha, float[] pa, int a, float[] pb, int x0, int x1, int x2, int x3,
                            int x4, int x5, float[] c, int cc, int ldc) {
        FloatVector z = FloatVector.zero(F), c0 = z, c1 = z, c2 = z, c3 = z, c4 = z, c5 = z;
        FloatVector d0 = z, d1 = z, d2 = z, d3 = z, d4 = z, d5 = z;
        int kk = 0;
        if (two) {
            // COMPUTE_H/T_m8n6: even k into c, odd into d, per run of 8 k
            for (int runs = k >> 3 << 3; kk < runs; kk += 2) {
                FloatVector av = FloatVector.fromArray(F, pa, a + 8 * kk), aw = FloatVector.fromArray(F, pa, a + 8 * kk + 8);
                int o = 4 * kk, p = o + 4;
                c0 = av.fma(FloatVector.broadcast(F, pb[x0 + o]), c0);
                c1 = av.fma(FloatVector.broadcast(F, pb[x1 + o]), c1);
                c2 = av.fma(FloatVector.broadcast(F, pb[x2 + o]), c2);
                c3 = av.fma(FloatVector.broadcast(F, pb[x3 + o]), c3);
                c4 = av.fma(FloatVector.broadcast(F, pb[x4 + o]), c4);
                c5 = av.fma(FloatVector.broadcast(F, pb[x5 + o]), c5);
                d0 = aw.fma(FloatVector.broadcast(F, pb[x0 + p]), d0);
                d1 = aw.fma(FloatVector.broadcast(F, pb[x1 + p]), d1);
                d2 = aw.fma(FloatVector.broadcast(F, pb[x2 + p]), d2);
                d3 = aw.fma(FloatVector.broadcast(F, pb[x3 + p]), d3);
                d4 = aw.fma(FloatVector.broadcast(F, pb[x4 + p]), d4);
                d5 = aw.fma(FloatVector.broadcast(F, pb[x5 + p]), d5);
            }
        }
        for (; kk < k; kk++) {
            FloatVector av = FloatVector.fromArray(F, pa, a + 8 * kk);
            int o = 4 * kk;
            c0 = av.fma(FloatVector.broadcast(F, pb[x0 + o]), c0);
            c1 = av.fma(FloatVector.broadcast(F, pb[x1 + o]), c1);
            c2 = av.fma(FloatVector.broadcast(F, pb[x2 + o]), c2);
            c3 = av.fma(FloatVector.broadcast(F, pb[x3 + o]), c3);
            c4 = av.fma(FloatVector.broadcast(F, pb[x4 + o]), c4);
            c5 = av.fma(FloatVector.broadcast(F, pb[x5 + o]), c5);
        }
        if (two) {
            c0 = c0.add(d0);
            c1 = c1.add(d1);
            c2 = c2.add(d2);
            c3 = c3.add(d3);
            c4 = c4.add(d4);
            c5 = c5.add(d5);
        }
        save(c0, alpha, c, cc);
        save(c1, alpha, c, cc + ldc);
        save(c2, alpha, c, cc + 2 * ldc);
        save(c3, alpha, c, cc + 3 * ldc);
        save(c4, alpha, c, cc + 4 * ldc);
        save(c5, alpha, c, cc + 5 * ldc);
    }

    /** Four columns of one panel (stride 4), one accumulator each. */
    private static void four1(int k, float alpha, float[] pa, int a, float[] pb, int b, float[] c, int cc, int ldc) {
        FloatVector z = FloatVector.zero(F), c0 = z, c1 = z, c2 = z, c3 = z;
        for (int kk = 0; kk < k; kk++) {
            FloatVector av = FloatVector.fromArray(F, pa, a + 8 * kk);
            int o = b + 4 * kk;
            c0 = av.fma(FloatVector.broadcast(F, pb[o]), c0);
            c1 = av.fma(FloatVector.broadcast(F, pb[o + 1]), c1);
            c2 = av.fma(FloatVector.broadcast(F, pb[o + 2]), c2);
            c3 = av.fma(FloatVector.broadcast(F, pb[o + 3]), c3);
        }
        save(c0, alpha, c, cc);
        save(c1, alpha, c, cc + ldc);
        save(c2, alpha, c, cc + 2 * ldc);
        save(c3, alpha, c, cc + 3 * ldc);
    }

    /** COMPUTE_m8n4: four columns, even and odd k apart per run of 8. */
    private static void four2(int k, float alpha, float[] pa, int a, float[] pb, int b, float[] c, int cc, int ldc) {
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
        save(c0.add(d0), alpha, c, cc);
        save(c1.add(d1), alpha, c, cc + ldc);
        save(c2.add(d2), alpha, c, cc + 2 * ldc);
        save(c3.add(d3), alpha, c, cc + 3 * ldc);
    }

    /** One column (B at {@code b}, {@code stride} floats per k) of one 8-row block, one accumulator. */
    private static void one(int k, float alpha, float[] pa, int a, float[] pb, int b, int stride, float[] c, int cc) {
        FloatVector acc = FloatVector.zero(F);
        for (int kk = 0; kk < k; kk++) acc = FloatVector.fromArray(F, pa, a + 8 * kk).fma(FloatVector.broadcast(F, pb[b + stride * kk]), acc);
        save(acc, alpha, c, cc);
    }

    /** C = fma(acc, alpha, C): the kernel's vfmadd213ps on save. */
    private static void save(FloatVector acc, float alpha, float[] c, int at) {
        acc.fma(FloatVector.broadcast(F, alpha), FloatVector.fromArray(F, c, at)).intoArray(c, at);
    }

    /**
     * The rows after the 8-row blocks (panels of 4, 2, 1 rows: one accumulator per element, k in order) over the
     * step's {@code cols} columns in panels {@code width} wide.
     */
    private static void tails(int m, int cols, int width, int k, float alpha, float[] pa, int aOff, float[] pb, int b,
                              float[] c, int cOff, int ldc) {
        int row = m >> 3 << 3, a = aOff + row * k;
        for (int rows = 4; rows >= 1; rows >>= 1) {
            if ((m & rows) == 0) continue;
            for (int col = 0; col < cols; col++) {
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
}
