// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.nn;

import static io.gradbook.autograd.Torch.*;

import io.gradbook.autograd.Tensor;

/**
 * {@code nn.PReLU(num_parameters=1, init=0.25)}: leaky relu with a learnable slope, one for all channels or one per
 * channel (dim 1); the weight starts at {@code init} everywhere.
 */
public class PReLU extends Module {
    public final int numParameters;
    public final Tensor weight;

    public PReLU() {
        this(1, 0.25);
    }

    public PReLU(int numParameters) {
        this(numParameters, 0.25);
    }

    public PReLU(int numParameters, double init) {
        this.numParameters = numParameters;
        this.weight = registerParameter("weight", parameter(full(new int[] {numParameters}, init)));
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.prelu(input, weight);
    }

    @Override
    public String extraRepr() {
        return "num_parameters=" + numParameters;
    }
}
