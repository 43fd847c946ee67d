// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.nn;

import io.gradbook.autograd.Tensor;

/** {@code nn.HuberLoss(reduction='mean', delta=1.0)}: 0.5 z^2 below delta, delta (z - 0.5 delta) above. */
public class HuberLoss extends Loss {
    public final double delta;

    public HuberLoss() {
        this("mean", 1.0);
    }

    public HuberLoss(String reduction) {
        this(reduction, 1.0);
    }

    public HuberLoss(String reduction, double delta) {
        super(reduction);
        this.delta = delta;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.huberLoss(input, target, reduction, delta);
    }
}
