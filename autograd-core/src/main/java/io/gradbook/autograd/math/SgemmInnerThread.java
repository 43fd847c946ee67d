// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * One OpenBLAS thread of PyTorch's threaded sgemm, run from OpenBLAS's own pieces ({@link SgemmPieces}: the packing
 * routines and the micro-kernel, FFM-bound on JDK 22+, their Java port on 17-21): level3_thread.c's inner_thread line
 * for line, the same kernel calls on
 * the same packed blocks, so the same bits as {@link SgemmThreads}' single-threaded calls (which make those kernel
 * calls through level3.c), at a fraction of their cost: A is packed once per block of rows and B once per k block,
 * where each of those calls packs both again (and the 2-column calls that stand for the kernel's 8-column step pack
 * a whole block of A for 2 columns). The one difference from inner_thread: a thread packs the other threads' parts
 * of B it multiplies itself (the same packed bytes: B is packed in whole 4-column panels from each half's start,
 * whether in one call or in inner_thread's 12/4-column steps), so no thread waits for another.
 */
final class SgemmInnerThread {
    private SgemmInnerThread() {}

    private static final int P = SgemmThreads.P, Q = SgemmThreads.Q, UNROLL_M = SgemmThreads.UNROLL_M,
            UNROLL_N = SgemmThreads.UNROLL_N;

    /**
     * Thread {@code pos} of the product (column-major, alpha 1): rows [rangeM[posM], rangeM[posM + 1]) of C, columns
     * of the ranges of its group in rangeN.
     */
    static void run(boolean transA, boolean transB, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                    float beta, float[] c, int cOff, int ldc, int[] rangeM, int[] rangeN, int threadsM, int pos) {
        run(SgemmPieces.NATIVE, transA, transB, k, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, rangeM, rangeN,
                threadsM, pos);
    }

    /** {@link #run} from these pieces. */
    static void run(Supplier<SgemmPieces> source, boolean transA, boolean transB, int k, float[] a, int aOff, int lda,
                    float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc, int[] rangeM, int[] rangeN,
                    int threadsM, int pos) {
        int posN = pos / threadsM, posM = pos - posN * threadsM, group = posN * threadsM;
        int mFrom = rangeM[posM], mTo = rangeM[posM + 1];
        int cFrom = rangeN[group], cTo = rangeN[group + threadsM];
        if (mTo <= mFrom || cTo <= cFrom) return;
        if (beta != 1f) {
            for (int j = cFrom; j < cTo; j++) {
                int at = cOff + j * ldc;
                if (beta == 0f) Arrays.fill(c, at + mFrom, at + mTo, 0f);
                else for (int i = at + mFrom; i < at + mTo; i++) c[i] *= beta;
            }
        }
        if (k == 0) return;
        try (SgemmPieces pieces = source.get()) {
            // packed B of the group's columns for one k block: each half of each range from its own panel start
            pieces.reserveB((long) Q * (cTo - cFrom + 8L * threadsM));
            long[] half = new long[2 * threadsM + 2];
            for (int ls = 0, minL; ls < k; ls += minL) {
                minL = k - ls;
                if (minL >= 2 * Q) minL = Q;
                else if (minL > Q) minL = (minL + 1) / 2;
                packB(pieces, transB, minL, ls, b, bOff, ldb, rangeN, group, threadsM, half);
                rows(pieces, transA, minL, ls, a, aOff, lda, c, cOff, ldc, rangeN, group, threadsM, pos, mFrom, mTo, half);
            }
        }
    }

    /**
     * All the threads of group {@code posN} one after the other on the caller, as {@link #run} for each of them would
     * compute it, but with each k block of the group's B packed once for them all instead of once per thread (the
     * threads of a group multiply the same columns: the same packed bytes), the threads' rows taking their turns per
     * k block. Each element of C is one thread's and gets the same kernel calls in the same k order, so the bits are
     * run's. For the split's parts on the caller (TorchBlas below the pool's threshold): the MLP's products of
     * 2^18-2^25 multiply-adds split their rows between the 2 threads, which packed B twice.
     */
    static void runGroup(boolean transA, boolean transB, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                         float beta, float[] c, int cOff, int ldc, int[] rangeM, int[] rangeN, int threadsM, int posN) {
        runGroup(SgemmPieces.NATIVE, transA, transB, k, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, rangeM, rangeN,
                threadsM, posN);
    }

    /** {@link #runGroup} from these pieces. */
    static void runGroup(Supplier<SgemmPieces> source, boolean transA, boolean transB, int k, float[] a, int aOff,
                         int lda, float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc, int[] rangeM,
                         int[] rangeN, int threadsM, int posN) {
        int group = posN * threadsM, cFrom = rangeN[group], cTo = rangeN[group + threadsM];
        if (cTo <= cFrom) return;
        if (beta != 1f) {
            for (int posM = 0; posM < threadsM; posM++) {
                int mFrom = rangeM[posM], mTo = rangeM[posM + 1];
                for (int j = cFrom; mTo > mFrom && j < cTo; j++) {
                    int at = cOff + j * ldc;
                    if (beta == 0f) Arrays.fill(c, at + mFrom, at + mTo, 0f);
                    else for (int i = at + mFrom; i < at + mTo; i++) c[i] *= beta;
                }
            }
        }
        if (k == 0 || rangeM[threadsM] <= rangeM[0]) return;
        try (SgemmPieces pieces = source.get()) {
            pieces.reserveB((long) Q * (cTo - cFrom + 8L * threadsM));
            long[] half = new long[2 * threadsM + 2];
            for (int ls = 0, minL; ls < k; ls += minL) {
                minL = k - ls;
                if (minL >= 2 * Q) minL = Q;
                else if (minL > Q) minL = (minL + 1) / 2;
                packB(pieces, transB, minL, ls, b, bOff, ldb, rangeN, group, threadsM, half);
                for (int posM = 0; posM < threadsM; posM++) {
                    int mFrom = rangeM[posM], mTo = rangeM[posM + 1];
                    if (mTo > mFrom) rows(pieces, transA, minL, ls, a, aOff, lda, c, cOff, ldc, rangeN, group, threadsM, group + posM, mFrom, mTo, half);
                }
            }
        }
    }

    /** One k block of the group's B packed: each half of each range from its own panel start. */
    private static void packB(SgemmPieces pieces, boolean transB, int minL, int ls, float[] b, int bOff, int ldb,
                              int[] rangeN, int group, int threadsM, long[] half) {
        long at = 0;
        for (int cur = group, h = 0; cur < group + threadsM; cur++) {
            int from = rangeN[cur], to = rangeN[cur + 1], divN = (to - from + 1) / 2;
            for (int js = from; js < to; js += divN, h++) {
                int w = Math.min(to - js, divN);
                pieces.packB(transB, minL, w, b, transB ? bOff + js + ls * ldb : bOff + ls + js * ldb, ldb, at);
                half[h] = at;
                at += (long) minL * ((w + UNROLL_N - 1) / UNROLL_N * UNROLL_N);
            }
        }
    }

    /**
     * Thread {@code pos}'s rows for one k block: inner_thread's blocks of rows, A packed once per block, and its kernel
     * calls (its own range on its first block of rows per packing step of B, 12, else 4, else fewer columns).
     */
    private static void rows(SgemmPieces pieces, boolean transA, int minL, int ls, float[] a, int aOff, int lda, float[] c,
                             int cOff, int ldc, int[] rangeN, int group, int threadsM, int pos, int mFrom, int mTo,
                             long[] half) {
        int minI = mTo - mFrom;
        if (minI >= 2 * P) minI = P;
        else if (minI > P) minI = (minI / 2 + UNROLL_M - 1) / UNROLL_M * UNROLL_M;
        for (int is = mFrom; is < mTo; is += minI) {
            if (is > mFrom) {
                minI = mTo - is;
                if (minI >= 2 * P) minI = P;
                else if (minI > P) minI = ((minI + 1) / 2 + UNROLL_M - 1) / UNROLL_M * UNROLL_M;
            }
            pieces.packA(transA, minL, minI, a, transA ? aOff + ls + is * lda : aOff + is + ls * lda, lda);
            for (int cur = group, h = 0; cur < group + threadsM; cur++) {
                int from = rangeN[cur], to = rangeN[cur + 1], divN = (to - from + 1) / 2;
                for (int js = from; js < to; js += divN, h++) {
                    int w = Math.min(to - js, divN);
                    if (is == mFrom && cur == pos) {
                        for (int jjs = js, jj; jjs < js + w; jjs += jj) {
                            int left = js + w - jjs;
                            jj = left >= 3 * UNROLL_N ? 3 * UNROLL_N : left > UNROLL_N ? UNROLL_N : left;
                            pieces.kernel(minI, jj, minL, half[h] + (long) minL * (jjs - js), c, cOff + is + jjs * ldc, ldc);
                        }
                    } else {
                        pieces.kernel(minI, w, minL, half[h], c, cOff + is + js * ldc, ldc);
                    }
                }
            }
        }
    }
}
