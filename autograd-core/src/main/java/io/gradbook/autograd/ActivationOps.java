// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

/** The nn activations that need their own node: GELU (exact and tanh forms) and LeakyReLU. */
final class ActivationOps {
    private ActivationOps() {}

    private static final Tensor[] NONE = new Tensor[0];
    private static final double SQRT1_2 = Math.sqrt(0.5);
    /** gelu's tanh form: kBeta = M_SQRT2 * M_2_SQRTPI * 0.5 and kKappa, as ATen's (ActivationBackwards reads them too). */
    static final double K_BETA = Math.sqrt(2) * (2 / Math.sqrt(Math.PI)) * 0.5;
    static final double K_KAPPA = 0.044715;

    static Tensor leakyRelu(Tensor x, double slope) {
        // float32 multiplies by the slope rounded to float, as PyTorch's kernel does
        boolean f32 = x.dtype() == DType.FLOAT32;
        Tensor out = Kernels.map(x, x.dtype(), v -> v > 0 ? v : f32 ? (double) ((float) v * (float) slope) : v * slope);
        return Graph.record("LeakyReluBackward0", out, new Tensor[] {x}, new Tensor[] {x}, false,
                (g, s, n) -> new Tensor[] {ActivationBackwards.apply("LeakyReluBackwardBackward0", g, s[0], (gg, xs) -> PointwiseOps.where(xs.gt(0.0), gg, gg.mul(slope)), null)});
    }

    /**
     * GELU: {@code x Phi(x)} exactly ("none") or with PyTorch's tanh approximation. The gradient is the
     * derivative evaluated at the saved input (first order: a second backward through it sees a constant).
     */
    static Tensor gelu(Tensor x, String approximate) {
        boolean tanh = approximate.equals("tanh");
        if (!tanh && !approximate.equals("none")) throw new TorchException.RuntimeError("approximate argument must be either none or tanh.");
        Tensor out;
        if (tanh && x.dtype() == DType.FLOAT32) {
            // PyTorch's float32 kernel bit for bit (vector blocks of 16, scalar tail; a transposed or strided input
            // in PyTorch's runs)
            out = x.isContiguous() ? null : Float32Runs.apply(x, io.gradbook.autograd.math.Float32Gelu::geluTanh);
            // an expanded (stride-0) input in cpu_kernel_vec's runs, as MoreActivations.map (fuzz more 2659)
            if (out == null && !x.isContiguous()) out = Float32Runs.applyExpanded(x, io.gradbook.autograd.math.Float32Gelu::geluTanh);
            if (out == null) {
                float[] src = Elementwise.contiguousFloats(x), dst = new float[src.length];
                io.gradbook.autograd.math.Float32Gelu.geluTanh(src, 0, dst, 0, src.length);
                out = Tensor.wrap(new Storage.FloatStorage(dst), x.shapeArray().clone());
            }
        } else if (!tanh && x.dtype() == DType.FLOAT32 && x.isContiguous() && x.numel() > 1) {
            // PyTorch 1.13 hands this case to oneDNN's gelu_erf (use_mkldnn): its arithmetic bit for bit
            float[] src = Elementwise.contiguousFloats(x), dst = new float[src.length];
            io.gradbook.autograd.math.Float32Gelu.geluErfOneDnn(src, 0, dst, 0, src.length);
            out = Tensor.wrap(new Storage.FloatStorage(dst), x.shapeArray().clone());
        } else if (!tanh && x.dtype() == DType.FLOAT32 && ((out = Float32Runs.apply(x, io.gradbook.autograd.math.Float32Gelu::geluErf)) != null
                || (out = Float32Runs.applyExpanded(x, io.gradbook.autograd.math.Float32Gelu::geluErf)) != null)) {
            // ATen's own kernel (not contiguous, or one element): in its runs, SLEEF body and glibc tail; an expanded
            // (stride-0) input in cpu_kernel_vec's runs (fuzz more 2659: a column expanded over 16 columns, 2 ulp)
        } else if (tanh && x.dtype() == DType.FLOAT64 && (out = gelu64(x, io.gradbook.autograd.math.Float64Unary::geluTanh)) != null) {
            // ATen's kernel for doubles, tanh form: SLEEF tanh on the vector body, glibc's on the tail and strided runs
        } else if (!tanh && x.dtype() == DType.FLOAT64 && (out = geluErf64(x)) != null) {
            // ATen's kernel for doubles: SLEEF erf on the vector body, glibc's on the tail and strided runs
        } else {
            out = Kernels.map(x, x.dtype(), v -> tanh ? 0.5 * v * (1 + Math.tanh(K_BETA * (v + K_KAPPA * v * v * v))) : 0.5 * v * (1 + erf(v * SQRT1_2)));
        }
        return Graph.record("GeluBackward0", out, new Tensor[] {x}, new Tensor[] {x}, false, (g, s, n) -> new Tensor[] {
                ActivationBackwards.gelu(g, s[0], tanh, (gg, xs) -> geluBackward(gg, xs, tanh))});
    }

