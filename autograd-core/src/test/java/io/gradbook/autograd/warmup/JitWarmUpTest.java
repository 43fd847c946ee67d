// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.warmup;

import static io.gradbook.autograd.Torch.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradbook.autograd.DType;
import io.gradbook.autograd.Tensor;
import io.gradbook.autograd.Warnings;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The warm-up leaves nothing a user could see: the global random stream, grad mode, dtypes, warnings, results. */
class JitWarmUpTest {
    /** A cell's worth of work whose numbers depend on the global stream: draws, ops, a backward. */
    private static float[] cell() {
        Tensor x = randn(3, 300).requiresGrad_();
        Tensor loss = crossEntropy(x.sin().mul(x).exp().add(rand(300)), arange(0L, 3));
        loss.backward();
        float[] g = x.grad().toFloatArray();
        float[] out = java.util.Arrays.copyOf(g, g.length + 2);
        out[g.length] = (float) loss.item();
        out[g.length + 1] = (float) randn(1).item(); // the stream's position after the cell
        return out;
    }

    @Test
    void runsToTheEndAndLeavesTheGlobalStreamGradModeAndDtypesAlone() {
        manualSeed(1234);
        float[] expected = cell();

        List<String> warned = new ArrayList<>();
        Warnings.setHandler((category, message, caller) -> warned.add(category + ": " + message));
        try (var g = noGrad()) {
            manualSeed(1234);
            JitWarmUp w = JitWarmUp.create();
            assertFalse(w.isDone());
            long steps = 0;
            while (w.step()) {
                steps++;
                assertFalse(isGradEnabled(), "grad mode is restored after every step");
            }
            assertTrue(w.isDone());
            // the classifier's unit may end early, once the JIT is quiet
            assertTrue(w.stepsDone() <= w.totalSteps());
            assertEquals(w.stepsDone(), steps + 1);
            assertFalse(w.step(), "a finished warm-up does nothing more");
            assertFalse(isGradEnabled());
        } finally {
            Warnings.setHandler(null);
        }
        assertTrue(isGradEnabled());
        assertEquals(List.of(), warned);
        assertEquals(DType.FLOAT32, tensor(1.5).dtype(), "the default dtype");
        assertEquals(DType.FLOAT32, zeros(2).dtype());
        // the seed set before the warm-up still gives the same draws after it: it drew nothing from the global stream
        assertArrayEquals(expected, cell());
    }

    @Test
    void aCellRunningBesideItGetsTheSameNumbers() throws Exception {
        manualSeed(99);
        float[] alone = cell();
        JitWarmUp w = JitWarmUp.create();
        Thread t = new Thread(w::runAll, "warm-up-under-test");
        t.start();
        try {
            for (int k = 0; k < 20 && !w.isDone(); k++) {
                manualSeed(99);
                assertArrayEquals(alone, cell(), "cell beside warm-up step " + w.stepsDone());
            }
        } finally {
            t.join();
        }
        assertTrue(w.isDone());
    }
}
