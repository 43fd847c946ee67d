// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

/**
 * The BLAS calls PyTorch 1.13 makes for a float32 or float64 matrix product, with its bits: Fortran {@code sgemm_}/
 * {@code dgemm_} semantics (column-major, {@code C = op(A) op(B) + beta C}, alpha 1) on OpenBLAS at every size, where
 * {@link Gemm} keeps small products in Java. PyTorch's {@code cpublas::gemm} hands every float and double product to
 * its BLAS (Debian's OpenBLAS 0.3.21; nd4j's 0.3.19 runs the same Haswell kernels: the same bits one call for one
 * call, make_blas_mm.py's recording shows it), and OpenBLAS splits a product of more than 2^18 multiply-adds over its
 * threads, 2 on the reference machine (interface/gemm.c: 65536 x GEMM_MULTITHREAD_THRESHOLD 4). The split changes
 * the bits (each thread's kernel calls start their tiles at its own edges, and k is cut into blocks by another rule
 * than level3.c's), so such products run here, at every size, as that split runs them (level3_thread.c, read at
 * v0.3.21; unchanged since 0.3.19):
 * <ul>
 * <li>sgemm: {@link SgemmThreads} (the partition, and the kernel calls that decide the bits, as single-threaded
 * calls) or, on JDK 22+ with the Haswell kernels bound, {@link SgemmInnerThread} (each thread's inner_thread from
 * OpenBLAS's packing routines and kernel: the same bits, less packing), or on JDK 17-21 below 2^28 multiply-adds
 * {@link SgemmInnerThread32} (the same from a Java port of those pieces, once the JIT has compiled it); on
 * processors with 512-bit vectors where it measured faster, {@link WideSgemm} (the same pieces with the Haswell
 * kernel's bits 16 lanes at a time: {@link WideKernel32});
 * <li>dgemm: one single-threaded call per block of C one thread's kernel calls cover, per block of k, the later
 * blocks of k accumulated with beta 1 ({@link #plan}; blocks whose edges fall on whole tiles are merged into one
 * call, which computes them alike: dgemm_kernel_4x8_haswell's tiles sum k alike, as the recordings show).
 * </ul>
 * From {@code 2 * GemmBlocks.BLOCK_WORK} multiply-adds each OpenBLAS thread's part (dgemm: each block of C) runs on
 * Gradbook's pool ({@link GemmBlocks#parts}: the caller and a helper), in parallel as in PyTorch, float32 (on the
 * native kernels or the Java port) from {@link #SHARED_POOL_FROM}; below, one after the other on the caller ({@link #parts} says why).
 * Their calls are fixed by the plan, so the bits do not depend on who runs them. The partition takes the driver's
 * SWITCH_RATIO 2 and GEMM_PREFERED_SIZE 1: Debian builds level3_thread.c for its generic target (DYNAMIC_ARCH) where
 * param.h leaves the defaults; Haswell's own (4/4 for dgemm, 8/8 for sgemm) missed 79 of BlasThreadsOracleTest's
 * products.
 *
 * <p>Arguments are checked by {@link Gemm} (a bad leading dimension or offset is an IllegalArgumentException). If
 * OpenBLAS cannot be loaded, the product runs in Java (other bits).
 */
public final class TorchBlas {
    private TorchBlas() {}

