// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.nn;

import io.gradbook.autograd.Tensor;

/** {@code nn.NLLLoss(weight=None, ignore_index=-100, reduction='mean')}: minus the log-probability of each target. */
public class NLLLoss extends Loss {
    private Tensor weight;
    private long ignoreIndex = -100;

    public NLLLoss() {
        this("mean");
    }

    public NLLLoss(String reduction) {
        super(reduction);
    }

    public NLLLoss weight(Tensor weight) {
        this.weight = registerBuffer("weight", weight);
        return this;
    }

    public NLLLoss ignoreIndex(long ignoreIndex) {
        this.ignoreIndex = ignoreIndex;
        return this;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.nllLoss(input, target, weight, ignoreIndex, reduction);
    }
}
