// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.Supplier;

/**
 * The threaded split's inner_thread for a wide, short product (each thread's rows one block of A; B's columns far
 * more than a cache holds: the CNN row's [25088, 576] x [576, 64], column-major m = 64, n = 25088, k = 576), with
 * the kernel calls of {@link SgemmSharedB} (so the same bits) in another order. SgemmSharedB, as inner_thread, takes
 * the blocks of k one after the other and packs a thread's whole half of B for a block before it multiplies it: at
 * the CNN shape a half is 6272 columns x 288 of k, 7 MB, so the kernel reads every panel back from memory, not from
 * the cache it was packed into, and C's 25088 columns go through the cache once per block of k. Here B's columns are
 * cut into chunks of about {@link #CHUNK} columns; each chunk is packed once for every block of k (by whichever thread
 * reaches it first, as SgemmSharedB shares its halves) and multiplied through all the blocks of k while it is in
 * cache, A packed once for every block of k (one block of rows: a few KB to a few hundred). What keeps the bits: an
 * element still gets its blocks of k in order, each from the kernel call it gets in inner_thread, because a chunk
 * starts on a 12-column step of its half (chunks are multiples of 12 columns and the last one keeps the half's tail),
 * so the thread's own halves keep their per-packing-step calls (12 columns, else 4, else the rest, counted from the
 * half's start) and a call over a whole half of another thread's range is cut into calls over its chunks, which make
 * the same kernel steps (bench/RESULTS.md, "Finer units for the float32 split, twelfth session"). The packed panels
 * are where SgemmSharedB puts them (a chunk starts on a whole 4-column panel of its half), one buffer the size of B.
 * As there, no thread waits for another while it has a chunk it can multiply; all threads walk the chunks in column
 * order, so the one that finds a chunk being packed packs the next, and the other reads a panel shortly after it was
 * packed.
 */
final class SgemmChunkedB {
    private SgemmChunkedB() {}

    private static final int P = SgemmThreads.P, UNROLL_M = SgemmThreads.UNROLL_M,
            UNROLL_N = SgemmThreads.UNROLL_N, STEP = 3 * UNROLL_N;
    private static final int FREE = 0, PACKING = 1, READY = 2;
    /** Columns per chunk (a multiple of the 12-column step; {@code -Dgradbook.blas.chunk}). */
    static final int CHUNK = Math.max(1, Integer.getInteger("gradbook.blas.chunk", 192) / STEP) * STEP;
    /**
     * Whether wide products take this order ({@code -Dgradbook.blas.chunkedB=false}: SgemmSharedB's). From a half of
     * {@link #WIDE_FROM} packed floats per block of k: 1 MB, this machine's L2 a core (a 512 product's halves are 32 K
     * floats and stay in cache as SgemmSharedB packs them: bench/RESULTS.md, thirteenth session).
     */
    static final boolean ON = Boolean.parseBoolean(System.getProperty("gradbook.blas.chunkedB", "true"));
    static final long WIDE_FROM = 1L << 18;

    /**
     * Whether this range of n of the split takes this order: every thread's rows one block of A (at most GEMM_P, so
     * inner_thread makes one min_i block of them) and a half of B per block of k of at least {@link #WIDE_FROM} floats.
     */
    static boolean fits(int[] rangeM, int threadsM, int[] rangeN, int k) {
        if (!ON || k == 0) return false;
        for (int t = 0; t < threadsM; t++) if (rangeM[t + 1] - rangeM[t] > P) return false;
        int widest = 0;
        for (int t = 0; t + 1 < rangeN.length; t++) widest = Math.max(widest, (rangeN[t + 1] - rangeN[t] + 1) / 2);
        return (long) widest * SgemmSharedB.depth(k) >= WIDE_FROM;
    }

