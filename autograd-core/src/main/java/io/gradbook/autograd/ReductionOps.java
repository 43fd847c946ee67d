// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

/** Reductions (sum, mean, var, std, norm, max, min), whole-tensor and per-dim, with their gradient rules. */
final class ReductionOps {
    private ReductionOps() {}

    static boolean[] dimsMask(int rank, int[] dims) {
        boolean[] mask = new boolean[rank];
        if (dims == null || dims.length == 0) {
            java.util.Arrays.fill(mask, true);
            return mask;
        }
        for (int d : dims) {
            int w = Shape.wrapDim(d, rank);
            if (rank == 0) continue;
            if (mask[w]) throw new TorchException.RuntimeError("dim " + w + " appears multiple times in the list of dims");
            mask[w] = true;
        }
        return mask;
    }

    private static int count(int[] shape, boolean[] mask) {
        int n = 1;
        for (int d = 0; d < shape.length; d++) if (mask[d]) n *= shape[d];
        return n;
    }

    /** Brings a reduced gradient back to the input's shape: unsqueeze the dropped dims, then expand. */
    static Tensor expandBack(Tensor g, int[] inputShape, boolean[] mask, boolean keepdim) {
        Tensor r = g;
        if (!keepdim) {
            for (int d = 0; d < inputShape.length; d++) if (mask[d]) r = r.unsqueeze(d);
        }
        return r.expand(inputShape);
    }

    private static DType sumType(DType t) {
        return t.isFloatingPoint() ? t : DType.INT64;
    }

    static Tensor sum(Tensor a) {
        int[] shape = a.shapeArray().clone();
        Tensor out = SumKernels.sum(a, dimsMask(a.dim(), null), false, sumType(a.dtype()), false);
        return Graph.record("SumBackward0", out, new Tensor[] {a}, null, false, (g, s, n) -> new Tensor[] {g.expand(shape)});
    }

    static Tensor sum(Tensor a, int[] dims, boolean keepdim) {
        int[] shape = a.shapeArray().clone();
        boolean[] mask = dimsMask(a.dim(), dims);
        Tensor out = SumKernels.sum(a, mask, keepdim, sumType(a.dtype()), false);
        return Graph.record("SumBackward1", out, new Tensor[] {a}, null, false,
                (g, s, n) -> new Tensor[] {expandBack(g, shape, mask, keepdim)});
    }

    private static void requireFloat(Tensor a, String op) {
        if (!a.dtype().isFloatingPoint()) {
            throw new TorchException.RuntimeError(op + "(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: " + TensorPrinter.typeName(a.dtype()));
        }
    }

    static Tensor mean(Tensor a) {
        requireFloat(a, "mean");
        int[] shape = a.shapeArray().clone();
        int n = a.numel();
        Tensor out = SumKernels.sum(a, dimsMask(a.dim(), null), false, a.dtype(), true);
        return Graph.record("MeanBackward0", out, new Tensor[] {a}, null, false, (g, s, nd) -> new Tensor[] {g.expand(shape).div((double) n)});
    }

    static Tensor mean(Tensor a, int[] dims, boolean keepdim) {
        requireFloat(a, "mean");
        int[] shape = a.shapeArray().clone();
        boolean[] mask = dimsMask(a.dim(), dims);
        int n = count(shape, mask);
        Tensor out = SumKernels.sum(a, mask, keepdim, a.dtype(), true);
        return Graph.record("MeanBackward1", out, new Tensor[] {a}, null, false,
                (g, s, nd) -> new Tensor[] {expandBack(g, shape, mask, keepdim).div((double) n)});
    }

    private static double variance(double[] v, int from, int count, int correction) {
        double mean = Kernels.sum(v, from, count) / count;
        double acc = 0;
        for (int i = from; i < from + count; i++) acc += (v[i] - mean) * (v[i] - mean);
        return acc / Math.max(count - correction, 0);
    }

    /** var / std with Bessel's correction (unbiased, PyTorch's default) or without; dims null for all. */
    static Tensor varStd(Tensor a, int[] dims, boolean unbiased, boolean keepdim, boolean std) {
        return varStd(a, dims, unbiased ? 1 : 0, keepdim, std);
    }

    /** var / std dividing by n - correction (PyTorch 1.13's {@code correction=} argument; unbiased is 1). */
    static Tensor varStd(Tensor a, int[] dims, int correction, boolean keepdim, boolean std) {
        requireFloat(a, std ? "std" : "var");
        int[] shape = a.shapeArray().clone();
        boolean[] mask = dimsMask(a.dim(), dims);
        int n = count(shape, mask);
        // float32/float64: PyTorch's kernels on the storage (VarStd); other dtypes through the double values
        Tensor out = VarStd.compute(a, mask, correction, keepdim, std);
        if (out == null) out = Kernels.reduce(a, mask, keepdim, a.dtype(), (v, f, c) -> {
            double var = variance(v, f, c, correction);
            return std ? Math.sqrt(var) : var;
        });
        boolean all = dims == null;
        return Graph.record(std ? "StdBackward0" : "VarBackward0", out, new Tensor[] {a}, new Tensor[] {a}, std, (g, s, nd) -> {
            Tensor x = s[0];
            Tensor centered = x.sub(all ? x.mean() : x.mean(dims, true));
            Tensor gk = all ? g.expand(shape) : expandBack(g, shape, mask, keepdim);
            double denom = Math.max(n - correction, 0);
            if (!std) return new Tensor[] {gk.mul(centered).mul(2.0 / denom)};
            Tensor result = all ? s[1].expand(shape) : expandBack(s[1], shape, mask, keepdim);
            return new Tensor[] {gk.mul(centered).div(result.mul(denom))};
        });
    }

