// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.nn;

import io.gradbook.autograd.Tensor;

/** {@code nn.SELU()}: scale * elu(x, alpha) with the self-normalising constants. */
public class SELU extends Module {
    /** PyTorch's {@code inplace=True}: forward writes into its input (F's in-place form) and returns it. */
    public final boolean inplace;

    public SELU() {
        this(false);
    }

    public SELU(boolean inplace) {
        this.inplace = inplace;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.selu(input, inplace);
    }

    @Override
    public String extraRepr() {
        return inplace ? "inplace=True" : "";
    }
}
