// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel.eval;

import java.lang.reflect.Method;
import java.util.Map;
import jdk.jshell.execution.LocalExecutionControl;
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
