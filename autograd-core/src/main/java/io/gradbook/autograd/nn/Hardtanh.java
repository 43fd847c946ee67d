// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.nn;

import io.gradbook.autograd.Tensor;

/** {@code nn.Hardtanh(min_val=-1.0, max_val=1.0)}: x clamped to [min_val, max_val]. */
public class Hardtanh extends Module {
    public final double minVal, maxVal;
    /** PyTorch's {@code inplace=True}: forward writes into its input (F's in-place form) and returns it. */
    public final boolean inplace;

    public Hardtanh() {
        this(-1.0, 1.0);
    }

    public Hardtanh(double minVal, double maxVal) {
        this(minVal, maxVal, false);
    }

    public Hardtanh(double minVal, double maxVal, boolean inplace) {
        this.minVal = minVal;
        this.maxVal = maxVal;
        this.inplace = inplace;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.hardtanh(input, minVal, maxVal, inplace);
    }

    @Override
    public String extraRepr() {
        return "min_val=" + Modules.num(minVal) + ", max_val=" + Modules.num(maxVal) + (inplace ? ", inplace=True" : "");
    }
}
