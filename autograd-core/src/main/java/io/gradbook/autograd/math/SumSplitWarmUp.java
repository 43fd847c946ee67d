// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

/**
 * The JIT warm-up of {@link SumSplit}'s loops, for the engine's idle-time warm-up ({@code warmup.WarmUpUnits}): the
 * split of a long float32 sum calls the cascade's loop once per top-level block ({@link Float32Simd#multiRowSum4x8Blocks})
 * and once more from the top level the blocks left ({@code top} not null), calls no shorter sum makes. Until those
 * calls are compiled, each block starts in the interpreter (a Vector API loop there allocates every vector) and the
 * young kernel's sum of 10^7 took longer split than on one thread (bench/RESULTS.md, thirteenth and fourteenth
 * sessions). A round here runs the same split over two whole blocks and a tail, on the calling thread alone (no pool:
 * the warm-up's rule), on a private array of ~1 MB: the worker thread later runs the same compiled code.
 *
 * <pre>
 * jshell&gt; Runnable r = SumSplitWarmUp.round(); r.run()
 * </pre>
 */
public final class SumSplitWarmUp {
    private SumSplitWarmUp() {}

    /** The cascade's level power for sums of 2^16 to 2^20 steps of 32 floats (10^7 elements included). */
    private static final int LEVEL_POWER = 4;

    /**
     * A round's work on its own array (values from the index: no random stream); each run splits one sum. The host
     * calls {@link #done()} after the last round.
     */
    public static Runnable round() {
        int blockSteps = Float32Simd.cascadeBlock(LEVEL_POWER);
        int steps = 2 * blockSteps + 17; // two whole blocks and the rest's loop after them
        float[] x = new float[steps * 4 * Float32Reduce.LANES];
        for (int i = 0; i < x.length; i++) x[i] = (i % 251 - 125) / 64f;
        float[] out = new float[4 * Float32Reduce.LANES];
        return () -> {
            if (Simd.enabled()) SumSplit.blocksThenRest(x, 0, 4 * Float32Reduce.LANES, steps, LEVEL_POWER, 0, out);
        };
    }

    /** The rounds have run: long sums split from their first call on ({@link SumSplit#AFTER_SUMS} says why not before). */
    public static void done() {
        SumSplit.warmedUp();
    }
}
