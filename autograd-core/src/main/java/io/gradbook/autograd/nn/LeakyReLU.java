// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.nn;

import io.gradbook.autograd.Tensor;

/** {@code nn.LeakyReLU(negative_slope=0.01)}: x where positive, slope * x elsewhere. */
public class LeakyReLU extends Module {
    public final double negativeSlope;

    public LeakyReLU() {
        this(0.01);
    }

    public LeakyReLU(double negativeSlope) {
        this.negativeSlope = negativeSlope;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.leakyRelu(input, negativeSlope);
    }

    @Override
    public String extraRepr() {
        return "negative_slope=" + Modules.num(negativeSlope);
    }
}
