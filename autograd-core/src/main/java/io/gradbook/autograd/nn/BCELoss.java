// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.nn;

import io.gradbook.autograd.Tensor;

/** {@code nn.BCELoss(weight=None, reduction='mean')}: binary cross-entropy of probabilities. */
public class BCELoss extends Loss {
    private Tensor weight;

    public BCELoss() {
        this("mean");
    }

    public BCELoss(String reduction) {
        super(reduction);
    }

    public BCELoss weight(Tensor weight) {
        this.weight = registerBuffer("weight", weight);
        return this;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.binaryCrossEntropy(input, target, weight, reduction);
    }
}
