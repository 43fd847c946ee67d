// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.optim;

import java.util.ArrayList;
import java.util.List;

/** {@code ExponentialLR(optimizer, gamma)}: multiplies the lr by gamma every epoch. */
public class ExponentialLR extends LRScheduler {
    public final double gamma;

    public ExponentialLR(Optimizer optimizer, double gamma) {
        super(optimizer);
        this.gamma = gamma;
        initialStep();
    }

    @Override
    protected List<Double> getLr() {
        List<Double> lrs = groupLrs();
        if (lastEpoch == 0) return lrs;
        List<Double> out = new ArrayList<>();
        for (double lr : lrs) out.add(lr * gamma);
        return out;
    }
}
