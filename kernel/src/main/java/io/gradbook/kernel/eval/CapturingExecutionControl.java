// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel.eval;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import jdk.jshell.execution.LocalExecutionControl;
import jdk.jshell.spi.ExecutionControl.EngineTerminationException;
import jdk.jshell.spi.ExecutionControl.InternalException;
import jdk.jshell.spi.ExecutionControl.RunException;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * In-process execution (as the IJava kernel does it) that keeps real result objects: each snippet runs through
 * {@link Capture}. A stopped execution is recorded here, because JShell's {@code eval} swallows it silently.
 * <p>The snippet runs on a thread of its own that an interrupt stops alone ({@link ThreadStop}). JShell's own local
 * execution runs it in a thread group, waits for the threads of that group and stops them all (JDK 17: the whole
 * group; JDK 21+: through one flag its woven checks read in every thread): a thread a cell started in the
 * background then died at the next interrupt.
 */
final class CapturingExecutionControl extends LocalExecutionControl {

    private volatile boolean stopped;
    /** An interrupt for the running cell; one that comes before a snippet's code starts stops it at its start. */
    private volatile boolean interruptRequested;
    private volatile Thread cellThread;
    /** Loads statements as hidden classes (null when JShell's loader delegate cannot be reached). */
    final HiddenStatements hidden;

    private CapturingExecutionControl(HiddenStatements hidden) {
        super(hidden);
        this.hidden = hidden;
    }

    private CapturingExecutionControl() {
        this.hidden = null;
    }

    static CapturingExecutionControl create() {
        jdk.jshell.execution.LoaderDelegate d = HiddenStatements.jshellDefault();
        return d == null ? new CapturingExecutionControl() : new CapturingExecutionControl(new HiddenStatements(d));
    }

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        Capture.target = doitMethod;
        Capture.result = null;
        Capture.thrown = null;
        if (interruptRequested) {
            stopped = true;
            throw new ExecutionControl.StoppedException();
        }
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                Capture.run();
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "gradbook-cell");
        // Thread.stop can land before the try above is entered (an interrupt as the thread starts): the ThreadDeath
        // is then uncaught, and the cell must still end as stopped, not as if it had run to its end
        t.setUncaughtExceptionHandler((thread, e) -> failure.compareAndSet(null, e));
        // published only once started: Thread.stop on a thread not yet started (stop() from the I/O thread while
        // t.start() still ran, which a loaded machine makes long) leaves it stillborn; it then never runs, reports
        // nothing, and the cell ended "ok" without running (the interrupt tests saw `while (true) {}` answer ok).
        // An interrupt in between is not lost: stop() writes interruptRequested before it reads cellThread, and
        // this thread writes cellThread before it reads interruptRequested.
        t.start();
        cellThread = t;
        if (interruptRequested) ThreadStop.stop(t);
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // the snippet's thread is what an interrupt stops; keep waiting for it
            }
        }
        cellThread = null;
        ThreadStop.release(t);
        if (interrupted) Thread.currentThread().interrupt();
        Throwable f = failure.get();
        if (ThreadStop.isStop(f)) {
            stopped = true;
            throw new ExecutionControl.StoppedException();
        }
        if (f != null) throw new InvocationTargetException(f);
        // not valueString(result): JShell's text of the value called toString() here, on the kernel's executor
        // thread where no interrupt reaches it, and nothing reads it; the kernel renders the object itself, on a
        // thread an interrupt stops (ResultRendering)
        return "";
    }

    @Override
    public void stop() throws ExecutionControl.EngineTerminationException, ExecutionControl.InternalException {
        Thread t = cellThread;
        if (t != null) ThreadStop.stop(t);
    }

    /** Set while {@link #valueOf} asks JShell for a variable: the object itself is kept instead of its string. */
    private final ThreadLocal<Object[]> fetching = new ThreadLocal<>();

    @Override
    public String varValue(String className, String varName) throws RunException, EngineTerminationException, InternalException {
        Object[] into = fetching.get();
        if (into == null) return super.varValue(className, varName);
        try {
            java.lang.reflect.Field f = findClass(className).getDeclaredField(varName);
            f.setAccessible(true);
            into[0] = f.get(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            into[0] = null;
        }
        return "";
    }

    /** The object a variable holds: {@code ask} makes JShell look the variable up (JShell::varValue). */
    Object valueOf(Runnable ask) {
        Object[] into = new Object[1];
        fetching.set(into);
        try {
            ask.run();
        } catch (RuntimeException e) {
            return null;
        } finally {
            fetching.remove();
        }
        return into[0];
    }

    /** Whether the last run was stopped, clearing the flag. */
    boolean takeStopped() {
        boolean s = stopped;
        stopped = false;
        return s;
    }

    void requestInterrupt() {
        interruptRequested = true;
    }

    boolean interruptRequested() {
        return interruptRequested;
    }

    void clearInterrupt() {
        interruptRequested = false;
        stopped = false;
    }

    /** Registered with JShell's builder; hands out the one control instance. */
    static final class Provider implements ExecutionControlProvider {
        final CapturingExecutionControl control = CapturingExecutionControl.create();

        @Override
        public String name() {
            return "gradbook";
        }

        @Override
        public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
            return control;
        }
    }
}
