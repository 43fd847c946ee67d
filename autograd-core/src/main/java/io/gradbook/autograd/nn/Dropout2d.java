// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.nn;

import io.gradbook.autograd.Tensor;
import io.gradbook.autograd.TorchException;

/**
 * {@code nn.Dropout2d(p=0.5, inplace=False)}: in training, in (N, C, H, W) or (C, H, W) inputs, zeroes whole
 * channels, from the default generator as PyTorch draws it; in eval mode, the identity.
 */
public class Dropout2d extends Module {
    public final double p;
    public final boolean inplace;

    public Dropout2d() {
        this(0.5);
    }

    public Dropout2d(double p) {
        this(p, false);
    }

    public Dropout2d(double p, boolean inplace) {
        if (p < 0 || p > 1) throw new TorchException.ValueError("dropout probability has to be between 0 and 1, but got " + Modules.num(p));
        this.p = p;
        this.inplace = inplace;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.dropout2d(input, p, training, inplace);
    }

    @Override
    public String extraRepr() {
        return "p=" + Modules.num(p) + ", inplace=" + (inplace ? "True" : "False");
    }
}