    /** B's chunks for one range of n (one step of SgemmThreads.Split's rangesN), packed once for all threads. */
    static final class Job implements AutoCloseable {
        final boolean transB;
        final float[] b;
        final int bOff, ldb, threadsM;
        /** Per block of k: its first row of k (ls) and depth (min_l). */
        final int[] blockFrom, blockDepth;
        /** Per thread, its first chunk; per chunk, its first column, width, the end of its half, its owner. */
        final int[] firstUnit, unitFrom, unitWidth, halfEnd, owner;
        /** Per chunk, packed floats before it per row of k (min_l multiplies it), and the floats per row of k in all. */
        final long[] before;
        final long padded;
        final AtomicIntegerArray state;
        /** Which pieces pack and multiply (OpenBLAS's through FFM or the Java port); one set holds the packed B. */
        final Supplier<SgemmPieces> pieces;
        final SgemmPieces shared;
        volatile boolean failed;

        Job(Supplier<SgemmPieces> pieces, boolean transB, int k, float[] b, int bOff, int ldb, int[] rangeN, int threadsM) {
            this.pieces = pieces;
            this.transB = transB;
            this.b = b;
            this.bOff = bOff;
            this.ldb = ldb;
            this.threadsM = threadsM;
            int blocks = 0;
            for (int ls = 0; ls < k; ls += SgemmSharedB.depth(k - ls)) blocks++;
            blockFrom = new int[blocks];
            blockDepth = new int[blocks];
            for (int ls = 0, kb = 0; ls < k; ls += blockDepth[kb++]) {
                blockFrom[kb] = ls;
                blockDepth[kb] = SgemmSharedB.depth(k - ls);
            }
            int threads = rangeN.length - 1, units = 0;
            for (int t = 0; t < threads; t++) {
                int lo = rangeN[t], hi = rangeN[t + 1], divN = (hi - lo + 1) / 2;
                for (int js = lo; js < hi; js += divN) units += chunks(Math.min(hi - js, divN));
            }
            firstUnit = new int[threads + 1];
            unitFrom = new int[units];
            unitWidth = new int[units];
            halfEnd = new int[units];
            owner = new int[units];
            before = new long[units];
            int u = 0;
            long pad = 0;
            for (int t = 0; t < threads; t++) {
                firstUnit[t] = u;
                int lo = rangeN[t], hi = rangeN[t + 1], divN = (hi - lo + 1) / 2;
                for (int js = lo; js < hi; js += divN) {
                    int w = Math.min(hi - js, divN);
                    for (int cs = 0, cw; cs < w; cs += cw, u++) {
                        cw = w - cs < CHUNK + STEP ? w - cs : CHUNK;
                        unitFrom[u] = js + cs;
                        unitWidth[u] = cw;
                        halfEnd[u] = js + w;
                        owner[u] = t;
                        before[u] = pad + cs;
                    }
                    pad += (w + UNROLL_N - 1) / UNROLL_N * UNROLL_N;
                }
            }
            firstUnit[threads] = u;
            padded = pad;
            state = new AtomicIntegerArray(Math.max(1, units));
            shared = pieces.get();
            shared.reserveB(Math.max(1, (long) k * pad));
        }

        /** How many chunks a half of w columns is cut into (the last keeps the tail of fewer than 12 columns). */
        private static int chunks(int w) {
            int count = 1;
            for (; w >= CHUNK + STEP; w -= CHUNK) count++;
            return count;
        }

        /** Where chunk u of block kb is packed, in floats. */
        long at(int kb, int u) {
            return (long) blockFrom[kb] * padded + (long) blockDepth[kb] * before[u];
        }

        /**
         * Whether chunk u is packed (every block of k), packing it here if no thread has claimed it; false while
         * another thread packs it (the caller multiplies another chunk meanwhile).
         */
        boolean take(int u) {
            int st = state.get(u);
            if (st == READY) return true;
            if (st == FREE && state.compareAndSet(u, FREE, PACKING)) {
                try {
                    for (int kb = 0; kb < blockFrom.length; kb++) {
                        int ls = blockFrom[kb], js = unitFrom[u];
                        shared.packB(transB, blockDepth[kb], unitWidth[u], b,
                                transB ? bOff + js + ls * ldb : bOff + ls + js * ldb, ldb, at(kb, u));
                    }
                } catch (Throwable e) {
                    failed = true;
                    throw e;
                }
                state.set(u, READY);
                return true;
            }
            if (failed) throw new IllegalStateException("another thread of this product failed");
            return state.get(u) == READY;
        }

