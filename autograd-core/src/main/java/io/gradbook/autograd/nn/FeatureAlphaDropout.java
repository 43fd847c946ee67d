// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.nn;

import io.gradbook.autograd.Tensor;

/**
 * {@code nn.FeatureAlphaDropout(p=0.5, inplace=False)}: in training, alpha dropout of whole channels, from the
 * default generator as PyTorch draws it; in eval mode, the identity. PyTorch's forward does not pass {@code
 * inplace} on (it only shows in the repr).
 */
public class FeatureAlphaDropout extends DropoutNd {
    public FeatureAlphaDropout() {
        this(0.5);
    }

    public FeatureAlphaDropout(double p) {
        this(p, false);
    }

    public FeatureAlphaDropout(double p, boolean inplace) {
        super(p, inplace);
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.featureAlphaDropout(input, p, training, false);
    }
}
