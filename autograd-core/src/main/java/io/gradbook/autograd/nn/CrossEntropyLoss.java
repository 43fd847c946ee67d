// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.nn;

import io.gradbook.autograd.Tensor;

/**
 * {@code nn.CrossEntropyLoss(weight=None, ignore_index=-100, reduction='mean', label_smoothing=0.0)}: log_softmax
 * over the classes, then the negative log-likelihood of class indices (int64) or of class probabilities (float).
 *
 * <pre>
 * jshell> var lossFn = new CrossEntropyLoss().weight(w).ignoreIndex(4).labelSmoothing(0.1);
 * </pre>
 */
public class CrossEntropyLoss extends Loss {
    private Tensor weight;
    private long ignoreIndex = -100;
    private double labelSmoothing;

    public CrossEntropyLoss() {
        this("mean");
    }

    public CrossEntropyLoss(String reduction) {
        super(reduction);
    }

    /** Per-class weights (a buffer, as in PyTorch). */
    public CrossEntropyLoss weight(Tensor weight) {
        this.weight = registerBuffer("weight", weight);
        return this;
    }

    public CrossEntropyLoss ignoreIndex(long ignoreIndex) {
        this.ignoreIndex = ignoreIndex;
        return this;
    }

    public CrossEntropyLoss labelSmoothing(double labelSmoothing) {
        this.labelSmoothing = labelSmoothing;
        return this;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.crossEntropy(input, target, weight, ignoreIndex, reduction, labelSmoothing);
    }
}
