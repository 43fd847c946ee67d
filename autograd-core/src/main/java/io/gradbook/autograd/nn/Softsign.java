// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.nn;

import io.gradbook.autograd.Tensor;

/** {@code nn.Softsign()}: x / (1 + |x|). */
public class Softsign extends Module {
    @Override
    public Tensor forward(Tensor input) {
        return F.softsign(input);
    }
}
