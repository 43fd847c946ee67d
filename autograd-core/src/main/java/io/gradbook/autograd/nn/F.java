// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.nn;

import static io.gradbook.autograd.Torch.*;

import io.gradbook.autograd.Composite;
import io.gradbook.autograd.DType;
import io.gradbook.autograd.DropoutVariants;
import io.gradbook.autograd.GradMode;
import io.gradbook.autograd.InPlaceActivations;
import io.gradbook.autograd.LossReduction;
import io.gradbook.autograd.Norms;
import io.gradbook.autograd.RReluOps;
import io.gradbook.autograd.Tensor;
import io.gradbook.autograd.Torch;
import io.gradbook.autograd.TorchException;

/**
 * {@code torch.nn.functional} for the layers and losses: each function is what the module of the same name
 * computes, written with the core's Tensor ops in PyTorch's operation order (so gradients come from autograd).
 *
 * <pre>
 * jshell> F.mseLoss(tensor(1., 2.), tensor(0., 0.), "sum")
 * tensor(5.)
 * </pre>
 */
public final class F {
    private F() {}

    // ---- layers ---------------------------------------------------------------------------------------------------

    /**
     * {@code F.linear(x, w, b)}: {@code x @ w.T + b}; PyTorch records AddmmBackward0 for 2-D input and flattens a
     * contiguous 3-D input to 2-D and back (ViewBackward0).
     */
    public static Tensor linear(Tensor input, Tensor weight, Tensor bias) {
        if (bias != null && input.dim() == 3 && input.isContiguous()) {
            Tensor flat = input.view(-1, input.size(2));
            return Torch.linear(flat, weight, bias).view(input.size(0), input.size(1), weight.size(0));
        }
        return bias == null ? Torch.linear(input, weight) : Torch.linear(input, weight, bias);
    }

    public static Tensor relu(Tensor x) {
        return x.relu();
    }

    /** {@code F.leaky_relu(x, negative_slope)}: x where x > 0, else x * slope (node LeakyReluBackward0). */
    public static Tensor leakyRelu(Tensor x, double negativeSlope) {
        return Torch.leakyRelu(x, negativeSlope);
    }

    /** {@code F.gelu(x, approximate)}: "none" (x times the normal CDF) or "tanh" (PyTorch's approximation). */
    public static Tensor gelu(Tensor x, String approximate) {
        return Torch.gelu(x, approximate);
    }

    public static Tensor gelu(Tensor x) {
        return gelu(x, "none");
    }

    /**
     * {@code F.dropout(x, p, training)}: PyTorch's CPU path, {@code noise = empty_like(x).bernoulli_(1 - p)} (one
     * float64 uniform draw per element, kept when below 1 - p), {@code noise.div_(1 - p)}, {@code x * noise}.
     */
    public static Tensor dropout(Tensor x, double p, boolean training) {
        if (p < 0 || p > 1) throw new TorchException.ValueError("dropout probability has to be between 0 and 1, but got " + io.gradbook.autograd.TensorPrinter.pythonFloat(p));
        if (!training || p == 0) return x;
        if (p == 1) return x.mul(zerosLike(x));
        Tensor noise;
        try (var ignored = noGrad()) {
            noise = rand(float64, x.shape().toArray()).lt(1 - p).to(x.dtype());
            noise.div_(1 - p);
        }
        return x.mul(noise);
    }

    /**
     * {@code F.embedding(idx, weight, padding_idx)}: rows of weight picked by int64 indices; the padding row gets no
     * gradient. paddingIdx null for none.
     */
    public static Tensor embedding(Tensor indices, Tensor weight, Integer paddingIdx) {
        if (indices.isFloatingPoint()) {
            throw new TorchException.RuntimeError("Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; but got torch." + indices.dtype().legacyTypeName() + " instead (while checking arguments for embedding)");
        }
        return Composite.record("EmbeddingBackward0", in -> {
            Tensor out = in[0].index(indices);
            if (paddingIdx == null) return out;
            // same values, but the gradient does not reach the padding row
            Tensor keep = indices.ne(paddingIdx).unsqueeze(-1);
            return where(keep, out, out.detach());
        }, weight);
    }

