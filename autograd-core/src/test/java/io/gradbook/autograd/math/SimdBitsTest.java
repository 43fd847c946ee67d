// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The Vector API kernels ({@link Float32Simd}) give exactly the bits of the scalar loops, NaN payloads included,
 * over random bit patterns, wide and narrow Gaussian ranges, every special value (NaN of both signs, inf, zeros,
 * subnormals, the overflow/underflow cut-offs, sin/cos's 125 boundary and the Payne-Hanek arguments far beyond it)
 * and run lengths/offsets that exercise the partial last vector and cpu_kernel_vec's scalar tail. The golden and
 * oracle tests check the scalar algorithms against PyTorch; this test ties the vector ones to them.
 */
class SimdBitsTest {
    interface Kernel {
        void apply(float[] src, int srcOff, float[] dst, int dstOff, int n);
    }

    static final String[] NAMES = {"exp", "log", "sin", "cos", "tanh", "sigmoid"};
    static final Kernel[] KERNELS = {Float32Unary::exp, Float32Unary::log, Float32Unary::sin, Float32Unary::cos,
        Float32Unary::tanh, Float32Unary::sigmoid};

    static final float[] SPECIAL = {Float.NaN, Float.intBitsToFloat(0xffc00000), Float.intBitsToFloat(0x7fa00001),
        Float.intBitsToFloat(-1), Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f, Float.MIN_VALUE,
        -Float.MIN_VALUE, Float.MIN_NORMAL, -Float.MIN_NORMAL, Float.MIN_NORMAL * 0.5f, Float.MAX_VALUE, -Float.MAX_VALUE,
        1f, -1f, 0.5f, 2f, 100f, 100.00001f, 99.99999f, -104f, -104.00001f, -103.99999f, 88.72283f, 89f, -89f,
        8.664339742f, -8.664339742f, 8.66434f, 125f, -125f, 124.99999f, -124.99999f, 125.00001f, 1e4f, -1e4f, 1e9f,
        2.1474836E9f, -2.1474836E9f, 3e9f, 8388608f, 8388607.5f, 1e30f, -1e30f, 1.5707964f, 3.1415927f, -3.1415927f,
        6.2831855f, 0.75f, 1.3333334f};

    @AfterEach
    void restore() {
        Simd.setEnabled(true);
    }

    @Test
    void theVectorApiRunsInTheTests() {
        // surefire starts the JVM with --add-modules jdk.incubator.vector (pom.xml): without it this test compares
        // the scalar loops with themselves
        assertTrue(Simd.available(), "the Vector API is not available to the tests");
    }

    /** Inputs: runs of random bit patterns, Gaussians at several scales and the special values, shuffled in. */
    static float[] inputs(SplittableRandom rnd, int n, String op) {
        float[] x = new float[n];
        int kind = rnd.nextInt(5);
        for (int i = 0; i < n; i++) {
            switch (kind) {
                case 0: x[i] = Float.intBitsToFloat(rnd.nextInt()); break;
                case 1: x[i] = (float) (rnd.nextGaussian() * 3); break;
                case 2: x[i] = (float) (rnd.nextGaussian() * 60); break;
                case 3: x[i] = (float) Math.scalb(rnd.nextDouble(), rnd.nextInt(-150, 128)) * (rnd.nextBoolean() ? 1 : -1); break;
                default: x[i] = (float) (rnd.nextDouble() * 300 - 150); break;
            }
            // a few special values (for sin/cos one in a group sends the whole group of 8 to Payne-Hanek)
            if (rnd.nextInt(op.equals("sin") || op.equals("cos") ? 40 : 8) == 0) x[i] = SPECIAL[rnd.nextInt(SPECIAL.length)];
        }
        return x;
    }

    @TestFactory
    List<DynamicTest> vectorEqualsScalarBitForBit() {
        List<DynamicTest> tests = new ArrayList<>();
        for (int k = 0; k < KERNELS.length; k++) {
            String name = NAMES[k];
            Kernel kernel = KERNELS[k];
            tests.add(DynamicTest.dynamicTest(name, () -> {
                SplittableRandom rnd = new SplittableRandom(name.hashCode());
                long checked = 0;
                for (int pass = 0; pass < 2; pass++) {
                    if (pass == 1) {
                        // the second pass after enough calls for C2 to compile the vector loop (its intrinsics are
                        // AVX2 instructions, the first pass mostly ran the API's Java fallback lane by lane)
                        float[] warm = inputs(rnd, 512, "exp"), out = new float[512];
                        for (int r = 0; r < 4000; r++) kernel.apply(warm, 0, out, 0, 512);
                    }
                    for (int round = 0; round < 200; round++) {
                        int n = round < 40 ? round : rnd.nextInt(1, 3000);
                        int off = rnd.nextInt(0, 9);
                        float[] x = inputs(rnd, n + off, name);
                        float[] want = new float[n + 3], got = new float[n + 3];
                        Simd.setEnabled(false);
                        kernel.apply(x, off, want, 3, n);
                        Simd.setEnabled(true);
                        kernel.apply(x, off, got, 3, n);
                        for (int i = 0; i < n; i++) {
                            int w = Float.floatToRawIntBits(want[3 + i]), g = Float.floatToRawIntBits(got[3 + i]);
                            if (w != g) {
                                assertEquals(Integer.toHexString(w), Integer.toHexString(g), String.format(
                                    "%s(%s) [bits 0x%x] at %d of %d: vector differs from scalar", name, x[off + i],
                                    Float.floatToRawIntBits(x[off + i]), i, n));
                            }
                        }
                        // in place (src and dst the same array at the same offset), as the engine's in-place ops call it
                        float[] inPlace = x.clone();
                        kernel.apply(inPlace, off, inPlace, off, n);
                        for (int i = 0; i < n; i++) {
                            assertEquals(Float.floatToRawIntBits(want[3 + i]), Float.floatToRawIntBits(inPlace[off + i]), name + " in place at " + i);
                        }
                        checked += n;
                    }
                }
                // every special value in every lane position of a full vector
                for (float s : SPECIAL) {
                    for (int lane = 0; lane < 16; lane++) {
                        float[] x = new float[16];
                        for (int i = 0; i < 16; i++) x[i] = (float) (0.37 * (i - 7));
                        x[lane] = s;
                        float[] want = new float[16], got = new float[16];
                        Simd.setEnabled(false);
                        kernel.apply(x, 0, want, 0, 16);
                        Simd.setEnabled(true);
                        kernel.apply(x, 0, got, 0, 16);
                        for (int i = 0; i < 16; i++) {
                            assertEquals(Float.floatToRawIntBits(want[i]), Float.floatToRawIntBits(got[i]),
                                name + ": special " + s + " in lane " + lane + ", element " + i);
                        }
                        checked += 16;
                    }
                }
                System.out.printf("simd %-8s %d elements bit-identical%n", name, checked);
            }));
        }
        return tests;
    }

    /**
     * softmax and log_softmax over the last dim: the vector max, exp(x - max) and exp-sum give the scalar bits
     * (NaN's payload aside, see below).
     */
    @Test
    void softmaxLastDimVectorEqualsScalar() {
        SplittableRandom rnd = new SplittableRandom(7);
        // the second pass long enough for C2 to compile the vector loops
        for (int pass = 0; pass < 2; pass++) {
            for (int round = 0; round < (pass == 0 ? 300 : 3000); round++) {
                int outer = rnd.nextInt(1, 6), dim = round < 40 ? round + 1 : rnd.nextInt(1, 200);
                float[] x = inputs(rnd, outer * dim, "softmax");
                if (rnd.nextInt(3) == 0) for (int i = 0; i < x.length; i++) x[i] = (float) (rnd.nextGaussian() * 5);
                for (boolean log : new boolean[] {false, true}) {
                    float[] want = new float[x.length], got = new float[x.length];
                    Simd.setEnabled(false);
                    if (log) Float32Softmax.logSoftmax(x, 0, want, 0, outer, dim, 1); else Float32Softmax.softmax(x, 0, want, 0, outer, dim, 1);
                    Simd.setEnabled(true);
                    if (log) Float32Softmax.logSoftmax(x, 0, got, 0, outer, dim, 1); else Float32Softmax.softmax(x, 0, got, 0, outer, dim, 1);
                    for (int i = 0; i < x.length; i++) {
                        // a NaN's payload is not compared here: y * (1 / sum) with both NaN keeps whichever operand
                        // the JIT puts first, and the scalar loop alone gives different payloads from call to call
                        if (Float.isNaN(want[i]) && Float.isNaN(got[i])) continue;
                        assertEquals(Float.floatToRawIntBits(want[i]), Float.floatToRawIntBits(got[i]),
                            (log ? "log_softmax " : "softmax ") + outer + "x" + dim + " at " + i + " (x = " + x[i] + ")");
                    }
                }
            }
        }
    }
}
