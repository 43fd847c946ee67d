// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.bytedeco.javacpp.FloatPointer;

/**
 * A float32 product that {@link GemmBlocks} would split, run instead from OpenBLAS's own pieces
 * ({@link HaswellSgemm}: the packing routines and the micro-kernel) so that each operand is packed once and shared
 * by the threads, with the bits of the blocks' {@code cblas_sgemm} calls exactly.
 *
 * <p>Why: each block's {@code cblas_sgemm} packs the operand the blocks share again (a 1024 product in 2 blocks
 * packs one 4 MB operand twice: ~4% of its CPU), and a block is too coarse to even out a helper that starts late.
 * Here both operands are packed once, in pieces either thread takes, into buffers kept between products, then the
 * product is cut into pieces of C (about 16 for a 1024 product) that the caller and helpers take one at a time
 * from a counter; as in GemmBlocks the caller never waits for a helper that has not started.
 *
 * <p>Why the bits are the blocks' bits: OpenBLAS's single-threaded driver (driver/level3/level3.c; in its
 * column-major terms M is our n, N our m) sums each element of C over k in blocks of GEMM_Q set by k alone, and
 * the micro-kernel's result for an element depends on the tile it falls in: the rows of each GEMM_P block (level3.c's
 * min_i sequence, counted from the start of the call), the 12-column (3 x GEMM_UNROLL_N) steps over N, and, for the
 * first row block of every k block only, the narrower column steps level3.c packs B in. So the row blocks here are
 * level3.c's, computed within each GemmBlocks column block; column pieces are multiples of 12 counted from the start
 * of each GemmBlocks row block; the first row block of each column block takes level3.c's 12/4-column steps; every
 * piece adds its k blocks in order after C is scaled by beta (zeroed for 0), as the driver does. A piece of C sees
 * the calls a block's cblas_sgemm makes, in the same order (SharedPackSgemmTest: every transpose, offsets, padded
 * leading dimensions, alpha, beta, 1-4 blocks along rows and columns, bit for bit against the blocks' calls).
 *
 * <p>Only where it pays and fits: products GemmBlocks splits (so a 256 product or the MLP's stay one call), with
 * each packed operand at most {@link #MAX_PACKED} floats (a 2048 x 2048 matrix): a CNN-sized [25088, 576] x
 * [576, 64] keeps the blocks, whose repacked operand is 576 x 64 and cheap. {@code -Dgradbook.blas.sharedPack=false}
 * keeps the blocks everywhere.
 */
final class SharedPackSgemm {
    private SharedPackSgemm() {}

    static final boolean ENABLED = Boolean.parseBoolean(System.getProperty("gradbook.blas.sharedPack", "true"));
    /** Floats per packed operand at most (16 MB); buffers are kept between products up to NativeGemm.KEEP. */
    static final long MAX_PACKED = Long.getLong("gradbook.blas.sharedPack.max", 1L << 22);
    /** Column pieces per GemmBlocks row block, about ({@code -Dgradbook.blas.sharedPack.pieces}). */
    static final int PIECES = Math.max(1, Integer.getInteger("gradbook.blas.sharedPack.pieces", 4));

    /** Whether {@link #sgemm} runs this product (else GemmBlocks' calls do). */
    static boolean fits(int m, int n, int k, float alpha) {
        return ENABLED && k > 0 && alpha != 0f && NativeGemm.OPENBLAS_THREADS == 1 && HaswellSgemm.ready()
                && GemmBlocks.blocks(m, n, k) > 1 && m <= HaswellSgemm.R
                && (long) m * k <= MAX_PACKED && (long) n * k <= MAX_PACKED;
    }

