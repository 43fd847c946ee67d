// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.nn;

import io.gradbook.autograd.Tensor;

/** {@code nn.Hardsigmoid()}: relu6(x + 3) / 6. */
public class Hardsigmoid extends Module {
    /** PyTorch's {@code inplace=True}: forward writes into its input (F's in-place form) and returns it (not in its repr, as PyTorch's). */
    public final boolean inplace;

    public Hardsigmoid() {
        this(false);
    }

    public Hardsigmoid(boolean inplace) {
        this.inplace = inplace;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.hardsigmoid(input, inplace);
    }
}
