// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The threaded split's inner_thread ({@link SgemmInnerThread}'s kernel calls, so the same bits) with B packed once
 * for all threads, as OpenBLAS's threads share it: each half of each thread's range of n, per block of k, is packed
 * by whichever thread needs it first (its own halves first, as inner_thread packs its own), and read from there by
 * the others. SgemmInnerThread has each thread pack every panel of B its rows multiply, so a square product with the
 * rows split in two (nthreads_m 2: 1024 and 2048) packed B twice. Unlike inner_thread, no thread waits for another
 * to reach a panel: one that is ahead packs the other's halves itself (a helper that starts late, on a loaded
 * machine, finds them packed), a half another thread is still packing is multiplied after the others (the halves'
 * kernel calls touch other columns of C: their order does not change the bits), and a thread only waits when
 * nothing else is left to multiply. B's panels for all blocks of k stay packed until the product ends (one buffer the
 * size of B, rounded up to whole 4-column panels: page-aligned off-heap for OpenBLAS's pieces through FFM, a heap
 * array for the Java port's, JDK 17-21), so no panel is overwritten while a thread still reads it. Either
 * {@link SgemmPieces} packs and multiplies; the packed layout is the same.
 */
final class SgemmSharedB {
    private SgemmSharedB() {}

    private static final int P = SgemmThreads.P, Q = SgemmThreads.Q, UNROLL_M = SgemmThreads.UNROLL_M,
            UNROLL_N = SgemmThreads.UNROLL_N;
    private static final int FREE = 0, PACKING = 1, READY = 2;

    /** B's packed panels for one range of n (one step of SgemmThreads.Split's rangesN), shared by the threads. */
    static final class Job implements AutoCloseable {
        final boolean transB;
        final int k, threadsM, halves;
        final float[] b;
        final int bOff, ldb;
        final int[] rangeN;
        /** Per thread, its first half; per half, its first column, width and packed floats before it per k row. */
        final int[] firstHalf, halfFrom, halfWidth, halfOwner;
        final long[] paddedBefore;
        final long paddedTotal;
        /** Per block of k, its first row of k (ls) and depth (min_l); per (block, half) FREE, PACKING or READY. */
        final int[] blockFrom, blockDepth;
        final AtomicIntegerArray state;
        /** Which pieces pack and multiply: OpenBLAS's through FFM or the Java port ({@link SgemmPieces}). */
        final java.util.function.Supplier<SgemmPieces> pieces;
        /**
         * One set of those pieces whose packed B is the threads' shared one ({@link SgemmPieces#packB} into it, {@link
         * SgemmPieces#kernelShared} from it): off-heap and page-aligned for OpenBLAS's, a heap array for the port's,
         * kept between products as each kind keeps its buffers.
         */
        final SgemmPieces shared;
        volatile boolean failed;

        Job(java.util.function.Supplier<SgemmPieces> pieces, boolean transB, int k, float[] b, int bOff, int ldb,
            int[] rangeN, int threadsM) {
            this.pieces = pieces;
            this.transB = transB;
            this.k = k;
            this.b = b;
            this.bOff = bOff;
            this.ldb = ldb;
            this.rangeN = rangeN;
            this.threadsM = threadsM;
            int threads = rangeN.length - 1;
            firstHalf = new int[threads + 1];
            int[] from = new int[2 * threads], width = new int[2 * threads], owner = new int[2 * threads];
            long[] before = new long[2 * threads];
            int h = 0;
            long padded = 0;
            for (int t = 0; t < threads; t++) {
                firstHalf[t] = h;
                int lo = rangeN[t], hi = rangeN[t + 1], divN = (hi - lo + 1) / 2;
                for (int js = lo; js < hi; js += divN, h++) {
                    from[h] = js;
                    owner[h] = t;
                    width[h] = Math.min(hi - js, divN);
                    before[h] = padded;
                    padded += (width[h] + UNROLL_N - 1) / UNROLL_N * UNROLL_N;
                }
            }
            firstHalf[threads] = h;
            halves = h;
            halfFrom = Arrays.copyOf(from, h);
            halfWidth = Arrays.copyOf(width, h);
            halfOwner = Arrays.copyOf(owner, h);
            paddedBefore = Arrays.copyOf(before, h);
            paddedTotal = padded;
            int blocks = 0;
            int[] bf = new int[8], bd = new int[8];
            for (int ls = 0, minL; ls < k; ls += minL, blocks++) {
                minL = depth(k - ls);
                if (blocks == bf.length) {
                    bf = Arrays.copyOf(bf, 2 * blocks);
                    bd = Arrays.copyOf(bd, 2 * blocks);
                }
                bf[blocks] = ls;
                bd[blocks] = minL;
            }
            blockFrom = Arrays.copyOf(bf, blocks);
            blockDepth = Arrays.copyOf(bd, blocks);
            state = new AtomicIntegerArray(blocks * Math.max(1, h));
            shared = pieces.get();
            shared.reserveB(Math.max(1, (long) k * padded));
        }

