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
 *
 * <p>Whether the kernel works is the kernel's one {@link Activity}: the evaluator's cells and start-up snippet
 * ({@link #hold()}/{@link #idle()}), and the kernel's requests and JShell's start, which it counts there itself.
 */
final class IndexingGate implements Activity.Listener {
    /** Idle time after which the index may be built (a person reading or typing, not a script's next cell). */
    static final long IDLE_MS = 500;

    private final SourceCodeAnalysis analysis;
    private final Method suspend, resume;
    private final Activity activity;
    private final Object watch;
    /** Whether the evaluator's own work is counted in the activity now (its hold and idle do not nest). */
    private boolean working;
    private boolean held, closed;

    /** A gate that alone counts the kernel's work (an evaluator made on its own). */
    IndexingGate(SourceCodeAnalysis analysis) {
        this(analysis, new Activity());
    }

    /** Holds the index from now on (JShell has just submitted it), if JShell's methods can be reached. */
    IndexingGate(SourceCodeAnalysis analysis, Activity activity) {
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
        this.activity = activity;
        // held now even if the kernel's work (JShell's start) began before this gate listened
        onBusy();
        this.watch = suspend == null ? null : activity.watch(IDLE_MS, this);
        hold();
    }

    /** Whether the gate works in this JVM (JShell's package is open to the kernel). */
    boolean works() {
        return suspend != null;
    }

    /** The evaluator's work starts: the index waits (from its next entry on) until {@link #idle()} and the idle time after it. */
    void hold() {
        synchronized (this) {
            if (working || closed) return;
            working = true;
        }
        // outside this lock: the activity calls its listeners under its own
        activity.busy();
    }

    /** The evaluator's work is done: unless more work comes within {@link #IDLE_MS}, the index goes on. */
    void idle() {
        synchronized (this) {
            if (!working) return;
            working = false;
        }
        activity.idle();
    }

    /** The kernel's work starts (called by the activity). */
    @Override
    public synchronized void onBusy() {
        if (held || closed || suspend == null) return;
        held = call(suspend);
    }

    /** The kernel has been idle for IDLE_MS (called by the activity). */
    @Override
    public synchronized void onIdle() {
        if (held && !closed && call(resume)) held = false;
    }

    /** Lets the index go now and for good (the session closes). */
    void open() {
        boolean wasWorking;
        synchronized (this) {
            closed = true;
            if (held && call(resume)) held = false;
            wasWorking = working;
            working = false;
        }
        if (watch != null) activity.unwatch(watch);
        if (wasWorking) activity.idle();
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
