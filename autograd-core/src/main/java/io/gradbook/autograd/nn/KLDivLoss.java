// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.nn;

import io.gradbook.autograd.Tensor;

/**
 * {@code nn.KLDivLoss(reduction='mean', log_target=False)}: the input is log-probabilities; "batchmean" gives the
 * mathematical KL divergence per batch element.
 */
public class KLDivLoss extends Loss {
    public final boolean logTarget;

    public KLDivLoss() {
        this("mean", false);
    }

    public KLDivLoss(String reduction) {
        this(reduction, false);
    }

    public KLDivLoss(String reduction, boolean logTarget) {
        super(reduction);
        this.logTarget = logTarget;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.klDiv(input, target, reduction, logTarget);
    }
}
