// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.nn;

import io.gradbook.autograd.Tensor;

/** {@code nn.ELU(alpha=1.0)}: x where positive, alpha * (exp(x) - 1) elsewhere. */
public class ELU extends Module {
    public final double alpha;
    /** PyTorch's {@code inplace=True}: forward writes into its input (F's in-place form) and returns it. */
    public final boolean inplace;

    public ELU() {
        this(1.0);
    }

    public ELU(double alpha) {
        this(alpha, false);
    }

    public ELU(double alpha, boolean inplace) {
        this.alpha = alpha;
        this.inplace = inplace;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.elu(input, alpha, inplace);
    }

    @Override
    public String extraRepr() {
        return "alpha=" + Modules.num(alpha) + (inplace ? ", inplace=True" : "");
    }
}
