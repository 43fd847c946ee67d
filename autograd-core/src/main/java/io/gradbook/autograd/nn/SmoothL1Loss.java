// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.nn;

import io.gradbook.autograd.Tensor;

/** {@code nn.SmoothL1Loss(reduction='mean', beta=1.0)}: quadratic below beta, linear above. */
public class SmoothL1Loss extends Loss {
    public final double beta;

    public SmoothL1Loss() {
        this("mean", 1.0);
    }

    public SmoothL1Loss(String reduction) {
        this(reduction, 1.0);
    }

    public SmoothL1Loss(String reduction, double beta) {
        super(reduction);
        this.beta = beta;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.smoothL1Loss(input, target, reduction, beta);
    }
}
