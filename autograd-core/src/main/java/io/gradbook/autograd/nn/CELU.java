// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.nn;

import io.gradbook.autograd.Tensor;

/** {@code nn.CELU(alpha=1.0)}: max(0, x) + min(0, alpha * (exp(x / alpha) - 1)). */
public class CELU extends Module {
    public final double alpha;
    /** PyTorch's {@code inplace=True}: forward writes into its input (F's in-place form) and returns it. */
    public final boolean inplace;

    public CELU() {
        this(1.0);
    }

    public CELU(double alpha) {
        this(alpha, false);
    }

    public CELU(double alpha, boolean inplace) {
        this.alpha = alpha;
        this.inplace = inplace;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.celu(input, alpha, inplace);
    }

    @Override
    public String extraRepr() {
        return "alpha=" + Modules.num(alpha) + (inplace ? ", inplace=True" : "");
    }
}
