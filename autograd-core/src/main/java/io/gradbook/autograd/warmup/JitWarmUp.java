// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.warmup;

import io.gradbook.autograd.Torch;
import java.util.List;

/**
 * Gets the engine's hot loops compiled by C2 before a user's first cells need them. Until C2 has compiled it, a
 * Vector API loop runs each lanewise operation as a call that allocates, ~50x slower than the plain scalar loop: the
 * first {@code x.sin()} on 10^6 elements, the first softmax, the first training steps paid that. This runs the
 * public ops that reach those loops (unary math, arithmetic with every operand shape, in-place updates, relu and its
 * backward, softmax/log_softmax on last and non-last dims, cross_entropy/nll_loss, sum/mean/max, a linear layer's
 * step, float32 and float64) on private tensors, round by round, until each loop has been called often enough for
 * C2 to compile it.
 *
 * <p>A host (the Jupyter kernel) calls {@link #step()} from a thread of its own while it is idle, and simply stops
 * calling while it has work: each step is one round of one unit, about a millisecond once compiled and a few before.
 * The warm-up leaves nothing behind that a user can see: no global generator draw (its values come from
 * {@code arange}), no warning, grad mode restored on the calling thread, no tensor kept after its unit ends, no use of
 * the common fork-join pool. Its classifier unit, a training step at MNIST's sizes, loads OpenBLAS's kernels as a first
 * product cell would (the kernel sets OMP_NUM_THREADS=1: OpenBLAS starts no threads of its own) and hands its large
 * element-wise updates to the engine's helper thread ({@code HotWorkers}), as any cell's would.
 *
 * <pre>
 * jshell&gt; var w = JitWarmUp.create(); while (w.step()) {} w.isDone()
 * $2 ==&gt; true
 * </pre>
 */
public final class JitWarmUp {
    private final List<WarmUpUnits.Unit> units;
    private int unit, round;
    private Runnable current;
    private long steps;
    /** The JIT's state for units that run until it is quiet, read every {@link #QUIET_WINDOW} rounds. */
    private final CompilerQuiet quiet = new CompilerQuiet();
    static final int QUIET_WINDOW = 50;

    private JitWarmUp(List<WarmUpUnits.Unit> units) {
        this.units = units;
    }

    /** The engine's warm-up, not yet started. */
    public static JitWarmUp create() {
        return new JitWarmUp(WarmUpUnits.all());
    }

    /**
     * Runs one round of the current unit; returns whether any work is left. Grad mode is on during the round and as it
     * was afterwards. A failure ends the warm-up (it is an optimisation: nothing depends on it finishing) and is
     * rethrown once.
     */
    public synchronized boolean step() {
        if (isDone()) return false;
        try (var g = Torch.enableGrad()) {
            if (current == null) current = units.get(unit).round().get();
            current.run();
            steps++;
            WarmUpUnits.Unit u = units.get(unit);
            if (++round >= u.rounds() || u.untilQuiet() && round >= WarmUpUnits.CLASSIFIER_MIN_ROUNDS
                    && round % QUIET_WINDOW == 0 && quiet.windowQuiet()) {
                unit++;
                round = 0;
                current = null; // its tensors go with it
            }
        } catch (RuntimeException | Error e) {
            unit = units.size();
            current = null;
            throw e;
        }
        return !isDone();
    }

    /** Whether every unit has run all its rounds (or one failed). */
    public synchronized boolean isDone() {
        return unit >= units.size();
    }

    /** Rounds run so far. */
    public synchronized long stepsDone() {
        return steps;
    }

    /** Rounds in all at most (a unit that runs until the JIT is quiet may end before its last round). */
    public long totalSteps() {
        long n = 0;
        for (WarmUpUnits.Unit u : units) n += u.rounds();
        return n;
    }

    /** The name of the unit the next step runs, or null when done (for a host's log). */
    public synchronized String currentUnit() {
        return isDone() ? null : units.get(unit).name();
    }

    /** Runs every remaining step on this thread. */
    public void runAll() {
        while (step()) {
            // each step is one round
        }
    }
}
