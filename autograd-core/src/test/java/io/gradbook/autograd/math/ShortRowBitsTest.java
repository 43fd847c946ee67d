// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The short-row paths (rows below {@link Float32Softmax#MIN_VECTOR_ROW} run lane by lane in {@link Float32Lanes}
 * and the scalar maps even with the Vector API on) give the Vector API's bits: every last-dim softmax kernel over
 * row lengths 1..40 and a few longer ones, with NaN, infinities and -0.0 among the values, once with every row
 * forced onto the vector code and once as shipped; and each of Float32Lanes' reductions against the vector
 * reduction it stands in for. Two passes, the second after enough calls for C2 to have compiled both sides.
 */
class ShortRowBitsTest {
    @AfterEach
    void restore() {
        Simd.setEnabled(Simd.available());
        Float32Softmax.setMinVectorRow(Float32Softmax.MIN_VECTOR_ROW);
    }

    private interface Kernel {
        void run(float[] x, float[] g, float[] out, int outer, int n);
    }

    private static final String[] NAMES = {"softmax", "log_softmax", "softmax_backward", "log_softmax_backward"};
    private static final Kernel[] KERNELS = {
        (x, g, o, a, n) -> Float32Softmax.softmax(x, 0, o, 0, a, n, 1, true),
        (x, g, o, a, n) -> Float32Softmax.logSoftmax(x, 0, o, 0, a, n, 1, true),
        (x, g, o, a, n) -> Float32Softmax.softmaxBackward(g, 0, x, 0, o, 0, a, n, 1, true),
        (x, g, o, a, n) -> Float32Softmax.logSoftmaxBackward(g, 0, x, 0, o, 0, a, n, 1, true),
    };

    private static final float[] SPECIAL = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0f, 0f, Float.MIN_VALUE, -Float.MAX_VALUE};

    /** Gaussian values at one of three scales; with {@code special}, about one in 6 from SPECIAL. */
    private static float[] inputs(SplittableRandom rnd, int n, boolean special) {
        float[] x = new float[n];
        double scale = new double[] {1, 5, 60}[rnd.nextInt(3)];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (rnd.nextGaussian() * scale);
            if (special && rnd.nextInt(6) == 0) x[i] = SPECIAL[rnd.nextInt(SPECIAL.length)];
        }
        return x;
    }

    private static void assertSameBits(float[] want, float[] got, String what) {
        for (int i = 0; i < want.length; i++) {
            // softmax's y * (1 / sum) with both NaN keeps either operand's payload (see SimdBitsTest): NaN is NaN
            if (Float.isNaN(want[i]) && Float.isNaN(got[i])) continue;
            assertEquals(Float.floatToRawIntBits(want[i]), Float.floatToRawIntBits(got[i]), what + " at " + i + ": " + want[i] + " vs " + got[i]);
        }
    }

    private static int[] lengths() {
        int[] n = new int[40 + 5];
        for (int i = 0; i < 40; i++) n[i] = i + 1;
        System.arraycopy(new int[] {47, 64, 100, 129, 1000}, 0, n, 40, 5);
        return n;
    }

    @Test
    void shortRowsGiveTheVectorBits() {
        assertTrue(Simd.available(), "the tests run with --add-modules jdk.incubator.vector");
        SplittableRandom rnd = new SplittableRandom(20261130);
        for (int pass = 0; pass < 2; pass++) {
            for (int round = 0; round < (pass == 0 ? 3 : 40); round++) {
                for (int n : lengths()) {
                    int outer = 1 + rnd.nextInt(9);
                    boolean special = round % 2 == 0;
                    float[] x = inputs(rnd, outer * n, special), g = inputs(rnd, outer * n, special);
                    for (int k = 0; k < KERNELS.length; k++) {
                        // the backward kernels take softmax's or log_softmax's output, as autograd gives them
                        float[] in = x;
                        if (k >= 2) {
                            in = new float[x.length];
                            KERNELS[k - 2].run(x, null, in, outer, n);
                        }
                        float[] vector = new float[x.length], shipped = new float[x.length], scalar = new float[x.length];
                        Float32Softmax.setMinVectorRow(0);
                        KERNELS[k].run(in, g, vector, outer, n);
                        Float32Softmax.setMinVectorRow(Float32Softmax.MIN_VECTOR_ROW);
                        KERNELS[k].run(in, g, shipped, outer, n);
                        Simd.setEnabled(false);
                        KERNELS[k].run(in, g, scalar, outer, n);
                        Simd.setEnabled(true);
                        String what = NAMES[k] + " " + outer + "x" + n + (special ? " with specials" : "");
                        assertSameBits(vector, shipped, what + " (short-row path)");
                        assertSameBits(vector, scalar, what + " (no Vector API)");
                    }
                }
            }
        }
    }

    /** In place (x == y), log_softmax takes map_reduce_all's fused exp-sum: the lanes' one against the vector one. */
    @Test
    void inPlaceLogSoftmaxGivesTheVectorBits() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int round = 0; round < 200; round++) {
            for (int n : lengths()) {
                int outer = 1 + rnd.nextInt(4);
                float[] x = inputs(rnd, outer * n, round % 2 == 0);
                float[] a = x.clone(), b = x.clone();
                Float32Softmax.setMinVectorRow(0);
                Float32Softmax.logSoftmax(a, 0, a, 0, outer, n, 1, true);
                Float32Softmax.setMinVectorRow(Float32Softmax.MIN_VECTOR_ROW);
                Float32Softmax.logSoftmax(b, 0, b, 0, outer, n, 1, true);
                assertSameBits(a, b, "log_softmax_ in place " + outer + "x" + n);
            }
        }
    }

    /** Each of Float32Lanes' reductions against the vector reduction (vector part, partial vector, lane tree). */
    @Test
    void laneReductionsGiveTheVectorBits() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int round = 0; round < 3000; round++) {
            int n = round < 400 ? 8 + round % 33 : 8 + rnd.nextInt(300);
            int off = rnd.nextInt(5);
            boolean special = rnd.nextInt(3) == 0;
            float[] x = inputs(rnd, off + n, special), y = inputs(rnd, off + n, special);
            float max = x[off + rnd.nextInt(n)];
            String at = " n=" + n + " off=" + off;
            same(Float32Softmax.reduceSum(x, off, n, true), Float32Lanes.reduceSum(x, off, n), "reduce_all(+)" + at);
            same(Float32Softmax.reduceMax(x, off, n, true), Float32Lanes.reduceMax(x, off, n), "reduce_all(maximum)" + at);
            same(Float32Softmax.mapExpReduceSum(x, off, n, max, true), Float32Lanes.mapExpReduceSum(x, off, n, max), "map_reduce_all(exp)" + at);
            same(Float32Softmax.mapMulReduceSum(x, off, y, off, n, true), Float32Lanes.mapMulReduceSum(x, off, y, off, n), "map2_reduce_all(*)" + at);
        }
    }

    private static void same(float want, float got, String what) {
        // a sum's NaN keeps whichever operand's payload the JIT puts first; vec::maximum's NaN is all ones in both
        if (Float.isNaN(want) && Float.isNaN(got) && !what.startsWith("reduce_all(maximum)")) return;
        assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(got), what + ": " + want + " vs " + got);
    }
}