    /** {@code F.layer_norm(x, normalized_shape, w, b, eps)}: normalise over the last dims, (x - mean) * rstd. */
    public static Tensor layerNorm(Tensor x, int[] normalizedShape, Tensor weight, Tensor bias, double eps) {
        int k = normalizedShape.length;
        for (int i = 0; i < k; i++) {
            if (x.dim() < k || x.size(x.dim() - k + i) != normalizedShape[i]) {
                throw new TorchException.RuntimeError("Given normalized_shape=" + Modules.tuple(normalizedShape) + ", expected input with shape [*, " + Modules.join(normalizedShape) + "], but got input of size" + x.shape());
            }
        }
        int[] dims = new int[k];
        for (int i = 0; i < k; i++) dims[i] = x.dim() - k + i;
        if (Norms.supports(x, weight, bias)) {
            // PyTorch's kernels (Norms) forward and backward; a create_graph backward differentiates the formula
            Tensor[] stats = new Tensor[2];
            return Composite.record("NativeLayerNormBackward0", in -> {
                Tensor[] r = Norms.nativeLayerNorm(in[0], normalizedShape, in[1], in[2], eps);
                stats[0] = r[1];
                stats[1] = r[2];
                return r[0];
            }, (g, s, needs) -> GradMode.isEnabled()
                    ? Composite.formulaGrad(g, s, needs, in -> layerNormFormula(in, dims, eps))
                    : Norms.nativeLayerNormBackward(g, s[0], normalizedShape, stats[0], stats[1], s[1], needs), x, weight, bias);
        }
        return Composite.record("NativeLayerNormBackward0", in -> layerNormFormula(in, dims, eps), x, weight, bias);
    }

    /** Layer norm as Tensor ops, for dtypes without a kernel and for gradients that are differentiated again. */
    private static Tensor layerNormFormula(Tensor[] in, int[] dims, double eps) {
        {
            Tensor mean = in[0].mean(dims, true);
            Tensor centered = in[0].sub(mean);
            Tensor var = centered.mul(centered).mean(dims, true);
            Tensor y = centered.mul(var.add(eps).sqrt().reciprocal());
            if (in[1] != null) y = y.mul(in[1]);
            if (in[2] != null) y = y.add(in[2]);
            return y;
        }
    }

    /**
     * {@code F.batch_norm(x, running_mean, running_var, w, b, training, momentum, eps)}: in training, batch
     * statistics normalise and the running ones move by momentum (unbiased variance); otherwise the running ones
     * normalise.
     */
    public static Tensor batchNorm(Tensor x, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias, boolean training, double momentum, double eps) {
        if (x.dim() != 2 && x.dim() != 3) throw new TorchException.ValueError("expected 2D or 3D input (got " + x.dim() + "D input)");
        int[] dims = x.dim() == 2 ? new int[] {0} : new int[] {0, 2};
        int c = x.size(1);
        int[] bshape = x.dim() == 2 ? new int[] {1, c} : new int[] {1, c, 1};
        if (training) {
            int n = x.numel() / c;
            if (n <= 1) throw new TorchException.ValueError("Expected more than 1 value per channel when training, got input size " + x.shape());
        }
        if (Norms.supports(x, runningMean, runningVar, weight, bias)) {
            // PyTorch's kernels (Norms) forward and backward; a create_graph backward differentiates the formula.
            // Evaluation reads the running stats as they are now (PyTorch saves them; they do not change until a
            // training step).
            Tensor rm = training || runningMean == null ? null : runningMean.detach().clone();
            Tensor rv = training || runningVar == null ? null : runningVar.detach().clone();
            Tensor[] stats = new Tensor[2];
            return Composite.record("NativeBatchNormBackward0", in -> {
                Tensor[] r = Norms.nativeBatchNorm(in[0], in[1], in[2], runningMean, runningVar, training, momentum, eps);
                stats[0] = r[1];
                stats[1] = r[2];
                return r[0];
            }, (g, s, needs) -> GradMode.isEnabled()
                    ? Composite.formulaGrad(g, s, needs, in -> batchNormFormula(in, rm, rv, training, eps, dims, bshape))
                    : Norms.nativeBatchNormBackward(g, s[0], s[1], rm, rv, stats[0], stats[1], training, eps, needs), x, weight, bias);
        }
        if (training && runningMean != null) {
            int n = x.numel() / c;
            try (var ignored = noGrad()) {
                Tensor mean = x.mean(dims, true), centered = x.sub(mean);
                Tensor var = centered.mul(centered).mean(dims, true);
                runningMean.copy_(runningMean.mul(1 - momentum).add(mean.view(c).mul(momentum)));
                Tensor unbiased = var.view(c).mul((double) n / (n - 1));
                runningVar.copy_(runningVar.mul(1 - momentum).add(unbiased.mul(momentum)));
            }
        }
        return Composite.record("NativeBatchNormBackward0", in -> batchNormFormula(in, runningMean, runningVar, training, eps, dims, bshape), x, weight, bias);
    }

