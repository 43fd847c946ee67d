// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * When TorchBlas's float32 split runs on {@link SgemmPieces#WIDE} ({@link WideKernel32}: the Haswell kernel's bits 16
 * lanes at a time) instead of OpenBLAS's Haswell kernels or their 8-lane port: on processors with 512-bit vectors
 * (AVX-512; {@code FloatVector.SPECIES_PREFERRED} 512 bits wide, which the JVM reports only where C2 compiles them),
 * where the Haswell kernel runs at half the width the hardware has, once the JIT has compiled the kernel and only
 * where it measured faster. Until then products take the other paths (the same bits): a Vector API loop runs an
 * object per operation until C2 compiles it. Whether 512-bit vectors pay depends on the processor, not on the ISA
 * it reports: on the twentieth session's AMD Zen 5 (two 512-bit FMA pipes) the split ran at 300 GFLOP/s against
 * OpenBLAS's Haswell kernel's 180-193; on the nineteenth's Intel Xeon the first version ran 10% slower than it; a
 * Zen 4 splits each 512-bit op in two. So the warm-up ends by timing both ({@link #decide}), where OpenBLAS's kernel
 * is bound (JDK 22+); without it (JDK 17-21) the alternative is the 8-lane port, which the wide kernel beat on both
 * machines measured. {@code -Dgradbook.blas.wide=false} keeps the other paths; {@code =true} takes this one on any
 * processor without timing (tests: without 512-bit hardware the API computes the same lanes in Java, slowly).
 *
 * <pre>
 * jshell&gt; WideSgemm.enabled()
 * $1 ==&gt; true
 * jshell&gt; WideSgemm.timing() // after the warm-up
 * $2 ==&gt; "wide 0.894 ms, haswell 1.484 ms: wide"
 * </pre>
 */
public final class WideSgemm {
    private WideSgemm() {}

    private static final String MODE = System.getProperty("gradbook.blas.wide", "auto");
    private static final boolean ENABLED = detect();

    /**
     * Whether products run here from the first one, or only once warm (the default): a fresh JVM's products until
     * then take the Haswell paths, and the first product that would run here starts {@link #warmUp} on a daemon
     * thread (a host's idle-time warm-up, where there is one, times the paths again later in a quiet JIT: {@link
     * #warmedUp}). {@code -Dgradbook.blas.wide.warmUp=false} uses the kernel from the first product (tests).
     */
    private static final boolean WARM_UP = Boolean.parseBoolean(System.getProperty("gradbook.blas.wide.warmUp", "true"));

    private static volatile boolean warm = !WARM_UP;
    /** Whether the warm kernel runs products: {@link #decide}'s answer (yes until then, for tests without warm-up). */
    private static volatile boolean chosen = true;
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private static boolean detect() {
        if ("false".equals(MODE) || !Simd.enabled()) return false;
        if ("true".equals(MODE)) return true;
        try {
            return Wide512.preferred();
        } catch (LinkageError e) {
            return false;
        }
    }

    /** The Vector API's preferred width, in a class of its own so that this one loads without the API. */
    private static final class Wide512 {
        static boolean preferred() {
            return jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 512;
        }
    }

    /**
     * Whether this JVM may run float32 products on the wide kernel once warm (512-bit vectors, or the flag); whether
     * it does is the warm-up's timing ({@link #timing}).
     */
    public static boolean enabled() {
        return ENABLED;
    }

    /**
     * Whether products run here now (enabled and warm); starts the warm-up thread the first time it says no. The
     * twentieth session's kernel left the warm-up to its idle-time unit alone, after its first version's thread had
     * run the tiles uncompiled for 10+ s beside a young kernel's cells; with the kernel's classes compiled after a
     * tenth of the calls (install.sh) the thread is done ~1.5 s after the first product, and a young kernel's products
     * ran faster from then on (matmul 1024 8.4-9.2 ms against 12.2-13.3, 2048 60-64 against 91-98; bench/RESULTS.md,
     * twenty-first session).
     */
    static boolean usable() {
        if (!ENABLED || !Simd.enabled()) return false;
        if (warm) return chosen;
        if (STARTED.compareAndSet(false, true)) {
            Thread t = new Thread(WideSgemm::warmUp, "gradbook-wide-sgemm-warm-up");
            t.setDaemon(true);
            t.start();
        }
        return false;
    }

    /**
     * The warm-up's rounds and timing, on a daemon thread once per JVM; then {@link #usable} says yes. A round that
     * fails leaves products on the other paths (the same bits).
     */
    private static void warmUp() {
        boolean timed = false;
        try {
            for (int round = 0; round < ROUNDS; round++) warmUpRound(round);
            decide();
            timed = true;
        } finally {
            if (!timed) chosen = false;
            warm = true;
        }
    }

    /** Products per path and size in {@link #decide}, alternated; the best of each counts. */
    private static final int UNTIMED = 3, TIMED = 7, TIMED_N = 512;

    /**
     * Whether the wide kernel is at least 10% faster than OpenBLAS's Haswell kernel through FFM on a split product of
     * 512 (column-major, as AddmmCall hands them over), each run {@value #UNTIMED} times, then timed {@value #TIMED} times
     * alternated, best of each: ~25 ms, once. Where the two are close the native kernel stays (its own code, on every processor measured at its
     * speed); bits are the same either way.
     */
    private static void decide() {
        // FfmGemm binds on the first product that goes native, or here (waiting on this warm-up thread)
        if ("true".equals(MODE) || !FfmGemm.available() || !HaswellSgemm.ready()) {
            chosen = true;
            return;
        }
        int n = TIMED_N;
        float[] a = new float[n * n], b = new float[n * n], c = new float[n * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (i % 13) * 0.1f;
            b[i] = (i % 7) * 0.1f;
        }
        long wide = Long.MAX_VALUE, haswell = Long.MAX_VALUE;
        // untimed first rounds: the native path's first calls (its downcalls' linkage, its pool's parts cold) ran 3-7
        // ms against its 1.5, which would have chosen the wide kernel on any machine
        for (int t = -UNTIMED; t < TIMED; t++) {
            long t0 = System.nanoTime();
            TorchBlas.sgemmWide(false, false, n, n, n, a, 0, n, b, 0, n, 0f, c, 0, n);
            long t1 = System.nanoTime();
            TorchBlas.sgemmKernels(false, false, n, n, n, a, 0, n, b, 0, n, 0f, c, 0, n);
            long t2 = System.nanoTime();
            if (t < 0) continue;
            wide = Math.min(wide, t1 - t0);
            haswell = Math.min(haswell, t2 - t1);
        }
        chosen = wide * 10 <= haswell * 9;
        timing = String.format("wide %.3f ms, haswell %.3f ms: %s", wide / 1e6, haswell / 1e6, chosen ? "wide" : "haswell");
    }

    private static volatile String timing = "not timed";

    /** Products of 2^24 multiply-adds and more under 10 GFLOP/s (5 multiply-adds a ns), 3 in a row, turn the kernel off. */
    private static final CrawlGuard GUARD = new CrawlGuard(1L << 24, 5);

    /**
     * A product the wide kernel ran ({@code macs} multiply-adds in {@code nanos}): if {@link CrawlGuard} trips, products
     * take the native path from now on, and {@link #timing} says why.
     */
    static void observe(long macs, long nanos) {
        if (!chosen || !GUARD.observe(macs, nanos) || "true".equals(MODE)) return;
        chosen = false;
        timing = timing + "; then off: " + GUARD.tripped();
    }

    /**
     * What the warm-up measured and chose ("wide 0.894 ms, haswell 1.484 ms: wide"), for diagnostics, or why it did
     * not time ("not timed": not warm yet, or forced, or no native kernel).
     */
    public static String timing() {
        return timing;
    }

    /** Rounds that have the JIT compile the kernel's paths (as SgemmInnerThread32's warm-up does the port's). */
    public static final int ROUNDS = 40;

    /**
     * One round on this thread alone (no pool: the idle-time warm-up's rule) over small split products that take every
     * path of the kernel: 32-row panels with and without two-accumulator blocks, blocks of 8 and row tails after them,
     * every column step, every transpose, beta 0 and 1, and the MLP's shapes (few rows a thread, short k) every other
     * round so that their branches are in the profile without being hot. Does nothing where the kernel is not enabled.
     */
    public static void warmUpRound(int round) {
        if (!ENABLED || !Simd.enabled()) return;
        // column-major m x n x k: 320 x 100 x 40 two panels a thread with two-accumulator blocks at both ends; 47 x 61 x 97
        // one panel and 15 rows; 150 x 100 x 24 every column step; then the MLP's
        int[][] shapes = {{320, 100, 40}, {47, 61, 97}, {150, 100, 24}, {10, 128, 256}, {256, 128, 10}, {10, 256, 128}};
        SgemmWarmUpRound.run(SgemmPieces.WIDE, shapes, 3, round);
    }

    /**
     * A host's idle-time warm-up has run its rounds ({@link #warmUpRound}, after the last): {@link #decide} again, in
     * a quiet JIT (the thread's timing may have run while C2 compiled a young kernel's cells: placed where C2 was
     * still busy, the unit timed wide 1.58 ms against haswell 1.69 and chose the native path; in a quiet kernel 1.03
     * against 1.55), and products run here from now if it chose so.
     */
    public static void warmedUp() {
        if (!ENABLED || !Simd.enabled()) return;
        try {
            decide();
        } finally {
            warm = true;
        }
    }
}
