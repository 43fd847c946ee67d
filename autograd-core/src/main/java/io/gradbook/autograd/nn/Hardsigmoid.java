// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.nn;

import io.gradbook.autograd.Tensor;

/** {@code nn.Hardsigmoid()}: relu6(x + 3) / 6. */
public class Hardsigmoid extends Module {
    @Override
    public Tensor forward(Tensor input) {
        return F.hardsigmoid(input);
    }
}