    /**
     * gelu_backward's kernel: grad times the derivative at x, as PyTorch's kernels round it. Always run without a graph
     * being built (ActivationBackwards records the op itself under create_graph), so the fused paths apply.
     */
    private static Tensor geluBackward(Tensor g, Tensor x, boolean tanh) {
        boolean f32 = x.dtype() == DType.FLOAT32 && g.dtype() == DType.FLOAT32;
        boolean sameShape = java.util.Arrays.equals(g.shapeArray(), x.shapeArray());
        if (tanh && f32) {
            // grad * factor with the factor as PyTorch's float32 gelu_backward forms it: its bits exactly, in its runs
            if (!GradMode.isEnabled() && sameShape)
                return Float32BinaryRuns.apply(g, x, io.gradbook.autograd.math.Float32Gelu::geluTanhBackward);
            float[] src = Elementwise.contiguousFloats(x), dst = new float[src.length];
            io.gradbook.autograd.math.Float32Gelu.geluTanhDerivative(src, 0, dst, 0, src.length);
            return g.mul(Tensor.wrap(new Storage.FloatStorage(dst), x.shapeArray().clone()));
        }
        if (!tanh && f32 && x.isContiguous() && x.numel() > 1) {
            // oneDNN's gelu_erf backward (as the forward, PyTorch 1.13's use_mkldnn case): grad * its factor
            float[] src = Elementwise.contiguousFloats(x), dst = new float[src.length];
            io.gradbook.autograd.math.Float32Gelu.geluErfOneDnnDerivative(src, 0, dst, 0, src.length);
            return g.mul(Tensor.wrap(new Storage.FloatStorage(dst), x.shapeArray().clone()));
        }
        if (!tanh && f32 && !GradMode.isEnabled() && sameShape) {
            // ATen's GeluBackwardKernelImpl (input not contiguous, or one element), in its runs
            return Float32BinaryRuns.apply(g, x, io.gradbook.autograd.math.Float32Gelu::geluErfBackward);
        }
        if (!tanh && x.dtype() == DType.FLOAT64 && g.dtype() == DType.FLOAT64) {
            // the kernel's factor (cdf + x * pdf) for doubles, grad times it in one multiply as dy * (...) rounds:
            // the vector code where grad and input are one contiguous run, the scalar code otherwise
            double[] xs = Elementwise.contiguousDoubles(x), one = new double[xs.length], dst = new double[xs.length];
            java.util.Arrays.fill(one, 1.0);
            // (a grad expanded from one value, y.sum()'s, is a scalar operand to TensorIterator: the vector loop still runs)
            boolean run = x.isContiguous() && (g.isContiguous() || java.util.Arrays.stream(g.stride()).allMatch(st -> st == 0)) && sameShape;
            io.gradbook.autograd.math.Float64Unary.geluErfBackward(one, 0, xs, 0, dst, 0, xs.length, run);
            return g.mul(Tensor.wrap(new Storage.DoubleStorage(dst), x.shapeArray().clone()));
        }
        if (tanh && x.dtype() == DType.FLOAT64 && g.dtype() == DType.FLOAT64 && sameShape
                && g.storage instanceof Storage.DoubleStorage && x.storage instanceof Storage.DoubleStorage) {
            // ATen's GeluBackwardKernelImpl for doubles, tanh form, in PyTorch's runs: SLEEF's tanh in the vector body
            // (blocks of 8), glibc's in the tail and off stride 1
            return Float64BinaryRuns.apply(g, x, ActivationOps::geluTanhBackward64);
        }
        Tensor d = Kernels.map(x, x.dtype(), v -> tanh ? tanhDerivative(v) : 0.5 * (1 + erf(v * SQRT1_2)) + v * Math.exp(-0.5 * v * v) / Math.sqrt(2 * Math.PI));
        return g.mul(d);
    }

