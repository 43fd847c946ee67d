// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import static io.gradbook.autograd.Torch.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * In-place arithmetic that writes straight into the tensor's memory ({@link DirectInPlace}) gives the bits of the
 * out-of-place op, bumps the version once, and leaves every case it does not take (views, overlap, other dtypes,
 * recorded ops, errors) to the general path with its results and error texts.
 */
class DirectInPlaceTest {
    @AfterEach
    void restore() {
        TensorIterator.parallel = true;
    }

    /** Edge values mixed into Gaussians: NaN, +-inf, +-0, subnormals, extremes. */
    static Tensor values(int... shape) {
        Tensor t = randn(shape);
        float[] a = ((Storage.FloatStorage) t.storage).a;
        float[] special = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f, Float.MIN_VALUE,
            -Float.MIN_NORMAL / 3, Float.MAX_VALUE, -Float.MAX_VALUE};
        for (int i = 0; i < a.length; i += 7) a[i] = special[(i / 7) % special.length];
        return t;
    }

    static void sameBits(Tensor want, Tensor got, String what) {
        assertArrayEquals(want.shapeArray(), got.shapeArray(), what);
        float[] w = want.toFloatArray(), g = got.toFloatArray();
        for (int i = 0; i < w.length; i++) {
            assertEquals(Float.floatToRawIntBits(w[i]), Float.floatToRawIntBits(g[i]), what + " at " + i);
        }
    }

    /** x.op_(y) against x.op(y), on a copy, with the version bumped exactly once. */
    static void matches(String what, Tensor x, BiFunction<Tensor, Tensor, Tensor> inPlace, BiFunction<Tensor, Tensor, Tensor> outOfPlace, Tensor y) {
        Tensor want = outOfPlace.apply(x, y);
        Tensor target = x.clone();
        int v = target.version();
        assertSame(target, inPlace.apply(target, y));
        assertEquals(v + 1, target.version(), what + ": version");
        sameBits(want, target, what);
    }

    @Test
    void tensorOperandsGiveTheOutOfPlaceBits() {
        manualSeed(5);
        // small (one run), large (chunks on the fork-join pool) and odd sizes; same shape and broadcast rows
        for (int[] shape : new int[][] {{3}, {37}, {5, 13}, {784, 256}, {300, 301}}) {
            for (boolean parallel : new boolean[] {true, false}) {
                TensorIterator.parallel = parallel;
                Tensor x = values(shape), y = values(shape), row = values(shape[shape.length - 1]), one = values(1);
                String s = java.util.Arrays.toString(shape) + (parallel ? "" : " one thread");
                for (Tensor other : new Tensor[] {y, row, one, tensor(2.5)}) {
                    String w = s + " with " + java.util.Arrays.toString(other.shapeArray());
                    matches("add_ " + w, x, Tensor::add_, Tensor::add, other);
                    matches("sub_ " + w, x, Tensor::sub_, Tensor::sub, other);
                    matches("mul_ " + w, x, Tensor::mul_, Tensor::mul, other);
                    matches("div_ " + w, x, Tensor::div_, Tensor::div, other);
                    matches("add_(alpha) " + w, x, (a, b) -> a.add_(b, -0.37), (a, b) -> a.add(b, -0.37), other);
                    matches("copy_ " + w, x, Tensor::copy_, (a, b) -> b.expand(a.shapeArray()).contiguous(), other);
                }
            }
        }
    }

    @Test
    void scalarsFillAndSelfAliasGiveTheOutOfPlaceBits() {
        manualSeed(6);
        Tensor x = values(129, 33);
        for (double s : new double[] {0.01, -3.0, 1e-40, Double.NaN, Double.POSITIVE_INFINITY, -0.0, 0.1 + 0.2}) {
            matches("add_ " + s, x, (a, b) -> a.add_(s), (a, b) -> a.add(s), null);
            matches("sub_ " + s, x, (a, b) -> a.sub_(s), (a, b) -> a.sub(s), null);
            matches("mul_ " + s, x, (a, b) -> a.mul_(s), (a, b) -> a.mul(s), null);
            matches("div_ " + s, x, (a, b) -> a.div_(s), (a, b) -> a.div(s), null);
            matches("fill_ " + s, x, (a, b) -> a.fill_(s), (a, b) -> fullLike(a, s), null);
        }
        matches("add_ long", x, (a, b) -> a.add_(3L), (a, b) -> a.add(3L), null);
        matches("mul_ long", x, (a, b) -> a.mul_(16777217L), (a, b) -> a.mul(16777217L), null);
        matches("zero_", x, (a, b) -> a.zero_(), (a, b) -> zerosLike(a), null);
        // w.sub_(w) and w.mul_(w): the operand is the very memory being written, element for element
        Tensor w = values(784, 256);
        Tensor want = w.sub(w), got = w.clone();
        got.sub_(got);
        sameBits(want, got, "w.sub_(w)");
        want = w.mul(w);
        got = w.clone();
        got.mul_(got);
        sameBits(want, got, "w.mul_(w)");
    }

    @Test
    void float64TakesTheSamePath() {
        manualSeed(7);
        Tensor x = randn(70, 1000).toDouble(), y = randn(1000).toDouble();
        Tensor want = x.sub(y), got = x.clone();
        got.sub_(y);
        assertTrue(equal(want, got));
        got.fill_(0.1);
        assertTrue(equal(fullLike(x, 0.1), got));
    }

    @Test
    void casesItLeavesToTheGeneralPath() {
        // a partly overlapping operand: PyTorch-style out-of-place semantics of the general path are kept
        Tensor x = arange(10.0f), before = x.clone();
        x.slice(0, 1, 10).sub_(x.slice(0, 0, 9));
        assertTrue(equal(cat(java.util.List.of(before.slice(0, 0, 1), before.slice(0, 1, 10).sub(before.slice(0, 0, 9))), 0), x), x.toString());
        // a transposed (non-contiguous) target and a strided view are written through their strides
        Tensor m = randn(4, 6), mt = m.clone().t(), want = m.t().mul(2.0);
        mt.mul_(2.0);
        assertTrue(equal(want, mt));
        Tensor base = zeros(4, 6);
        base.select(1, 2).fill_(7.0);
        assertEquals(28.0, base.sum().item(), 0.0);
        // other dtypes: int64 stays integer, a float result cannot go into it (PyTorch's text)
        Tensor i = arange(5L);
        i.add_(2L);
        assertTrue(equal(tensor(new long[] {2, 3, 4, 5, 6}), i));
        TorchException e = assertThrows(TorchException.class, () -> arange(5L).mul_(0.5));
        assertEquals("result type Float can't be cast to the desired output type Long", e.getMessage());
        // a float32 target with a float64 operand converts as before
        Tensor f = ones(3);
        f.add_(tensor(new double[] {0.1, 0.2, 0.3}, DType.FLOAT64));
        sameBits(ones(3).add(tensor(new double[] {0.1, 0.2, 0.3}, DType.FLOAT64).toFloat()), f, "float64 operand");
        // shapes that do not broadcast into the target give PyTorch's error
        assertThrows(TorchException.class, () -> ones(3).add_(ones(2, 3)));
        assertThrows(TorchException.class, () -> ones(3).sub_(ones(4)));
    }

    @Test
    void recordedOpsStillRecord() {
        Tensor w = ones(3).requiresGrad_();
        Tensor y = w.mul(2.0);
        y.add_(1.0);
        assertEquals("AddBackward0", y.gradFn().name());
        y.sum().backward();
        assertTrue(equal(full(new int[] {3}, 2.0), w.grad()));
        // a leaf that requires grad is refused, as before
        assertThrows(TorchException.class, () -> w.sub_(1.0));
        // under no_grad the leaf's memory changes directly and nothing is recorded
        try (var ignored = GradMode.set(false)) {
            w.sub_(w.grad().mul(0.5));
        }
        assertFalse(w.gradFn() != null);
        assertTrue(equal(zeros(3), w));
    }
}
