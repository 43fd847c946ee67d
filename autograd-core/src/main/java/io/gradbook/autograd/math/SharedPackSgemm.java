// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;

/**
 * A float32 product that {@link GemmBlocks} would split, run instead from OpenBLAS's own pieces
 * ({@link HaswellSgemm}: the packing routines and the micro-kernel) so that the operand the blocks share is packed
 * once for all threads, with the bits of the blocks' {@code cblas_sgemm} calls exactly.
 *
 * <p>Why: each block's {@code cblas_sgemm} packs the operand the blocks share again (a 1024 product in 2 blocks
 * packs one 4 MB operand twice: ~3-4% of its CPU, bench/GemmShared.java), and a block is too coarse to even out a
 * helper that starts late. Here the work is level3.c's own loop order, cut into small jobs the caller and helpers
 * take in order from a counter: per k block (GEMM_Q deep), B's packing in a few column pieces into one shared
 * buffer, then C's row blocks (GEMM_P rows), each packing its block of A into its thread's own reused buffer (in
 * that core's cache, as level3.c's sa) and running the kernel over all of N. A job waits only for jobs taken before
 * it (its k block's packing; its row block at the k block before), so as in GemmBlocks the caller never waits for a
 * helper that has not started, and a helper stays awake after it only as long as {@link HotWorkers} bounds.
 *
 * <p>Why the bits are the blocks' bits: OpenBLAS's single-threaded driver (driver/level3/level3.c; in its
 * column-major terms M is our n, N our m, A our B and B our A) sums each element of C over k in blocks set by k
 * alone, and the micro-kernel's result for an element depends on the tile it falls in: the rows of each GEMM_P
 * block (level3.c's min_i sequence, counted from the start of the call), the 12-column (3 x GEMM_UNROLL_N) steps
 * over N from the start of the call, and, for the first row block of every k block, the narrower column steps
 * level3.c packs B in. So the row blocks here are level3.c's within each GemmBlocks column block, the kernel runs
 * over each GemmBlocks row block of N from its start, the first row block of each column block takes level3.c's
 * 12/4-column steps, and each row block adds its k blocks in order after C is scaled by beta (zeroed for 0), as the
 * driver does (SharedPackSgemmTest: every transpose, offsets, padded leading dimensions, alpha, beta, 1-4 blocks
 * along rows and columns, 1-3 threads, bit for bit against the blocks' calls; other row blocks gave other bits).
 *
 * <p>Only where it pays and fits: products GemmBlocks splits by columns (m <= n: each block packs all of our A
 * again; a 256 product or the MLP's stay one call), with our A (B in level3.c's terms) packed in at most
 * {@link #MAX_PACKED} floats (a 2048 x 2048 matrix). Split by rows (m > n), each block packs our B again, the
 * smaller operand, which here too would be packed per row block, and a row block is then the only parallel job:
 * those products (the CNN-sized [25088, 576] x [576, 64] among them) keep the blocks. {@code
 * -Dgradbook.blas.sharedPack=false} keeps the blocks everywhere ({@link #ENABLED}).
 */
final class SharedPackSgemm {
    private SharedPackSgemm() {}

    /**
     * Off by default ({@code -Dgradbook.blas.sharedPack=true} turns it on): on the loaded 2-core machine a fresh
     * kernel's 1024 products took 1-13% less CPU than the blocks, but on the idle machine the installed kernel's
     * matmul 1024 (20 runs beside PyTorch, alternated installs) took 15.4 / 12.9 ms with it against 11.3 / 11.5 without
     * (bench/RESULTS.md): its two threads wait on each other's packing where the blocks' calls run free.
     */
    static final boolean ENABLED = Boolean.parseBoolean(System.getProperty("gradbook.blas.sharedPack", "false"));
    /** Floats of packed B at most (16 MB); the buffers are kept between products up to NativeGemm.KEEP. */
    static final long MAX_PACKED = Long.getLong("gradbook.blas.sharedPack.max", 1L << 22);
    /** Pieces B's packing is cut into per GemmBlocks row block and k block ({@code -Dgradbook.blas.sharedPack.pieces}). */
    static final int PIECES = Math.max(1, Integer.getInteger("gradbook.blas.sharedPack.pieces", 4));
    /**
     * Floats of one thread's packed block of A (GEMM_P x GEMM_Q, whole pages): each thread packs the row block it
     * multiplies into its own, reused block by block, so it stays in that core's cache, as level3.c's sa does.
     */
    static final int SA_STRIDE = (HaswellSgemm.P * HaswellSgemm.Q + 1023) / 1024 * 1024;

