// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.nn;

import io.gradbook.autograd.Tensor;

/** {@code nn.SELU()}: scale * elu(x, alpha) with the self-normalising constants. */
public class SELU extends Module {
    @Override
    public Tensor forward(Tensor input) {
        return F.selu(input);
    }
}
