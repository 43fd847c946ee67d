// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.optim;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code torch.optim.lr_scheduler._LRScheduler}: sets each group's lr per epoch. Construction performs PyTorch's
 * initial step (epoch 0, lr unchanged); call {@link #step()} after {@code optimizer.step()}. The subclasses use
 * PyTorch 1.13's recursive ("chainable") formulas, so the float64 lrs match PyTorch's to the last bit.
 */
public abstract class LRScheduler {
    protected final Optimizer optimizer;
    protected final List<Double> baseLrs = new ArrayList<>();
    /** The epoch count, -1 before the initial step. */
    protected int lastEpoch = -1;
    /** How many times step() ran, the initial step included. */
    protected int stepCount;
    private List<Double> lastLr = new ArrayList<>();

    protected LRScheduler(Optimizer optimizer) {
        this.optimizer = optimizer;
        for (ParamGroup g : optimizer.paramGroups()) {
            g.options.putIfAbsent("initial_lr", g.lr());
            baseLrs.add(((Number) g.options.get("initial_lr")).doubleValue());
        }
    }

    /** PyTorch's {@code _initial_step()}; subclasses call it at the end of their constructor. */
    protected final void initialStep() {
        step();
    }

    /** The lrs for {@link #lastEpoch}, computed from the groups' current lrs. */
    protected abstract List<Double> getLr();

    /** Advances one epoch and writes the new lr into every group. */
    public void step() {
        stepCount++;
        lastEpoch++;
        List<Double> lrs = getLr();
        for (int i = 0; i < lrs.size(); i++) optimizer.paramGroups().get(i).setLr(lrs.get(i));
        lastLr = new ArrayList<>(lrs);
    }

    /** {@code get_last_lr()}: the lrs the last step set. */
    public List<Double> getLastLr() {
        return lastLr;
    }

    public int lastEpoch() {
        return lastEpoch;
    }

    protected List<Double> groupLrs() {
        List<Double> out = new ArrayList<>();
        for (ParamGroup g : optimizer.paramGroups()) out.add(g.lr());
        return out;
    }
}
