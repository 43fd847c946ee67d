// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.nn;

import io.gradbook.autograd.Tensor;

/** {@code nn.Sigmoid(): 1 / (1 + exp(-x)).} */
public class Sigmoid extends Module {
    @Override
    public Tensor forward(Tensor input) {
        return input.sigmoid();
    }
}
