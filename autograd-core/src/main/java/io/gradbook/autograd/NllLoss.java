// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

/**
 * {@code F.nll_loss} for input (C) or (N, C) as PyTorch 1.13's CPU kernels compute it (LossNLL.cpp), on the
 * tensors' own float32/float64 arrays: the reduced loss and the summed weight go through the kernel's 8-level
 * cascade (a level flushes upward after every 16th counted row; ignored rows neither add nor flush), in the
 * input's dtype; the mean divides the loss by the summed weight (or the count of counted rows) once. The backward
 * writes {@code -(grad / total_weight) * w[t]} (or {@code -w[t] * grad_i}) at each counted row's target into
 * zeros, recorded as its own op so that create_graph differentiates it again ({@code NllLossBackwardBackward0}).
 */
final class NllLoss {
    private NllLoss() {}

    private static final int LEVELS = 8;
    /** CeilLog2(batch) / 8 is below 4 for every batch an int can count, so the level width is always 2^4. */
    private static final int LEVEL_MASK = 15, LEVEL_POWER = 4;

    /** What the forward found, kept for the backward. */
    private static final class Plan {
        int batch, classes;
        boolean batched;
        String reduction;
        /** Each row's target, or -1 where the row is ignored. */
        int[] target;
        /** The class weights in the input's dtype (float32 values held exactly in a double), or null. */
        double[] weight;
        /** The summed weight (the divisor of the mean) in the input's dtype. */
        double totalWeight;
        DType dtype;
        int[] inputShape;
    }

    static Tensor apply(Tensor input, Tensor target, Tensor weight, long ignoreIndex, String reduction) {
        if (input.dim() < 1) throw new TorchException.ValueError("Expected 1 or more dimensions (got " + input.dim() + ")");
        if (input.dim() > 2) return applyNd(input, target, weight, ignoreIndex, reduction);
        Plan p = plan(input, target, weight, ignoreIndex, reduction);
        Tensor out = p.dtype != DType.FLOAT64 ? forwardFloat(input, p) : forwardDouble(input, p);
        if (p.dtype != DType.FLOAT32 && p.dtype != DType.FLOAT64) out = out.to(p.dtype);
        // self is saved as PyTorch saves it: under create_graph it is nll_loss_backward's second input
        return Graph.record("NllLossBackward0", out, new Tensor[] {input}, new Tensor[] {input}, false, (g, s, n) -> new Tensor[] {backward(g, s[0], p)});
    }

