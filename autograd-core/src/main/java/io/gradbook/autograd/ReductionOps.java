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
        // 1.13's mean_backward divides by the count in a way its ZeroTensor kernels do not take: an efficient-zero grad
        // (sgn's gradient, say) comes out as ordinary +0.0 zeros, unlike sum's backward, which passes the ZeroTensor
        // on (measured with torch._efficientzerotensor in 1.13.1; fuzz more 5390 3537); MeanBackward1 likewise
        return Graph.record("MeanBackward0", out, new Tensor[] {a}, null, false, (g, s, nd) -> new Tensor[] {PointwiseOps.divScalarNode(EfficientZeros.materialized(g.expand(shape)), n)});
    }


    static Tensor mean(Tensor a, int[] dims, boolean keepdim) {
        requireFloat(a, "mean");
        int[] shape = a.shapeArray().clone();
        boolean[] mask = dimsMask(a.dim(), dims);
        int n = count(shape, mask);
        Tensor out = SumKernels.sum(a, mask, keepdim, a.dtype(), true);
        return Graph.record("MeanBackward1", out, new Tensor[] {a}, null, false,
                (g, s, nd) -> new Tensor[] {EfficientZeros.materialized(expandBack(g, shape, mask, keepdim)).div((double) n)});
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
        if (!a.dtype().isFloatingPoint()) throw new TorchException.RuntimeError("std and var only support floating point and complex dtypes");
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
            // the forward divides by max(n - correction, 0); var_backward by n - correction itself (negative when
            // correction > n: finite gradients where a clamp would give infinities)
            double denom = n - correction;
            // PyTorch's std_backward: grad / (result * 2), 0 where result is 0, then var_backward:
            // (2.0 / N) * grad * (self - mean), in that order (another association differs in the last bit)
            // grad unsqueezed, not expanded (var_backward's unsqueeze_multiple, for inputs of more than one dim), so
            // a double backward sums over the broadcast before its multiply by 2 / N, as PyTorch's does
            // (C++ Scalar products: MulBackward1, whose double backward multiplies a 0-dim gradient in double)
            // (masked_fill_ in place: the quotient keeps the grad's layout, which later decides the order of the sum
            // that reduces a broadcast operand's gradient; the out-of-place fill is contiguous, up to 31 ulp)
            if (std) g = g.div(PointwiseOps.mulScalarNode(s[1], 2)).maskedFill_(s[1].eq(0), 0);
            // 1.13's var_backward over all elements (no dims, or a 0-dim self) with n == correction: INFINITY * grad,
            // the grad's own shape (so, unless it is the input's, the engine's "invalid gradient" error: wide 8365)
            if ((all || shape.length == 0) && denom == 0) return new Tensor[] {PointwiseOps.mulScalarNode(g, Double.POSITIVE_INFINITY)};
            Tensor gu = all || shape.length <= 1 ? g : unsqueezeBack(g, shape, mask, keepdim);
            return new Tensor[] {PointwiseOps.mulScalarNode(gu, 2.0 / denom).mul(centered)};
        });
    }

    /** The p-norm over all elements or over dims: node NormBackward1 (PyTorch's name for every norm call). */
    static Tensor norm(Tensor a, double p, int[] dims, boolean keepdim) {
        return norm(a, p, dims, keepdim, "NormBackward1");
    }

    static Tensor norm(Tensor a, double p, int[] dims, boolean keepdim, String name) {
        if (!a.dtype().isFloatingPoint()) { // each entry point has its own text in PyTorch
            String type = TensorPrinter.typeName(a.dtype());
            throw new TorchException.RuntimeError(name.equals("LinalgVectorNormBackward0")
                    ? "linalg.vector_norm: Expected a floating point or complex tensor as input. Got " + type
                    : "norm(): input dtype should be either floating point or complex. Got " + type + " instead.");
        }
        int[] shape = a.shapeArray().clone();
        boolean[] mask = dimsMask(a.dim(), dims);
        // float32/float64: PyTorch's kernels on the storage (NormTwo for p = 2, PNormOps for the others);
        // other dtypes in double
        Tensor out = name.equals("LinalgVectorNormBackward0") ? PNormOps.vectorNormShortcut(a, p, dims, mask, keepdim) : null;
        if (out == null) out = p == 2 ? NormTwo.compute(a, mask, keepdim) : PNormOps.compute(a, p, mask, keepdim);
        if (out == null) out = Kernels.reduce(a, mask, keepdim, a.dtype(), (v, f, c) -> pnorm(v, f, c, p));
        return Graph.record(name, out, new Tensor[] {a}, new Tensor[] {a}, true, (g, s, nd) -> {
            Tensor x = s[0];
            // an efficient zero (sgn's gradient, in a double backward) passes through the formulas whose first use of
            // grad is a mul or div (ZeroTensor kernels): the input gets an efficient zero, no signed zeros
            if (EfficientZeros.is(g) && p != 0 && (Double.isInfinite(p) || p <= 1 || p == 2)) return new Tensor[] {EfficientZeros.like(x)};
            // 1.13's norm_backward unsqueezes grad and norm over the dims named (unsqueeze_multiple); with none named
            // (dim=None) they stay 0-dim, and no UnsqueezeBackward0 nodes precede the formula's under create_graph
            boolean named = dims != null && dims.length > 0;
            Tensor norm = named ? unsqueezeBack(s[1], shape, mask, keepdim) : s[1];
            Tensor gk = named ? unsqueezeBack(g, shape, mask, keepdim) : g;
            return new Tensor[] {PNormOps.backward(gk, x, p, norm, Kernels.dimsOf(mask))};
        });
    }

    /** The reduced dims put back as size 1 (unsqueeze_multiple), for broadcasting against the input. */
    static Tensor unsqueezeBack(Tensor g, int[] inputShape, boolean[] mask, boolean keepdim) {
        Tensor r = g;
        if (!keepdim) {
            for (int d = 0; d < inputShape.length; d++) if (mask[d]) r = r.unsqueeze(d);
        }
        return r;
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

    /** max() / min() of all elements: nodes MaxBackward1 / MinBackward1 (ExtremeOps). */
    static Tensor extreme(Tensor a, boolean max) {
        return ExtremeOps.all(a, max);
    }

    /** max(dim) / min(dim): (values, indices); values carry node MaxBackward0 / MinBackward0 (ExtremeOps). */
    static Tensor[] extremeDim(Tensor a, int dim, boolean keepdim, boolean max) {
        return ExtremeOps.dim(a, dim, keepdim, max);
    }
}