        /** Where half h of block kb is packed: {@code ls * paddedTotal + min_l * paddedBefore[h]} floats in. */
        long at(int kb, int h) {
            return (long) blockFrom[kb] * paddedTotal + (long) blockDepth[kb] * paddedBefore[h];
        }

        /** Packs half h of block kb if no thread has claimed it. */
        void claim(int kb, int h) {
            if (state.get(kb * halves + h) == FREE && state.compareAndSet(kb * halves + h, FREE, PACKING)) pack(kb, h);
        }

        /**
         * Whether half h of block kb is packed, packing it here if no thread has claimed it; false while another
         * thread packs it (the caller multiplies another half meanwhile).
         */
        boolean take(int kb, int h) {
            int i = kb * halves + h, st = state.get(i);
            if (st == READY) return true;
            if (st == FREE && state.compareAndSet(i, FREE, PACKING)) {
                pack(kb, h);
                return true;
            }
            if (failed) throw new IllegalStateException("another thread of this product failed");
            return state.get(i) == READY;
        }


        private void pack(int kb, int h) {
            try {
                int ls = blockFrom[kb], js = halfFrom[h];
                shared.packB(transB, blockDepth[kb], halfWidth[h], b, transB ? bOff + js + ls * ldb : bOff + ls + js * ldb,
                        ldb, at(kb, h));
                state.set(kb * halves + h, READY);
            } catch (Throwable e) {
                failed = true;
                throw e;
            }
        }

        /** Returns the buffer; only after every thread of the product is done. */
        @Override
        public void close() {
            shared.close();
        }
    }

    /** The shared packing of B for one range of n, by OpenBLAS's pieces through FFM. */
    static Job job(boolean transB, int k, float[] b, int bOff, int ldb, int[] rangeN, int threadsM) {
        return new Job(SgemmPieces.NATIVE, transB, k, b, bOff, ldb, rangeN, threadsM);
    }

    /** The shared packing of B for one range of n, by these pieces ({@link SgemmPieces#NATIVE} or {@link SgemmPieces#JAVA}). */
    static Job job(java.util.function.Supplier<SgemmPieces> pieces, boolean transB, int k, float[] b, int bOff, int ldb,
                   int[] rangeN, int threadsM) {
        return new Job(pieces, transB, k, b, bOff, ldb, rangeN, threadsM);
    }

    /**
     * Waits a moment for another thread's packing: spins, then yields (the packing thread may have lost its core);
     * throws once another thread of the product has failed. SgemmChunkedB waits the same way.
     */
    static int pause(boolean otherFailed, int spins) {
        if (otherFailed) throw new IllegalStateException("another thread of this product failed");
        if (spins < 1 << 12) Thread.onSpinWait();
        else Thread.yield();
        return spins + 1;
    }

    /** inner_thread's min_l for {@code left} rows of k still to go (SgemmChunkedB's blocks of k too). */
    static int depth(int left) {
        return left >= 2 * Q ? Q : left > Q ? (left + 1) / 2 : left;
    }

    /**
     * inner_thread's BETA_OPERATION on the block of C the next kernel call adds to (rows [m0, m0 + rows), columns
     * [n0, n0 + cols)): each element of a thread's part is in one kernel call of the first block of k, so C is scaled
     * (beta 0: zeroed) just before that call reads it, while it is in cache, instead of in a pass of its own
     * (SgemmChunkedB scales each chunk's block of C the same way before its first kernel calls).
     */
    static void scale(float beta, float[] c, int cOff, int ldc, int m0, int rows, int n0, int cols) {
        if (beta == 1f) return;
        for (int j = n0; j < n0 + cols; j++) {
            int at = cOff + m0 + j * ldc;
            if (beta == 0f) Arrays.fill(c, at, at + rows, 0f);
            else for (int i = at; i < at + rows; i++) c[i] *= beta;
        }
    }

