// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.nn;

import io.gradbook.autograd.Tensor;

/** {@code nn.LeakyReLU(negative_slope=0.01)}: x where positive, slope * x elsewhere. */
public class LeakyReLU extends Module {
    public final double negativeSlope;
    /** PyTorch's {@code inplace=True}: forward writes into its input (F's in-place form) and returns it. */
    public final boolean inplace;

    public LeakyReLU() {
        this(0.01);
    }

    public LeakyReLU(double negativeSlope) {
        this(negativeSlope, false);
    }

    public LeakyReLU(double negativeSlope, boolean inplace) {
        this.negativeSlope = negativeSlope;
        this.inplace = inplace;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.leakyRelu(input, negativeSlope, inplace);
    }

    @Override
    public String extraRepr() {
        return "negative_slope=" + Modules.num(negativeSlope) + (inplace ? ", inplace=True" : "");
    }
}
