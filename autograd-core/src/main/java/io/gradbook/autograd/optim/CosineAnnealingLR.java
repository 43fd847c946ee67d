// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.optim;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code CosineAnnealingLR(optimizer, T_max, eta_min=0)}: the lr follows half a cosine from the base lr down to
 * eta_min over T_max epochs (and back up after), by PyTorch's recursive formula.
 */
public class CosineAnnealingLR extends LRScheduler {
    public final int tMax;
    public final double etaMin;

    public CosineAnnealingLR(Optimizer optimizer, int tMax) {
        this(optimizer, tMax, 0);
    }

    public CosineAnnealingLR(Optimizer optimizer, int tMax, double etaMin) {
        super(optimizer);
        this.tMax = tMax;
        this.etaMin = etaMin;
        initialStep();
    }

    @Override
    protected List<Double> getLr() {
        List<Double> lrs = groupLrs();
        if (lastEpoch == 0) return lrs;
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < lrs.size(); i++) {
            double lr = lrs.get(i), base = baseLrs.get(i);
            if (stepCount == 1 && lastEpoch > 0) {
                out.add(etaMin + (base - etaMin) * (1 + Math.cos(lastEpoch * Math.PI / tMax)) / 2);
            } else if (Math.floorMod(lastEpoch - 1 - tMax, 2 * tMax) == 0) {
                out.add(lr + (base - etaMin) * (1 - Math.cos(Math.PI / tMax)) / 2);
            } else {
                out.add((1 + Math.cos(Math.PI * lastEpoch / tMax)) / (1 + Math.cos(Math.PI * (lastEpoch - 1) / tMax)) * (lr - etaMin) + etaMin);
            }
        }
        return out;
    }
}