    /**
     * One product's parts through these pieces and a shared B, one after the other on the calling thread (no pool: the
     * warm-ups' rule), column-major with tight leading dimensions: the JIT warm-ups of the Java kernels
     * ({@link SgemmInnerThread32}, {@link WideSgemm}) run the pool's code path this way.
     */
    static void partsOnCaller(java.util.function.Supplier<SgemmPieces> pieces, boolean ta, boolean tb, int m, int n, int k,
                              float[] a, float[] b, float beta, float[] c) {
        SgemmThreads.Split split = SgemmThreads.split(m, n, k, TorchBlas.THREADS);
        if (split == null) return;
        for (int[] rangeN : split.rangesN()) {
            try (Job job = job(pieces, tb, k, b, 0, tb ? n : k, rangeN, split.threadsM())) {
                for (int t = split.threads() - 1; t >= 0; t--) run(job, ta, k, a, 0, ta ? k : m, beta, c, 0, m, split.rangeM(), t);
            }
        }
    }

    /**
     * Thread {@code pos} of the product (column-major, alpha 1): rows [rangeM[posM], rangeM[posM + 1]) of C, columns
     * of the ranges of its group in the job's rangeN; the same kernel calls as {@link SgemmInnerThread#run}.
     */
    static void run(Job job, boolean transA, int k, float[] a, int aOff, int lda, float beta, float[] c, int cOff,
                    int ldc, int[] rangeM, int pos) {
        int threadsM = job.threadsM, posN = pos / threadsM, posM = pos - posN * threadsM, group = posN * threadsM;
        int[] rangeN = job.rangeN;
        int mFrom = rangeM[posM], mTo = rangeM[posM + 1];
        int cFrom = rangeN[group], cTo = rangeN[group + threadsM];
        if (mTo <= mFrom || cTo <= cFrom) return;
        if (k == 0) {
            scale(beta, c, cOff, ldc, mFrom, mTo - mFrom, cFrom, cTo - cFrom);
            return;
        }
        // the group's halves, from its own range on
        int[] order = new int[job.halves];
        int count = 0;
        for (int g = 0; g < threadsM; g++) {
            int cur = group + (posM + g) % threadsM;
            for (int h = job.firstHalf[cur]; h < job.firstHalf[cur + 1]; h++) order[count++] = h;
        }
        boolean[] done = new boolean[count];
        SgemmPieces p = job.pieces.get();
        try {
            for (int kb = 0; kb < job.blockFrom.length; kb++) {
                int ls = job.blockFrom[kb], minL = job.blockDepth[kb];
                // its own halves first, as inner_thread packs its own range before it reads the others'
                for (int h = job.firstHalf[pos]; h < job.firstHalf[pos + 1]; h++) job.claim(kb, h);
                int minI = mTo - mFrom;
                if (minI >= 2 * P) minI = P;
                else if (minI > P) minI = (minI / 2 + UNROLL_M - 1) / UNROLL_M * UNROLL_M;
                for (int is = mFrom; is < mTo; is += minI) {
                    if (is > mFrom) {
                        minI = mTo - is;
                        if (minI >= 2 * P) minI = P;
                        else if (minI > P) minI = ((minI + 1) / 2 + UNROLL_M - 1) / UNROLL_M * UNROLL_M;
                    }
                    p.packA(transA, minL, minI, a, transA ? aOff + ls + is * lda : aOff + is + ls * lda, lda);
                    // every half of the group's ranges, its own first (inner_thread's order: what it packed itself
                    // is ready first), a half another thread is packing after the others (the kernel calls of the
                    // halves touch other columns of C, so their order does not change the bits)
                    Arrays.fill(done, false);
                    for (int left = count, spins = 0; left > 0; ) {
                        boolean any = false;
                        for (int o = 0; o < count; o++) {
                            if (done[o] || !job.take(kb, order[o])) continue;
                            int h = order[o], js = job.halfFrom[h], w = job.halfWidth[h];
                            long half = job.at(kb, h);
                            if (is == mFrom && job.halfOwner[h] == pos) {
                                // its own range on its first block of rows: the kernel per packing step of B
                                for (int jjs = js, jj; jjs < js + w; jjs += jj) {
                                    int rest = js + w - jjs;
                                    jj = rest >= 3 * UNROLL_N ? 3 * UNROLL_N : rest > UNROLL_N ? UNROLL_N : rest;
                                    if (kb == 0) scale(beta, c, cOff, ldc, is, minI, jjs, jj);
                                    p.kernelShared(minI, jj, minL, job, half + (long) minL * (jjs - js), c, cOff + is + jjs * ldc, ldc);
                                }
                            } else {
                                if (kb == 0) scale(beta, c, cOff, ldc, is, minI, js, w);
                                p.kernelShared(minI, w, minL, job, half, c, cOff + is + js * ldc, ldc);
                            }
                            done[o] = true;
                            left--;
                            any = true;
                        }
                        if (!any) spins = pause(job.failed, spins);
                    }
                }
            }
        } catch (Throwable e) {
            job.failed = true;
            throw e;
        } finally {
            p.close();
        }
    }
}
