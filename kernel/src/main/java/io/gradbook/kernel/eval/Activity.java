// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel.eval;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Whether the kernel is working, and since when it has not been: the one record read by what runs only while the
 * kernel is idle (JShell's class-path index through {@link IndexingGate}, the JIT warm-up through the kernel's
 * IdleWarmUp). Work is counted, so it nests: the shell handler counts each request, the kernel JShell's start, the
 * evaluator each cell and its start-up snippet; the kernel is idle when the count is 0, and has been for the time
 * since the last of them ended. One kernel has one (Main makes it); an evaluator made without one has its own.
 */
public final class Activity {
    /** Told when work starts while the kernel was idle, and once it has been idle for its time. */
    public interface Listener {
        void onBusy();

        void onIdle();
    }

    /** A listener and its idle time; {@code told} whether it last heard idle (then it hears the next start). */
    private static final class Watch {
        final long idleMs;
        final Listener listener;
        boolean told;

        Watch(long idleMs, Listener listener) {
            this.idleMs = idleMs;
            this.listener = listener;
        }
    }

    private final List<Watch> watches = new CopyOnWriteArrayList<>();
    private int busy;
    private long lastActive = System.nanoTime();
    /** Counts every start and end of work: a scheduled idle call made before the latest one is stale. */
    private long generation;
    private ScheduledThreadPoolExecutor timer;
    private final List<ScheduledFuture<?>> pending = new java.util.ArrayList<>();

    /** Work starts (a request, a cell, JShell's start): nothing idle-time runs until it ends and the idle time passes. */
    public synchronized void busy() {
        generation++;
        lastActive = System.nanoTime();
        if (busy++ == 0) {
            for (Watch w : watches) {
                if (!w.told) continue;
                w.told = false;
                w.listener.onBusy();
            }
        }
    }

    /** The work ends (unmatched ends are ignored). */
    public synchronized void idle() {
        generation++;
        lastActive = System.nanoTime();
        busy = Math.max(0, busy - 1);
        notifyAll();
        if (busy == 0) for (Watch w : watches) schedule(w);
    }

    /** Whether work is under way. */
    public synchronized boolean isBusy() {
        return busy > 0;
    }

    /** A queued request counts as work that has just ended: the idle time starts again after it is taken. */
    public synchronized void touch() {
        generation++;
        lastActive = System.nanoTime();
        if (busy == 0) for (Watch w : watches) schedule(w);
    }

    /**
     * Calls {@code listener.onIdle()} once the kernel has been idle for {@code idleMs} after work (on a timer
     * thread), and {@code onBusy()} when work starts after that; the two alternate, starting with the next idle
     * (the listener starts out as if busy). Both are called under this object's lock. Returns what
     * {@link #unwatch} takes.
     */
    public synchronized Object watch(long idleMs, Listener listener) {
        Watch w = new Watch(idleMs, listener);
        watches.add(w);
        return w;
    }

    /** Stops telling that listener (the scheduled calls for it see it gone). */
    public synchronized void unwatch(Object watch) {
        watches.remove(watch);
        if (watches.isEmpty() && timer != null) {
            timer.shutdownNow();
            timer = null;
            pending.clear();
        }
    }

    private void schedule(Watch w) {
        if (timer == null) {
            timer = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "gradbook-idle-timer");
                t.setDaemon(true);
                return t;
            });
            timer.setRemoveOnCancelPolicy(true);
        }
        pending.removeIf(java.util.concurrent.Future::isDone);
        long g = generation;
        pending.add(timer.schedule(() -> fire(w, g), w.idleMs, TimeUnit.MILLISECONDS));
    }

    private synchronized void fire(Watch w, long g) {
        // stale: work started or ended since this was scheduled, and the later end scheduled its own
        if (g != generation || busy > 0 || w.told || !watches.contains(w)) return;
        w.told = true;
        w.listener.onIdle();
    }

    /**
     * Waits until the kernel has been idle for {@code idleMs} with nothing queued: 1 if it already was, 2 if it
     * waited. A queued request ({@code queued}) counts as work that is just ending ({@link #touch}).
     */
    public synchronized int awaitIdle(long idleMs, BooleanSupplier queued) throws InterruptedException {
        for (int waited = 1; ; waited = 2) {
            long quiet = (System.nanoTime() - lastActive) / 1_000_000;
            if (busy == 0 && quiet >= idleMs && !queued.getAsBoolean()) return waited;
            wait(busy > 0 ? 0 : Math.max(1, idleMs - quiet));
            if (busy == 0 && queued.getAsBoolean()) touch();
        }
    }
}
