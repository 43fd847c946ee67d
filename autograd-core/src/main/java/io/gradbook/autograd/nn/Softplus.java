// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.nn;

import io.gradbook.autograd.Tensor;

/**
 * {@code nn.Softplus(beta=1, threshold=20)}: log(1 + exp(beta x)) / beta, x itself where beta x > threshold. The
 * arguments are kept as given (an Integer or a Double) because the repr prints them as Python does: {@code beta=1}
 * for the default, {@code beta=2.0} for a float.
 */
public class Softplus extends Module {
    public final Number beta, threshold;

    public Softplus() {
        this(1, 20);
    }

    public Softplus(Number beta, Number threshold) {
        this.beta = beta;
        this.threshold = threshold;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.softplus(input, beta.doubleValue(), threshold.doubleValue());
    }

    @Override
    public String extraRepr() {
        return "beta=" + py(beta) + ", threshold=" + py(threshold);
    }

    private static String py(Number v) {
        return v instanceof Double || v instanceof Float ? Modules.num(v.doubleValue()) : String.valueOf(v.longValue());
    }
}
