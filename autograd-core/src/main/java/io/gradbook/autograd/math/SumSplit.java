// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

/**
 * A long contiguous float32 sum's cascade ({@link Float32Reduce}, multi_row_sum's 4 x 8 case) over the caller and
 * {@link HotWorkers}, with the one-thread result's bits. The cascade's top level adds the third level into itself
 * after every {@code 2^(3 * levelPower)} steps (4,096 steps of 32 floats for 10^7 elements), and at each such step
 * the lower levels are zero: each whole block's contribution depends on that block's elements alone. The pool
 * computes the blocks' contributions ({@link Float32Simd#multiRowSum4x8Blocks}), the caller adds them into the top
 * level in the blocks' order, as the one-thread loop does, and walks the steps after the last whole block itself.
 * PyTorch splits such a sum too, but its result then depends on the thread count; this one does not (nor on
 * {@link RowSplit#parallel()}, which switches it off for the tests that compare).
 */
final class SumSplit {
    private SumSplit() {}

    /**
     * Elements from which a sum splits (2^21: a sum that long streams from memory beyond both cores' L2 caches;
     * {@code -Dgradbook.sumSplitFrom=N} moves the line, a value above any array's length turns the split off). On by
     * default since the nineteenth session: in the installed kernel on an idle 2-core machine a sum of 10^7 took 0.70-0.71
     * ms split against 1.41-1.43 on the caller (medians of 300 after the idle-time warm-up; the benchmark's sum and mean
     * 1.66 / 2.12 against 2.79 / 2.80), and with three busy processes beside it both ways read alike (medians 1.44-1.48
     * against 1.41-1.42, and stalls of 230-310 ms either way: the scheduler's, not the split's). The thirteenth and
     * fourteenth sessions had kept it off: on the shared machine its gain stayed within the noise (bench/RESULTS.md).
     */
    static final long MIN_ELEMENTS = Long.getLong("gradbook.sumSplitFrom", 1L << 21);

    /**
     * Long sums made on one thread before the split starts ({@code -Dgradbook.sumSplitAfter=N}), unless the JIT
     * warm-up's unit ({@link SumSplitWarmUp}) has run first. The split calls the cascade's loop once per top-level
     * block (76 calls for 10^7 elements) where one thread calls it once: in a young JVM each of those calls starts in
     * the interpreter until the loop is compiled for a plain call, which the one-thread sums bring about (C2 compiles
     * it after ~60 calls under the kernel's CompileThresholdScaling); split from its first call, a fresh JVM's first
     * sums of 10^7 took 1.5-2x the CPU (bench/RESULTS.md, fourteenth session).
     */
    static final int AFTER_SUMS = Integer.getInteger("gradbook.sumSplitAfter", 64);

    /** Whether the split's loops are taken to be compiled (the warm-up ran, or AFTER_SUMS sums were made). */
    private static volatile boolean warm;
    /** Long sums made on one thread while not warm (racy increments: only a rough count is needed). */
    private static int oneThreadSums;

    /** The warm-up's unit has run: long sums split from now on. */
    static void warmedUp() {
        warm = true;
    }

    /**
     * The 4 x 8 cascade of {@code size} steps from {@code base} (steps {@code rowStride} apart, 32 floats each) into
     * {@code out[0..32)}, split over the pool; false (nothing done) where it does not split.
     */
    static boolean multiRowSum4x8(float[] src, int base, int rowStride, int size, int levelPower, float[] out) {
        int blockSteps = Float32Simd.cascadeBlock(levelPower);
        int blocks = size / blockSteps;
        if (blocks < 2 || (long) size * 4 * Float32Reduce.LANES < MIN_ELEMENTS || HotWorkers.COUNT < 1 || !RowSplit.parallel()) {
            return false;
        }
        if (!warm) {
            if (++oneThreadSums < AFTER_SUMS) return false;
            warm = true;
        }
        blocksThenRest(src, base, rowStride, size, levelPower, HotWorkers.COUNT, out);
        return true;
    }

    /**
     * The split itself, whatever the thread count (tests compare it with the one-thread loop on any machine): the
     * whole blocks' contributions on the caller and up to {@code helpers} workers (0: the caller alone), added into
     * the top level in order, then the rest.
     */
    static void blocksThenRest(float[] src, int base, int rowStride, int size, int levelPower, int helpers, float[] out) {
        int blockSteps = Float32Simd.cascadeBlock(levelPower);
        int blocks = size / blockSteps;
        float[] parts = new float[blocks * 4 * Float32Reduce.LANES];
        HotWorkers.parts(blocks, helpers, b -> Float32Simd.multiRowSum4x8Blocks(src, base, rowStride, levelPower, b, b + 1, parts));
        // the top level as the one-thread loop leaves it after the last whole block: +0, then each block in order
        float[] top = new float[4 * Float32Reduce.LANES];
        for (int b = 0; b < blocks; b++) {
            for (int k = 0; k < top.length; k++) top[k] = top[k] + parts[b * top.length + k];
        }
        Float32Simd.multiRowSum4x8(src, base, rowStride, blocks * blockSteps, size, levelPower, top, out, 0);
    }
}
