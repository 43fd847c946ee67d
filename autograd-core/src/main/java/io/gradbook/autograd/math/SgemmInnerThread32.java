// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

/**
 * When {@link SgemmInnerThread} runs from the Java port of OpenBLAS's packing and Haswell micro-kernel
 * ({@link SgemmPieces#JAVA}: {@link HaswellPack32}, {@link HaswellKernel32} on heap buffers), for JDKs without FFM
 * (17-21): the same loop (level3_thread.c's inner_thread, the same kernel calls on the same packed blocks), so the
 * same bits as SgemmThreads' single-threaded calls without their cost: those calls pack both operands again per
 * call and cross JNI per call (the MLP's products 2.3-2.6 ms that way against 0.64 ms through FFM on JDK 25). Only where the Vector API runs
 * ({@link Simd#enabled}), and once warm ({@link #usable}); {@code -Dgradbook.blas.javaKernels=false} keeps the calls.
 */
final class SgemmInnerThread32 {
    private SgemmInnerThread32() {}

    /** On by default where FFM is not (JDK 17-21); {@code -Dgradbook.blas.javaKernels=true} runs it on 22+ too. */
    static final boolean ENABLED = Boolean.parseBoolean(System.getProperty("gradbook.blas.javaKernels",
            String.valueOf(Runtime.version().feature() < 22)));

    /**
     * Products from this many multiply-adds (2^28: a 1024 product, not a 512) keep the calls: there OpenBLAS's own
     * kernel outweighs the calls' packing in the kernel (the installed kernel's matmul 1024, 20 runs, JDK 17, load
     * 1-4: 15-19 ms through the calls against 19-20 on the port sharing B, 75-83 against 34 where the 1024 cell ran
     * first, its C2 compiles in the cell; bench/RESULTS.md, tenth session), though in process, with the port warmed
     * on the same shapes, it cost less CPU (bench/TorchSplit17: 1024 29-32 ms against 35-38, 2048 230-258 against
     * 298-316). Below the port gains (512: 6.4 → 4.1 ms; the MLP's forward 2.2 → 0.9 ms of CPU). {@code
     * -Dgradbook.blas.javaKernels.max=N} moves the line.
     */
    static final long MAX_WORK = Long.getLong("gradbook.blas.javaKernels.max", 1L << 28);

    /** Whether packed B (k x n, each half padded to whole 4-column panels) fits one Java array. */
    static boolean fits(int n, int k) {
        return (long) k * (n + 16) < Integer.MAX_VALUE - 16;
    }

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
            // above 2^18 multiply-adds, so split); a compiled kernel that met only one of them was deoptimized again.
            // Then the MLP's small products (column-major 10 x 128 x 256, 256 x 128 x 10, 10 x 256 x 128: fewer than
            // 16 rows a thread, k under 16; SgemmWarmUpRound says why)
            int[][] shapes = {{47, 61, 97}, {150, 100, 24}, {10, 128, 256}, {256, 128, 10}, {10, 256, 128}};
            for (int round = 0; round < 40; round++) SgemmWarmUpRound.run(SgemmPieces.JAVA, shapes, 2, round);
        } finally {
            warm = true;
        }
    }
}
