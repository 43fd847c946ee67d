// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.nn;

import io.gradbook.autograd.Tensor;

/** {@code nn.L1Loss(reduction='mean')}: absolute differences, reduced. */
public class L1Loss extends Loss {
    public L1Loss() {
        this("mean");
    }

    public L1Loss(String reduction) {
        super(reduction);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.l1Loss(input, target, reduction);
    }
}
