// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import static io.gradbook.autograd.Torch.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The engine's own rules: accumulation, ordering, hooks, grad-mode scoping, depth, interruption. */
class EngineTest {
    @Test
    void diamondsAccumulateIntoOneGradient() {
        Tensor x = tensor(3.0).requiresGrad_();
        Tensor a = x.mul(2), b = x.pow(2);
        a.add(b).add(a.mul(b)).backward();
        // d/dx (2x + x^2 + 2x^3) = 2 + 2x + 6x^2 = 62
        assertEquals("tensor(62.)", x.grad().toString());
    }

    @Test
    void leafGradAccumulatesInPlaceKeepingItsIdentity() {
        Tensor x = ones(2).requiresGrad_();
        x.mul(3).sum().backward();
        Tensor g = x.grad();
        x.mul(3).sum().backward();
        assertSame(g, x.grad());
        assertEquals("tensor([6., 6.])", g.toString());
    }

    @Test
    void hooksRunInRegistrationOrderAndCanBeRemoved() {
        Tensor x = ones(2).requiresGrad_();
        Tensor y = x.mul(2);
        List<String> calls = new ArrayList<>();
        RemovableHandle first = y.registerHook(g -> calls.add("tensor hook 1"));
        y.gradFn().registerPrehook(gs -> calls.add("node pre-hook"));
        y.registerReplacingHook(g -> {
            calls.add("tensor hook 2 (doubles)");
            return g.mul(2);
        });
        y.gradFn().registerHook((in, out) -> calls.add("node hook"));
        x.registerHook(g -> calls.add("leaf hook " + g));
        y.sum().backward(null, true);
        assertEquals(List.of("tensor hook 1", "node pre-hook", "tensor hook 2 (doubles)", "node hook", "leaf hook tensor([4., 4.])"), calls);
        assertEquals("tensor([4., 4.])", x.grad().toString());
        calls.clear();
        first.remove();
        x.setGrad(null);
        y.sum().backward(null, false);
        assertFalse(calls.contains("tensor hook 1"));
    }

    @Test
    void retainGradKeepsANonLeafGradient() {
        Tensor x = ones(3).requiresGrad_();
        Tensor y = x.mul(2);
        y.retainGrad();
        y.mul(y).sum().backward();
        assertEquals("tensor([4., 4., 4.])", y.grad().toString());
    }

    @Test
    void autogradGradLeavesDotGradAloneAndSupportsCreateGraph() {
        Tensor x = tensor(2.0).requiresGrad_();
        Tensor y = x.pow(3);
        Tensor dy = Autograd.grad(List.of(y), List.of(x), null, true, true, false).get(0);
        assertEquals("tensor(12., grad_fn=<MulBackward0>)", dy.toString());
        Tensor d2y = Autograd.grad(dy, x).get(0);
        assertEquals("tensor(12.)", d2y.toString());
        assertNull(x.grad());
        Tensor w = ones(1).requiresGrad_();
        assertNull(Autograd.grad(List.of(x.mul(2)), List.of(w), null, false, false, true).get(0));
    }

    @Test
    void gradModeIsPerThreadAndScopesRestore() throws Exception {
        CountDownLatch inside = new CountDownLatch(1), checked = new CountDownLatch(1);
        AtomicBoolean otherThreadSaw = new AtomicBoolean();
        Thread t = new Thread(() -> {
            try {
                inside.await();
                otherThreadSaw.set(isGradEnabled());
                checked.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        t.start();
        try (var g = noGrad()) {
            assertFalse(isGradEnabled());
            try (var e = enableGrad()) {
                assertTrue(isGradEnabled());
            }
            assertFalse(isGradEnabled());
            inside.countDown();
            checked.await();
        }
        t.join();
        assertTrue(otherThreadSaw.get(), "another thread's grad mode is its own");
        assertTrue(isGradEnabled());
        try (var s = setGradEnabled(false); var i = inferenceMode()) {
            assertFalse(ones(1).requiresGrad_().mul(2).requiresGrad());
            assertTrue(isInferenceModeEnabled());
        }
        assertTrue(isGradEnabled());
    }

    @Test
    void aMillionNodeChainBackpropagates() {
        Tensor x = tensor(1.0).requiresGrad_();
        Tensor y = x;
        for (int i = 0; i < 1_000_000; i++) y = y.add(0.0);
        y.backward();
        assertEquals("tensor(1.)", x.grad().toString());
    }

    @Test
    void anInterruptStopsALongBackward() throws Exception {
        Tensor x = tensor(1.0).requiresGrad_();
        Tensor y = x;
        for (int i = 0; i < 300_000; i++) y = y.mul(1.0);
        Tensor root = y;
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            Thread.currentThread().interrupt();
            try {
                root.backward();
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        worker.start();
        worker.join();
        assertTrue(thrown.get() instanceof TorchException.BackwardInterrupted, "interrupted: " + thrown.get());
        assertNull(x.grad());
    }

    @Test
    void invalidGradientShapesNameTheNode() {
        Tensor x = ones(2, 3).requiresGrad_();
        Tensor y = x.mul(2);
        y.gradFn().registerReplacingPrehook(gs -> new Tensor[] {ones(4)});
        TorchException e = assertThrows(TorchException.class, () -> y.sum().backward());
        assertTrue(e.getMessage().contains("MulBackward0") || e.getMessage().contains("SumBackward0"), e.getMessage());
    }

    @Test
    void savedTensorsAreFreedAfterBackward() {
        Tensor x = ones(3).requiresGrad_();
        Tensor y = x.exp();
        Node node = y.gradFn();
        assertFalse(node.savedTensors().get(0).isReleased());
        y.sum().backward();
        assertTrue(node.savedTensors().stream().allMatch(SavedTensor::isReleased));
    }

    @Test
    void dataEscapesTheVersionCheckButDetachDoesNot() {
        Tensor x = ones(3).requiresGrad_();
        Tensor y = x.exp();
        y.data().mul_(2);
        y.sum().backward();
        Tensor a = ones(3).requiresGrad_();
        Tensor b = a.exp();
        b.detach().mul_(2);
        assertThrows(TorchException.RuntimeError.class, () -> b.sum().backward());
    }
}
