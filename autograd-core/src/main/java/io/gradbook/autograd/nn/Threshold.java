// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.nn;

import io.gradbook.autograd.Tensor;

/** {@code nn.Threshold(threshold, value)}: value where x <= threshold, x elsewhere. */
public class Threshold extends Module {
    public final double threshold, value;
    /** PyTorch's {@code inplace=True}: forward writes into its input (F's in-place form) and returns it. */
    public final boolean inplace;

    public Threshold(double threshold, double value) {
        this(threshold, value, false);
    }

    public Threshold(double threshold, double value, boolean inplace) {
        this.threshold = threshold;
        this.value = value;
        this.inplace = inplace;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.threshold(input, threshold, value, inplace);
    }

    @Override
    public String extraRepr() {
        return "threshold=" + Modules.num(threshold) + ", value=" + Modules.num(value) + (inplace ? ", inplace=True" : "");
    }
}
