// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The branch-free and 8-lane loops of the MLP step (relu, threshold_backward, {@link Float32Arith}'s add, sub, mul,
 * div and add(alpha)) give, element for element, the bits of the one-line scalar rule each replaces, written out
 * here (bit for bit; a NaN result may be any NaN): with the Vector API on (after C2 has compiled it) and off, over random bit patterns and Gaussians mixed with
 * NaN of both signs, infinities, +-0, subnormals and the extremes, in every lane position, at odd lengths and
 * offsets, with a same-length and a broadcast (stride 0) second operand, and in place (output = first or second
 * operand at the same offset, as {@code w.sub_(w)}).
 */
class FastLoopsBitsTest {
    interface Binary {
        void apply(float[] o, int oo, float[] a, int ao, float[] b, int bo, int bs, int n);
    }

    interface Rule {
        float apply(float a, float b);
    }

    static final float ALPHA = -0.3f;

    static final String[] NAMES = {"add", "sub", "mul", "div", "addAlpha", "relu", "thresholdBackward"};
    static final Binary[] KERNELS = {Float32Arith::add, Float32Arith::sub, Float32Arith::mul, Float32Arith::div,
        (o, oo, a, ao, b, bo, bs, n) -> Float32Arith.addAlpha(o, oo, a, ao, b, bo, bs, n, ALPHA),
        // relu ignores b; threshold_backward's b is the relu result y (mask) and a the gradient
        (o, oo, a, ao, b, bo, bs, n) -> Float32Unary.relu(a, ao, o, oo, n),
        (o, oo, a, ao, b, bo, bs, n) -> Float32Select.thresholdBackward(a, ao, b, bo, o, oo, n)};
    /** The scalar rule each kernel must match, as the loops it replaced wrote it. */
    static final Rule[] RULES = {(a, b) -> a + b, (a, b) -> a - b, (a, b) -> a * b, (a, b) -> a / b,
        (a, b) -> Math.fma(b, ALPHA, a), (a, b) -> a < 0f ? 0f : a, (g, y) -> y <= 0f ? 0f : g};
    /** relu and threshold_backward have no broadcast form. */
    static final boolean[] BROADCASTS = {true, true, true, true, true, false, false};

    static final float[] SPECIAL = {Float.NaN, Float.intBitsToFloat(0xffc00000), Float.intBitsToFloat(0x7fa00001),
        Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL,
        -Float.MIN_NORMAL, Float.MIN_NORMAL * 0.5f, -Float.MIN_NORMAL * 0.25f, Float.MAX_VALUE, -Float.MAX_VALUE, 1f, -1f,
        1e-30f, -1e30f, 3f};

    @AfterEach
    void restore() {
        Simd.setEnabled(Simd.available());
    }

    static float[] inputs(SplittableRandom rnd, int n) {
        float[] x = new float[n];
        boolean bits = rnd.nextBoolean();
        for (int i = 0; i < n; i++) {
            x[i] = bits ? Float.intBitsToFloat(rnd.nextInt()) : (float) rnd.nextGaussian();
            if (rnd.nextInt(6) == 0) x[i] = SPECIAL[rnd.nextInt(SPECIAL.length)];
        }
        return x;
    }

    static void check(String what, float[] want, int wo, float[] got, int go, int n) {
        for (int i = 0; i < n; i++) {
            // exact bits, except that any NaN is one NaN: which payload and sign x86 gives a NaN result depends on
            // how the rule was compiled (the test's lambda too), and PyTorch does not define it either
            int w = Float.floatToIntBits(want[wo + i]), g = Float.floatToIntBits(got[go + i]);
            if (w != g) assertEquals(Integer.toHexString(w), Integer.toHexString(g), what + " at " + i + " of " + n);
        }
    }