    /** Batch norm as Tensor ops (no running-stat update), for dtypes without a kernel and for gradients differentiated again. */
    private static Tensor batchNormFormula(Tensor[] in, Tensor runningMean, Tensor runningVar, boolean training, double eps, int[] dims, int[] bshape) {
        Tensor mean, var;
        if (training) {
            mean = in[0].mean(dims, true);
            Tensor centered = in[0].sub(mean);
            var = centered.mul(centered).mean(dims, true);
        } else {
            mean = runningMean.view(bshape);
            var = runningVar.view(bshape);
        }
        Tensor y = in[0].sub(mean).mul(var.add(eps).sqrt().reciprocal());
        if (in[1] != null) y = y.mul(in[1].view(bshape));
        if (in[2] != null) y = y.add(in[2].view(bshape));
        return y;
    }

    public static Tensor softmax(Tensor x, int dim) {
        return x.softmax(dim);
    }

    public static Tensor logSoftmax(Tensor x, int dim) {
        return x.logSoftmax(dim);
    }

    // ---- losses ---------------------------------------------------------------------------------------------------

    static void checkReductionOrBatchmean(String reduction, boolean batchmeanAllowed) {
        if (batchmeanAllowed && reduction.equals("batchmean")) return;
        LossReduction.check(reduction);
    }

    /** {@code F.mse_loss(x, y, reduction)}: (x - y)^2, reduced. */
    public static Tensor mseLoss(Tensor input, Tensor target, String reduction) {
        return Torch.mseLoss(input, target, reduction);
    }

    public static Tensor mseLoss(Tensor input, Tensor target) {
        return mseLoss(input, target, "mean");
    }

    /** {@code F.l1_loss(x, y, reduction)}: |x - y|, reduced. */
    public static Tensor l1Loss(Tensor input, Tensor target, String reduction) {
        return LossReduction.apply(input.sub(target).abs(), reduction);
    }

    public static Tensor l1Loss(Tensor input, Tensor target) {
        return l1Loss(input, target, "mean");
    }

    /** {@code F.smooth_l1_loss(x, y, reduction, beta)}: 0.5 z^2 / beta below beta, z - 0.5 beta above (z = |x - y|). */
    public static Tensor smoothL1Loss(Tensor input, Tensor target, String reduction, double beta) {
        return Torch.smoothL1Loss(input, target, reduction, beta);
    }

    public static Tensor smoothL1Loss(Tensor input, Tensor target) {
        return smoothL1Loss(input, target, "mean", 1.0);
    }

    /** {@code F.huber_loss(x, y, reduction, delta)}: 0.5 z^2 below delta, delta (z - 0.5 delta) above. */
    public static Tensor huberLoss(Tensor input, Tensor target, String reduction, double delta) {
        return Torch.huberLoss(input, target, reduction, delta);
    }

    public static Tensor huberLoss(Tensor input, Tensor target) {
        return huberLoss(input, target, "mean", 1.0);
    }

    /**
     * {@code F.nll_loss(logp, target, weight, ignore_index, reduction)} for input (C) or (N, C) and int64 targets;
     * weight may be null. The mean divides by the summed weights of the counted targets, as PyTorch does.
     */
    public static Tensor nllLoss(Tensor input, Tensor target, Tensor weight, long ignoreIndex, String reduction) {
        LossReduction.check(reduction);
        if (input.dim() != 1 && input.dim() != 2) throw new TorchException.ValueError("Expected 2 or more dimensions (got " + input.dim() + ")");
        if (target.isFloatingPoint()) throw new TorchException.RuntimeError("expected scalar type Long but found " + scalarName(target.dtype()));
        // PyTorch's kernel (Torch.nllLoss): its cascade sums of losses and weights, its backward
        return Torch.nllLoss(input, target, weight, ignoreIndex, reduction);
    }

    public static Tensor nllLoss(Tensor input, Tensor target) {
        return nllLoss(input, target, null, -100, "mean");
    }