    /** The p-norm over all elements or over dims: node NormBackward1 (PyTorch's name for every norm call). */
    static Tensor norm(Tensor a, double p, int[] dims, boolean keepdim) {
        return norm(a, p, dims, keepdim, "NormBackward1");
    }

    static Tensor norm(Tensor a, double p, int[] dims, boolean keepdim, String name) {
        requireFloat(a, "linalg.vector_norm");
        int[] shape = a.shapeArray().clone();
        boolean[] mask = dimsMask(a.dim(), dims);
        // the 2-norm of float32/float64: PyTorch's kernel on the storage (NormTwo); other p and dtypes in double
        Tensor out = p == 2 ? NormTwo.compute(a, mask, keepdim) : null;
        if (out == null) out = Kernels.reduce(a, mask, keepdim, a.dtype(), (v, f, c) -> pnorm(v, f, c, p));
        return Graph.record(name, out, new Tensor[] {a}, new Tensor[] {a}, true, (g, s, nd) -> {
            Tensor x = s[0];
            Tensor norm = expandBack(s[1], shape, mask, keepdim);
            Tensor gk = expandBack(g, shape, mask, keepdim);
            Tensor grad;
            if (p == 2) {
                grad = x.mul(gk.div(norm));
            } else if (p == 1) {
                grad = x.sign().mul(gk);
            } else if (Double.isInfinite(p)) {
                Tensor isExtreme = x.abs().eq(norm);
                grad = x.sign().mul(gk).mul(isExtreme).div(isExtreme.sum(dims == null ? null : dims, true).expand(shape));
            } else {
                grad = x.mul(x.abs().pow(p - 2)).mul(gk).div(norm.pow(p - 1));
            }
            // a zero norm has gradient 0 (PyTorch masks the 0/0)
            return new Tensor[] {where(norm.eq(0.0), PointwiseOps.zerosLike(grad), grad)};
        });
    }

    private static Tensor where(Tensor c, Tensor a, Tensor b) {
        return PointwiseOps.where(c, a, b);
    }

    private static double pnorm(double[] v, int from, int count, double p) {
        if (Double.isInfinite(p)) {
            double m = p > 0 ? 0 : Double.POSITIVE_INFINITY;
            for (int i = from; i < from + count; i++) m = p > 0 ? Math.max(m, Math.abs(v[i])) : Math.min(m, Math.abs(v[i]));
            return m;
        }
        if (p == 0) {
            double nz = 0;
            for (int i = from; i < from + count; i++) if (v[i] != 0) nz++;
            return nz;
        }
        if (p == 2) {
            double acc = 0;
            for (int i = from; i < from + count; i++) acc += v[i] * v[i];
            return Math.sqrt(acc);
        }
        double acc = 0;
        for (int i = from; i < from + count; i++) acc += Math.pow(Math.abs(v[i]), p);
        return Math.pow(acc, 1 / p);
    }

    /** max() / min() of all elements: nodes MaxBackward1 / MinBackward1, gradient shared evenly among ties. */
    static Tensor extreme(Tensor a, boolean max) {
        if (a.numel() == 0) {
            throw new TorchException.RuntimeError((max ? "max" : "min") + "(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.");
        }
        int[] shape = a.shapeArray().clone();
        Tensor out = Kernels.reduce(a, dimsMask(a.dim(), null), false, a.dtype(), (v, f, c) -> extremeOf(v, f, c, max));
        return Graph.record(max ? "MaxBackward1" : "MinBackward1", out, new Tensor[] {a}, new Tensor[] {a}, true, (g, s, n) -> {
            Tensor hit = s[0].eq(s[1].expand(shape));
            return new Tensor[] {hit.mul(g.div(hit.sum()))};
        });
    }

    private static double extremeOf(double[] v, int from, int count, boolean max) {
        double m = v[from];
        for (int i = from; i < from + count; i++) {
            if (Double.isNaN(v[i])) return v[i];
            if (max ? v[i] > m : v[i] < m) m = v[i];
        }
        return m;
    }

    /** max(dim) / min(dim): (values, indices); values carry node MaxBackward0 / MinBackward0. */
    static Tensor[] extremeDim(Tensor a, int dim, boolean keepdim, boolean max) {
        int d = Shape.wrapDim(dim, a.dim());
        int[] shape = a.shapeArray().clone();
        boolean[] mask = new boolean[Math.max(a.dim(), 0)];
        if (a.dim() > 0) mask[d] = true;
        Tensor values = Kernels.reduce(a, mask, keepdim, a.dtype(), (v, f, c) -> extremeOf(v, f, c, max));
        Tensor indices = Kernels.reduce(a, mask, keepdim, DType.INT64, (v, f, c) -> {
            int best = 0;
            for (int i = 0; i < c; i++) {
                if (Double.isNaN(v[f + i])) return i;
                if (max ? v[f + i] > v[f + best] : v[f + i] < v[f + best]) best = i;
            }
            return best;
        });
        Graph.recordMulti(max ? "MaxBackward0" : "MinBackward0", new Tensor[] {values, null}, new Tensor[] {a}, new Tensor[] {indices}, false,
                (grads, s, n) -> new Tensor[] {IndexingOps.scatterAlong(grads[0], s[0], shape, d, keepdim)});
        return new Tensor[] {values, indices};
    }
}