    /** OpenBLAS's threads in the PyTorch whose bits are matched ({@code -Dgradbook.blas.torchThreads}; 1 turns the split off). */
    static final int THREADS = Math.max(1, Integer.getInteger("gradbook.blas.torchThreads", 2));
    /** OpenBLAS 0.3.21's interface/gemm.c: m*n*k up to 65536 * GEMM_MULTITHREAD_THRESHOLD (4) runs on one thread. */
    static final long THREADED_ABOVE = 65536L * 4;
    /**
     * Whether float32 products run each OpenBLAS thread's kernel calls themselves ({@link SgemmInnerThread}, when the
     * Haswell kernels are bound: JDK 22+) rather than SgemmThreads' single-threaded calls (the same bits);
     * {@code -Dgradbook.blas.kernels=false} keeps the calls.
     */
    static final boolean KERNELS = Boolean.parseBoolean(System.getProperty("gradbook.blas.kernels", "true"));
    /**
     * Whether float32 products above 2^18 multiply-adds take PyTorch's 2-thread split (its bits); {@code
     * -Dgradbook.blas.torchSplit32=false} runs them as the seventh session did instead: one call, or GemmBlocks' own
     * blocks from 2^26 multiply-adds (other last bits, faster while the split's code is cold: bench/RESULTS.md).
     */
    static final boolean SPLIT32 = Boolean.parseBoolean(System.getProperty("gradbook.blas.torchSplit32", "true"));
    /**
     * Whether the split's parts on the pool share one packed copy of B ({@link SgemmSharedB}; the same kernel calls,
     * the same bits); {@code -Dgradbook.blas.sharedB=false} has each part pack its own ({@link SgemmInnerThread}).
     */
    static final boolean SHARED_B = Boolean.parseBoolean(System.getProperty("gradbook.blas.sharedB", "true"));
    /**
     * Multiply-adds from which the split's parts run on the pool sharing B ({@link SgemmSharedB}): 2^24, which puts
     * matmul 256 and the MLP's [128, 784] x [784, 256] products on both cores as PyTorch's OpenBLAS does; below, one
     * after the other on the caller. The ninth to fourteenth sessions kept 2^26: with C2 free to compile the pool's
     * loops, it recompiled {@code SgemmSharedB.run} cell after cell and the split MLP was no faster (tenth and
     * thirteenth sessions). Since the kernel's compiler directives keep that method on C1 it pays: a student's MLP
     * cells after the kernel sat idle took 25-32 ms against 33-36 with 2^26 (6 alternated fresh kernels each), and 21
     * against 28 in process (bench/RESULTS.md, fifteenth session). On a machine whose other core is busy both are
     * slow and the split's first cells slower (94 against 81 ms). {@code -Dgradbook.blas.splitPoolFrom=67108864}
     * restores 2^26.
     */
    static final long SHARED_POOL_FROM = Long.getLong("gradbook.blas.splitPoolFrom", 1L << 24);
    /** dgemm's GEMM_Q for Haswell (param.h): the longest block of k one kernel pass takes. */
    static final int DGEMM_Q = 256;
    /** Block lengths that are whole dgemm micro-kernel tiles in both directions (its 4x8 tiles divide it). */
    private static final int TILE = 16;

