// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.nn;

import io.gradbook.autograd.Tensor;

/** {@code nn.Tanhshrink()}: x - tanh(x). */
public class Tanhshrink extends Module {
    @Override
    public Tensor forward(Tensor input) {
        return F.tanhshrink(input);
    }
}