    /**
     * 1.13's nll_loss_nd for (N, C, d1, ...): nll_loss2d over {@code input.contiguous().view(n, c, 1, -1)} (a 4-D
     * input as it is), whose kernel walks the (b, position) pairs in order with the same cascade and mean as the
     * 2-D kernel's rows; so the rows here are the input moved to [(b, position), class], and the 2-D kernels run on
     * them. Node NllLoss2DBackward0 (its output [n, 1, m] viewed back to [n, d1, ...] for reduction "none" unless the
     * input is 4-D: ViewBackward0); under create_graph its gradient is NllLoss2DBackwardBackward0.
     */
    private static Tensor applyNd(Tensor input, Tensor target, Tensor weight, long ignoreIndex, String reduction) {
        int[] shape = input.shapeArray().clone();
        int n = shape[0], c = shape[1], m = 1;
        for (int d = 2; d < shape.length; d++) m *= shape[d];
        int[] outSize = new int[shape.length - 1];
        outSize[0] = n;
        System.arraycopy(shape, 2, outSize, 1, shape.length - 2);
        if (target.dim() > 1 && target.size(0) != n) {
            throw new TorchException.ValueError("Expected input batch_size (" + n + ") to match target batch_size (" + target.size(0) + ").");
        }
        boolean fourD = shape.length == 4;
        if (fourD && target.dim() != 3) {
            throw new TorchException.RuntimeError("only batches of spatial targets supported (3D tensors) but got targets of dimension: " + target.dim());
        }
        if (!java.util.Arrays.equals(target.shapeArray(), outSize)) {
            throw new TorchException.RuntimeError(fourD
                    ? "size mismatch (got input: " + java.util.Arrays.toString(shape) + " , target: " + java.util.Arrays.toString(target.shapeArray())
                    : "Expected target size " + java.util.Arrays.toString(outSize) + ", got " + java.util.Arrays.toString(target.shapeArray()));
        }
        final int nm = n * m, batchN = n, classes = c, positions = m;
        Tensor rows, targets;
        try (var ignored = GradMode.set(false)) {
            rows = input.detach().reshape(n, c, m).transpose(1, 2).reshape(nm, c);
            targets = target.reshape(nm);
        }
        Plan p = plan(rows, targets, weight, ignoreIndex, reduction);
        Tensor out = p.dtype != DType.FLOAT64 ? forwardFloat(rows, p) : forwardDouble(rows, p);
        if (p.dtype != DType.FLOAT32 && p.dtype != DType.FLOAT64) out = out.to(p.dtype);
        boolean none = reduction.equals("none");
        if (none) out = out.reshape(fourD ? outSize : new int[] {n, 1, m});
        // self is saved as PyTorch saves it: under create_graph it is nll_loss2d_backward's second input
        Tensor node = Graph.record("NllLoss2DBackward0", out, new Tensor[] {input}, new Tensor[] {input}, false, (g, s, nd) -> {
            int[] gShape = g.shapeArray().clone();
            // derivatives.yaml's nll_loss2d_backward: grad_output's gradient is nll_loss2d(grad, target, weight,
            // reduction, ignore_index), self's zeros_like(grad); without it a create_graph first gradient did not
            // depend on grad_output, and second gradients through it were silently wrong (fuzz more 5881)
            return new Tensor[] {BackwardOp.record("NllLoss2DBackwardBackward0", new Tensor[] {g, s[0]}, new Tensor[0],
                    () -> backwardKernel(none ? g.reshape(nm) : g, p).reshape(batchN, positions, classes).transpose(1, 2).contiguous().reshape(shape),
                    (gg, s2, n2) -> new Tensor[] {
                        n2[0] ? applyNd(gg, target, weight, ignoreIndex, reduction).reshape(gShape) : null,
                        n2[1] ? PointwiseOps.zerosLike(gg) : null})};
        });
        return none && !fourD ? ViewOps.view(node, outSize) : node;
    }

    /** The checks, targets and weights of a (C) or (N, C) input, as nll_loss_out_frame reads them. */
    private static Plan plan(Tensor input, Tensor target, Tensor weight, long ignoreIndex, String reduction) {
        if (target.isFloatingPoint()) throw new TorchException.RuntimeError("expected scalar type Long but found " + scalarName(target.dtype()));
        if (!input.isFloatingPoint()) throw new TorchException.RuntimeError("\"nll_loss_out_frame\" not implemented for '" + scalarName(input.dtype()) + "'");
        Plan p = new Plan();
        p.batched = input.dim() == 2;
        p.batch = p.batched ? input.size(0) : 1;
        p.classes = input.size(-1);
        p.reduction = reduction;
        p.dtype = input.dtype();
        p.inputShape = input.shapeArray().clone();
        if (target.numel() != p.batch) throw new TorchException.ValueError("Expected input batch_size (" + p.batch + ") to match target batch_size (" + target.numel() + ").");
        if (weight != null && weight.numel() != p.classes) {
            throw new TorchException.RuntimeError("weight tensor should be defined either for all " + p.classes + " classes or no classes but got weight tensor of shape: " + Shape.torchSize(weight.shapeArray()).replace("torch.Size(", "").replace(")", ""));
        }
        long[] tv = target.toLongArray();
        p.target = new int[p.batch];
        for (int i = 0; i < p.batch; i++) {
            long t = tv[i];
            if (t == ignoreIndex) { p.target[i] = -1; continue; }
            if (t < 0 || t >= p.classes) throw new TorchException.IndexError("Target " + t + " is out of bounds.");
            p.target[i] = (int) t;
        }
        boolean f32 = p.dtype != DType.FLOAT64;
        if (weight != null) {
            double[] w = weight.contiguous().toDoubleArray();
            if (f32) for (int i = 0; i < w.length; i++) w[i] = (float) w[i];
            p.weight = w;
        }
        return p;
    }

