// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import static io.gradbook.autograd.Torch.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Backward's owned gradients ({@link OwnedGrads}) and recycled arrays ({@link GradArrays}): the same bits as without
 * them, and no tensor anyone can still see is ever handed to a later op. Each aliasing case keeps what the user could
 * hold (retained grads, hook arguments, autograd.grad's results, a custom Function's captures, .grad, forward
 * results), then runs a scribbler: many live results of the same size, which take every recycled array and overwrite
 * it; what the user held must be unchanged. Sizes are above {@link UninitializedArrays#MIN_LENGTH}, where arrays are
 * recycled at all, and each case also checks that recycling did happen, so that the test can fail.
 */
class GradRecyclingTest {
    static final int N = 300; // 300x300 = 90,000 elements

    @BeforeEach
    void fresh() {
        GradArrays.clear();
        GradArrays.enabled = true;
    }

    @AfterEach
    void restore() {
        GradArrays.enabled = true;
        GradArrays.clear();
    }

    /** Overwrites every array the pool holds (and a few fresh ones) with junk, keeping them alive meanwhile. */
    static List<Tensor> scribble(Tensor like) {
        List<Tensor> live = new ArrayList<>();
        Tensor junk = fullLike(like, 1e30);
        for (int i = 0; i < 24; i++) live.add(junk.mul(-7.0 - i));
        return live;
    }

    static float[] values(Tensor t) {
        return t.toFloatArray();
    }

    static void unchanged(float[] before, Tensor now, String what) {
        float[] after = values(now);
        assertEquals(before.length, after.length, what);
        for (int i = 0; i < before.length; i++) {
            if (Float.floatToRawIntBits(before[i]) != Float.floatToRawIntBits(after[i])) {
                throw new AssertionError(what + " changed at " + i + ": " + before[i] + " -> " + after[i]);
            }
        }
    }

    /** Runs {@code pass} with recycling on and off; the returned tensors' bits must agree. */
    static void sameBitsBothWays(Supplier<Tensor[]> pass) {
        GradArrays.enabled = false;
        Tensor[] off = pass.get();
        GradArrays.enabled = true;
        GradArrays.clear();
        Tensor[] on = pass.get();
        Tensor[] again = pass.get(); // and with arrays recycled from the run before
        for (int i = 0; i < off.length; i++) {
            assertArrayEquals(off[i].toFloatArray(), on[i].toFloatArray(), "output " + i);
            assertArrayEquals(off[i].toFloatArray(), again[i].toFloatArray(), "output " + i + ", second run");
        }
    }

    static Tensor leaf(long seed) {
        manualSeed(seed);
        return randn(N, N).requiresGrad_();
    }

    @Test
    void sinRowSameBitsAndRecycles() {
        sameBitsBothWays(() -> {
            Tensor x = leaf(1);
            for (int i = 0; i < 3; i++) x.sin().mul(x).exp().sum().backward();
            return new Tensor[] {x.grad()};
        });
        assertTrue(GradArrays.kept() > 0, "backward handed arrays back");
    }

    @Test
    void broadcastDiamondAndFloat64SameBits() {
        sameBitsBothWays(() -> {
            Tensor x = leaf(2), b = randn(N).requiresGrad_();
            Tensor y = x.mul(b).cos();
            // x is reached three ways; b's gradient is reduced from [N, N] to [N] by the engine
            y.add(y.mul(x)).mul(x.exp()).sum().backward();
            Tensor d = randn(N, N).to(DType.FLOAT64).requiresGrad_();
            d.sin().mul(d).add(d.exp()).sum().backward();
            return new Tensor[] {x.grad(), b.grad(), d.grad().to(DType.FLOAT32)};
        });
    }

    @Test
    void retainedGradAndTensorHooksKeepTheirValues() {
        Tensor x = leaf(3);
        Tensor s = x.sin();
        s.retainGrad();
        Tensor m = s.mul(x);
        List<Tensor> seen = new ArrayList<>();
        m.registerHook(seen::add);
        x.registerHook(seen::add);
        Tensor e = m.exp();
        e.sum().backward();
        float[] sg = values(s.grad()), h0 = values(seen.get(0)), h1 = values(seen.get(1)), xg = values(x.grad());
        float[] sv = values(s), mv = values(m), ev = values(e);
        // every node here has a hook, so nothing may be recycled: the scribbler below gets only fresh arrays
        assertEquals(0, GradArrays.kept());
        List<Tensor> live = scribble(x);
        unchanged(sg, s.grad(), "retained grad");
        unchanged(h0, seen.get(0), "tensor hook's gradient");
        unchanged(h1, seen.get(1), "leaf hook's gradient");
        unchanged(xg, x.grad(), "x.grad");
        unchanged(sv, s, "forward result s");
        unchanged(mv, m, "forward result m");
        unchanged(ev, e, "forward result e");
        assertEquals(24, live.size());
    }

    @Test
    void nodeHooksKeepTheirTensors() {
        Tensor x = leaf(4);
        Tensor m = x.sin().mul(x);
        List<Tensor> seen = new ArrayList<>();
        m.gradFn().registerHook((in, out) -> {
            seen.addAll(in);
            seen.addAll(out);
        });
        m.exp().sum().backward();
        // the rest of the graph still recycled (SinBackward's result, once added into .grad)
        assertTrue(GradArrays.kept() > 0);
        List<float[]> before = new ArrayList<>();
        for (Tensor t : seen) before.add(values(t));
        scribble(x);
        for (int i = 0; i < seen.size(); i++) unchanged(before.get(i), seen.get(i), "node hook tensor " + i);
    }

    @Test
    void autogradGradResultsAreNotRecycled() {
        Tensor x = leaf(5), w = leaf(6);
        Tensor s = x.sin();
        List<Tensor> g = Autograd.grad(List.of(s.mul(w).exp().sum()), List.of(x, w, s), null, false, false, false);
        List<float[]> before = new ArrayList<>();
        for (Tensor t : g) before.add(values(t));
        scribble(x);
        for (int i = 0; i < g.size(); i++) unchanged(before.get(i), g.get(i), "autograd.grad result " + i);
    }

    @Test
    void firstGradIsACopyAndLaterOnesAccumulate() {
        Tensor x = leaf(7);
        x.mul(x).exp().sum().backward();
        Tensor first = x.grad();
        float[] g1 = values(first);
        scribble(x);
        unchanged(g1, first, "first .grad");
        x.mul(x).exp().sum().backward();
        assertTrue(first == x.grad(), "accumulated in place");
        float[] g2 = values(x.grad());
        scribble(x);
        unchanged(g2, x.grad(), "accumulated .grad");
    }

    /** A custom Function that keeps the gradient it is given (PyTorch would see a second reference). */
    static final class Keeper extends Autograd.Function {
        final List<Tensor> kept = new ArrayList<>();

        @Override
        public Tensor forward(FunctionCtx ctx, Tensor... in) {
            return in[0].mul(2.0);
        }

        @Override
        public Tensor[] backward(FunctionCtx ctx, Tensor... g) {
            kept.add(g[0]);
            return new Tensor[] {g[0].mul(2.0)};
        }
    }

    @Test
    void customFunctionsMayKeepTheirGradients() {
        Tensor x = leaf(8);
        Keeper k = new Keeper();
        k.apply(x.sin()).mul(x).exp().sum().backward();
        float[] kept = values(k.kept.get(0));
        assertTrue(GradArrays.kept() > 0);
        scribble(x);
        unchanged(kept, k.kept.get(0), "custom Function's kept gradient");
    }

    @Test
    void gradientsPassedOnOrViewedAreNotRecycled() {
        // AddBackward hands its gradient to both inputs, view/transpose/expand rules return views of it
        Tensor x = leaf(9), y = leaf(10);
        Tensor a = x.mul(y), b = x.exp();
        Tensor z = a.add(b).t().reshape(N * N).view(N, N).mul(y).sum();
        z.backward();
        float[] xg = values(x.grad()), yg = values(y.grad());
        sameBitsBothWays(() -> {
            Tensor p = leaf(9), q = leaf(10);
            p.mul(q).add(p.exp()).t().reshape(N * N).view(N, N).mul(q).sum().backward();
            return new Tensor[] {p.grad(), q.grad()};
        });
        scribble(x);
        unchanged(xg, x.grad(), "x.grad");
        unchanged(yg, y.grad(), "y.grad");
    }

    @Test
    void retainGraphRunsTwiceWithTheSameBits() {
        sameBitsBothWays(() -> {
            Tensor x = leaf(11);
            Tensor out = x.sin().mul(x).exp().sum();
            out.backward(null, true, false);
            out.backward();
            return new Tensor[] {x.grad()};
        });
    }

    @Test
    void createGraphOwnsNothing() {
        Tensor x = leaf(12);
        Tensor g = Autograd.grad(List.of(x.sin().mul(x).sum()), List.of(x), null, true, true, false).get(0);
        float[] gv = values(g);
        GradArrays.clear();
        g.sum().backward();
        scribble(x);
        unchanged(gv, g, "create_graph gradient");
    }
}
