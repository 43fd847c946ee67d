// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.nn;

import io.gradbook.autograd.TorchException;

/**
 * PyTorch's {@code _DropoutNd}: what every dropout module holds ({@code p}, {@code inplace}), the check of p and the
 * repr {@code p=0.5, inplace=False}; each subclass says which functional it calls.
 */
public abstract class DropoutNd extends Module {
    public final double p;
    /** PyTorch's {@code inplace=True}: in training, forward writes the result into its input and returns it. */
    public final boolean inplace;

    protected DropoutNd(double p, boolean inplace) {
        if (p < 0 || p > 1) throw new TorchException.ValueError("dropout probability has to be between 0 and 1, but got " + Modules.num(p));
        this.p = p;
        this.inplace = inplace;
    }

    @Override
    public String extraRepr() {
        return "p=" + Modules.num(p) + ", inplace=" + (inplace ? "True" : "False");
    }
}
