// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.nn;

import io.gradbook.autograd.Tensor;

/** {@code nn.ReLU(inplace=False): max(x, 0).} */
public class ReLU extends Module {
    /** PyTorch's {@code inplace=True}: forward writes into its input (F's in-place form) and returns it. */
    public final boolean inplace;

    public ReLU() {
        this(false);
    }

    public ReLU(boolean inplace) {
        this.inplace = inplace;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.relu(input, inplace);
    }

    @Override
    public String extraRepr() {
        return inplace ? "inplace=True" : "";
    }
}
