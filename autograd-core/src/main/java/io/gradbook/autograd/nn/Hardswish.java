// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.nn;

import io.gradbook.autograd.Tensor;

/** {@code nn.Hardswish()}: x * relu6(x + 3) / 6. */
public class Hardswish extends Module {
    /** PyTorch's {@code inplace=True}: forward writes into its input (F's in-place form) and returns it (not in its repr, as PyTorch's). */
    public final boolean inplace;

    public Hardswish() {
        this(false);
    }

    public Hardswish(boolean inplace) {
        this.inplace = inplace;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.hardswish(input, inplace);
    }
}