    private static String scalarName(DType d) {
        String n = d.legacyTypeName(); // torch.FloatTensor: PyTorch's scalar type name is Float
        n = n.substring(n.lastIndexOf('.') + 1);
        return n.endsWith("Tensor") ? n.substring(0, n.length() - "Tensor".length()) : n;
    }

    /**
     * {@code F.cross_entropy(x, target, weight, ignore_index, reduction, label_smoothing)}: class-index targets
     * (int64) or class probabilities (float, same shape as x), PyTorch's formulas for both.
     */
    public static Tensor crossEntropy(Tensor input, Tensor target, Tensor weight, long ignoreIndex, String reduction, double labelSmoothing) {
        LossReduction.check(reduction);
        if (labelSmoothing < 0 || labelSmoothing > 1) throw new TorchException.RuntimeError("label_smoothing must be between 0.0 and 1.0. Got: " + io.gradbook.autograd.TensorPrinter.pythonFloat(labelSmoothing));
        int classDim = input.dim() == 1 ? 0 : 1;
        int nClasses = input.size(classDim);
        Tensor logp = input.logSoftmax(classDim);
        int[] wshape = new int[input.dim()];
        java.util.Arrays.fill(wshape, 1);
        wshape[classDim] = nClasses;
        if (target.isFloatingPoint()) {
            if (!target.shape().equals(input.shape())) throw new TorchException.RuntimeError("Expected floating point type for target with class probabilities, got " + target.dtype());
            Tensor t = labelSmoothing > 0 ? target.mul(1 - labelSmoothing).add(labelSmoothing / nClasses) : target;
            Tensor prod = weight == null ? logp.mul(t) : logp.mul(t).mul(weight.view(wshape));
            switch (reduction) {
                case "mean": return divScalar(prod.sum().neg(), input.numel() / nClasses);
                case "sum": return prod.sum().neg();
                default: return prod.sum(classDim).neg();
            }
        }
        Tensor nll = nllLoss(logp, target, weight, ignoreIndex, reduction);
        if (labelSmoothing == 0) return nll;
        Tensor smooth = (weight == null ? logp : logp.mul(weight.view(wshape))).sum(classDim).neg();
        Tensor ignore = target.eq(ignoreIndex);
        // 1.13: smooth_loss.index_put_({ignore_mask}, 0.0), and the unweighted mean is
        // smooth_loss.masked_select(~ignore_mask).mean() (the nodes its create_graph gradient records)
        smooth = Composite.indexPutZero(smooth, ignore);
        Tensor ret;
        switch (reduction) {
            case "mean":
                if (weight != null) {
                    double[] tv = target.toDoubleArray();
                    java.util.List<Long> kept = new java.util.ArrayList<>();
                    for (double v : tv) if ((long) v != ignoreIndex) kept.add((long) v);
                    long[] k = kept.stream().mapToLong(Long::longValue).toArray();
                    ret = smooth.sum().div(weight.index(Torch.tensor(k)).sum());
                } else {
                    ret = smooth.maskedSelect(ignore.logicalNot()).mean();
                }
                break;
            case "sum": ret = smooth.sum(); break;
            default: ret = smooth;
        }
        // (1 - label_smoothing) * nllloss + ret * (label_smoothing / n_classes): C++ Scalar products (MulBackward1)
        return Composite.mulScalar(nll, 1 - labelSmoothing).add(Composite.mulScalar(ret, labelSmoothing / nClasses));
    }

    /** C++'s {@code tensor / int} inside ATen composites: the div.Scalar overload, node DivBackward1. */
    private static Tensor divScalar(Tensor t, long divisor) {
        return Composite.record("DivBackward1", in -> in[0].div(divisor), (g, in, needs) -> new Tensor[] {g.div(divisor)}, t);
    }

    public static Tensor crossEntropy(Tensor input, Tensor target) {
        return crossEntropy(input, target, null, -100, "mean", 0.0);
    }

    /** {@code F.binary_cross_entropy(p, y, weight, reduction)}: -(y log p + (1 - y) log(1 - p)), logs clamped at -100. */
    public static Tensor binaryCrossEntropy(Tensor input, Tensor target, Tensor weight, String reduction) {
        return Torch.binaryCrossEntropy(input, target, weight, reduction);
    }

    public static Tensor binaryCrossEntropy(Tensor input, Tensor target) {
        return binaryCrossEntropy(input, target, null, "mean");
    }

