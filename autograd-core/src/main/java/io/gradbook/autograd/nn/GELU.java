// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.nn;

import io.gradbook.autograd.Tensor;

/** {@code nn.GELU(approximate='none')}: x times the standard normal CDF of x ("tanh" for the approximation). */
public class GELU extends Module {
    public final String approximate;

    public GELU() {
        this("none");
    }

    public GELU(String approximate) {
        this.approximate = approximate;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.gelu(input, approximate);
    }

    @Override
    public String extraRepr() {
        return "approximate='" + approximate + "'";
    }
}