    /** One run through the kernel against the rule, out of place and in place over a and over b. */
    static void oneRun(int k, SplittableRandom rnd, int n, int bs, String mode) {
        int ao = rnd.nextInt(0, 9), bo = rnd.nextInt(0, 9), oo = rnd.nextInt(0, 9);
        float[] a = inputs(rnd, ao + n), b = inputs(rnd, bo + (bs == 0 ? 1 : n));
        float[] want = new float[oo + n], got = new float[oo + n];
        for (int i = 0; i < n; i++) want[oo + i] = RULES[k].apply(a[ao + i], b[bo + i * bs]);
        String what = NAMES[k] + " (" + mode + ", bs " + bs + ", offsets " + ao + "/" + bo + "/" + oo + ")";
        KERNELS[k].apply(got, oo, a, ao, b, bo, bs, n);
        check(what, want, oo, got, oo, n);
        float[] overA = a.clone();
        KERNELS[k].apply(overA, ao, overA, ao, b, bo, bs, n);
        check(what + " in place over a", want, oo, overA, ao, n);
        if (bs == 1) {
            float[] overB = b.clone();
            KERNELS[k].apply(overB, bo, a, ao, overB, bo, bs, n);
            check(what + " in place over b", want, oo, overB, bo, n);
        }
    }

    @TestFactory
    List<DynamicTest> eachLoopGivesItsScalarRuleBitForBit() {
        List<DynamicTest> tests = new ArrayList<>();
        for (int k = 0; k < KERNELS.length; k++) {
            int kk = k;
            tests.add(DynamicTest.dynamicTest(NAMES[k], () -> {
                SplittableRandom rnd = new SplittableRandom(NAMES[kk].hashCode());
                // a warm-up so that C2 compiles the vector loops (before, the API runs lane by lane in Java)
                float[] wa = inputs(rnd, 256), wb = inputs(rnd, 256), wo = new float[256];
                for (int r = 0; r < 3000; r++) KERNELS[kk].apply(wo, 0, wa, 0, wb, 0, 1, 256);
                for (String mode : new String[] {"vector", "scalar"}) {
                    Simd.setEnabled(mode.equals("vector"));
                    for (int round = 0; round < 120; round++) {
                        // every length up to 40, lengths around the vector threshold, then random ones
                        int n = round < 40 ? round : round < 60 ? Float32Arith.MIN_VECTOR_RUN - 10 + (round - 40) : rnd.nextInt(1, 2000);
                        oneRun(kk, rnd, n, 1, mode);
                        if (BROADCASTS[kk]) oneRun(kk, rnd, n, 0, mode);
                    }
                    // every special value against every other, in every lane position of a vector run
                    int len = Float32Arith.MIN_VECTOR_RUN + 16;
                    for (float s : SPECIAL) {
                        for (float t : SPECIAL) {
                            float[] a = new float[len], b = new float[len], want = new float[len], got = new float[len];
                            for (int i = 0; i < len; i++) {
                                a[i] = s;
                                b[i] = t;
                                want[i] = RULES[kk].apply(s, t);
                            }
                            KERNELS[kk].apply(got, 0, a, 0, b, 0, 1, len);
                            check(NAMES[kk] + "(" + s + ", " + t + ") " + mode, want, 0, got, 0, len);
                        }
                    }
                }
            }));
        }
        return tests;
    }

    @Test
    void rangesAndStridesAreChecked() {
        float[] a = new float[8], o = new float[8];
        assertThrows(IndexOutOfBoundsException.class, () -> Float32Arith.add(o, 1, a, 0, a, 0, 1, 8));
        assertThrows(IndexOutOfBoundsException.class, () -> Float32Arith.mul(o, 0, a, 0, a, 8, 0, 8));
        assertThrows(IllegalArgumentException.class, () -> Float32Arith.sub(o, 0, a, 0, a, 0, 2, 4));
        assertThrows(IndexOutOfBoundsException.class, () -> Float32Select.thresholdBackward(a, 0, a, 1, o, 0, 8));
        // n = 0 touches nothing, even with an empty broadcast operand
        Float32Arith.div(o, 0, a, 0, new float[0], 0, 0, 0);
    }
}
