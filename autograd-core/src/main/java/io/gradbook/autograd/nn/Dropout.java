// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.nn;

import io.gradbook.autograd.Tensor;

/**
 * {@code nn.Dropout(p=0.5)}: in training, zeroes each element with probability p (drawn from the default
 * generator as PyTorch draws it) and scales the rest by 1/(1-p); in eval mode, the identity. {@code inplace}: the
 * same mask, written into the input ({@code Dropout(p=0.5, inplace=True)}).
 */
public class Dropout extends DropoutNd {
    public Dropout() {
        this(0.5);
    }

    public Dropout(double p) {
        this(p, false);
    }

    public Dropout(double p, boolean inplace) {
        super(p, inplace);
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.dropout(input, p, training, inplace);
    }
}