    /**
     * {@code F.binary_cross_entropy_with_logits(x, y, weight, reduction, pos_weight)}: PyTorch's stable form,
     * {@code (1 - y) x + lw (log(exp(-m) + exp(-x - m)) + m)} with {@code m = max(-x, 0)}, {@code lw = 1 + (pw - 1) y}.
     */
    public static Tensor binaryCrossEntropyWithLogits(Tensor input, Tensor target, Tensor weight, String reduction, Tensor posWeight) {
        return Torch.binaryCrossEntropyWithLogits(input, target, weight, reduction, posWeight);
    }

    public static Tensor binaryCrossEntropyWithLogits(Tensor input, Tensor target) {
        return binaryCrossEntropyWithLogits(input, target, null, "mean", null);
    }

    /**
     * {@code F.kl_div(input, target, reduction, log_target)}: input is log-probabilities; pointwise
     * {@code target (log target - input)}; "batchmean" divides the sum by the batch size.
     */
    public static Tensor klDiv(Tensor input, Tensor target, String reduction, boolean logTarget) {
        boolean batchmean = reduction.equals("batchmean");
        if (!batchmean) LossReduction.check(reduction);
        Tensor out;
        if (logTarget) {
            out = target.exp().mul(target.sub(input));
        } else {
            Tensor xlogy = target.dtype() == DType.FLOAT64 && !target.requiresGrad() ? xlogyGlibc(target)
                    : where(target.eq(0), zerosLike(target), target.mul(target.log()));
            out = xlogy.sub(target.mul(input));
        }
        if (batchmean) {
            Tensor s = out.sum();
            return input.dim() == 0 ? s : s.div(Torch.tensor((long) input.size(0)));
        }
        return LossReduction.apply(out, reduction);
    }

    /**
     * {@code xlogy(t, t)} for a float64 target as PyTorch's scalar kernel computes it: 0 where t is 0, NaN where t is
     * NaN, else {@code t * std::log(t)}, glibc's log (not the vectorized SLEEF log of {@code Tensor.log}).
     */
    private static Tensor xlogyGlibc(Tensor t) {
        double[] v = t.toDoubleArray();
        for (int i = 0; i < v.length; i++) v[i] = Double.isNaN(v[i]) ? Double.NaN : v[i] == 0 ? 0 : v[i] * io.gradbook.autograd.math.Glibc64.log(v[i]);
        return Torch.tensor(v, DType.FLOAT64).reshape(t.shape().toArray());
    }

    public static Tensor klDiv(Tensor input, Tensor target, String reduction) {
        return klDiv(input, target, reduction, false);
    }

    // ---- more activations (each as Torch's; see MoreActivations) ----

    /** {@code F.silu(x)}: x * sigmoid(x). */
    public static Tensor silu(Tensor x) { return Torch.silu(x); }
    /** {@code F.mish(x)}: x * tanh(softplus(x)). */
    public static Tensor mish(Tensor x) { return Torch.mish(x); }
    /** {@code F.elu(x, alpha=1.0)}. */
    public static Tensor elu(Tensor x, double alpha) { return Torch.elu(x, alpha); }
    public static Tensor elu(Tensor x) { return Torch.elu(x); }
    /** {@code F.selu(x)}. */
    public static Tensor selu(Tensor x) { return Torch.selu(x); }
    /** {@code F.celu(x, alpha=1.0)}. */
    public static Tensor celu(Tensor x, double alpha) { return Torch.celu(x, alpha); }
    public static Tensor celu(Tensor x) { return Torch.celu(x); }
    /** {@code F.hardtanh(x, min_val=-1.0, max_val=1.0)}. */
    public static Tensor hardtanh(Tensor x, double minVal, double maxVal) { return Torch.hardtanh(x, minVal, maxVal); }
    public static Tensor hardtanh(Tensor x) { return Torch.hardtanh(x); }
    /** {@code F.relu6(x)}. */
    public static Tensor relu6(Tensor x) { return Torch.relu6(x); }
    /** {@code F.softplus(x, beta=1, threshold=20)}. */
    public static Tensor softplus(Tensor x, double beta, double threshold) { return Torch.softplus(x, beta, threshold); }
    public static Tensor softplus(Tensor x) { return Torch.softplus(x); }
    /** {@code F.hardswish(x)}. */
    public static Tensor hardswish(Tensor x) { return Torch.hardswish(x); }
    /** {@code F.hardsigmoid(x)}. */
    public static Tensor hardsigmoid(Tensor x) { return Torch.hardsigmoid(x); }
    /** {@code F.logsigmoid(x)}. */
    public static Tensor logSigmoid(Tensor x) { return Torch.logSigmoid(x); }
    /** {@code F.softsign(x)}. */
    public static Tensor softsign(Tensor x) { return Torch.softsign(x); }
    /** {@code F.tanhshrink(x)}. */
    public static Tensor tanhshrink(Tensor x) { return Torch.tanhshrink(x); }
    /** {@code F.hardshrink(x, lambd=0.5)}. */
    public static Tensor hardshrink(Tensor x, double lambd) { return Torch.hardshrink(x, lambd); }
    public static Tensor hardshrink(Tensor x) { return Torch.hardshrink(x); }
    /** {@code F.softshrink(x, lambd=0.5)}. */
    public static Tensor softshrink(Tensor x, double lambd) { return Torch.softshrink(x, lambd); }
    public static Tensor softshrink(Tensor x) { return Torch.softshrink(x); }
    /** {@code F.threshold(x, threshold, value)}. */
    public static Tensor threshold(Tensor x, double threshold, double value) { return Torch.threshold(x, threshold, value); }
    /** {@code F.prelu(x, weight)}. */
    public static Tensor prelu(Tensor x, Tensor weight) { return Torch.prelu(x, weight); }

