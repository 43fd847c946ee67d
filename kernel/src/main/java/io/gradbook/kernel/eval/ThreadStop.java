// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel.eval;

/**
 * Stops one thread running cell code: the cell's own thread, or the thread rendering its result. JDK 17-19 have
 * {@code Thread.stop}. From JDK 20 on it is gone; JShell weaves stop checks into snippet code instead, and they
 * land here (see {@code REPL.$Cancel$}): the check throws {@link Stopped} in the named thread only, so threads that
 * cells started in the background live on. Library code (the engine, renderers) checks the thread's interrupt flag,
 * which {@link #stop} sets too.
 */
public final class ThreadStop {
    private static final boolean HAS_THREAD_STOP = Runtime.version().feature() < 20;
    /** The thread whose next woven check throws, or null. */
    private static volatile Thread target;

    private ThreadStop() {}

    /** Thrown in the stopped thread at its next woven check; nothing to log, so no stack trace is filled in. */
    public static final class Stopped extends Error {
        private static final long serialVersionUID = 1L;

        Stopped() {
            super("the cell was stopped", null, false, false);
        }
    }

    /** The woven check (REPL.$Cancel$.stopCheck): cheap when nothing is to stop, as it runs in every loop. */
    public static void check() {
        Thread t = target;
        if (t != null && t == Thread.currentThread()) throw new Stopped();
    }

    /** Interrupts {@code t} and stops it at once (JDK 17-19) or at its next woven check (JDK 20+). */
    public static void stop(Thread t) {
        if (HAS_THREAD_STOP) {
            t.interrupt();
            stopNow(t);
            return;
        }
        target = t;
        t.interrupt();
    }

    /** {@code t} has ended: later code on any thread runs unchecked again. */
    public static void release(Thread t) {
        if (target == t) target = null;
    }

    /** Whether a thread's failure is this stop (or Thread.stop's ThreadDeath). */
    @SuppressWarnings("removal")
    public static boolean isStop(Throwable f) {
        return f instanceof Stopped || f instanceof ThreadDeath;
    }

    @SuppressWarnings({"deprecation", "removal"})
    private static void stopNow(Thread t) {
        t.stop();
    }
}
