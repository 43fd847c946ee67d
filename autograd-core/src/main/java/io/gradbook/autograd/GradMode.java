// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

/**
 * Whether operations are recorded for autograd: a per-thread flag, as in PyTorch, so a {@code noGrad()} scope
 * in one thread never changes what another thread records.
 *
 * <pre>
 * jshell> try (var g = Torch.noGrad()) { System.out.println(Torch.isGradEnabled()); }
 * false
 * </pre>
 */
public final class GradMode {
    private static final ThreadLocal<boolean[]> ENABLED = ThreadLocal.withInitial(() -> new boolean[] {true, false});

    private GradMode() {}

    /** Whether operations are recorded for autograd on this thread ({@code torch.is_grad_enabled()}). */
    public static boolean isEnabled() {
        return ENABLED.get()[0];
    }

    static boolean isInferenceMode() {
        return ENABLED.get()[1];
    }

    /** Inference guards open in any thread: a fast test before the thread-local one, made at every tensor's birth. */
    private static final java.util.concurrent.atomic.AtomicInteger INFERENCE_OPEN = new java.util.concurrent.atomic.AtomicInteger();

    /** {@link #isInferenceMode()}, without the thread-local lookup while no inference guard is open anywhere. */
    static boolean isInferenceModeFast() {
        return INFERENCE_OPEN.get() > 0 && ENABLED.get()[1];
    }

    /**
     * A scope that sets grad mode and restores the previous value on close. It is tied to the thread that opened
     * it; closing it twice is harmless.
     */
    public static final class Guard implements AutoCloseable {
        private final boolean[] state;
        private final boolean previousEnabled;
        private final boolean previousInference;
        private boolean closed;
        private final boolean countsInference;

        Guard(boolean enabled, boolean inference) {
            state = ENABLED.get();
            previousEnabled = state[0];
            previousInference = state[1];
            state[0] = enabled;
            state[1] = inference || (previousInference && !enabled);
            countsInference = inference;
            if (inference) INFERENCE_OPEN.incrementAndGet();
        }

        /** Restores the grad mode that was in force when this guard was made (the end of a {@code with} block). */
        @Override
        public void close() {
            if (closed) return;
            closed = true;
            if (countsInference) INFERENCE_OPEN.decrementAndGet();
            state[0] = previousEnabled;
            state[1] = previousInference;
        }
    }

    static Guard set(boolean enabled) {
        return new Guard(enabled, false);
    }

    static Guard inference() {
        return new Guard(false, true);
    }
}
