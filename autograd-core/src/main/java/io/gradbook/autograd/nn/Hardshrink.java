// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.nn;

import io.gradbook.autograd.Tensor;

/** {@code nn.Hardshrink(lambd=0.5)}: 0 on [-lambd, lambd], x elsewhere. */
public class Hardshrink extends Module {
    public final double lambd;

    public Hardshrink() {
        this(0.5);
    }

    public Hardshrink(double lambd) {
        this.lambd = lambd;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.hardshrink(input, lambd);
    }

    @Override
    public String extraRepr() {
        return Modules.num(lambd);
    }
}
