// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.nn;

import io.gradbook.autograd.Tensor;

/**
 * A loss module ({@code nn._Loss}): {@code forward(input, target)} with a reduction, "mean" by default, "sum" or
 * "none". Options beyond the reduction are set fluently, standing in for Python's keyword arguments:
 *
 * <pre>
 * jshell> var lossFn = new CrossEntropyLoss().labelSmoothing(0.1);
 * </pre>
 */
public abstract class Loss extends Module {
    public final String reduction;

    protected Loss(String reduction) {
        F.checkReductionOrBatchmean(reduction, this instanceof KLDivLoss);
        this.reduction = reduction;
    }

    /** The loss of {@code input} against {@code target}. */
    public abstract Tensor forward(Tensor input, Tensor target);
}
