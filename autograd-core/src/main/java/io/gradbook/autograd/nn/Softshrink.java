// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.nn;

import io.gradbook.autograd.Tensor;

/** {@code nn.Softshrink(lambd=0.5)}: x moved lambd towards 0, 0 on [-lambd, lambd]. */
public class Softshrink extends Module {
    public final double lambd;

    public Softshrink() {
        this(0.5);
    }

    public Softshrink(double lambd) {
        this.lambd = lambd;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.softshrink(input, lambd);
    }

    @Override
    public String extraRepr() {
        return Modules.num(lambd);
    }
}