    /** The product as GemmBlocks would cut it ({@link #fits} said yes; arguments checked by Gemm). */
    static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        sgemm(GemmBlocks.blocks(m, n, k), m > n, GemmBlocks.THREADS, transA, transB, m, n, k, alpha,
                a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    /** With the blocks, their direction and the thread count given (tests and benchmarks compare them). */
    static void sgemm(int blocks, boolean byRows, int threads, boolean transA, boolean transB, int m, int n, int k,
                      float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        Scratch s = take();
        try {
            Job job = new Job(blocks, byRows, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            job.sa = s.a.address(job.saFloats);
            job.sb = s.b.address(job.sbFloats);
            job.run(threads);
        } finally {
            giveBack(s); // Job.run returns once every piece, a helper's too, is done with the buffers
        }
    }

    /** One product's plan and progress, in OpenBLAS's column-major terms (M = our n, N = our m). */
    private static final class Job implements Runnable {
        final boolean transA, transB;
        final int bigM, bigN, k, aOff, lda, bOff, ldb, cOff, ldc;
        final float alpha, beta;
        final float[] a, b, c;
        /** k blocks (level3.c's min_l sequence). */
        final int[] lsStart, lsLen;
        /** Row blocks over M (level3.c's min_i sequence within each column block), and which open a call. */
        final int[] isStart, isLen;
        final boolean[] isFirst;
        /** Column pieces over N, multiples of 12 from the start of each row block. */
        final int[] chStart, chLen;
        final int packA, packB, pieces, total;
        final long saFloats, sbFloats;
        long sa, sb;
        final AtomicInteger next = new AtomicInteger(), packed = new AtomicInteger(), computed = new AtomicInteger();
        volatile Thread caller;
        volatile Throwable failure;

        Job(int blocks, boolean byRows, boolean transA, boolean transB, int m, int n, int k, float alpha,
            float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
            this.transA = transA;
            this.transB = transB;
            this.bigM = n;
            this.bigN = m;
            this.k = k;
            this.alpha = alpha;
            this.beta = beta;
            this.a = a;
            this.aOff = aOff;
            this.lda = lda;
            this.b = b;
            this.bOff = bOff;
            this.ldb = ldb;
            this.c = c;
            this.cOff = cOff;
            this.ldc = ldc;
            int[][] ls = steps(k, HaswellSgemm.Q);
            lsStart = ls[0];
            lsLen = ls[1];
            // row blocks: level3.c's over each column block (byRows: one, the whole of M)
            int mBlocks = byRows ? 1 : blocks, nBlocks = byRows ? blocks : 1;
            int[] is0 = new int[bigM], isL = new int[bigM];
            boolean[] first = new boolean[bigM];
            int count = 0;
            for (int s = 0; s < mBlocks; s++) {
                int from = GemmBlocks.edge(bigM, mBlocks, s), to = GemmBlocks.edge(bigM, mBlocks, s + 1);
                int[][] st = steps(to - from, HaswellSgemm.P);
                for (int i = 0; i < st[0].length; i++, count++) {
                    is0[count] = from + st[0][i];
                    isL[count] = st[1][i];
                    first[count] = i == 0;
                }
            }
            isStart = Arrays.copyOf(is0, count);
            isLen = Arrays.copyOf(isL, count);
            isFirst = Arrays.copyOf(first, count);
            // column pieces within each row block
            int step = 3 * HaswellSgemm.UNROLL_N;
            int[] ch0 = new int[bigN], chL = new int[bigN];
            count = 0;
            for (int s = 0; s < nBlocks; s++) {
                int from = GemmBlocks.edge(bigN, nBlocks, s), to = GemmBlocks.edge(bigN, nBlocks, s + 1);
                int width = Math.max(step, (to - from + PIECES - 1) / PIECES + step - 1) / step * step;
                for (int j = from; j < to; j += width, count++) {
                    ch0[count] = j;
                    chL[count] = Math.min(width, to - j);
                }
            }
            chStart = Arrays.copyOf(ch0, count);
            chLen = Arrays.copyOf(chL, count);
            packA = isStart.length * lsStart.length;
            packB = lsStart.length * chStart.length;
            pieces = isStart.length * chStart.length;
            total = packA + packB + pieces;
            saFloats = (long) bigM * k;
            sbFloats = (long) k * bigN;
        }

        void run(int threads) {
            caller = Thread.currentThread();
            for (int h = 1; h < Math.min(threads, pieces); h++) ForkJoinPool.commonPool().execute(this);
            try {
                work();
            } finally {
                // pieces a helper has taken are still being written, and the buffers are in use until they are done
                // (also when a stop unwinds the caller); the helper that finishes the last one unparks the caller
                for (int spins = 0; computed.get() < pieces; spins++) {
                    if (spins < 256) Thread.onSpinWait();
                    else LockSupport.parkNanos(this, 200_000);
                }
            }
            Throwable f = failure;
            if (f instanceof RuntimeException r) throw r;
            if (f instanceof Error e) throw e;
        }

        @Override
        public void run() {
            work();
        }

        /** Takes packing jobs, then pieces of C, until none is left. */
        private void work() {
            for (int t; (t = next.getAndIncrement()) < total; ) {
                if (t < packA + packB) {
                    try {
                        if (t < packA) packA(t / lsStart.length, t % lsStart.length);
                        else packB((t - packA) / chStart.length, (t - packA) % chStart.length);
                    } catch (Throwable e) {
                        failure = e;
                    } finally {
                        packed.incrementAndGet();
                    }
                } else {
                    try {
                        awaitPacking();
                        int p = t - packA - packB;
                        piece(p / chStart.length, p % chStart.length);
                    } catch (Throwable e) {
                        failure = e;
                    } finally {
                        if (computed.incrementAndGet() == pieces && Thread.currentThread() != caller) LockSupport.unpark(caller);
                    }
                }
            }
        }

        /** Packing jobs another thread took may still run when this one reaches the pieces: a short wait. */
        private void awaitPacking() {
            for (int spins = 0; packed.get() < packA + packB; spins++) {
                if (spins < 4096) Thread.onSpinWait();
                else LockSupport.parkNanos(this, 20_000);
            }
        }

        /** Row block i's rows of op(B)... in OpenBLAS's terms, A(is block, k block l) into sa. */
        private void packA(int i, int l) {
            int i0 = isStart[i], mi = isLen[i], ls = lsStart[l], ml = lsLen[l];
            int src = transB ? bOff + ls + i0 * ldb : bOff + i0 + ls * ldb;
            HaswellSgemm.copyA(transB, ml, mi, b, src, ldb, sa + 4L * ((long) i0 * k + (long) ls * mi));
        }

        /** B(k block l, column piece ch) into sb; our A, in OpenBLAS's terms. */
        private void packB(int l, int ch) {
            int ls = lsStart[l], ml = lsLen[l], j0 = chStart[ch], jj = chLen[ch];
            int src = transA ? aOff + j0 + ls * lda : aOff + ls + j0 * lda;
            HaswellSgemm.copyB(transA, ml, jj, a, src, lda, sb + 4L * ((long) ls * bigN + (long) ml * j0));
        }

        /** C at row block i and column piece ch: beta, then every k block in order. */
        private void piece(int i, int ch) {
            int i0 = isStart[i], mi = isLen[i], j0 = chStart[ch], jj = chLen[ch];
            if (beta != 1f)
                for (int j = j0; j < j0 + jj; j++) {
                    int from = cOff + j * ldc + i0;
                    if (beta == 0f) Arrays.fill(c, from, from + mi, 0f);
                    else for (int x = from; x < from + mi; x++) c[x] *= beta;
                }
            int wide = 3 * HaswellSgemm.UNROLL_N, narrow = HaswellSgemm.UNROLL_N;
            for (int l = 0; l < lsStart.length; l++) {
                int ls = lsStart[l], ml = lsLen[l];
                long pa = sa + 4L * ((long) i0 * k + (long) ls * mi), pb = sb + 4L * (long) ls * bigN;
                if (!isFirst[i]) {
                    HaswellSgemm.kernel(mi, jj, ml, alpha, pa, pb + 4L * ml * j0, c, cOff + i0 + j0 * ldc, ldc);
                    continue;
                }
                for (int j = j0, w; j < j0 + jj; j += w) { // level3.c's jjs steps
                    int left = j0 + jj - j;
                    w = left >= wide ? wide : left > narrow ? narrow : left;
                    HaswellSgemm.kernel(mi, w, ml, alpha, pa, pb + 4L * ml * j, c, cOff + i0 + j * ldc, ldc);
                }
            }
        }
    }

    /**
     * level3.c's blocking of {@code len} by {@code size}: whole blocks while at least two are left, then the rest in
     * two halves rounded up to GEMM_UNROLL_M when it exceeds one block. {starts, lengths}.
     */
    static int[][] steps(int len, int size) {
        int[] start = new int[len / size + 2], width = new int[start.length];
        int count = 0;
        for (int at = 0, w; at < len; at += w, count++) {
            w = len - at;
            if (w >= 2 * size) w = size;
            else if (w > size) w = (w / 2 + HaswellSgemm.UNROLL_M - 1) / HaswellSgemm.UNROLL_M * HaswellSgemm.UNROLL_M;
            start[count] = at;
            width[count] = w;
        }
        return new int[][] {Arrays.copyOf(start, count), Arrays.copyOf(width, count)};
    }

    /** Packed buffers no product is using, kept between products (first touch of fresh memory is slow). */
    private static final ConcurrentLinkedDeque<Scratch> FREE = new ConcurrentLinkedDeque<>();

    private static Scratch take() {
        Scratch s = FREE.pollFirst();
        return s != null ? s : new Scratch();
    }

    private static void giveBack(Scratch s) {
        s.a.trim();
        s.b.trim();
        FREE.offerFirst(s);
    }

    private static final class Scratch {
        final Buffer a = new Buffer(), b = new Buffer();
    }

    /** Off-heap floats at a page-aligned address (OpenBLAS aligns its own packing buffers too). */
    private static final class Buffer {
        private FloatPointer memory;
        private long aligned, capacity;

        long address(long floats) {
            if (memory == null || capacity < floats) {
                if (memory != null) memory.close();
                memory = new FloatPointer(Math.max(floats, 64) + 1024);
                aligned = (memory.address() + 4095) & ~4095L;
                capacity = Math.max(floats, 64);
            }
            return aligned;
        }

        void trim() {
            if (memory != null && capacity > NativeGemm.KEEP) {
                memory.close();
                memory = null;
                capacity = 0;
            }
        }
    }
}
