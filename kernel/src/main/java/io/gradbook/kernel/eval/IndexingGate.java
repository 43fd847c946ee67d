// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel.eval;

import java.lang.reflect.Method;
import jdk.jshell.SourceCodeAnalysis;

/**
 * Holds back JShell's class-path index while the kernel has work, and lets it run once the kernel has been idle
 * for {@link #IDLE_MS}. JShell's {@code SourceCodeAnalysisImpl} starts indexing every JDK module and class-path jar
 * (for completion of packages and of classes not yet imported) on a thread of its own as soon as it is made, i.e.
 * at start-up: measured on the 2-core machine (kernel threads' CPU from /proc), that thread took ~9 ms of CPU per
 * warm {@code 1 + 1} over cells 6-35, beside the cell's own ~32 ms and C1's ~20 ms, all wanting the same two cores.
 * JShell pauses the index between two of its entries while a completion runs ({@code suspendIndexing}, a public
 * method of a package-private class, so reached by reflection: the kernel opens {@code jdk.jshell/jdk.jshell});
 * this holds it the same way while a cell starts up or runs. A completion before the index is done sees what is
 * indexed so far, as it would have while the index was still being built at start.
 * Without the opened package this does nothing and JShell indexes at start as before.
 */
final class IndexingGate {
    /** Idle time after which the index may be built (a person reading or typing, not a script's next cell). */
    static final long IDLE_MS = 500;

    private final SourceCodeAnalysis analysis;
    private final Method suspend, resume;
    private boolean held, closed;
    private long generation;
    private java.util.concurrent.ScheduledThreadPoolExecutor timer;
    private java.util.concurrent.ScheduledFuture<?> pending;

    /** Holds the index from now on (JShell has just submitted it), if JShell's methods can be reached. */
    IndexingGate(SourceCodeAnalysis analysis) {
        Method s = null, r = null;
        try {
            s = analysis.getClass().getMethod("suspendIndexing");
            r = analysis.getClass().getMethod("resumeIndexing");
            s.setAccessible(true);
            r.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            s = null;
            r = null;
        }
        this.analysis = analysis;
        this.suspend = s;
        this.resume = r;
        hold();
    }

    /** Whether the gate works in this JVM (JShell's package is open to the kernel). */
    boolean works() {
        return suspend != null;
    }

    /** Work starts: the index waits (from its next entry on) until {@link #idle()} and the idle time after it. */
    synchronized void hold() {
        generation++;
        if (held || closed || suspend == null) return;
        held = call(suspend);
    }

    /** Work is done: unless more work comes within {@link #IDLE_MS}, the index goes on. */
    synchronized void idle() {
        if (suspend == null || closed) return;
        long g = ++generation;
        if (timer == null) {
            timer = new java.util.concurrent.ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "gradbook-index-gate");
                t.setDaemon(true);
                return t;
            });
            timer.setRemoveOnCancelPolicy(true);
        }
        if (pending != null) pending.cancel(false);
        pending = timer.schedule(() -> release(g), IDLE_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private synchronized void release(long g) {
        if (g != generation || !held) return;
        if (call(resume)) held = false;
    }

    /** Lets the index go now and for good (the session closes). */
    synchronized void open() {
        closed = true;
        generation++;
        if (held && call(resume)) held = false;
        if (timer != null) timer.shutdownNow();
    }

    private boolean call(Method m) {
        try {
            m.invoke(analysis);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}
