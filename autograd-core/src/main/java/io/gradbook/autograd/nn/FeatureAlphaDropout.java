// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.nn;

import io.gradbook.autograd.Tensor;
import io.gradbook.autograd.TorchException;

/**
 * {@code nn.FeatureAlphaDropout(p=0.5, inplace=False)}: in training, alpha dropout of whole channels, from the
 * default generator as PyTorch draws it; in eval mode, the identity. PyTorch's forward does not pass {@code
 * inplace} on (it only shows in the repr).
 */
public class FeatureAlphaDropout extends Module {
    public final double p;
    public final boolean inplace;

    public FeatureAlphaDropout() {
        this(0.5);
    }

    public FeatureAlphaDropout(double p) {
        this(p, false);
    }

    public FeatureAlphaDropout(double p, boolean inplace) {
        if (p < 0 || p > 1) throw new TorchException.ValueError("dropout probability has to be between 0 and 1, but got " + Modules.num(p));
        this.p = p;
        this.inplace = inplace;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.featureAlphaDropout(input, p, training, false);
    }

    @Override
    public String extraRepr() {
        return "p=" + Modules.num(p) + ", inplace=" + (inplace ? "True" : "False");
    }
}
