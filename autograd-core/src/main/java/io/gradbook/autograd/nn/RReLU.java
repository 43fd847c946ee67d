// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.nn;

import io.gradbook.autograd.Tensor;

/**
 * {@code nn.RReLU(lower=1/8, upper=1/3, inplace=False)}: in training mode a random slope from uniform(lower, upper)
 * for each element &lt;= 0, drawn from the default generator; in eval mode the slope (lower + upper) / 2.
 *
 * <pre>
 * jshell&gt; new RReLU()
 * $1 ==&gt; RReLU(lower=0.125, upper=0.3333333333333333)
 * </pre>
 */
public class RReLU extends Module {
    public final double lower, upper;
    /** PyTorch's {@code inplace=True}: forward writes into its input ({@code F.rrelu_}) and returns it. */
    public final boolean inplace;

    public RReLU() {
        this(1.0 / 8, 1.0 / 3);
    }

    public RReLU(double lower, double upper) {
        this(lower, upper, false);
    }

    public RReLU(double lower, double upper, boolean inplace) {
        this.lower = lower;
        this.upper = upper;
        this.inplace = inplace;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.rrelu(input, lower, upper, training, inplace);
    }

    @Override
    public String extraRepr() {
        return "lower=" + Modules.num(lower) + ", upper=" + Modules.num(upper) + (inplace ? ", inplace=True" : "");
    }
}
