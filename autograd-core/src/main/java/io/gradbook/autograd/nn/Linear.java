// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.nn;

import static io.gradbook.autograd.Torch.*;

import io.gradbook.autograd.Tensor;

/**
 * {@code nn.Linear(in_features, out_features, bias)}: {@code y = x W^T + b}. Initialised as PyTorch does, bit for
 * bit under {@code manualSeed}: {@code kaiming_uniform_(W, a=sqrt(5))}, then {@code b ~ U(-1/sqrt(in), 1/sqrt(in))}
 * from the same generator.
 *
 * <pre>
 * jshell> manualSeed(0); new Linear(3, 1).weight
 * Parameter containing:
 * tensor([[-0.0043,  0.3097, -0.4752]], requires_grad=True)
 * </pre>
 */
public class Linear extends Module {
    public final int inFeatures, outFeatures;
    public final Tensor weight;
    /** null for {@code bias=False}. */
    public final Tensor bias;

    public Linear(int inFeatures, int outFeatures) {
        this(inFeatures, outFeatures, true);
    }

    public Linear(int inFeatures, int outFeatures, boolean bias) {
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        this.weight = registerParameter("weight", parameter(zeros(outFeatures, inFeatures)));
        this.bias = registerParameter("bias", bias ? parameter(zeros(outFeatures)) : null);
        resetParameters();
    }

    /** PyTorch's {@code reset_parameters()}: the default initialisation, drawn from the default generator. */
    public void resetParameters() {
        Init.kaimingUniform_(weight, Math.sqrt(5));
        if (bias != null) {
            int fanIn = Init.fanIn(weight);
            double bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
            Init.uniform_(bias, -bound, bound);
        }
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.linear(input, weight, bias);
    }

    @Override
    public String extraRepr() {
        return "in_features=" + inFeatures + ", out_features=" + outFeatures + ", bias=" + (bias != null ? "True" : "False");
    }
}
