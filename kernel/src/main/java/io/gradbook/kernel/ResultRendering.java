// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel;

import io.gradbook.kernel.eval.CellError;
import io.gradbook.kernel.eval.ThreadStop;
import io.gradbook.kernel.render.Interrupts;
import io.gradbook.kernel.render.Renderers;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Renders a cell's result (its MIME bundle) on a thread of its own, so that an interrupt reaches the rendering as
 * it reaches the cell's code, and the cell ends in KeyboardInterrupt as in ipykernel (whose display hook and
 * {@code __repr__} run where KeyboardInterrupt lands). Rendered on the kernel's executor thread, a large result
 * ignored interrupts (8.5 s measured): the evaluator had already finished, so nothing stopped it.
 *
 * <p>On an interrupt the rendering thread's flag is set (renderers check it per box and step, {@link Interrupts});
 * a rendering still running {@link #GRACE_MS} later (a {@code toString()} the cell defined, spinning) is stopped as a
 * cell's own thread is ({@link ThreadStop}: on JDK 20+ at the next stop check JShell wove into the cell's code; a
 * thread spinning in code without checks is left to end in the background and its result dropped). Either way the
 * cell ends at once and the kernel goes on.
 */
final class ResultRendering {
    static final long GRACE_MS = 300;

    /** Open while the cell's result is rendered: an interrupt then is this phase's. */
    private volatile boolean open, interrupted;
    private volatile Thread thread;

    void open() {
        interrupted = false;
        open = true;
    }

    void close() {
        open = false;
        interrupted = false;
    }

    /** An interrupt request; true when it is this phase's (the cell's code has ended and its result is rendered). */
    boolean interrupt() {
        if (!open) return false;
        interrupted = true;
        Thread t = thread;
        if (t != null) t.interrupt();
        return true;
    }

    /** The value's bundle, rendered on a thread an interrupt stops; KeyboardInterrupt when one came. */
    Map<String, String> bundle(Object value) throws CellError {
        if (interrupted) throw keyboardInterrupt();
        AtomicReference<Map<String, String>> out = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                out.set(Renderers.bundle(value));
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "gradbook-render");
        t.setDaemon(true);
        thread = t;
        t.start();
        // an interrupt() that came before `thread` was set saw no thread to interrupt: both fields are volatile
        if (interrupted) t.interrupt();
        try {
            while (t.isAlive()) {
                t.join(50);
                if (interrupted) {
                    stop(t);
                    throw keyboardInterrupt();
                }
            }
        } catch (InterruptedException e) {
            // the executor itself is being stopped (kernel shutdown): leave the rendering
            Thread.currentThread().interrupt();
            t.interrupt();
            throw keyboardInterrupt();
        } finally {
            thread = null;
        }
        Throwable f = failure.get();
        if (f == null) return out.get();
        if (interrupted || f instanceof Interrupts.Stopped) throw keyboardInterrupt();
        if (f instanceof RuntimeException) throw (RuntimeException) f;
        if (f instanceof Error) throw (Error) f;
        throw new IllegalStateException(f);
    }

    /** Gives the interrupted renderer a moment to notice its flag, then stops it where the JDK still can. */
    private static void stop(Thread t) throws InterruptedException {
        t.join(GRACE_MS);
        if (t.isAlive()) ThreadStop.stop(t);
    }

    private static CellError keyboardInterrupt() {
        return new CellError("KeyboardInterrupt", "the cell was interrupted", List.of("KeyboardInterrupt: the cell was interrupted"));
    }
}
