// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * {@link SgemmInnerThread} for JDKs without FFM (17-21): the same loop (level3_thread.c's inner_thread, the same
 * kernel calls on the same packed blocks), with OpenBLAS's packing and Haswell micro-kernel in Java
 * ({@link HaswellPack32}, {@link HaswellKernel32}) on heap buffers, so the same bits as SgemmThreads'
 * single-threaded calls without their cost: those calls pack both operands again per call and cross JNI per call
 * (the MLP's products 2.3-2.6 ms that way against 0.64 ms through FFM on JDK 25). Only where the Vector API runs
 * ({@link Simd#enabled}); {@code -Dgradbook.blas.javaKernels=false} keeps the calls.
 */
final class SgemmInnerThread32 {
    private SgemmInnerThread32() {}

    /** On by default where FFM is not (JDK 17-21); {@code -Dgradbook.blas.javaKernels=true} runs it on 22+ too. */
    static final boolean ENABLED = Boolean.parseBoolean(System.getProperty("gradbook.blas.javaKernels",
            String.valueOf(Runtime.version().feature() < 22)));

    private static final int P = SgemmThreads.P, Q = SgemmThreads.Q, UNROLL_M = SgemmThreads.UNROLL_M,
            UNROLL_N = SgemmThreads.UNROLL_N;

    /** Whether products can run here (the flag, and the Vector API compiled to vector instructions). */
    static boolean usable() {
        return ENABLED && Simd.enabled();
    }

    /** Packed A and B, kept between products (fresh arrays would be zeroed each time). */
    private static final class Scratch {
        private static final ConcurrentLinkedDeque<Scratch> FREE = new ConcurrentLinkedDeque<>();
        float[] a = new float[P * Q], b = new float[0];

        static Scratch take() {
            Scratch s = FREE.pollFirst();
            return s != null ? s : new Scratch();
        }

        float[] b(long floats) {
            if (b.length < floats) b = new float[(int) floats];
            return b;
        }

        void giveBack() {
            if (b.length > NativeGemm.KEEP) b = new float[0];
            FREE.offerFirst(this);
        }
    }

    /** Thread {@code pos} of the product, as {@link SgemmInnerThread#run}. */
    static void run(boolean transA, boolean transB, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                    float beta, float[] c, int cOff, int ldc, int[] rangeM, int[] rangeN, int threadsM, int pos) {
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
        Scratch s = Scratch.take();
        try {
            float[] sa = s.a, sb = s.b((long) Q * (cTo - cFrom + 8L * threadsM));
            int[] half = new int[2 * threadsM + 2];
            for (int ls = 0, minL; ls < k; ls += minL) {
                minL = k - ls;
                if (minL >= 2 * Q) minL = Q;
                else if (minL > Q) minL = (minL + 1) / 2;
                int at = 0;
                for (int cur = group, h = 0; cur < group + threadsM; cur++) {
                    int from = rangeN[cur], to = rangeN[cur + 1], divN = (to - from + 1) / 2;
                    for (int js = from; js < to; js += divN, h++) {
                        int w = Math.min(to - js, divN);
                        HaswellPack32.packB(transB, minL, w, b, transB ? bOff + js + ls * ldb : bOff + ls + js * ldb, ldb, sb, at);
                        half[h] = at;
                        at += minL * ((w + UNROLL_N - 1) / UNROLL_N * UNROLL_N);
                    }
                }
                int minI = mTo - mFrom;
                if (minI >= 2 * P) minI = P;
                else if (minI > P) minI = (minI / 2 + UNROLL_M - 1) / UNROLL_M * UNROLL_M;
                for (int is = mFrom; is < mTo; is += minI) {
                    if (is > mFrom) {
                        minI = mTo - is;
                        if (minI >= 2 * P) minI = P;
                        else if (minI > P) minI = ((minI + 1) / 2 + UNROLL_M - 1) / UNROLL_M * UNROLL_M;
                    }
                    HaswellPack32.packA(transA, minL, minI, a, transA ? aOff + ls + is * lda : aOff + is + ls * lda, lda, sa, 0);
                    for (int cur = group, h = 0; cur < group + threadsM; cur++) {
                        int from = rangeN[cur], to = rangeN[cur + 1], divN = (to - from + 1) / 2;
                        for (int js = from; js < to; js += divN, h++) {
                            int w = Math.min(to - js, divN);
                            if (is == mFrom && cur == pos) {
                                // its own range on its first block of rows: the kernel per packing step of B
                                for (int jjs = js, jj; jjs < js + w; jjs += jj) {
                                    int left = js + w - jjs;
                                    jj = left >= 3 * UNROLL_N ? 3 * UNROLL_N : left > UNROLL_N ? UNROLL_N : left;
                                    HaswellKernel32.kernel(minI, jj, minL, 1f, sa, 0, sb, half[h] + minL * (jjs - js), c, cOff + is + jjs * ldc, ldc);
                                }
                            } else {
                                HaswellKernel32.kernel(minI, w, minL, 1f, sa, 0, sb, half[h], c, cOff + is + js * ldc, ldc);
                            }
                        }
                    }
                }
            }
        } finally {
            s.giveBack();
        }
    }
}