        /** Returns the buffer; only after every thread of the product is done. */
        @Override
        public void close() {
            shared.close();
        }
    }

    static Job job(Supplier<SgemmPieces> pieces, boolean transB, int k, float[] b, int bOff, int ldb, int[] rangeN,
                   int threadsM) {
        return new Job(pieces, transB, k, b, bOff, ldb, rangeN, threadsM);
    }

    /**
     * Thread {@code pos} of the product (column-major, alpha 1; its rows one block, k above 0: {@link #fits}): rows
     * [rangeM[posM], rangeM[posM + 1]) of C, the columns of its group's ranges in the job's rangeN; SgemmSharedB's
     * kernel calls for them, chunk by chunk.
     */
    static void run(Job job, boolean transA, int k, float[] a, int aOff, int lda, float beta, float[] c, int cOff,
                    int ldc, int[] rangeM, int pos) {
        int threadsM = job.threadsM, posN = pos / threadsM, posM = pos - posN * threadsM, group = posN * threadsM;
        int mFrom = rangeM[posM], rows = rangeM[posM + 1] - mFrom;
        int from = job.firstUnit[group], to = job.firstUnit[group + threadsM];
        if (rows <= 0 || to <= from) return;
        int blocks = job.blockFrom.length;
        long[] aAt = new long[blocks];
        long aFloats = 0;
        for (int kb = 0; kb < blocks; kb++) {
            aAt[kb] = aFloats;
            // whole 8-row panels, each block from a 64-byte line
            aFloats += ((long) job.blockDepth[kb] * ((rows + UNROLL_M - 1) / UNROLL_M * UNROLL_M) + 15) / 16 * 16;
        }
        boolean[] done = new boolean[to - from];
        try (SgemmPieces p = job.pieces.get()) {
            p.reserveA(aFloats);
            for (int kb = 0; kb < blocks; kb++) {
                int ls = job.blockFrom[kb];
                p.packA(transA, job.blockDepth[kb], rows, a, transA ? aOff + ls + mFrom * lda : aOff + mFrom + ls * lda,
                        lda, aAt[kb]);
            }
            for (int left = to - from, spins = 0; left > 0; ) {
                boolean any = false;
                for (int u = from; u < to; u++) {
                    if (done[u - from] || !job.take(u)) continue;
                    int js = job.unitFrom[u], w = job.unitWidth[u];
                    SgemmSharedB.scale(beta, c, cOff, ldc, mFrom, rows, js, w);
                    boolean own = job.owner[u] == pos;
                    for (int kb = 0; kb < blocks; kb++) {
                        int minL = job.blockDepth[kb];
                        long bAt = job.at(kb, u);
                        if (own) {
                            // its own range: the kernel per packing step of B (12, else 4, else the rest, counted
                            // from its half's start; the chunk starts on a 12-column step)
                            for (int j = js, jj; j < js + w; j += jj) {
                                int rest = job.halfEnd[u] - j;
                                jj = rest >= STEP ? STEP : rest > UNROLL_N ? UNROLL_N : rest;
                                p.kernelAt(rows, jj, minL, aAt[kb], job.shared, bAt + (long) minL * (j - js), c,
                                        cOff + mFrom + j * ldc, ldc);
                            }
                        } else {
                            p.kernelAt(rows, w, minL, aAt[kb], job.shared, bAt, c, cOff + mFrom + js * ldc, ldc);
                        }
                    }
                    done[u - from] = true;
                    left--;
                    any = true;
                }
                if (!any) spins = SgemmSharedB.pause(job.failed, spins);
            }
        } catch (Throwable e) {
            job.failed = true;
            throw e;
        }
    }
}
