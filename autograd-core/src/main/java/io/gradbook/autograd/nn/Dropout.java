// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.nn;

import io.gradbook.autograd.Tensor;
import io.gradbook.autograd.TorchException;

/**
 * {@code nn.Dropout(p=0.5)}: in training, zeroes each element with probability p (drawn from the default
 * generator as PyTorch draws it) and scales the rest by 1/(1-p); in eval mode, the identity. {@code inplace}: the
 * same mask, written into the input ({@code Dropout(p=0.5, inplace=True)}).
 */
public class Dropout extends Module {
    public final double p;
    /** PyTorch's {@code inplace=True}: in training, forward multiplies its input by the mask in place and returns it. */
    public final boolean inplace;

    public Dropout() {
        this(0.5);
    }

    public Dropout(double p) {
        this(p, false);
    }

    public Dropout(double p, boolean inplace) {
        if (p < 0 || p > 1) throw new TorchException.ValueError("dropout probability has to be between 0 and 1, but got " + Modules.num(p));
        this.p = p;
        this.inplace = inplace;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.dropout(input, p, training, inplace);
    }

    @Override
    public String extraRepr() {
        return "p=" + Modules.num(p) + ", inplace=" + (inplace ? "True" : "False");
    }
}