    private static Tensor forwardFloat(Tensor input, Plan p) {
        Tensor in32 = input.dtype() == DType.FLOAT32 ? input : input.detach().to(DType.FLOAT32);
        float[] x = Elementwise.contiguousFloats(in32);
        int n = p.batch, c = p.classes;
        if (p.reduction.equals("none") && p.batched) {
            float[] o = new float[n];
            for (int i = 0; i < n; i++) {
                int t = p.target[i];
                if (t < 0) continue; // +0.0
                o[i] = -x[i * c + t] * (p.weight == null ? 1f : (float) p.weight[t]);
            }
            p.totalWeight = 0;
            return Tensor.wrap(new Storage.FloatStorage(o), new int[] {n});
        }
        float value;
        if (n == 0) {
            value = p.reduction.equals("mean") ? Float.NaN : 0f;
            p.totalWeight = 0;
        } else {
            float[] loss = new float[LEVELS], wsum = new float[LEVELS];
            int ignored = 0;
            for (int b = 0; b < n; b++) {
                int t = p.target[b];
                if (t < 0) { ignored++; continue; }
                float d = x[b * c + t];
                if (p.weight != null) {
                    float w = (float) p.weight[t];
                    loss[0] -= d * w;
                    wsum[0] += w;
                } else {
                    loss[0] -= d;
                }
                for (int j = 0; j + 1 < LEVELS; j++) {
                    if ((b & (LEVEL_MASK << (j * LEVEL_POWER))) != 0) break;
                    wsum[j + 1] += wsum[j];
                    loss[j + 1] += loss[j];
                    wsum[j] = 0;
                    loss[j] = 0;
                }
            }
            float total = 0, out = 0;
            if (p.weight == null) total = (float) (n - ignored);
            else for (float w : wsum) total += w;
            for (float l : loss) out += l;
            if (p.reduction.equals("mean")) out /= total;
            value = out;
            p.totalWeight = total;
        }
        return Tensor.wrap(new Storage.FloatStorage(new float[] {value}), Shape.SCALAR);
    }

    private static Tensor forwardDouble(Tensor input, Plan p) {
        double[] x = Elementwise.contiguousDoubles(input);
        int n = p.batch, c = p.classes;
        if (p.reduction.equals("none") && p.batched) {
            double[] o = new double[n];
            for (int i = 0; i < n; i++) {
                int t = p.target[i];
                if (t < 0) continue;
                o[i] = -x[i * c + t] * (p.weight == null ? 1.0 : p.weight[t]);
            }
            return Tensor.wrap(new Storage.DoubleStorage(o), new int[] {n});
        }
        double value;
        if (n == 0) {
            value = p.reduction.equals("mean") ? Double.NaN : 0.0;
        } else {
            double[] loss = new double[LEVELS], wsum = new double[LEVELS];
            int ignored = 0;
            for (int b = 0; b < n; b++) {
                int t = p.target[b];
                if (t < 0) { ignored++; continue; }
                double d = x[b * c + t];
                if (p.weight != null) {
                    loss[0] -= d * p.weight[t];
                    wsum[0] += p.weight[t];
                } else {
                    loss[0] -= d;
                }
                for (int j = 0; j + 1 < LEVELS; j++) {
                    if ((b & (LEVEL_MASK << (j * LEVEL_POWER))) != 0) break;
                    wsum[j + 1] += wsum[j];
                    loss[j + 1] += loss[j];
                    wsum[j] = 0;
                    loss[j] = 0;
                }
            }
            double total = 0, out = 0;
            if (p.weight == null) total = n - ignored;
            else for (double w : wsum) total += w;
            for (double l : loss) out += l;
            if (p.reduction.equals("mean")) out /= total;
            value = out;
            p.totalWeight = total;
        }
        return Tensor.wrap(new Storage.DoubleStorage(new double[] {value}), Shape.SCALAR);
    }

    /** nll_loss_backward(grad, ...): zeros with each counted row's gradient at its target. */
    private static Tensor backward(Tensor g, Tensor self, Plan p) {
        Tensor out;
        try (var ignored = GradMode.set(false)) {
            out = backwardKernel(g, p);
        }
        // derivatives.yaml: grad_output's gradient is nll_loss(grad, ...), self's zeros_like(grad)
        return Graph.record("NllLossBackwardBackward0", out, new Tensor[] {g, self}, new Tensor[0], false,
                (gg, s, n) -> new Tensor[] {n[0] ? doubleBackward(gg, p) : null, n[1] ? PointwiseOps.zerosLike(gg) : null});
    }

