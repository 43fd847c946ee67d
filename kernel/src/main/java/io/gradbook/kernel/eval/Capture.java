// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel.eval;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Runs one snippet's {@code do_it$} method and keeps what JShell would turn into a string: the returned object,
 * the real thrown exception.
 * {@link CapturingExecutionControl} runs {@link #run()} on the cell's own thread, which {@link ThreadStop} stops.
 */
public final class Capture {
    static final Method RUN;

    static {
        try {
            RUN = Capture.class.getMethod("run");
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    static volatile Method target;
    static volatile Object result;
    static volatile Throwable thrown;

    private Capture() {}

    public static void run() throws Throwable {
        try {
            result = target.invoke(null);
        } catch (InvocationTargetException e) {
            thrown = e.getCause();
            throw e.getCause();
        }
    }
}