    /**
     * Products GemmBlocks keeps as one call but that this runs on several threads anyway, from this many
     * multiply-adds ({@code -Dgradbook.blas.sharedPack.from=N}; default: none). With one block it gives the one
     * call's bits. Off by default: on the loaded 2-core machine a 256 product on 2 threads was no faster in the middle
     * (bench/RESULTS.md); e.g. 16777216 puts a 256 product on 2 threads, for measuring on an idle machine.
     */
    static final long SMALL_FROM = Long.getLong("gradbook.blas.sharedPack.from", Long.MAX_VALUE);

    /** Whether {@link #sgemm} runs this product (else GemmBlocks' calls, or one call, do). */
    static boolean fits(int m, int n, int k, float alpha) {
        return ENABLED && takes(m, n, k, alpha);
    }

    /** Whether the product is one this would run when switched on. */
    static boolean takes(int m, int n, int k, float alpha) {
        return k > 0 && alpha != 0f && NativeGemm.OPENBLAS_THREADS == 1 && HaswellSgemm.ready()
                && (GemmBlocks.blocks(m, n, k) > 1 || (long) m * n * k >= SMALL_FROM) && m <= n && m <= HaswellSgemm.R
                && (long) m * k <= MAX_PACKED;
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
        PackScratch s = PackScratch.take();
        try {
            Job job = new Job(blocks, byRows, threads, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            job.sa = s.a.address((long) Math.max(1, threads) * SA_STRIDE);
            job.sb = s.b.address(job.sbFloats);
            job.run(threads);
        } finally {
            s.giveBack(); // Job.run returns once every piece, a helper's too, is done with the buffers
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
        /** Column pieces over N for packing B, multiples of 12 from the start of each row block. */
        final int[] chStart, chLen;
        /** GemmBlocks' row blocks over N (one when it splits by columns): each is one call's N range. */
        final int[] nStart, nEnd;
        /** Jobs per k block (B's packing pieces, then the row blocks), row blocks, jobs in all. */
        final int perLs, pieces, total;
        /** Packing jobs done per k block; k blocks added per piece of C. */
        final AtomicIntegerArray packedIn, level;
        final long sbFloats;
        /** Each thread that joins takes a number: its A buffer, and its place among the parked waiters. */
        final AtomicInteger slots = new AtomicInteger();
        final AtomicReferenceArray<Thread> waiters;
        long sa, sb;
        final AtomicInteger next = new AtomicInteger(), done = new AtomicInteger();
        volatile Thread caller;
        volatile Throwable failure;

        Job(int blocks, boolean byRows, int threads, boolean transA, boolean transB, int m, int n, int k, float alpha,
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
            nStart = new int[nBlocks];
            nEnd = new int[nBlocks];
            for (int b2 = 0; b2 < nBlocks; b2++) {
                nStart[b2] = GemmBlocks.edge(bigN, nBlocks, b2);
                nEnd[b2] = GemmBlocks.edge(bigN, nBlocks, b2 + 1);
            }
            chStart = Arrays.copyOf(ch0, count);
            chLen = Arrays.copyOf(chL, count);
            perLs = chStart.length + isStart.length;
            pieces = isStart.length;
            total = perLs * lsStart.length;
            packedIn = new AtomicIntegerArray(lsStart.length);
            level = new AtomicIntegerArray(pieces);
            sbFloats = (long) k * bigN;
            waiters = new AtomicReferenceArray<>(Math.max(1, threads));
        }

        void run(int threads) {
            caller = Thread.currentThread();
            for (int h = 1; h < Math.min(threads, pieces * lsStart.length); h++) HotWorkers.execute(this);
            try {
                work();
            } finally {
                // jobs a helper has taken are still running, and the buffers are in use until they are done (also
                // when a stop unwinds the caller); the helper that finishes the last one unparks the caller
                for (int spins = 0; done.get() < total; spins++) {
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

        /**
         * Takes jobs in order until none is left: per k block, B's packing pieces, then C's row blocks. So the
         * packed B a k block needs is fresh in cache when its row blocks run, as in level3.c, and a row block adds
         * its k blocks in order: a thread that takes (k block l, row block i) waits for l's packing and for
         * (l - 1, i), which were taken a whole k block's jobs earlier and are nearly always done.
         */
        private void work() {
            int slot = -1;
            for (int t; (t = next.getAndIncrement()) < total; ) {
                if (slot < 0) slot = slots.getAndIncrement();
                int l = t / perLs, r = t % perLs, nCh = chStart.length;
                try {
                    if (r < nCh) packB(l, r);
                    else {
                        await(packedIn, l, nCh, slot);
                        if (l > 0) await(level, r - nCh, l, slot);
                        rowBlock(r - nCh, l, sa + 4L * slot * SA_STRIDE);
                    }
                } catch (Throwable e) {
                    failure = e;
                } finally {
                    if (r < nCh) packedIn.incrementAndGet(l);
                    else level.incrementAndGet(r - nCh);
                    for (int w = 0; w < waiters.length(); w++) {
                        Thread waiter = waiters.get(w);
                        if (waiter != null) LockSupport.unpark(waiter);
                    }
                    if (done.incrementAndGet() == total && Thread.currentThread() != caller) LockSupport.unpark(caller);
                }
            }
        }

        /**
         * Until {@code v[i] >= atLeast}: a short spin (the job another thread took usually ends in a moment), then
         * parked until a job ends (every finished job unparks the registered waiters). Parked, not spinning or
         * yielding: on 2 loaded cores the thread waited for may be the one that needs this core.
         */
        private void await(AtomicIntegerArray v, int i, int atLeast, int slot) {
            for (int spins = 0; v.get(i) < atLeast; spins++) {
                if (spins < 128) {
                    Thread.onSpinWait();
                    continue;
                }
                waiters.set(slot, Thread.currentThread());
                if (v.get(i) < atLeast) LockSupport.parkNanos(this, 1_000_000);
                waiters.set(slot, null);
            }
        }

        /** B(k block l, column piece ch) into sb; our A, in OpenBLAS's terms. */
        private void packB(int l, int ch) {
            int ls = lsStart[l], ml = lsLen[l], j0 = chStart[ch], jj = chLen[ch];
            int src = transA ? aOff + j0 + ls * lda : aOff + ls + j0 * lda;
            HaswellSgemm.copyB(transA, ml, jj, a, src, lda, sb + 4L * ((long) ls * bigN + (long) ml * j0));
        }

        /**
         * Row block i of C at k block l, as level3.c's is loop does it: A's block packed by the thread that uses it (so
         * it is in that core's cache), then the kernel over each GemmBlocks row block of N; the first k block scales C
         * by beta first.
         */
        private void rowBlock(int i, int l, long pa) {
            int i0 = isStart[i], mi = isLen[i], ls = lsStart[l], ml = lsLen[l];
            if (l == 0 && beta != 1f)
                for (int j = 0; j < bigN; j++) {
                    int from = cOff + j * ldc + i0;
                    if (beta == 0f) Arrays.fill(c, from, from + mi, 0f);
                    else for (int x = from; x < from + mi; x++) c[x] *= beta;
                }
            int src = transB ? bOff + ls + i0 * ldb : bOff + i0 + ls * ldb;
            HaswellSgemm.copyA(transB, ml, mi, b, src, ldb, pa);
            long pb = sb + 4L * (long) ls * bigN;
            int wide = 3 * HaswellSgemm.UNROLL_N, narrow = HaswellSgemm.UNROLL_N;
            for (int s = 0; s < nStart.length; s++) {
                int j0 = nStart[s], jj = nEnd[s] - j0;
                if (!isFirst[i]) {
                    HaswellSgemm.kernel(mi, jj, ml, alpha, pa, pb + 4L * ml * j0, c, cOff + i0 + j0 * ldc, ldc);
                    continue;
                }
                // level3.c's jjs steps: 12 columns at a time, which one call over a multiple of 12 takes alike (the
                // kernel steps through N by 12 from the call's start), then 4 or the rest; one call, not one per 12
                // columns, because until the JIT compiles the FFM call path each call costs microseconds
                int whole = jj / wide * wide;
                if (whole > 0) HaswellSgemm.kernel(mi, whole, ml, alpha, pa, pb + 4L * ml * j0, c, cOff + i0 + j0 * ldc, ldc);
                for (int j = j0 + whole, w; j < j0 + jj; j += w) {
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
}
