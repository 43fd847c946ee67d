// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.nn;

import static io.gradbook.autograd.Torch.*;

import io.gradbook.autograd.Tensor;

/**
 * {@code nn.BatchNorm1d(num_features, eps=1e-5, momentum=0.1, affine=True, track_running_stats=True)} over (N, C)
 * or (N, C, L) input. Buffers running_mean, running_var and num_batches_tracked as in PyTorch's state dict;
 * momentum null is PyTorch's momentum=None (a cumulative average).
 */
public class BatchNorm1d extends Module {
    public final int numFeatures;
    public final double eps;
    public final Double momentum;
    public final boolean affine, trackRunningStats;
    public final Tensor weight, bias, runningMean, runningVar, numBatchesTracked;

    public BatchNorm1d(int numFeatures) {
        this(numFeatures, 1e-5, 0.1, true, true);
    }

    public BatchNorm1d(int numFeatures, double eps, Double momentum, boolean affine, boolean trackRunningStats) {
        this.numFeatures = numFeatures;
        this.eps = eps;
        this.momentum = momentum;
        this.affine = affine;
        this.trackRunningStats = trackRunningStats;
        this.weight = registerParameter("weight", affine ? parameter(ones(numFeatures)) : null);
        this.bias = registerParameter("bias", affine ? parameter(zeros(numFeatures)) : null);
        this.runningMean = registerBuffer("running_mean", trackRunningStats ? zeros(numFeatures) : null);
        this.runningVar = registerBuffer("running_var", trackRunningStats ? ones(numFeatures) : null);
        this.numBatchesTracked = registerBuffer("num_batches_tracked", trackRunningStats ? tensor(0L) : null);
    }

    @Override
    public Tensor forward(Tensor input) {
        if (input.dim() != 2 && input.dim() != 3) throw new io.gradbook.autograd.TorchException.ValueError("expected 2D or 3D input (got " + input.dim() + "D input)");
        double factor = momentum == null ? 0.0 : momentum;
        if (training && trackRunningStats) {
            try (var ignored = noGrad()) {
                numBatchesTracked.add_(1L);
            }
            if (momentum == null) factor = 1.0 / numBatchesTracked.item();
        }
        boolean useBatchStats = training || runningMean == null;
        return F.batchNorm(input, !training || trackRunningStats ? runningMean : null, !training || trackRunningStats ? runningVar : null,
                weight, bias, useBatchStats, factor, eps);
    }

    @Override
    public String extraRepr() {
        return numFeatures + ", eps=" + Modules.num(eps) + ", momentum=" + (momentum == null ? "None" : Modules.num(momentum))
                + ", affine=" + Modules.bool(affine) + ", track_running_stats=" + Modules.bool(trackRunningStats);
    }
}
