// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.nn;

import io.gradbook.autograd.Tensor;

/** {@code nn.ReLU6()}: Hardtanh(0, 6), with no arguments in its repr (as PyTorch's). */
public class ReLU6 extends Hardtanh {
    public ReLU6() {
        this(false);
    }

    public ReLU6(boolean inplace) {
        super(0.0, 6.0, inplace);
    }

    @Override
    public String extraRepr() {
        return inplace ? "inplace=True" : "";
    }
}