    private static Tensor backwardKernel(Tensor g, Plan p) {
        int n = p.batch, c = p.classes;
        boolean none = p.reduction.equals("none") && p.batched;
        boolean f32 = p.dtype != DType.FLOAT64;
        double[] gv = g.contiguous().toDoubleArray();
        Tensor r;
        if (f32) {
            // at::zeros_like then the scatter, as PyTorch: zeroed here in one pass over an array that may be recycled
            // (warm in cache) rather than a fresh one the JVM zeroes cold; fresh either way, so backward owns it
            Storage.FloatStorage zeros = (Storage.FloatStorage) Storage.allocateForWrite(DType.FLOAT32, n * c);
            float[] o = zeros.a;
            zero(o);
            float grad = 0;
            if (!none) {
                float go = (float) gv[0];
                grad = -(p.reduction.equals("mean") ? go / (float) p.totalWeight : go);
            }
            for (int i = 0; i < n; i++) {
                int t = p.target[i];
                if (t < 0) continue;
                if (none) o[i * c + t] = -(p.weight == null ? 1f : (float) p.weight[t]) * (float) gv[i];
                else o[i * c + t] = p.weight != null ? (float) p.weight[t] * grad : grad;
            }
            r = Tensor.wrap(zeros, p.inputShape.clone());
            if (p.dtype != DType.FLOAT32) r = r.to(p.dtype);
        } else {
            Storage.DoubleStorage zeros = (Storage.DoubleStorage) Storage.allocateForWrite(DType.FLOAT64, n * c);
            double[] o = zeros.a;
            zero(o);
            double grad = 0;
            if (!none) grad = -(p.reduction.equals("mean") ? gv[0] / p.totalWeight : gv[0]);
            for (int i = 0; i < n; i++) {
                int t = p.target[i];
                if (t < 0) continue;
                if (none) o[i * c + t] = -(p.weight == null ? 1.0 : p.weight[t]) * gv[i];
                else o[i * c + t] = p.weight != null ? p.weight[t] * grad : grad;
            }
            r = Tensor.wrap(zeros, p.inputShape.clone());
        }
        return r;
    }

    /**
     * Zeros by a plain loop, which C2 compiles to vector stores: {@code Arrays.fill} is JDK code, which the kernel's
     * compiler directives keep on C1 and C2 then will not inline (a scalar loop: 0.18-0.23 ms for 512x1000).
     */
    private static void zero(float[] a) {
        for (int i = 0; i < a.length; i++) a[i] = 0f;
    }

    private static void zero(double[] a) {
        for (int i = 0; i < a.length; i++) a[i] = 0.0;
    }

    /**
     * The gradient of nll_loss_backward with respect to its grad: derivatives.yaml's
     * {@code nll_loss(grad, target, weight, reduction, ignore_index)}, the forward kernel itself (its cascade and, for
     * the mean, one division by the summed weight at the end), not a masked product and a sum: those round otherwise
     * (the grad output's second gradient of label-smoothed cross entropy was 1-2 ulp off in 5 of 24 cases). Rows the
     * forward ignored carry target -1 here, ignored again by ignore_index -1; the weights are the forward's (in the
     * input's dtype). Recorded as the op it is (NllLossBackward0), so a third derivative goes on through it.
     */
    private static Tensor doubleBackward(Tensor gg, Plan p) {
        long[] t = new long[p.batch];
        for (int i = 0; i < p.batch; i++) t[i] = p.target[i];
        Tensor target = Tensor.wrap(new Storage.LongStorage(t), new int[] {p.batch});
        Tensor weight = p.weight == null ? null : Tensor.wrap(p.weight.clone(), new int[] {p.classes}, p.dtype);
        return apply(gg, target, weight, -1, p.reduction);
    }

    static String scalarName(DType d) {
        String n = d.legacyTypeName(); // torch.FloatTensor: PyTorch's scalar type name is Float
        n = n.substring(n.lastIndexOf('.') + 1);
        return n.endsWith("Tensor") ? n.substring(0, n.length() - "Tensor".length()) : n;
    }
}
