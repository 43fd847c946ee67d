// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.nn;

import io.gradbook.autograd.Tensor;

/** {@code nn.Mish()}: x * tanh(softplus(x)). */
public class Mish extends Module {
    @Override
    public Tensor forward(Tensor input) {
        return F.mish(input);
    }
}
