// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.nn;

import io.gradbook.autograd.Tensor;

/** {@code nn.BCEWithLogitsLoss(weight=None, reduction='mean', pos_weight=None)}: sigmoid and BCE in one stable step. */
public class BCEWithLogitsLoss extends Loss {
    private Tensor weight, posWeight;

    public BCEWithLogitsLoss() {
        this("mean");
    }

    public BCEWithLogitsLoss(String reduction) {
        super(reduction);
    }

    public BCEWithLogitsLoss weight(Tensor weight) {
        this.weight = registerBuffer("weight", weight);
        return this;
    }

    /** Weight of the positive examples, per class (broadcast over the last dim). */
    public BCEWithLogitsLoss posWeight(Tensor posWeight) {
        this.posWeight = registerBuffer("pos_weight", posWeight);
        return this;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.binaryCrossEntropyWithLogits(input, target, weight, reduction, posWeight);
    }
}
