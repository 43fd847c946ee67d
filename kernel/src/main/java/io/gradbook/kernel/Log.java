// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel;

import java.io.PrintStream;

/** The kernel's own log, on the process's original stderr (cells' System.err goes to the notebook instead). */
public final class Log {
    private static final PrintStream ERR = System.err;
    private static final boolean DEBUG = System.getenv("GRADBOOK_DEBUG") != null;

    private Log() {}

    public static void warn(String msg) {
        ERR.println("[gradbook] " + msg);
        ERR.flush();
    }

    public static boolean debugEnabled() {
        return DEBUG;
    }

    /** Debug lines carry the wall-clock time in ms, so a client's own clock can time the start-up path. */
    public static void debug(String msg) {
        if (DEBUG) warn("@" + System.currentTimeMillis() + " " + msg);
    }
}
