// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.nn;

import io.gradbook.autograd.Tensor;

/** {@code nn.LogSigmoid()}: log(sigmoid(x)), computed stably. */
public class LogSigmoid extends Module {
    @Override
    public Tensor forward(Tensor input) {
        return F.logSigmoid(input);
    }
}