    // ---- in-place forms (InPlaceActivations): F.relu_(x), or PyTorch's inplace=True as a trailing boolean ----

    public static Tensor relu_(Tensor x) { return InPlaceActivations.relu_(x); }
    public static Tensor relu(Tensor x, boolean inplace) { return inplace ? relu_(x) : relu(x); }
    /** {@code F.elu_(x, alpha)}: elu in place; node EluBackward1 (through the result). */
    public static Tensor elu_(Tensor x, double alpha) { return InPlaceActivations.elu_(x, alpha); }
    public static Tensor elu_(Tensor x) { return elu_(x, 1.0); }
    public static Tensor elu(Tensor x, double alpha, boolean inplace) { return inplace ? elu_(x, alpha) : elu(x, alpha); }
    public static Tensor selu_(Tensor x) { return InPlaceActivations.selu_(x); }
    public static Tensor selu(Tensor x, boolean inplace) { return inplace ? selu_(x) : selu(x); }
    public static Tensor celu_(Tensor x, double alpha) { return InPlaceActivations.celu_(x, alpha); }
    public static Tensor celu_(Tensor x) { return celu_(x, 1.0); }
    public static Tensor celu(Tensor x, double alpha, boolean inplace) { return inplace ? celu_(x, alpha) : celu(x, alpha); }
    public static Tensor leakyRelu_(Tensor x, double negativeSlope) { return InPlaceActivations.leakyRelu_(x, negativeSlope); }
    public static Tensor leakyRelu_(Tensor x) { return leakyRelu_(x, 0.01); }
    public static Tensor leakyRelu(Tensor x, double negativeSlope, boolean inplace) { return inplace ? leakyRelu_(x, negativeSlope) : leakyRelu(x, negativeSlope); }
    public static Tensor hardtanh_(Tensor x, double minVal, double maxVal) { return InPlaceActivations.hardtanh_(x, minVal, maxVal); }
    public static Tensor hardtanh_(Tensor x) { return hardtanh_(x, -1.0, 1.0); }
    public static Tensor hardtanh(Tensor x, double minVal, double maxVal, boolean inplace) { return inplace ? hardtanh_(x, minVal, maxVal) : hardtanh(x, minVal, maxVal); }
    public static Tensor relu6(Tensor x, boolean inplace) { return inplace ? hardtanh_(x, 0.0, 6.0) : relu6(x); }
    public static Tensor threshold_(Tensor x, double threshold, double value) { return InPlaceActivations.threshold_(x, threshold, value); }
    public static Tensor threshold(Tensor x, double threshold, double value, boolean inplace) { return inplace ? threshold_(x, threshold, value) : threshold(x, threshold, value); }
    public static Tensor silu(Tensor x, boolean inplace) { return inplace ? InPlaceActivations.silu_(x) : silu(x); }
    public static Tensor mish(Tensor x, boolean inplace) { return inplace ? InPlaceActivations.mish_(x) : mish(x); }
    public static Tensor hardswish(Tensor x, boolean inplace) { return inplace ? InPlaceActivations.hardswish_(x) : hardswish(x); }
    public static Tensor hardsigmoid(Tensor x, boolean inplace) { return inplace ? InPlaceActivations.hardsigmoid_(x) : hardsigmoid(x); }

