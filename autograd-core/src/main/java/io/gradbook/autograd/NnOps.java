// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import io.gradbook.autograd.math.Float32Softmax;
import io.gradbook.autograd.math.Float64Softmax;

/**
 * The {@code torch.nn.functional} ops the course uses: softmax, log_softmax, the losses (mean reduction, PyTorch's
 * default) and linear, each with PyTorch's node name and gradient rule.
 */
final class NnOps {
    private NnOps() {}

    private static final Tensor[] NONE = new Tensor[0];

    private static Tensor softmaxKernel(Tensor x, int dim, boolean log) {
        int d = Shape.wrapDim(dim, x.dim());
        int rank = x.dim();
        // PyTorch views a 0-dim input as one element along the last dim: exp(x - max) / sum, NaN for NaN or +-inf
        if (rank == 0 && x.dtype().isFloatingPoint()) return softmaxKernel(x.detach().reshape(1), 0, log).reshape(new int[0]);
        if (x.dtype() == DType.FLOAT32 && rank > 0) {
            // PyTorch's float32 kernels over the (outer, dim, inner) layout; the last-dim kernel when dim is last
            int[] s = x.shapeArray();
            int outer = 1, inner = 1;
            for (int i = 0; i < d; i++) outer *= s[i];
            for (int i = d + 1; i < rank; i++) inner *= s[i];
            // every element is written by the kernel: an unzeroed or recycled array (Storage.allocateForWrite)
            float[] src = Elementwise.contiguousFloats(x);
            Storage.FloatStorage out = (Storage.FloatStorage) Storage.allocateForWrite(DType.FLOAT32, src.length);
            if (src.length > 0) {
                if (log) Float32Softmax.logSoftmax(src, 0, out.a, 0, outer, s[d], inner, d == rank - 1);
                else Float32Softmax.softmax(src, 0, out.a, 0, outer, s[d], inner, d == rank - 1);
            }
            return Tensor.wrap(out, s.clone());
        }
        if (x.dtype() == DType.FLOAT64 && rank > 0) {
            // PyTorch's float64 kernels, the same layout and choice of kernel (Float64Softmax)
            int[] s = x.shapeArray();
            int outer = 1, inner = 1;
            for (int i = 0; i < d; i++) outer *= s[i];
            for (int i = d + 1; i < rank; i++) inner *= s[i];
            double[] src = Elementwise.contiguousDoubles(x);
            Storage.DoubleStorage out = (Storage.DoubleStorage) Storage.allocateForWrite(DType.FLOAT64, src.length);
            if (src.length > 0) {
                if (log) Float64Softmax.logSoftmax(src, 0, out.a, 0, outer, s[d], inner, d == rank - 1);
                else Float64Softmax.softmax(src, 0, out.a, 0, outer, s[d], inner, d == rank - 1);
            }
            return Tensor.wrap(out, s.clone());
        }
        int[] perm = new int[Math.max(rank, 1)];
        if (rank == 0) return Kernels.map(x, x.dtype(), v -> log ? 0 : 1);
        for (int i = 0, k = 0; i < rank; i++) if (i != d) perm[k++] = i;
        perm[rank - 1] = d;
        double[] v = Kernels.permutedValues(x, perm);
        int len = x.size(d), groups = len == 0 ? 0 : v.length / len;
        double[] r = new double[v.length];
        for (int g = 0; g < groups; g++) {
            int o = g * len;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < len; i++) max = Math.max(max, v[o + i]);
            double sum = 0;
            for (int i = 0; i < len; i++) sum += Math.exp(v[o + i] - max);
            double logSum = Math.log(sum);
            for (int i = 0; i < len; i++) r[o + i] = log ? v[o + i] - max - logSum : Math.exp(v[o + i] - max) / sum;
        }
        int[] permShape = new int[rank];
        for (int i = 0; i < rank; i++) permShape[i] = x.size(perm[i]);
        int[] inverse = new int[rank];
        for (int i = 0; i < rank; i++) inverse[perm[i]] = i;
        Tensor permuted = Tensor.wrap(r, permShape, x.dtype());
        double[] back = Kernels.permutedValues(permuted, inverse);
        for (int i = 0; i < back.length; i++) back[i] = x.dtype().round(back[i]);
        return Tensor.wrap(back, x.shapeArray().clone(), x.dtype());
    }

    static Tensor softmax(Tensor x, int dim) {
        Tensor in = x.dtype().isFloatingPoint() ? x : x.to(DType.DEFAULT_FLOAT);
        int d = Shape.wrapDim(dim, x.dim());
        return Graph.record("SoftmaxBackward0", softmaxKernel(in, d, false), new Tensor[] {in}, NONE, true, (g, s, n) -> {
            return new Tensor[] {softmaxBackwardData(g, s[0], d)};
        });
    }

    static Tensor logSoftmax(Tensor x, int dim) {
        Tensor in = x.dtype().isFloatingPoint() ? x : x.to(DType.DEFAULT_FLOAT);
        int d = Shape.wrapDim(dim, x.dim());
        return Graph.record("LogSoftmaxBackward0", softmaxKernel(in, d, true), new Tensor[] {in}, NONE, true, (g, s, n) -> {
            return new Tensor[] {logSoftmaxBackwardData(g, s[0], d)};
        });
    }

    /**
     * The backward kernels as their own ops, as PyTorch records them: {@code y * (g - sum(g * y))} for softmax,
     * {@code g - exp(y) * sum(g)} for log_softmax, over {@code dim}; float32 by PyTorch's kernels bit for bit
     * ({@link Float32Softmax#softmaxBackward}), float64 likewise ({@link Float64Softmax}), other dtypes by the plain formula.
     */
    private static Tensor backwardKernel(Tensor g, Tensor y, int d, boolean log) {
        int rank = y.dim();
        if (g.dtype() == DType.FLOAT32 && y.dtype() == DType.FLOAT32 && java.util.Arrays.equals(g.shapeArray(), y.shapeArray())) {
            int[] s = y.shapeArray();
            int outer = 1, inner = 1, size = rank == 0 ? 1 : s[d];
            for (int i = 0; i < d; i++) outer *= s[i];
            for (int i = d + 1; i < rank; i++) inner *= s[i];
            // written in full by the kernel, so unzeroed or recycled; and fresh, so backward may own and recycle it
            float[] gv = Elementwise.contiguousFloats(g), yv = Elementwise.contiguousFloats(y);
            Storage.FloatStorage out = (Storage.FloatStorage) Storage.allocateForWrite(DType.FLOAT32, yv.length);
            float[] dst = out.a;
            if (dst.length > 0) {
                boolean last = rank == 0 || d == rank - 1; // a 0-dim grad is viewed as one element along the last dim
                if (log) Float32Softmax.logSoftmaxBackward(gv, 0, yv, 0, dst, 0, outer, size, inner, last);
                else Float32Softmax.softmaxBackward(gv, 0, yv, 0, dst, 0, outer, size, inner, last);
            }
            return Tensor.wrap(out, s.clone());
        }
        if (g.dtype() == DType.FLOAT64 && y.dtype() == DType.FLOAT64 && java.util.Arrays.equals(g.shapeArray(), y.shapeArray())) {
            int[] s = y.shapeArray();
            int outer = 1, inner = 1, size = rank == 0 ? 1 : s[d];
            for (int i = 0; i < d; i++) outer *= s[i];
            for (int i = d + 1; i < rank; i++) inner *= s[i];
            double[] gv = Elementwise.contiguousDoubles(g), yv = Elementwise.contiguousDoubles(y);
            Storage.DoubleStorage out = (Storage.DoubleStorage) Storage.allocateForWrite(DType.FLOAT64, yv.length);
            double[] dst = out.a;
            if (dst.length > 0) {
                boolean last = rank == 0 || d == rank - 1;
                if (log) Float64Softmax.logSoftmaxBackward(gv, 0, yv, 0, dst, 0, outer, size, inner, last);
                else Float64Softmax.softmaxBackward(gv, 0, yv, 0, dst, 0, outer, size, inner, last);
            }
            return Tensor.wrap(out, s.clone());
        }
        int[] dims = rank == 0 ? new int[0] : new int[] {d};
        g = g.detach();
        y = y.detach();
        Tensor r = log ? g.sub(y.exp().mul(g.sum(dims, true))) : y.mul(g.sub(g.mul(y).sum(dims, true)));
        return r;
    }

    /** _softmax_backward_data(grad_output, output, dim); its own backward is SoftmaxBackwardDataBackward0. */
    static Tensor softmaxBackwardData(Tensor gradOutput, Tensor output, int dim) {
        Tensor out;
        try (var ignored = GradMode.set(false)) {
            out = backwardKernel(gradOutput, output, dim, false);
        }
        return Graph.record("SoftmaxBackwardDataBackward0", out, new Tensor[] {gradOutput, output}, new Tensor[] {gradOutput, output}, false, (gg, s, n) -> {
            Tensor go = s[0], y = s[1];
            int[] dims = {dim};
            return new Tensor[] {
                n[0] ? softmaxBackwardData(gg, y, dim) : null,
                // 1.13's softmax_double_backward, in its order: go * gg - (y * go).sum(dim) * gg - go * (y * gg).sum(dim)
                n[1] ? go.mul(gg).sub(y.mul(go).sum(dims, true).mul(gg)).sub(go.mul(y.mul(gg).sum(dims, true))) : null};
        });
    }

    /** _log_softmax_backward_data(grad_output, output, dim); its own backward is LogSoftmaxBackwardDataBackward0. */
    static Tensor logSoftmaxBackwardData(Tensor gradOutput, Tensor output, int dim) {
        Tensor out;
        try (var ignored = GradMode.set(false)) {
            out = backwardKernel(gradOutput, output, dim, true);
        }
        return Graph.record("LogSoftmaxBackwardDataBackward0", out, new Tensor[] {gradOutput, output}, new Tensor[] {gradOutput, output}, false, (gg, s, n) -> {
            Tensor go = s[0], y = s[1];
            int[] dims = {dim};
            return new Tensor[] {
                n[0] ? gg.sub(gg.mul(y.exp()).sum(dims, true)) : null,
                n[1] ? go.sum(dims, true).neg().mul(y.exp()).mul(gg) : null};
        });
    }

    static Tensor binaryCrossEntropyWithLogits(Tensor x, Tensor y) {
        return PointwiseLosses.binaryCrossEntropyWithLogits(x, y, null, "mean", null);
    }

    static Tensor binaryCrossEntropy(Tensor p, Tensor y) {
        return PointwiseLosses.binaryCrossEntropy(p, y, null, "mean");
    }

    static Tensor mseLoss(Tensor x, Tensor y) {
        return PointwiseLosses.mseLoss(x, y, "mean");
    }

    static Tensor l1Loss(Tensor x, Tensor y) {
        return x.sub(y).abs().mean();
    }

    /** Mean negative log likelihood over a batch of log-probabilities (N x C) and class labels (N): {@link NllLoss}. */
    static Tensor nllLoss(Tensor logp, Tensor labels) {
        return NllLoss.apply(logp, labels, null, -100, "mean");
    }

    static Tensor crossEntropy(Tensor logits, Tensor labels) {
        return nllLoss(logSoftmax(logits, logits.dim() == 1 ? 0 : 1), labels);
    }

    /** {@code x @ w.T + b}: for 2-D input with bias PyTorch records one AddmmBackward0 node. */
    static Tensor linear(Tensor x, Tensor w, Tensor b) {
        if (b != null && x.dim() == 2) return LinalgOps.addmm(b, x, w.t());
        if (b != null && x.dim() == 3 && x.isContiguous()) {
            // 1.13's fused path for a contiguous 3-D input: addmm over its [n * l, k] view, viewed back (ViewBackward0;
            // the bias added inside the product, as for 2-D: fuzz cases more 971, 975)
            int[] s = x.shapeArray();
            Tensor r = LinalgOps.addmm(b, x.view(s[0] * s[1], s[2]), w.t());
            return r.view(s[0], s[1], r.size(1));
        }
        // matmul, then the bias added in place (1.13's output.add_(bias): the result's version is 1, or 2 for a 1-D
        // input, whose [1, n] product matmul squeezes in place)
        Tensor y = x.matmul(w.t());
        return b == null ? y : y.add_(b);
    }
}
