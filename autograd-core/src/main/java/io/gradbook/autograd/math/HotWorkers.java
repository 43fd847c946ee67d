// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The engine's helper threads, one per extra processor, that stay awake for a moment after each job, as OpenBLAS's
 * threads (blas_server.c's THREAD_TIMEOUT, with sched_yield) and libgomp's (its spin count) do before they sleep.
 * Every part the engine hands to a second core (RowSplit's chunks, GemmBlocks' and TorchBlas's parts, SharedPackSgemm's
 * jobs) goes through {@link #parts} or {@link #execute}.
 *
 * <p>Why not the common fork-join pool: its worker parks as soon as it finds no work, and waking a parked thread is a
 * futex wake plus, on the reference machine (a 2-vCPU KVM guest), an interrupt to a halted vCPU: the part then starts
 * tens of microseconds late when the worker last worked 1-10 ms ago (bench/HandOffLatency.java, bench/RESULTS.md
 * eleventh session), a fifth of a 256 product's half. A hot worker takes the next part in a few microseconds.
 *
 * <p>Bounded: after {@link #SPIN_NS} without a job a worker parks, so an idle kernel uses no CPU. No yielding while it
 * spins: on the loaded machine a worker that yielded (or used up its share spinning) was off its core when the next
 * job came and took none of its parts, where a parked one is woken and run at once; so a worker that finds it took a
 * job late ({@link #LATE_NS}) parks at once for its next {@link #QUIET_JOBS} jobs. A submitter unparks a parked
 * worker. The parts themselves never depend on which thread runs them (the bits are the parts' bits), and
 * {@link #parts} never waits for a worker to start: a part no worker has taken is run by the caller, so a part that
 * itself splits (on a worker), two callers at once (a cell and the JIT warm-up), or a worker that has lost its core
 * cost only time. Workers are daemon threads of their own: a cell's stop (ThreadStop) reaches only the cell's thread,
 * which still waits in {@link #parts} until every part a worker has taken is done, as its buffers are in use.
 */
public final class HotWorkers {
    private HotWorkers() {}

    /** Worker threads: one per processor beyond the caller's ({@code -Dgradbook.hot.workers=N}; 0: none). */
    public static final int COUNT = Math.max(0, Integer.getInteger("gradbook.hot.workers",
            Runtime.getRuntime().availableProcessors() - 1));
    /** How long a worker stays awake after its last job ({@code -Dgradbook.hot.spinMicros}), nanoseconds. */
    static final long SPIN_NS = 1000L * Math.max(0, Integer.getInteger("gradbook.hot.spinMicros", 1000));
    /**
     * A job that a spinning worker takes this late (ns after it was handed over) means the worker was off its core,
     * the machine loaded: it then parks at once after its next {@link #QUIET_JOBS} jobs instead of spinning, as a
     * parked thread the scheduler wakes promptly, where a spinning one that used up its share waits for its turn.
     */
    static final long LATE_NS = 1000L * Math.max(1, Integer.getInteger("gradbook.hot.lateMicros", 50));
    /** The same for a parked worker's wake (an idle machine's takes 5-70 us: bench/HandOffLatency.java). */
    static final long LATE_WAKE_NS = 1000L * Math.max(1, Integer.getInteger("gradbook.hot.lateWakeMicros", 250));
    static final int QUIET_JOBS = Math.max(0, Integer.getInteger("gradbook.hot.quietJobs", 16));
    /**
     * How long a caller whose own parts are done spins for a worker's last part before it parks
     * ({@code -Dgradbook.hot.waitMicros}): a parked caller is woken by the same futex and interrupt as a parked worker,
     * but parked it leaves its core to a worker that lost its own (to the JIT, say).
     */
    static final long WAIT_SPIN_NS = 1000L * Math.max(0, Integer.getInteger("gradbook.hot.waitMicros", 100));

    /**
     * {@code -Dgradbook.hot.commonPool=true} hands the jobs to the common fork-join pool instead, as the tenth session
     * did (for A/B measurements of the hand-off alone).
     */
    static final boolean COMMON_POOL = Boolean.getBoolean("gradbook.hot.commonPool");

    private static final ConcurrentLinkedQueue<Handed> QUEUE = new ConcurrentLinkedQueue<>();
    /** Workers parked (or about to park); a submitter wakes one of them. */
    private static final AtomicInteger PARKED = new AtomicInteger();
    private static final Worker[] WORKERS = new Worker[COUNT];
    private static final Object START_LOCK = new Object();
    private static volatile boolean started;

    /** Runs {@code job} on a worker as soon as one is free (re-entrant: a worker may hand on jobs too). */
    public static void execute(Runnable job) {
        if (COUNT == 0) {
            job.run();
            return;
        }
        if (COMMON_POOL) {
            java.util.concurrent.ForkJoinPool.commonPool().execute(job);
            return;
        }
        if (!started) start();
        QUEUE.offer(new Handed(job, System.nanoTime()));
        if (PARKED.get() > 0) {
            for (Worker w : WORKERS) {
                if (w.parked) {
                    LockSupport.unpark(w);
                    break;
                }
            }
        }
    }

    /**
     * Runs {@code part.accept(0 .. count - 1)}, each once, on the caller and up to {@code helpers} workers, taken in
     * order from one counter; returns when every part is done. The caller never waits for a worker that has not
     * started: it takes every part no worker has taken. A part's failure ends the call: parts taken before it run to
     * their end, parts not yet taken are skipped, and the first failure is thrown on the caller once no part runs (so
     * a stop on JDK 17, which lands in whatever the cell's thread runs, does not wait for the rest of a product).
     */
    public static void parts(int count, int helpers, java.util.function.IntConsumer part) {
        int h = Math.min(Math.min(helpers, COUNT), count - 1);
        if (h <= 0) {
            for (int p = 0; p < count; p++) part.accept(p);
            return;
        }
        Parts parts = new Parts(count, part, Thread.currentThread());
        for (int i = 0; i < h; i++) execute(parts);
        try {
            parts.run();
        } finally {
            // parts a worker has taken are still being written: the output must be whole before the caller reads it,
            // and its buffers must outlive the worker's part (also when a stop unwinds the caller)
            parts.await();
        }
        rethrow(parts.failure.get());
    }

    private static void rethrow(Throwable f) {
        if (f instanceof RuntimeException r) throw r;
        if (f instanceof Error e) throw e;
        if (f != null) throw new IllegalStateException(f);
    }

    /** One call's parts, taken one at a time by whichever thread asks next. */
    private static final class Parts implements Runnable {
        final int count;
        final java.util.function.IntConsumer part;
        final Thread caller;
        final AtomicInteger next = new AtomicInteger(), done = new AtomicInteger();
        final AtomicReference<Throwable> failure = new AtomicReference<>();

        Parts(int count, java.util.function.IntConsumer part, Thread caller) {
            this.count = count;
            this.part = part;
            this.caller = caller;
        }

        @Override
        public void run() {
            for (int p; (p = next.getAndIncrement()) < count; ) {
                try {
                    part.accept(p);
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                    // no part is taken after this one: the parts not yet taken count as done, skipped
                    int rest = next.getAndSet(count);
                    if (rest < count) finished(count - rest);
                } finally {
                    finished(1);
                }
            }
        }

        private void finished(int parts) {
            if (done.addAndGet(parts) == count && Thread.currentThread() != caller) LockSupport.unpark(caller);
        }

        /** Until every part is done: a bounded spin, then parked (the worker ending the last part unparks). */
        void await() {
            if (done.get() >= count) return;
            long t0 = System.nanoTime();
            while (done.get() < count) {
                if (System.nanoTime() - t0 < WAIT_SPIN_NS) Thread.onSpinWait();
                else LockSupport.parkNanos(HotWorkers.class, 200_000);
            }
        }
    }

    private static void start() {
        synchronized (START_LOCK) {
            if (started) return;
            for (int i = 0; i < COUNT; i++) {
                WORKERS[i] = new Worker(i);
                WORKERS[i].start();
            }
            started = true;
        }
    }

    /** Whether worker threads have been started (tests: an idle process's workers park). */
    static boolean startedForTests() {
        return started;
    }

    /** The workers' states, for tests: true where one is parked. */
    static boolean[] parkedForTests() {
        boolean[] p = new boolean[COUNT];
        for (int i = 0; i < COUNT; i++) p[i] = WORKERS[i] != null && WORKERS[i].parked;
        return p;
    }

    /** A job and when it was handed over. */
    private record Handed(Runnable job, long at) {}

    private static final class Worker extends Thread {
        volatile boolean parked;
        /** Jobs still to come before this worker spins again (0: it spins after each job). */
        int quiet;

        Worker(int i) {
            // a thread group of its own's parent would be the cell's: the system's keeps it out of any cell's group
            super(rootGroup(), null, "gradbook-hot-" + i, 0, false);
            setDaemon(true);
            setPriority(Thread.NORM_PRIORITY);
            setContextClassLoader(null);
        }

        @Override
        public void run() {
            long last = System.nanoTime();
            boolean awake = false; // whether it was spinning (not parked) when the next job came
            for (;;) {
                Handed job = QUEUE.poll();
                if (job != null) {
                    long now = System.nanoTime();
                    // a job that waited long while this worker was spinning: the worker was off its core (a loaded
                    // machine), so the next few times it parks at once, to be woken (and scheduled) as a sleeper; the
                    // same for a wake that took long (the time spun before counted against it in the scheduler)
                    if (now - job.at > (awake ? LATE_NS : LATE_WAKE_NS)) quiet = QUIET_JOBS;
                    else if (quiet > 0) quiet--;
                    try {
                        job.job.run();
                    } catch (Throwable t) {
                        // jobs keep their own failures (Parts hands them to its caller); one that escapes must not
                        // end the worker
                    }
                    last = System.nanoTime();
                    awake = true;
                    continue;
                }
                if (quiet == 0 && System.nanoTime() - last < SPIN_NS) {
                    Thread.onSpinWait();
                    continue;
                }
                // announce, look once more, then park: a submitter either sees the flag or its job is seen here
                parked = true;
                PARKED.incrementAndGet();
                if (QUEUE.isEmpty()) LockSupport.park(HotWorkers.class);
                parked = false;
                PARKED.decrementAndGet();
                Thread.interrupted(); // no one should interrupt a worker; if someone did, park must block again
                awake = false;
            }
        }

        private static ThreadGroup rootGroup() {
            ThreadGroup g = Thread.currentThread().getThreadGroup();
            while (g.getParent() != null) g = g.getParent();
            return g;
        }
    }
}