    // ---- rrelu (RReluOps) and in-place dropout ------------------------------------------------------------------

    /** {@code F.rrelu(x, lower=1/8, upper=1/3, training=False)}: eval mode, slope (lower + upper) / 2. */
    public static Tensor rrelu(Tensor x) { return rrelu(x, 1.0 / 8, 1.0 / 3, false); }
    /** {@code F.rrelu(x, lower, upper, training)}: in training, a random slope per element <= 0 (node RreluWithNoiseBackward0). */
    public static Tensor rrelu(Tensor x, double lower, double upper, boolean training) { return RReluOps.rrelu(x, lower, upper, training, null); }
    public static Tensor rrelu(Tensor x, double lower, double upper, boolean training, boolean inplace) {
        return inplace ? rrelu_(x, lower, upper, training) : rrelu(x, lower, upper, training);
    }
    /** {@code F.rrelu_(x, lower, upper, training)}: in place (node RreluWithNoiseBackward1). */
    public static Tensor rrelu_(Tensor x, double lower, double upper, boolean training) { return RReluOps.rrelu_(x, lower, upper, training, null); }
    public static Tensor rrelu_(Tensor x) { return rrelu_(x, 1.0 / 8, 1.0 / 3, false); }

    /**
     * {@code F.dropout(x, p, training, inplace)}; in place it is ATen's {@code dropout_}: the same noise from the
     * same draws, then {@code x.mul_(noise)} (node MulBackward0, one version bump; a leaf that requires grad is
     * refused in PyTorch's words). Eval mode, p = 0 or an empty input: x itself, untouched.
     */
    public static Tensor dropout(Tensor x, double p, boolean training, boolean inplace) {
        if (!inplace) return dropout(x, p, training);
        if (p < 0 || p > 1) throw new TorchException.ValueError("dropout probability has to be between 0 and 1, but got " + io.gradbook.autograd.TensorPrinter.pythonFloat(p));
        if (!training || p == 0 || x.numel() == 0) return x;
        if (p == 1) return x.mul_(zeros(x.dtype()));
        Tensor noise;
        try (var ignored = noGrad()) {
            noise = rand(float64, x.shape().toArray()).lt(1 - p).to(x.dtype());
            noise.div_(1 - p);
        }
        return x.mul_(noise);
    }

    // ---- the dropout family (DropoutVariants) ---------------------------------------------------------------------

    /** {@code F.dropout1d(x, p, training, inplace)}: whole channels of (N, C, L) or (C, L). */
    public static Tensor dropout1d(Tensor x, double p, boolean training, boolean inplace) { return DropoutVariants.dropout1d(x, p, training, inplace); }
    public static Tensor dropout1d(Tensor x, double p, boolean training) { return dropout1d(x, p, training, false); }
    /** {@code F.dropout2d(x, p, training, inplace)}: whole channels of (N, C, H, W) or (C, H, W). */
    public static Tensor dropout2d(Tensor x, double p, boolean training, boolean inplace) { return DropoutVariants.dropout2d(x, p, training, inplace); }
    public static Tensor dropout2d(Tensor x, double p, boolean training) { return dropout2d(x, p, training, false); }
    /** {@code F.dropout3d(x, p, training, inplace)}: whole channels of (N, C, D, H, W) or (C, D, H, W). */
    public static Tensor dropout3d(Tensor x, double p, boolean training, boolean inplace) { return DropoutVariants.dropout3d(x, p, training, inplace); }
    public static Tensor dropout3d(Tensor x, double p, boolean training) { return dropout3d(x, p, training, false); }
    /** {@code F.alpha_dropout(x, p, training, inplace)} (node AddBackward0). */
    public static Tensor alphaDropout(Tensor x, double p, boolean training, boolean inplace) { return DropoutVariants.alphaDropout(x, p, training, inplace); }
    public static Tensor alphaDropout(Tensor x, double p, boolean training) { return alphaDropout(x, p, training, false); }
    /** {@code F.feature_alpha_dropout(x, p, training, inplace)}. */
    public static Tensor featureAlphaDropout(Tensor x, double p, boolean training, boolean inplace) { return DropoutVariants.featureAlphaDropout(x, p, training, inplace); }
    public static Tensor featureAlphaDropout(Tensor x, double p, boolean training) { return featureAlphaDropout(x, p, training, false); }
}
