// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.nn;

import io.gradbook.autograd.Tensor;

/**
 * {@code nn.Dropout2d(p=0.5, inplace=False)}: in training, in (N, C, H, W) or (C, H, W) inputs, zeroes whole
 * channels, from the default generator as PyTorch draws it; in eval mode, the identity.
 */
public class Dropout2d extends DropoutNd {
    public Dropout2d() {
        this(0.5);
    }

    public Dropout2d(double p) {
        this(p, false);
    }

    public Dropout2d(double p, boolean inplace) {
        super(p, inplace);
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.dropout2d(input, p, training, inplace);
    }
}