    /** A float64 GeluKernelImpl loop over x, laid out as x: its runs where x is strided or expanded; null for a negative stride. */
    private static Tensor gelu64(Tensor x, Float64Runs.Loop f) {
        Tensor out = OutputLayout.elementwise(x.shapeArray().clone(), DType.FLOAT64, x);
        if (x.isContiguous()) {
            double[] src = Elementwise.contiguousDoubles(x);
            f.apply(src, 0, 1, ((Storage.DoubleStorage) out.storage).a, out.offset, 1, src.length);
            return out;
        }
        // an expanded (stride-0) input in cpu_kernel_vec's runs, as float32's (fuzz more 7385: a 0-dim input expanded
        // to [33], 6 ulp where the fallback formula had taken every element)
        return Float64Runs.mapInto(x, out, f) ? out : Float64Runs.applyExpanded(x, f);
    }

    /** GeluKernelImpl for a float64 input, laid out as x: its runs where x is strided or expanded; null for a negative stride. */
    private static Tensor geluErf64(Tensor x) {
        Tensor out = OutputLayout.elementwise(x.shapeArray().clone(), DType.FLOAT64, x);
        if (x.isContiguous()) {
            double[] src = Elementwise.contiguousDoubles(x);
            io.gradbook.autograd.math.Float64Unary.geluErf(src, 0, 1, ((Storage.DoubleStorage) out.storage).a, out.offset, 1, src.length);
            return out;
        }
        return Float64Runs.mapInto(x, out, io.gradbook.autograd.math.Float64Unary::geluErf) ? out
                : Float64Runs.applyExpanded(x, io.gradbook.autograd.math.Float64Unary::geluErf); // an expanded input (fuzz more 7385)
    }

    /**
     * dy * gelu'(x), tanh form, as 1.13's double kernel rounds it (its build contracts {@code x + kKappa * x^3},
     * {@code 1 - t * t}, {@code 1 + 3 * kKappa * x^2} and the final sum into fused multiply-adds; measured against
     * 1.13.1 on 132 values, vector body and scalar tail).
     */
    private static void geluTanhBackward64(double[] grad, int go, double[] src, int so, double[] dst, int d, int n) {
        int body = n - n % 8;
        for (int i = 0; i < n; i++) {
            double v = src[so + i], sq = v * v, cube = sq * v;
            double inner = K_BETA * Math.fma(K_KAPPA, cube, v);
            double t = i < body ? io.gradbook.autograd.math.Sleef64Exp.tanh(inner) : io.gradbook.autograd.math.Glibc64Hyp.tanh(inner);
            double left = 0.5 * v, right = 1 + t;
            double tanhDerivative = Math.fma(-t, t, 1.0), innerDerivative = K_BETA * Math.fma(3 * K_KAPPA, sq, 1.0);
            dst[d + i] = grad[go + i] * Math.fma(0.5, right, left * tanhDerivative * innerDerivative);
        }
    }

    private static double tanhDerivative(double v) {
        double inner = K_BETA * (v + K_KAPPA * v * v * v);
        double t = Math.tanh(inner);
        return 0.5 * (1 + t) + 0.5 * v * (1 - t * t) * K_BETA * (1 + 3 * K_KAPPA * v * v);
    }

    /**
     * erf in double: its Maclaurin series below |x| = 3 (terms peak near e^9, so about 1e-12 absolute accuracy,
     * far below float32's resolution) and the asymptotic series of erfc above, where erfc < 2.3e-5.
     */
    static double erf(double x) {
        if (Double.isNaN(x)) return x;
        double a = Math.abs(x);
        double r;
        if (a < 3) {
            double term = a, sum = a, x2 = a * a;
            for (int n = 1; n < 200 && Math.abs(term) > 1e-17 * Math.abs(sum); n++) {
                term *= -x2 / n;
                sum += term / (2 * n + 1);
            }
            r = 2 / Math.sqrt(Math.PI) * sum;
        } else if (a < 6) {
            double x2 = a * a, inv = 1 / (2 * x2), term = 1, series = 1;
            for (int n = 1; n < 12; n++) {
                term *= -(2 * n - 1) * inv;
                series += term;
            }
            r = 1 - Math.exp(-x2) / (a * Math.sqrt(Math.PI)) * series;
        } else {
            r = 1;
        }
        return x < 0 ? -r : r;
    }
}
