// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;

import java.util.concurrent.ConcurrentLinkedDeque;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * OpenBLAS {@code cblas_sgemm}/{@code cblas_dgemm}, the library nd4j-native ships, called through JavaCPP directly
 * (ND4J's own start-up, about 2 s with its OpenMP runtime, is never paid). The path on JDK 17-21; on JDK 22+
 * {@link FfmGemm} calls the same library on the arrays in place once its handles are made. Arguments are already checked by
 * {@link Gemm}. Loading happens in this class's initializer, so only the first native product pays it (0.2-0.5 s).
 *
 * <p>Why copies into a per-thread off-heap scratch: JavaCPP's {@code float[]} overloads pin nothing; they copy every
 * array in and back out on each call (JNI {@code Get/ReleaseFloatArrayElements}), A and B included, which measured
 * 15-70 GFLOP/s against 175-180 for the same product on off-heap memory. Copying A and B in and C out ourselves
 * (C in only when beta is not 0) into buffers reused across calls costs a few percent at n >= 512 (README's
 * benchmark section has the numbers). Reuse matters more than the copies: on the reference VM the first touch of
 * fresh memory costs about 1 s per 58 MB (page faults), so a buffer allocated per call made a [25088, 576] x
 * [576, 64] product 10x slower. Buffers larger than {@link #KEEP} elements are still freed after the call so a
 * one-off huge product does not pin its memory for the rest of the session.
 */
final class NativeGemm {
    private NativeGemm() {}

    /** Elements a scratch buffer keeps between calls (16M: a 4096 x 4096 matrix, 64 MB of floats). */
    static final long KEEP = Long.getLong("gradbook.blas.keep", 1L << 24);

    /**
     * OpenBLAS's own threads ({@code -Dgradbook.blas.openblas.threads}): 1, the default, runs every call on its
     * caller's thread and lets {@link GemmBlocks} spread large products; more hands each product to OpenBLAS whole.
     */
    static final int OPENBLAS_THREADS = Math.max(1, Integer.getInteger("gradbook.blas.openblas.threads", 1));

    private static final Throwable PROBLEM = load();

    private static Throwable load() {
        try {
            Loader.load(openblas_nolapack.class);
            // every OpenBLAS call runs on its caller's thread alone; GemmBlocks spreads a product over threads
            // (its comment says why). ND4J, when loaded, would set it from OMP_NUM_THREADS: set it here.
            openblas_nolapack.blas_set_num_threads(OPENBLAS_THREADS);
            return null;
        } catch (Throwable e) {
            System.err.println("gradbook: native BLAS unavailable, matrix products stay in Java (" + e + ")");
            return e;
        }
    }

    static boolean available() {
        return PROBLEM == null;
    }

    /**
     * Sets of buffers no product is using; a product takes one (or makes one) and gives it back, so products that run
     * at once have their own and OpenBLAS reads them while the caller waits, never after. Not one set per thread:
     * the kernel runs each cell on a new thread, and per-thread buffers were made again in every cell that
     * multiplies, each paying the first touch of fresh memory (see the class comment) and leaving the last cell's
     * buffers off-heap until a collection freed them. Last in, first out: the set in use most recently is taken.
     */
    private static final ConcurrentLinkedDeque<Scratch> FREE = new ConcurrentLinkedDeque<>();

    private static Scratch take() {
        Scratch s = FREE.pollFirst();
        return s != null ? s : new Scratch();
    }

    private static void giveBack(Scratch s) {
        s.trim();
        FREE.offerFirst(s);
    }

    private static final class Scratch {
        final FloatPointer[] f = new FloatPointer[3];
        final DoublePointer[] d = new DoublePointer[3];

        FloatPointer floats(int slot, long size) {
            FloatPointer p = f[slot];
            if (p == null || p.capacity() < size) {
                if (p != null) p.close();
                p = f[slot] = new FloatPointer(Math.max(size, 64));
            }
            return p;
        }

        DoublePointer doubles(int slot, long size) {
            DoublePointer p = d[slot];
            if (p == null || p.capacity() < size) {
                if (p != null) p.close();
                p = d[slot] = new DoublePointer(Math.max(size, 64));
            }
            return p;
        }

        void trim() {
            for (int i = 0; i < 3; i++) {
                if (f[i] != null && f[i].capacity() > KEEP) { f[i].close(); f[i] = null; }
                if (d[i] != null && d[i].capacity() > KEEP) { d[i].close(); d[i] = null; }
            }
        }
    }

    /** The product through GemmBlocks, or in one call when OpenBLAS runs its own threads. */
    static void blocks(int m, int n, int k, GemmBlocks.Block body) {
        if (OPENBLAS_THREADS > 1) body.run(0, m, 0, n);
        else GemmBlocks.run(m, n, k, body);
    }

    static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        sgemm(false, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    /** With {@code whole}: one call on the caller's thread, never GemmBlocks' blocks (TorchBlas plans its own calls). */
    static void sgemm(boolean whole, boolean transA, boolean transB, int m, int n, int k, float alpha,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        Scratch s = take();
        try {
            int aRows = transA ? k : m, aCols = transA ? m : k, bRows = transB ? n : k, bCols = transB ? k : n;
            FloatPointer pa = put(s.floats(0, (long) aRows * aCols), a, aOff, lda, aRows, aCols);
            FloatPointer pb = put(s.floats(1, (long) bRows * bCols), b, bOff, ldb, bRows, bCols);
            FloatPointer pc = s.floats(2, (long) m * n);
            if (beta != 0) put(pc, c, cOff, ldc, m, n);
            int pla = Math.max(1, aCols), plb = Math.max(1, bCols), ta = transA ? CblasTrans : CblasNoTrans, tb = transB ? CblasTrans : CblasNoTrans;
            GemmBlocks.Block call = (r0, r1, c0, c1) -> openblas_nolapack.cblas_sgemm(CblasRowMajor, ta, tb, r1 - r0, c1 - c0, k, alpha,
                    pa.getPointer(transA ? r0 : (long) r0 * pla), pla, pb.getPointer(transB ? (long) c0 * plb : c0), plb,
                    beta, pc.getPointer((long) r0 * n + c0), n);
            if (whole) call.run(0, m, 0, n);
            else blocks(m, n, k, call);
            if (n == ldc) pc.position(0).get(c, cOff, m * n);
            else for (int r = 0; r < m; r++) pc.position((long) r * n).get(c, cOff + r * ldc, n);
            pc.position(0);
        } finally {
            giveBack(s); // after GemmBlocks.run: every block, a helper's too, is done with the buffers
        }
    }

    static void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                      double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                      double beta, double[] c, int cOff, int ldc) {
        dgemm(false, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    /** With {@code whole}: one call on the caller's thread, never GemmBlocks' blocks (TorchBlas plans its own calls). */
    static void dgemm(boolean whole, boolean transA, boolean transB, int m, int n, int k, double alpha,
                      double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                      double beta, double[] c, int cOff, int ldc) {
        Scratch s = take();
        try {
            int aRows = transA ? k : m, aCols = transA ? m : k, bRows = transB ? n : k, bCols = transB ? k : n;
            DoublePointer pa = put(s.doubles(0, (long) aRows * aCols), a, aOff, lda, aRows, aCols);
            DoublePointer pb = put(s.doubles(1, (long) bRows * bCols), b, bOff, ldb, bRows, bCols);
            DoublePointer pc = s.doubles(2, (long) m * n);
            if (beta != 0) put(pc, c, cOff, ldc, m, n);
            int pla = Math.max(1, aCols), plb = Math.max(1, bCols), ta = transA ? CblasTrans : CblasNoTrans, tb = transB ? CblasTrans : CblasNoTrans;
            GemmBlocks.Block call = (r0, r1, c0, c1) -> openblas_nolapack.cblas_dgemm(CblasRowMajor, ta, tb, r1 - r0, c1 - c0, k, alpha,
                    pa.getPointer(transA ? r0 : (long) r0 * pla), pla, pb.getPointer(transB ? (long) c0 * plb : c0), plb,
                    beta, pc.getPointer((long) r0 * n + c0), n);
            if (whole) call.run(0, m, 0, n);
            else blocks(m, n, k, call);
            if (n == ldc) pc.position(0).get(c, cOff, m * n);
            else for (int r = 0; r < m; r++) pc.position((long) r * n).get(c, cOff + r * ldc, n);
            pc.position(0);
        } finally {
            giveBack(s); // after GemmBlocks.run: every block, a helper's too, is done with the buffers
        }
    }

    /** The rows x cols matrix at off (row stride ld) into p, packed (row stride cols); p's position back at 0. */
    private static FloatPointer put(FloatPointer p, float[] v, int off, int ld, int rows, int cols) {
        if (ld == cols) p.position(0).put(v, off, rows * cols);
        else for (int r = 0; r < rows; r++) p.position((long) r * cols).put(v, off + r * ld, cols);
        return p.position(0);
    }

    private static DoublePointer put(DoublePointer p, double[] v, int off, int ld, int rows, int cols) {
        if (ld == cols) p.position(0).put(v, off, rows * cols);
        else for (int r = 0; r < rows; r++) p.position((long) r * cols).put(v, off + r * ld, cols);
        return p.position(0);
    }
}
