// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel.eval;

import java.lang.reflect.Method;
import java.util.Map;
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
 */
final class CapturingExecutionControl extends LocalExecutionControl {
    private volatile boolean stopped;

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        Capture.target = doitMethod;
        Capture.result = null;
        Capture.thrown = null;
        try {
            return super.invoke(Capture.RUN);
        } catch (ExecutionControl.StoppedException e) {
            stopped = true;
            throw e;
        }
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

    /** Registered with JShell's builder; hands out the one control instance. */
    static final class Provider implements ExecutionControlProvider {
        final CapturingExecutionControl control = new CapturingExecutionControl();

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
