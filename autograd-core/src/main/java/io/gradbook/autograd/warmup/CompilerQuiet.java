// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.warmup;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.function.LongSupplier;

/**
 * Whether the JIT has gone quiet: the JVM's accumulated compilation time (all compiler threads, as {@link
 * CompilationMXBean} reports it, counted when a compile ends) grew by at most {@link #QUIET_MS} over each of the last
 * two windows. A unit that runs until then ({@link WarmUpUnits.Unit#untilQuiet}) stops once the code its rounds reach
 * is compiled, instead of after a count of rounds that is too few while C2's queue is long and too many once it is
 * done. A JVM that does not report compilation time is never quiet: such a unit runs all its rounds.
 */
final class CompilerQuiet {
    /** Compilation milliseconds per window below which the window counts as quiet. */
    static final long QUIET_MS = 3;

    /** The JVM's compilation milliseconds so far; null where it does not report them. */
    private final LongSupplier millis;
    private long last = -1;
    private int quietWindows;

    /** The JVM's own JIT. */
    CompilerQuiet() {
        this(jvmCompilationMillis());
    }

    /** Reading compilation time from {@code millis} (null: never quiet). */
    CompilerQuiet(LongSupplier millis) {
        this.millis = millis;
    }

    private static LongSupplier jvmCompilationMillis() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit::getTotalCompilationTime : null;
    }

    /** Ends a window (called every so many rounds); true once two windows in a row were quiet. */
    boolean windowQuiet() {
        if (millis == null) return false;
        long now = millis.getAsLong();
        quietWindows = last >= 0 && now - last <= QUIET_MS ? quietWindows + 1 : 0;
        last = now;
        return quietWindows >= 2;
    }
}
