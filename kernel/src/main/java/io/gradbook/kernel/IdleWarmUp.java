// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel;

import io.gradbook.autograd.warmup.JitWarmUp;
import io.gradbook.kernel.eval.Activity;
import io.gradbook.kernel.eval.CompilerWarmUp;
import io.gradbook.kernel.eval.JShellEvaluator;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Runs two warm-ups while the kernel is idle: first JShell's compiler ({@link CompilerWarmUp}: a fresh kernel's cells
 * wait on a cold javac for their first ~150), then the engine's JIT warm-up ({@link JitWarmUp}), so that the Vector
 * API loops are C2-compiled before a student's first big cells need them (until then they run ~50x slower than
 * compiled). As {@code eval/IndexingGate} does for JShell's index, and reading the same {@link Activity}: it starts
 * once the kernel has had no work for {@link #IDLE_MS}, runs one small round at a time, and before every round waits
 * again while a request runs or a cell is queued, and while other processes keep the machine's cores busy
 * ({@link CpuGate}: a notebook's kernel is idle while the student runs something else); once all rounds have run its
 * thread ends for good. It runs on its own daemon thread, which cells' interrupts never reach (ThreadStop stops only
 * the cell's thread) and which never prints: a failure is logged (GRADBOOK_DEBUG) and ends the warm-up (a failure of
 * JShell's own ends only the compiler's part).
 *
 * <p>Off with {@code -Dgradbook.warmup=false} (e.g. {@code GRADBOOK_JAVA_OPTS=-Dgradbook.warmup=false ./install.sh})
 * or the environment variable {@code GRADBOOK_WARMUP=0} in the kernel's environment.
 */
final class IdleWarmUp {
    /**
     * Quiet time before the warm-up goes on: longer than a script's gap between cells (nbclient, the benchmark's
     * cells: a few ms), shorter than a person reading the next cell.
     */
    static final long IDLE_MS = Long.getLong("gradbook.warmup.idleMs", 1000);

    /**
     * Made on the warm-up's own thread once the kernel is first idle, not in the kernel's constructor: its units'
     * lambdas are not in the start-up archive (the recording runs without the warm-up), and they were spun on the
     * main thread before it served its first request, beside JShell's start.
     */
    private JitWarmUp work;
    /** The kernel's JShell once it has started (null before, or if it failed), for the compiler's rounds. */
    private final Supplier<JShellEvaluator> evaluator;
    /** The compiler's rounds (null until the first idle time; then done or not). */
    private CompilerWarmUp compiler;
    /** Whether a cell is queued (the executor has not taken it yet). */
    private final BooleanSupplier waiting;
    /** The kernel's work (requests, JShell's start, cells), as the kernel and its evaluator count it. */
    private final Activity activity;
    /**
     * Other processes' CPU use (null: not looked at): the warm-up waits while they need the cores. Set up with the
     * work, on the warm-up's thread (it reads /proc).
     */
    private CpuGate cpu;
    private Thread thread;
    /** "off", "waiting", "running", "done" or "failed: ..." (the kernel's tests read it; nothing else does). */
    static volatile String state = "off";

    IdleWarmUp(BooleanSupplier waiting, Activity activity, Supplier<JShellEvaluator> evaluator) {
        this.waiting = waiting;
        this.activity = activity;
        this.evaluator = evaluator;
    }

    /** Whether this kernel runs the warm-up (the switches in the class comment). */
    static boolean enabled() {
        return Boolean.parseBoolean(System.getProperty("gradbook.warmup", "true")) && !"0".equals(System.getenv("GRADBOOK_WARMUP"));
    }

    /** Starts the thread that waits for the kernel to be idle. */
    synchronized IdleWarmUp start() {
        state = "waiting";
        thread = new Thread(this::run, "gradbook-jit-warm-up");
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    /**
     * Waits until the kernel has been idle for IDLE_MS: 1 if it was already, 2 if it waited, 0 if the thread was
     * interrupted (never by a cell).
     */
    private int awaitIdle() {
        try {
            return activity.awaitIdle(IDLE_MS, waiting);
        } catch (InterruptedException e) {
            return 0;
        }
    }

    /** The compiler's rounds' name in the log, beside the engine's units. */
    private static final String COMPILER = "compiler";

    private boolean compilerRoundsLeft() {
        return compiler != null && !compiler.isDone();
    }

    /** The part that runs next: the compiler's rounds while any are left, then the engine's units. */
    private String currentUnit() {
        return compilerRoundsLeft() ? COMPILER : work.currentUnit();
    }

    /**
     * One of the compiler's rounds. A failure of JShell's own (a snippet's compile error or exception is not one) ends
     * the compiler's part only: the engine's warm-up still runs.
     */
    private void compilerStep() {
        try {
            compiler.step();
        } catch (RuntimeException e) {
            if (Log.debugEnabled()) Log.debug("compiler warm-up ended early: " + e);
            compiler = null;
        }
    }

    private void run() {
        long cpuNanos = 0, unitCpuNanos = 0, started = 0;
        boolean held = false;
        try {
            while (work == null || !work.isDone()) {
                int idle = awaitIdle();
                if (idle == 0) return;
                if (work == null) {
                    work = JitWarmUp.create();
                    cpu = CpuGate.enabled() ? new CpuGate() : null;
                    JShellEvaluator e = evaluator.get();
                    compiler = e == null ? null : new CompilerWarmUp(e);
                }
                if (started == 0) {
                    started = System.nanoTime();
                    state = "running";
                }
                if (cpu != null && !cpu.open()) {
                    if (!held && Log.debugEnabled()) Log.debug("JIT warm-up waits: other processes use the cores");
                    held = true;
                    Thread.sleep(CpuGate.WINDOW_MS);
                    continue;
                }
                boolean compiling = compilerRoundsLeft();
                String unit = currentUnit();
                // each resumption is logged: the benchmark's log shows that no round ran while the other kernel's cells ran
                if ((idle == 2 || held) && Log.debugEnabled()) {
                    Log.debug("JIT warm-up runs from round " + (compiling ? compiler.roundsDone() : work.stepsDone()) + " (" + unit + ")");
                }
                held = false;
                long c = Log.threadCpuNanos();
                if (compiling) compilerStep();
                else work.step();
                long used = Log.threadCpuNanos() - c;
                cpuNanos += used;
                unitCpuNanos += used;
                // a unit's end, with its thread's CPU: how much idle time each needs (bench/kernel_mlp_idle.py reads it)
                if (!java.util.Objects.equals(unit, currentUnit())) {
                    if (Log.debugEnabled()) {
                        String failed = compiling && compiler != null ? String.format(" (%d of %d snippets failed)", compiler.roundsFailed(), compiler.roundsDone()) : "";
                        Log.debug(String.format("JIT warm-up unit done: %s, %.0f ms of its thread's CPU%s", unit, unitCpuNanos / 1e6, failed));
                    }
                    unitCpuNanos = 0;
                }
            }
            state = "done";
            if (Log.debugEnabled()) {
                Log.debug(String.format("JIT warm-up done: %d rounds, %.0f ms of its thread's CPU, %.0f ms after it began",
                        work.stepsDone() + (compiler == null ? 0 : compiler.roundsDone()), cpuNanos / 1e6, (System.nanoTime() - started) / 1e6));
            }
        } catch (Throwable t) {
            // an optimisation only: nothing waits for it, and a cell must never see it
            state = "failed: " + t;
            if (Log.debugEnabled()) Log.debug("JIT warm-up ended early: " + t);
        }
    }
}
