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
 * ({@link Simd#enabled}), and once warm ({@link #usable}); {@code -Dgradbook.blas.javaKernels=false} keeps the calls.
 */
final class SgemmInnerThread32 {
    private SgemmInnerThread32() {}

    /** On by default where FFM is not (JDK 17-21); {@code -Dgradbook.blas.javaKernels=true} runs it on 22+ too. */
    static final boolean ENABLED = Boolean.parseBoolean(System.getProperty("gradbook.blas.javaKernels",
            String.valueOf(Runtime.version().feature() < 22)));

    /**
     * Products from this many multiply-adds (2^28: a 1024 product, not a 512) keep the calls: there OpenBLAS's own
     * kernel, ~1.3x the port's speed, outweighs the calls' packing (bench/TorchSplit17, load ~5, wall median: 1024
     * 35.5 ms calls against 38.3 port; the installed kernel's matmul 1024, 20 runs: 21-23 against 26-27), where below
     * the port gains (512: 6.4 → 4.1 ms; the MLP's forward 2.2 → 0.9 ms of CPU). {@code
     * -Dgradbook.blas.javaKernels.max=N} moves the line.
     */
    static final long MAX_WORK = Long.getLong("gradbook.blas.javaKernels.max", 1L << 28);

    private static final int P = SgemmThreads.P, Q = SgemmThreads.Q, UNROLL_M = SgemmThreads.UNROLL_M,
            UNROLL_N = SgemmThreads.UNROLL_N;

    /**
     * Whether products run here from the first one, or only once {@link #warmUp} has had the JIT compile the kernel
     * on a daemon thread (the default): until C2 compiles it the Vector API runs lane by lane with an object per
     * operation, and a fresh JVM's first MLP step cost 0.5-0.75 s of CPU that way against 0.02 through the calls,
     * the next ten 7-65 ms against 5-7 (then 2.3-2.8 against 4.2-4.8). Products take the calls (the same bits) until
     * then. {@code -Dgradbook.blas.javaKernels.warmUp=false} uses the kernel from the first product (tests).
     */
    static final boolean WARM_UP = Boolean.parseBoolean(System.getProperty("gradbook.blas.javaKernels.warmUp", "true"));

    private static volatile boolean warm = !WARM_UP;
    private static final java.util.concurrent.atomic.AtomicBoolean STARTED = new java.util.concurrent.atomic.AtomicBoolean();

    /** Whether products run here now (the flag, the Vector API compiled to vector instructions, and warm). */
    static boolean usable() {
        if (!ENABLED || !Simd.enabled()) return false;
        if (warm) return true;
        if (STARTED.compareAndSet(false, true)) {
            Thread t = new Thread(SgemmInnerThread32::warmUp, "gradbook-sgemm-warm-up");
            t.setDaemon(true);
            t.start();
        }
        return false;
    }

    /**
     * Small split products through the kernel, every transpose, row tails of 4, 2 and 1 and every column step, until
     * the JIT has compiled it (a fixed count: after it the MLP's products cost what they cost settled, 1-2 products on), then
     * {@link #usable} says yes. About 0.5 s of CPU on this thread, once per JVM, started by the first product that
     * would run here.
     */
    private static void warmUp() {
        try {
            // 47 x 61 x 97: 5 blocks of 8 rows and 7 left; 150 x 100 x 24: whole blocks and every column step (both
            // above 2^18 multiply-adds, so split); a compiled kernel that met only one of them was deoptimized again
            int[][] shapes = {{47, 61, 97}, {150, 100, 24}};
            for (int round = 0; round < 40; round++) {
                for (int[] shape : shapes) {
                    int m = shape[0], n = shape[1], k = shape[2];
                    float[] a = new float[m * k], b = new float[k * n], c = new float[m * n];
                    for (int i = 0; i < a.length; i++) a[i] = (i % 13) * 0.1f;
                    for (int i = 0; i < b.length; i++) b[i] = (i % 7) * 0.1f;
                    for (int t = 0; t < 4; t++) {
                        boolean ta = (t & 1) != 0, tb = (t & 2) != 0;
                        TorchBlas.sgemmJava(ta, tb, m, n, k, a, 0, ta ? k : m, b, 0, tb ? n : k, 0f, c, 0, m);
                    }
                }
            }
        } finally {
            warm = true;
        }
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
