// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The vector cascade of a float32 sum ({@link Float32Simd#multiRowSum4x8}), run part by part of
 * {@link Float32Reduce#VECTOR_PART_STEPS} steps with its accumulators carried between the calls, gives the scalar
 * loop's bits (which the golden and oracle tests tie to PyTorch): contiguous sums of one part, of a part and a few
 * steps, of many parts with every kind of tail, a 10^6-element sum and one past 2^21 (a larger level step), and sums
 * over dim 0 of tall matrices (32 columns at a time through the same kernel).
 */
class VectorSumPartsTest {
    @AfterEach
    void restore() {
        Simd.setEnabled(true);
    }

    /** Magnitudes spread over many binades, so that the order of additions shows in the last bits. */
    static float[] values(SplittableRandom rnd, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) (rnd.nextGaussian() * Math.scalb(1.0, rnd.nextInt(-12, 13)));
        return x;
    }

    @Test
    void contiguousSumsInPartsGiveTheScalarBits() {
        assertTrue(Simd.available(), "the Vector API is not available to the tests");
        SplittableRandom rnd = new SplittableRandom(11);
        int part = Float32Reduce.VECTOR_PART_STEPS * 32; // elements per part of a contiguous sum (4 x 8 per step)
        int[] sizes = {8192, 8199, part - 8, part, part + 8, part + 37, 3 * part + 5, 1_000_000, 1_000_003, (1 << 21) + 13, (1 << 22) + 3 * part + 101};
        for (int n : sizes) {
            float[] x = values(rnd, n + 3);
            for (int off : new int[] {0, 3}) {
                Simd.setEnabled(false);
                float scalar = Float32Reduce.sum(x, off, n);
                Simd.setEnabled(true);
                float vector = Float32Reduce.sum(x, off, n);
                assertEquals(Float.floatToRawIntBits(scalar), Float.floatToRawIntBits(vector), "sum of " + n + " from " + off + ": " + scalar + " vs " + vector);
            }
        }
    }

    @Test
    void dimZeroSumsInPartsGiveTheScalarBits() {
        SplittableRandom rnd = new SplittableRandom(12);
        int[][] shapes = {{4096, 32}, {4100, 40}, {33_000, 65}, {140_000, 33}};
        for (int[] sh : shapes) {
            float[] x = values(rnd, sh[0] * sh[1]);
            float[] scalar = new float[sh[1]], vector = new float[sh[1]];
            int[] strides = {sh[1], 1}, dims = {0};
            Simd.setEnabled(false);
            Float32Reduce.sum(x, 0, sh, strides, dims, scalar, 0);
            Simd.setEnabled(true);
            Float32Reduce.sum(x, 0, sh, strides, dims, vector, 0);
            for (int j = 0; j < sh[1]; j++) {
                assertEquals(Float.floatToRawIntBits(scalar[j]), Float.floatToRawIntBits(vector[j]), "sum over dim 0 of " + sh[0] + "x" + sh[1] + ", column " + j);
            }
        }
    }
}
