// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import static io.gradbook.autograd.Torch.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * softmax, log_softmax, their backward kernels and nll_loss's backward write their results into arrays from
 * {@link Storage#allocateForWrite}: recycled ones ({@link GradArrays}) hold whatever their last tensor held. Here the
 * pool is filled with junk arrays (NaN, 1e30, -0.0) of the results' length before each pass; every result must have
 * the bits of a pass with recycling off, and the pool must have been drawn from (so that the test can fail).
 * nll_loss's gradient is zeros but for the targets: on a junk array every zero is written by the op itself.
 */
class SoftmaxRecyclingTest {
    static final int ROWS = 300, COLS = 400; // 120,000 elements: above UninitializedArrays.MIN_LENGTH

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

    /** Fills the pool with junk arrays of the results' length: float32 or float64. */
    static void junk(DType dtype) {
        double[] fills = {Double.NaN, 1e30, -0.0, Double.NEGATIVE_INFINITY};
        for (double f : fills) GradArrays.give(full(new int[] {ROWS, COLS}, f, dtype));
    }

    /** The pass with recycling off and an empty pool, then with a junk pool twice: the same bits, and the pool drawn. */
    static void sameBits(DType dtype, Supplier<Tensor[]> pass) {
        GradArrays.enabled = false;
        GradArrays.clear();
        Tensor[] off = pass.get();
        GradArrays.enabled = true;
        for (int round = 0; round < 2; round++) {
            GradArrays.clear();
            junk(dtype);
            int before = GradArrays.kept();
            Tensor[] on = pass.get();
            assertTrue(GradArrays.kept() < before || round > 0 && GradArrays.kept() <= before,
                    "the junk arrays were drawn (" + before + " -> " + GradArrays.kept() + ")");
            for (int i = 0; i < off.length; i++) sameBits(off[i], on[i], "output " + i + ", round " + round);
        }
    }

    static void sameBits(Tensor expected, Tensor actual, String what) {
        assertEquals(expected.dtype(), actual.dtype(), what);
        double[] e = expected.toDoubleArray(), a = actual.toDoubleArray();
        assertEquals(e.length, a.length, what);
        for (int i = 0; i < e.length; i++) {
            boolean same = expected.dtype() == DType.FLOAT32
                    ? Float.floatToRawIntBits((float) e[i]) == Float.floatToRawIntBits((float) a[i])
                    : Double.doubleToRawLongBits(e[i]) == Double.doubleToRawLongBits(a[i]);
            if (!same) throw new AssertionError(what + " differs at " + i + ": " + e[i] + " against " + a[i]);
        }
    }

    static Tensor logits(DType dtype) {
        manualSeed(7);
        return randn(ROWS, COLS).mul(3).to(dtype).requiresGrad_();
    }

    static Tensor targets() {
        long[] t = new long[ROWS];
        for (int i = 0; i < ROWS; i++) t[i] = i % 5 == 0 ? -100 : (i * 37L) % COLS; // some rows ignored
        return tensor(t);
    }

    @Test
    void crossEntropyForwardAndBackward() {
        for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            sameBits(dtype, () -> {
                Tensor x = logits(dtype);
                Tensor sm = softmax(x, 1);
                Tensor lp = logSoftmax(x, 1);
                lp.retainGrad();
                Tensor loss = nllLoss(lp, targets());
                loss.backward();
                return new Tensor[] {sm.detach(), lp.detach(), loss.detach(), lp.grad(), x.grad()};
            });
        }
    }

    @Test
    void crossEntropyTwiceAccumulates() {
        // the benchmark row: .grad kept, the second backward adds into it (recycled arrays on the way)
        sameBits(DType.FLOAT32, () -> {
            Tensor x = logits(DType.FLOAT32);
            Tensor t = targets();
            softmax(x, 1);
            crossEntropy(x, t).backward();
            Tensor first = x.grad().clone();
            softmax(x, 1);
            crossEntropy(x, t).backward();
            return new Tensor[] {first, x.grad()};
        });
    }

    @Test
    void softmaxBackwardBothDims() {
        for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            for (int dim : new int[] {0, 1}) {
                sameBits(dtype, () -> {
                    Tensor x = logits(dtype);
                    manualSeed(3);
                    Tensor w = randn(ROWS, COLS).to(dtype);
                    Tensor y = softmax(x, dim), ly = logSoftmax(x, dim);
                    y.mul(w).sum().add(ly.mul(w).sum()).backward();
                    return new Tensor[] {y.detach(), ly.detach(), x.grad()};
                });
            }
        }
    }
}
