// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.nn;

import io.gradbook.autograd.Tensor;

/** {@code nn.Threshold(threshold, value)}: value where x <= threshold, x elsewhere. */
public class Threshold extends Module {
    public final double threshold, value;

    public Threshold(double threshold, double value) {
        this.threshold = threshold;
        this.value = value;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.threshold(input, threshold, value);
    }

    @Override
    public String extraRepr() {
        return "threshold=" + Modules.num(threshold) + ", value=" + Modules.num(value);
    }
}