    /**
     * Column-major {@code c = op(a) op(b) + beta c} (m x n, k deep) as PyTorch's sgemm_ call computes it: above 2^18
     * multiply-adds {@link SgemmThreads}' calls, each OpenBLAS thread's calls one part on Gradbook's pool (the
     * caller and a helper), below one call.
     */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff, int lda,
                             float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        sgemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, false);
    }

    /**
     * {@link #sgemm} with beta 0 into a block of C that holds +0.0 in every element (a fresh {@code new float[]}, which
     * the JVM has zeroed): the same bits, without zeroing C a second time. The split's kernel calls add their sums onto
     * C, which beta 0 has them do onto +0.0 (inner_thread's BETA_OPERATION zeroes C first); on a C that is +0.0
     * already, the parts skip that pass (at n = 1024 about 0.2 ms of each thread's ~11: bench/RESULTS.md). The
     * single-threaded calls keep beta 0 (OpenBLAS may take another path for beta 0).
     */
    public static void sgemmIntoZeros(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff, int lda,
                                      float[] b, int bOff, int ldb, float[] c, int cOff, int ldc) {
        sgemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, 0f, c, cOff, ldc, true);
    }

    private static void sgemm(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff, int lda,
                              float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc, boolean cZero) {
        if (m == 0 || n == 0) return;
        long work = (long) m * n * k;
        if (!SPLIT32) Gemm.sgemm(Gemm.Path.NATIVE, transB, transA, n, m, k, 1f, b, bOff, ldb, a, aOff, lda, beta, c, cOff, ldc);
        else if (THREADS < 2 || work <= THREADED_ABOVE) call32(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        else if (KERNELS && SgemmInnerThread32.fits(n, k) && WideSgemm.usable()) sgemmWideWatched(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, cZero);
        else if (KERNELS && HaswellSgemm.ready()) sgemmInner(SgemmPieces.NATIVE, transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, cZero);
        else if (KERNELS && work < SgemmInnerThread32.MAX_WORK && SgemmInnerThread32.fits(n, k) && SgemmInnerThread32.usable()) sgemmInner(SgemmPieces.JAVA, transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, cZero);
        else sgemmCalls(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    /** The threaded product from OpenBLAS's kernels bound through FFM (JDK 22+): each thread's inner_thread. */
    static void sgemmKernels(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff, int lda,
                             float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        sgemmInner(SgemmPieces.NATIVE, transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, false);
    }

    /** {@link #sgemmWide} for a student's product: its time goes to {@link WideSgemm#observe} (a crawl turns it off). */
    private static void sgemmWideWatched(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff, int lda,
                                         float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc, boolean cZero) {
        long start = System.nanoTime();
        sgemmInner(SgemmPieces.WIDE, transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, cZero);
        WideSgemm.observe((long) m * n * k, System.nanoTime() - start);
    }

    /** The threaded product on the wide kernel ({@link WideSgemm}): each thread's inner_thread, 16 lanes at a time. */
    static void sgemmWide(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff, int lda,
                          float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        sgemmOn(SgemmPieces.WIDE, transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    /** The threaded product from the Java port of OpenBLAS's kernels (JDK 17-21): each thread's inner_thread. */
    static void sgemmJava(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff, int lda,
                          float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        sgemmOn(SgemmPieces.JAVA, transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    /** The threaded product from these pieces, each thread's inner_thread (the warm-ups: {@link SgemmWarmUpRound}). */
    static void sgemmOn(java.util.function.Supplier<SgemmPieces> pieces, boolean transA, boolean transB, int m, int n,
                        int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float beta, float[] c, int cOff,
                        int ldc) {
        sgemmInner(pieces, transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, false);
    }

    /**
     * Each OpenBLAS thread's inner_thread from these pieces: below the pool's threshold the parts one after the other
     * on the caller, a group's threads sharing its packed B ({@link SgemmInnerThread#runGroup}); from it one part per
     * thread on the pool, either pieces sharing one packed copy of B ({@link SgemmSharedB}; a wide, short product's
     * chunk by chunk, {@link SgemmChunkedB}).
     */
    private static void sgemmInner(java.util.function.Supplier<SgemmPieces> pieces, boolean transA, boolean transB,
                                   int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                   float beta, float[] c, int cOff, int ldc, boolean cZero) {
        Gemm.check(transB, transA, n, m, k, b == null ? -1 : b.length, bOff, ldb, a == null ? -1 : a.length, aOff, lda,
                c == null ? -1 : c.length, cOff, ldc);
        SgemmThreads.Split split = SgemmThreads.split(m, n, k, THREADS);
        if (split == null) {
            call32(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        long work = (long) m * n * k;
        // the parts use beta only to scale C before their first kernel calls: on a C of +0.0, beta 1 (add onto it) is
        // beta 0's zeroing already done
        float partBeta = cZero && beta == 0f ? 1f : beta;
        for (int[] rangeN : split.rangesN()) {
            if (SHARED_B && work >= SHARED_POOL_FROM && SgemmChunkedB.fits(split.rangeM(), split.threadsM(), rangeN, k)) {
                // a wide, short product (the CNN row's): B shared as below, but multiplied chunk by chunk through all
                // blocks of k while in cache (SgemmChunkedB: the same kernel calls in another order)
                try (SgemmChunkedB.Job job = SgemmChunkedB.job(pieces, transB, k, b, bOff, ldb, rangeN, split.threadsM())) {
                    GemmBlocks.parts(split.threads(), t -> SgemmChunkedB.run(job, transA, k, a, aOff, lda, partBeta, c,
                            cOff, ldc, split.rangeM(), t));
                }
            } else if (SHARED_B && work >= SHARED_POOL_FROM) {
                // on the pool: B's panels packed once for both threads (SgemmSharedB), as OpenBLAS's threads share them;
                // the Java port too (JDK 17-21: tenth session; it ran the MLP's products on the caller alone before)
                try (SgemmSharedB.Job job = SgemmSharedB.job(pieces, transB, k, b, bOff, ldb, rangeN, split.threadsM())) {
                    GemmBlocks.parts(split.threads(), t -> SgemmSharedB.run(job, transA, k, a, aOff, lda, partBeta, c,
                            cOff, ldc, split.rangeM(), t));
                }
            } else if (work < 2 * GemmBlocks.BLOCK_WORK) {
                // the parts one after the other on the caller (parts says why): a group's threads share its packed B
                for (int g = 0; g < split.threads() / split.threadsM(); g++)
                    SgemmInnerThread.runGroup(pieces, transA, transB, k, a, aOff, lda, b, bOff, ldb, partBeta, c, cOff,
                            ldc, split.rangeM(), rangeN, split.threadsM(), g);
            } else {
                parts(work, split.threads(), t -> SgemmInnerThread.run(pieces, transA, transB, k, a, aOff, lda, b, bOff,
                        ldb, partBeta, c, cOff, ldc, split.rangeM(), rangeN, split.threadsM(), t));
            }
        }
    }

    /** The threaded product as SgemmThreads' single-threaded calls, each thread's calls one part on the pool. */
    static void sgemmCalls(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff, int lda,
                           float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        int[][] plan = SgemmThreads.plan(m, n, k, THREADS);
        parts((long) m * n * k, plan.length, t -> {
            int[] calls = plan[t];
            for (int i = 0; i < calls.length; i += 7) {
                int m0 = calls[i], n0 = calls[i + 2], k0 = calls[i + 4];
                call32(transA, transB, calls[i + 1], calls[i + 3], calls[i + 5],
                        a, aOff + (transA ? m0 * lda + k0 : m0 + k0 * lda), lda,
                        b, bOff + (transB ? n0 + k0 * ldb : n0 * ldb + k0), ldb,
                        calls[i + 6] == 1 ? beta : 1f, c, cOff + m0 + n0 * ldc, ldc);
            }
        });
    }

    /**
     * The split's parts: on the pool from {@code 2 * GemmBlocks.BLOCK_WORK} multiply-adds, one after the other on the
     * caller below (the same bits either way). On the eighth session's idle machine the pool bought a 256 product
     * nothing (0.33-0.39 ms settled both ways) and cost the MLP's products of 2^18-2^25 multiply-adds their hand-offs
     * (the settled MLP row 43-50 against 42-46 ms sequential; 1024 needs the two cores: 12 against 22-24 ms). The
     * float32 products on the native kernels sharing B take the pool from {@link #SHARED_POOL_FROM} instead.
     */
    private static void parts(long work, int count, java.util.function.IntConsumer part) {
        if (work < 2 * GemmBlocks.BLOCK_WORK) for (int p = 0; p < count; p++) part.accept(p);
        else GemmBlocks.parts(count, part);
    }

    /**
     * One single-threaded column-major sgemm call (alpha 1), never cut into GemmBlocks' blocks: the row-major call
     * (n x m) with the operands swapped, as cblas's row-major entry maps it back.
     */
    static void call32(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff, int lda,
                       float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        Gemm.check(transB, transA, n, m, k, b == null ? -1 : b.length, bOff, ldb, a == null ? -1 : a.length, aOff, lda,
                c == null ? -1 : c.length, cOff, ldc);
        if (m == 0 || n == 0) return;
        if (!NativeGemm.available()) JavaGemm.sgemm(transB, transA, n, m, k, 1f, b, bOff, ldb, a, aOff, lda, beta, c, cOff, ldc);
        else if (FfmGemm.ready()) FfmGemm.sgemmCall(transB, transA, n, m, k, 1f, b, bOff, ldb, a, aOff, lda, beta, c, cOff, ldc);
        else {
            NativeGemm.sgemm(true, transB, transA, n, m, k, 1f, b, bOff, ldb, a, aOff, lda, beta, c, cOff, ldc);
            FfmGemm.bindSoon();
        }
    }

    /** Column-major {@code c = op(a) op(b) + beta c} (m x n, k deep) as PyTorch's dgemm_ call computes it. */
    public static void dgemm(boolean transA, boolean transB, int m, int n, int k, double[] a, int aOff, int lda,
                             double[] b, int bOff, int ldb, double beta, double[] c, int cOff, int ldc) {
        plan(m, n, k, DGEMM_Q, (m0, m1, n0, n1, k0, k1, first) -> rowMajor64(transA, transB, m1 - m0, n1 - n0, k1 - k0,
                a, aOff + (transA ? m0 * lda + k0 : m0 + k0 * lda), lda,
                b, bOff + (transB ? n0 + k0 * ldb : n0 * ldb + k0), ldb,
                first ? beta : 1.0, c, cOff + m0 + n0 * ldc, ldc));
    }

    /** One block of the product: rows [m0, m1), columns [n0, n1), depth [k0, k1); the first block of k takes beta. */
    interface Block {
        void run(int m0, int m1, int n0, int n1, int k0, int k1, boolean first);
    }

    /**
     * dgemm's calls that give OpenBLAS's bits: one when it runs the product on one thread, else level3_thread.c's
     * partition for {@link #THREADS} threads (m into nthreads_m ranges; n into one range per thread, each cut in two
     * halves, DIVIDE_RATE; k into blocks of at most GEMM_Q, a remainder under 2 GEMM_Q halved).
     */
    static void plan(int m, int n, int k, int q, Block body) {
        long work = (long) m * n * k;
        if (m == 0 || n == 0) return;
        if (THREADS < 2 || k == 0 || work <= THREADED_ABOVE) {
            body.run(0, m, 0, n, 0, k, true);
            return;
        }
        int[] counts = SgemmThreads.threadCounts(m, n, THREADS);
        int threadsM = counts[0], threadsN = counts[1];
        if (threadsM * threadsN <= 1) {
            body.run(0, m, 0, n, 0, k, true);
            return;
        }
        int threads = threadsM * threadsN;
        // the threads' own edges stay (merged, one thread's call would take another's block and run it alone)
        int[] rm = split(m, threadsM, false), rn = ownHalves(split(n, threads, true));
        // each block of C takes its blocks of k in order, the blocks in parallel on the pool (the bits are the same
        // in any order: no two blocks share an element)
        int columns = rn.length - 1;
        parts(work, (rm.length - 1) * columns, p -> {
            int i = p / columns, j = p % columns;
            for (int k0 = 0, k1; k0 < k; k0 = k1) {
                int left = k - k0;
                k1 = k0 + (left >= 2 * q ? q : left > q ? (left + 1) / 2 : left);
                body.run(rm[i], rm[i + 1], rn[j], rn[j + 1], k0, k1, k0 == 0);
            }
        });
    }

    /** gemm_driver's partition ({@link SgemmThreads#partition}) as edges, without the ranges it leaves empty. */
    private static int[] split(int length, int parts, boolean leastWidth) {
        int[] edges = SgemmThreads.partition(length, parts, leastWidth, 0);
        int count = parts;
        while (count > 0 && edges[count] == edges[count - 1]) count--;
        return java.util.Arrays.copyOf(edges, count + 1);
    }

    /** Each thread's range of n cut in two (inner_thread's DIVIDE_RATE 2: div_n = ceil(width / 2)). */
    private static int[] halves(int[] edges) {
        int[] out = new int[2 * edges.length];
        int count = 0;
        out[count++] = edges[0];
        for (int t = 0; t + 1 < edges.length; t++) {
            int lo = edges[t], hi = edges[t + 1], half = (hi - lo + 1) / 2;
            for (int js = lo + half; js < hi; js += half) out[count++] = js;
            out[count++] = hi;
        }
        return java.util.Arrays.copyOf(out, count);
    }

    /** Each thread's range of n in halves, merged within the range only. */
    private static int[] ownHalves(int[] ranges) {
        int[] out = {ranges[0]};
        for (int t = 0; t + 1 < ranges.length; t++) {
            int[] own = merge(halves(new int[] {ranges[t], ranges[t + 1]}));
            int at = out.length;
            out = java.util.Arrays.copyOf(out, at + own.length - 1);
            System.arraycopy(own, 1, out, at, own.length - 1);
        }
        return out;
    }

    /** Drops inner edges that fall after whole tiles: one call over both sides computes each element as two would. */
    private static int[] merge(int[] edges) {
        int[] out = new int[edges.length];
        int count = 0, start = edges[0];
        out[count++] = start;
        for (int i = 1; i < edges.length; i++) {
            boolean last = i == edges.length - 1;
            if (edges[i] == out[count - 1]) continue;
            if (!last && (edges[i] - out[count - 1]) % TILE == 0) continue;
            out[count++] = edges[i];
        }
        return java.util.Arrays.copyOf(out, count);
    }

    /** One single-threaded column-major dgemm call (alpha 1), as {@link #call32}. */
    private static void rowMajor64(boolean transA, boolean transB, int m, int n, int k, double[] a, int aOff, int lda,
                                   double[] b, int bOff, int ldb, double beta, double[] c, int cOff, int ldc) {
        Gemm.check(transB, transA, n, m, k, b == null ? -1 : b.length, bOff, ldb, a == null ? -1 : a.length, aOff, lda,
                c == null ? -1 : c.length, cOff, ldc);
        if (m == 0 || n == 0) return;
        if (!NativeGemm.available()) JavaGemm.dgemm(transB, transA, n, m, k, 1.0, b, bOff, ldb, a, aOff, lda, beta, c, cOff, ldc);
        else if (FfmGemm.ready()) FfmGemm.dgemmCall(transB, transA, n, m, k, 1.0, b, bOff, ldb, a, aOff, lda, beta, c, cOff, ldc);
        else {
            NativeGemm.dgemm(true, transB, transA, n, m, k, 1.0, b, bOff, ldb, a, aOff, lda, beta, c, cOff, ldc);
            FfmGemm.bindSoon();
        }
    }
}
