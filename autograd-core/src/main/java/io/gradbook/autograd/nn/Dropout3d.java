// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.nn;

import io.gradbook.autograd.Tensor;

/**
 * {@code nn.Dropout3d(p=0.5, inplace=False)}: in training, in (N, C, D, H, W) or (C, D, H, W) inputs, zeroes whole
 * channels, from the default generator as PyTorch draws it; in eval mode, the identity.
 */
public class Dropout3d extends DropoutNd {
    public Dropout3d() {
        this(0.5);
    }

    public Dropout3d(double p) {
        this(p, false);
    }

    public Dropout3d(double p, boolean inplace) {
        super(p, inplace);
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.dropout3d(input, p, training, inplace);
    }
}
