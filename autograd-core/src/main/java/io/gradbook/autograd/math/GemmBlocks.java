// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

/**
 * Splits a large native matrix product into blocks of C (rows or columns) that the calling thread and the engine's
 * workers ({@link HotWorkers}) take one at a time, each block one single-threaded OpenBLAS call. Products under
 * {@code 2 * BLOCK_WORK} multiply-adds stay one call on the caller's thread.
 *
 * <p>Why not OpenBLAS's own threads: they split every product above ~2^18 multiply-adds into fixed halves, so the
 * caller waits for its worker's half however late that worker gets a core, and the worker then busy-waits about
 * 0.1 s for the next call (blas_server.c: 2^28 cycles of sched_yield), taking a core from the JIT and the next
 * cell. On 2 cores anything else runnable (the JIT compiling the engine while a cell runs, another process) makes
 * that wait the product's time: the MLP step's [128, 784] x [784, 256] took a median 8-11 ms on 2 OpenBLAS threads
 * against 0.67-0.80 ms on 1 on the loaded machine (bench/GemmThreads.java, interleaved; best 0.42-0.77 against
 * 0.53-0.57 ms). So a product of the MLP's size, or a 256 x 256 one, runs on its caller's thread alone: a second
 * thread would save at most ~0.1 ms of it and can cost milliseconds. Here, for the large ones, a block that no
 * helper has taken yet is done by the caller, so a product never waits for a helper that has not started, and
 * a helper stays awake after it for a bounded {@link HotWorkers#SPIN_NS} only (1 ms, not 0.1 s; parked at once on a
 * loaded machine).
 *
 * <p>The blocks depend only on the product's shape (never on the thread count or on who runs them): each element
 * of C is computed by the same single-threaded call on any machine, so results do not depend on threads (with
 * OpenBLAS's threads they did: its 1- and 2-thread products differ in the last bits, bench/GemmChunks.java).
 * Blocks hold about {@link #BLOCK_WORK} multiply-adds or more: far above the sizes where OpenBLAS switches to its
 * small-matrix kernels (at most 100^3 on AVX-512), so a block takes the kernel path the whole would take.
 */
final class GemmBlocks {
    private GemmBlocks() {}

    /**
     * Multiply-adds per block (about 0.35 ms on one core of the reference machine): a block repacks the operand it
     * shares with the other blocks, which costs 0-4% at n = 1024 with 4 blocks (bench/GemmChunks.java).
     * {@code -Dgradbook.blas.block=N} changes it (e.g. 8388608 splits the MLP's products into 3 blocks).
     * A 256 product (2^24) in 2 blocks, caller + helper (bench/GemmLibs.java split, 40 x 50 interleaved, load 13):
     * best 0.19 ms against 0.31 in one call, but median 0.371 against 0.357 and the p90 better or worse from run to
     * run; in the kernel 0.44 against 0.40 ms. With no idle measurement to show the gain, it stays one call.
     */
    static final long BLOCK_WORK = Math.max(1L << 20, Long.getLong("gradbook.blas.block", 32L << 20));
    /** Blocks per product at most. */
    static final int MAX_BLOCKS = 4;
    /**
     * Products under this many multiply-adds get 2 blocks at most: each block packs the operand the blocks share
     * again, and a 1024 x 1024 product took 11.8 ms in 2 blocks against 12.2-15.4 in 4 (bench/GemmPaths.java, in
     * place, idle, medians of 10, interleaved; 512 and the CNN-sized product the same either way; 2048 in 4 blocks
     * is as fast as OpenBLAS's own 2 threads).
     */
    static final long FOUR_BLOCKS_FROM = 1L << 31;
    /** Block edges fall on multiples of this many rows or columns: whole micro-kernel tiles but in the last block. */
    static final int ALIGN = 16;
    /** Threads one product may use, the caller included ({@code -Dgradbook.blas.threads}, default: the processors). */
    static final int THREADS = Math.max(1, Integer.getInteger("gradbook.blas.threads", Runtime.getRuntime().availableProcessors()));

    /** Computes the block of C at rows {@code [r0, r1)} and columns {@code [c0, c1)}. */
    @FunctionalInterface
    interface Block {
        void run(int r0, int r1, int c0, int c1);
    }

    /** How many blocks an m x n x k product is cut into (1: one call). */
    static int blocks(int m, int n, int k) {
        long work = (long) m * n * k;
        int along = Math.max(m, n);
        int most = work >= FOUR_BLOCKS_FROM ? MAX_BLOCKS : 2;
        return (int) Math.max(1, Math.min(Math.min(most, work / BLOCK_WORK), along / ALIGN));
    }

    /** Runs the m x n product through {@code body}, in blocks along its longer side (see the class comment). */
    static void run(int m, int n, int k, Block body) {
        run(m, n, blocks(m, n, k), m > n, body);
    }

    /** Runs the m x n product in {@code blocks} blocks of rows or of columns (benchmarks compare the choices). */
    static void run(int m, int n, int blocks, boolean byRows, Block body) {
        if (blocks == 1) {
            body.run(0, m, 0, n);
            return;
        }
        int along = byRows ? m : n;
        parts(blocks, b -> {
            int from = edge(along, blocks, b), to = edge(along, blocks, b + 1);
            if (byRows) body.run(from, to, 0, n);
            else body.run(0, m, from, to);
        });
    }

    /**
     * Runs {@code part.accept(0 .. count - 1)}, each once, on the caller's thread and up to {@link #THREADS} - 1
     * {@link HotWorkers}, taken in order; returns when all are done, throwing a part's failure as {@link
     * HotWorkers#parts} does (see the class comment for why so).
     */
    static void parts(int count, java.util.function.IntConsumer part) {
        HotWorkers.parts(count, THREADS - 1, part);
    }

    /** Start of block b of `blocks` over `along` rows or columns; the last block ends at `along`. */
    static int edge(int along, int blocks, int b) {
        if (b >= blocks) return along;
        return (int) ((long) along * b / blocks) / ALIGN * ALIGN;
    }
}
