// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.nn;

import io.gradbook.autograd.Tensor;
import io.gradbook.autograd.TorchException;

/**
 * {@code nn.Dropout(p=0.5)}: in training, zeroes each element with probability p (drawn from the default
 * generator as PyTorch draws it) and scales the rest by 1/(1-p); in eval mode, the identity.
 */
public class Dropout extends Module {
    public final double p;
    public final boolean inplace = false;

    public Dropout() {
        this(0.5);
    }

    public Dropout(double p) {
        if (p < 0 || p > 1) throw new TorchException.ValueError("dropout probability has to be between 0 and 1, but got " + Modules.num(p));
        this.p = p;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.dropout(input, p, training);
    }

    @Override
    public String extraRepr() {
        return "p=" + Modules.num(p) + ", inplace=False";
    }
}
