// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import static io.gradbook.autograd.Torch.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The fused sin/cos backward ({@link TrigBackward}) gives the bits of the rule's plain ops, {@code g * x.cos()} and
 * {@code g * -x.sin()}, on any size (odd tails, the slow trig path's large arguments, NaN, inf, -0.0), on an input
 * that starts inside its storage, with and without the pool's threads; and the rules themselves give those bits.
 */
class TrigBackwardTest {
    @AfterEach
    void restore() {
        TensorIterator.parallel = true;
    }

    /**
     * Gaussians with specials every 997 elements from {@code first}; the inputs and the gradients put theirs at
     * different places: the payload of NaN * NaN is whichever operand the JIT puts first, which Java does not fix.
     */
    static Tensor values(long seed, int n, float scale) {
        return values(seed, n, scale, 0);
    }

    static Tensor grads(long seed, int n) {
        return values(seed, n, 2f, 498);
    }

    static Tensor values(long seed, int n, float scale, int first) {
        manualSeed(seed);
        Tensor t = randn(n).mul((double) scale);
        float[] a = ((Storage.FloatStorage) t.storage).a;
        float[] special = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f, Float.MIN_VALUE,
            1e5f, -3e4f, 126f, 200.5f, Float.MAX_VALUE};
        for (int i = first; i < a.length; i += 997) a[i] = special[(i / 997) % special.length];
        return t;
    }

    static void sameBits(Tensor want, Tensor got, String what) {
        float[] w = want.toFloatArray(), g = got.toFloatArray();
        assertEquals(w.length, g.length, what);
        for (int i = 0; i < w.length; i++) {
            if (Float.floatToRawIntBits(w[i]) != Float.floatToRawIntBits(g[i])) {
                throw new AssertionError(what + " at " + i + ": " + w[i] + " vs " + g[i]);
            }
        }
    }

    @Test
    void fusedMatchesThePlainOps() {
        for (boolean threads : new boolean[] {true, false}) {
            TensorIterator.parallel = threads;
            for (int n : new int[] {65536, 100003, 1 << 20, 1000 * 1000 + 5}) {
                for (float scale : new float[] {1f, 300f}) {
                    Tensor x = values(n, n, scale), g = grads(n + 1, n);
                    try (var ng = noGrad()) {
                        String what = "n=" + n + " scale=" + scale + " threads=" + threads;
                        sameBits(g.mul(x.cos()), TrigBackward.fused(g, x, true), "sin backward " + what);
                        sameBits(g.mul(x.sin().neg()), TrigBackward.fused(g, x, false), "cos backward " + what);
                    }
                }
            }
        }
    }

    @Test
    void inputInsideItsStorage() {
        Tensor big = values(3, 301 * 400, 50f).view(301, 400);
        Tensor x = big.narrow(0, 1, 300), g = grads(4, 300 * 400).view(300, 400); // contiguous, offset 400
        try (var ng = noGrad()) {
            sameBits(g.mul(x.cos()), TrigBackward.fused(g, x, true), "offset input");
        }
    }

    @Test
    void rulesGiveThePlainBits() {
        Tensor x0 = values(5, 1000 * 1000, 10f).view(1000, 1000);
        Tensor g = grads(6, 1000 * 1000).view(1000, 1000);
        Tensor x = x0.clone().requiresGrad_();
        x.sin().backward(g);
        try (var ng = noGrad()) {
            sameBits(g.mul(x0.cos()), x.grad(), "SinBackward0");
        }
        Tensor y = x0.clone().requiresGrad_();
        y.cos().backward(g);
        try (var ng = noGrad()) {
            sameBits(g.mul(x0.sin().neg()), y.grad(), "CosBackward0");
        }
    }

    @Test
    void smallStridedOrRecordedTakeThePlainOps() {
        Tensor x = values(7, 1000, 1f), g = values(8, 1000, 1f);
        try (var ng = noGrad()) {
            assertNull(TrigBackward.fused(g, x, true), "small");
            Tensor big = values(9, 400 * 400, 1f).view(400, 400), gb = values(10, 400 * 400, 1f).view(400, 400);
            assertNull(TrigBackward.fused(gb, big.t(), true), "transposed");
            assertNotNull(TrigBackward.fused(gb, big, true));
        }
        assertNull(TrigBackward.fused(values(11, 1 << 17, 1f), values(12, 1 << 17, 1f), true), "grad mode on");
    }
}
