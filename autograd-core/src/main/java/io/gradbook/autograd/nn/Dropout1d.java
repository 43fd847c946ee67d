// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.nn;

import io.gradbook.autograd.Tensor;

/**
 * {@code nn.Dropout1d(p=0.5, inplace=False)}: in training, in (N, C, L) or (C, L) inputs, zeroes whole channels,
 * from the default generator as PyTorch draws it; in eval mode, the identity.
 */
public class Dropout1d extends DropoutNd {
    public Dropout1d() {
        this(0.5);
    }

    public Dropout1d(double p) {
        this(p, false);
    }

    public Dropout1d(double p, boolean inplace) {
        super(p, inplace);
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.dropout1d(input, p, training, inplace);
    }
}
