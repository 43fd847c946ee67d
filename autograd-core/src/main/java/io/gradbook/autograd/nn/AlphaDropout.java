// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.nn;

import io.gradbook.autograd.Tensor;

/**
 * {@code nn.AlphaDropout(p=0.5, inplace=False)}: in training, keeps SELU's mean and variance (dropped elements
 * become -alpha', then an affine rescale), from the default generator as PyTorch draws it; in eval mode, the
 * identity. PyTorch's forward does not pass {@code inplace} on (it only shows in the repr).
 */
public class AlphaDropout extends DropoutNd {
    public AlphaDropout() {
        this(0.5);
    }

    public AlphaDropout(double p) {
        this(p, false);
    }

    public AlphaDropout(double p, boolean inplace) {
        super(p, inplace);
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.alphaDropout(input, p, training, false);
    }
}
