// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * softmax's row maximum by two accumulators without vec::maximum's NaN steps ({@code Float32SoftmaxSimd.reduceMaxNoNaN},
 * with its fall-backs in {@code Float32Softmax.reduceMax}) gives the bits of the exact lane-by-lane walk
 * ({@code Float32Lanes.reduceMax}, which ShortRowBitsTest and the oracle tests tie to PyTorch's) on the rows where
 * the two could differ: +0 and -0 tied for the maximum, NaNs (all-ones NaN, any payload, in the body and in the
 * tail), both infinities, all equal, before and after C2 compiles the loop.
 */
class SoftmaxMaxBitsTest {
    private static final float[] SPECIAL = {0f, -0f, Float.NaN, Float.intBitsToFloat(0x7fc00123), Float.intBitsToFloat(0xffa00001),
        Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -1f, 1f, Float.MIN_VALUE, -Float.MIN_VALUE, -Float.MAX_VALUE};

    @Test
    void fastMaximumGivesTheExactBits() {
        assertTrue(Simd.available(), "the tests run with --add-modules jdk.incubator.vector");
        SplittableRandom rnd = new SplittableRandom(20261130);
        int checked = 0, zeros = 0, nans = 0;
        for (int pass = 0; pass < 3000; pass++) {
            int n = pass % 10 == 0 ? 1000 : 16 + rnd.nextInt(90);
            float[] x = new float[n + 3];
            int kind = rnd.nextInt(5);
            for (int i = 0; i < x.length; i++) {
                switch (kind) {
                    case 0 -> x[i] = (float) rnd.nextGaussian();
                    // non-positive rows: the maximum is a zero, its sign decided by which one came last
                    case 1 -> x[i] = rnd.nextBoolean() ? (rnd.nextBoolean() ? 0f : -0f) : -(float) Math.abs(rnd.nextGaussian());
                    case 2 -> x[i] = rnd.nextBoolean() ? 0f : -0f;
                    case 3 -> x[i] = rnd.nextInt(8) == 0 ? SPECIAL[rnd.nextInt(SPECIAL.length)] : (float) rnd.nextGaussian();
                    default -> x[i] = 3.5f;
                }
            }
            if (kind == 0 && rnd.nextInt(4) == 0) x[rnd.nextInt(x.length)] = SPECIAL[2 + rnd.nextInt(3)];
            int off = rnd.nextInt(4);
            float want = Float32Lanes.reduceMax(x, off, n), got = Float32Softmax.reduceMax(x, off, n, true);
            assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(got), "row " + pass + " (kind " + kind + ", n " + n + "): " + want + " vs " + got);
            checked++;
            if (want == 0) zeros++;
            if (Float.isNaN(want)) nans++;
        }
        assertTrue(zeros > 100 && nans > 100, "zero maxima " + zeros + ", NaN maxima " + nans + " of " + checked);
    }
}
