// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

/** The nn activations that need their own node: GELU (exact and tanh forms) and LeakyReLU. */
final class ActivationOps {
    private ActivationOps() {}

    private static final Tensor[] NONE = new Tensor[0];
    private static final double SQRT1_2 = Math.sqrt(0.5);
    private static final double K_BETA = Math.sqrt(2) * (2 / Math.sqrt(Math.PI)) * 0.5;
    private static final double K_KAPPA = 0.044715;

    static Tensor leakyRelu(Tensor x, double slope) {
        // float32 multiplies by the slope rounded to float, as PyTorch's kernel does
        boolean f32 = x.dtype() == DType.FLOAT32;
        Tensor out = Kernels.map(x, x.dtype(), v -> v > 0 ? v : f32 ? (double) ((float) v * (float) slope) : v * slope);
        return Graph.record("LeakyReluBackward0", out, new Tensor[] {x}, new Tensor[] {x}, false,
                (g, s, n) -> new Tensor[] {PointwiseOps.where(s[0].gt(0.0), g, g.mul(slope))});
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
        return Graph.record("GeluBackward0", out, new Tensor[] {x}, new Tensor[] {x}, false, (g, s, n) -> {
            if (tanh && s[0].dtype() == DType.FLOAT32 && g.dtype() == DType.FLOAT32) {
                // grad * factor with the factor as PyTorch's float32 gelu_backward forms it: its bits exactly, in its runs
                // (a graph being built multiplies by the factor as a constant)
                if (!GradMode.isEnabled() && java.util.Arrays.equals(g.shapeArray(), s[0].shapeArray()))
                    return new Tensor[] {Float32BinaryRuns.apply(g, s[0], io.gradbook.autograd.math.Float32Gelu::geluTanhBackward)};
                float[] src = Elementwise.contiguousFloats(s[0]), dst = new float[src.length];
                io.gradbook.autograd.math.Float32Gelu.geluTanhDerivative(src, 0, dst, 0, src.length);
                return new Tensor[] {g.mul(Tensor.wrap(new Storage.FloatStorage(dst), s[0].shapeArray().clone()))};
            }
            if (!tanh && s[0].dtype() == DType.FLOAT32 && g.dtype() == DType.FLOAT32 && s[0].isContiguous() && s[0].numel() > 1) {
                // oneDNN's gelu_erf backward (as the forward, PyTorch 1.13's use_mkldnn case): grad * its factor
                float[] src = Elementwise.contiguousFloats(s[0]), dst = new float[src.length];
                io.gradbook.autograd.math.Float32Gelu.geluErfOneDnnDerivative(src, 0, dst, 0, src.length);
                return new Tensor[] {g.mul(Tensor.wrap(new Storage.FloatStorage(dst), s[0].shapeArray().clone()))};
            }
            if (!tanh && s[0].dtype() == DType.FLOAT32 && g.dtype() == DType.FLOAT32 && !GradMode.isEnabled()
                    && java.util.Arrays.equals(g.shapeArray(), s[0].shapeArray())) {
                // ATen's GeluBackwardKernelImpl (input not contiguous, or one element), in its runs
                return new Tensor[] {Float32BinaryRuns.apply(g, s[0], io.gradbook.autograd.math.Float32Gelu::geluErfBackward)};
            }
            if (tanh && s[0].dtype() == DType.FLOAT64 && g.dtype() == DType.FLOAT64) {
                // the kernel's factor for doubles (tanh form), grad times it in one multiply: the vector code where
                // grad and input are one contiguous run, the scalar code otherwise (fuzz more 5261, 5601: 1-6 ulp)
                double[] xs = Elementwise.contiguousDoubles(s[0]), one = new double[xs.length], dst = new double[xs.length];
                java.util.Arrays.fill(one, 1.0);
                boolean run = s[0].isContiguous() && g.isContiguous() && java.util.Arrays.equals(g.shapeArray(), s[0].shapeArray());
                io.gradbook.autograd.math.Float64Unary.geluTanhBackward(one, 0, xs, 0, dst, 0, xs.length, run);
                return new Tensor[] {g.mul(Tensor.wrap(new Storage.DoubleStorage(dst), s[0].shapeArray().clone()))};
            }
            if (!tanh && s[0].dtype() == DType.FLOAT64 && g.dtype() == DType.FLOAT64) {
                // the kernel's factor (cdf + x * pdf) for doubles, grad times it in one multiply as dy * (...) rounds:
                // the vector code where grad and input are one contiguous run, the scalar code otherwise
                double[] xs = Elementwise.contiguousDoubles(s[0]), one = new double[xs.length], dst = new double[xs.length];
                java.util.Arrays.fill(one, 1.0);
                boolean run = s[0].isContiguous() && g.isContiguous() && java.util.Arrays.equals(g.shapeArray(), s[0].shapeArray());
                io.gradbook.autograd.math.Float64Unary.geluErfBackward(one, 0, xs, 0, dst, 0, xs.length, run);
                return new Tensor[] {g.mul(Tensor.wrap(new Storage.DoubleStorage(dst), s[0].shapeArray().clone()))};
            }
            Tensor d = Kernels.map(s[0], s[0].dtype(), v -> tanh ? tanhDerivative(v) : 0.5 * (1 + erf(v * SQRT1_2)) + v * Math.exp(-0.5 * v * v) / Math.sqrt(2 * Math.PI));
            return new Tensor[] {g.mul(d)};
        });
    }

    /** A float64 GeluKernelImpl loop over x, laid out as x: its runs where x is strided; null for an expanded input. */
    private static Tensor gelu64(Tensor x, Float64Runs.Loop f) {
        Tensor out = OutputLayout.elementwise(x.shapeArray().clone(), DType.FLOAT64, x);
        if (x.isContiguous()) {
            double[] src = Elementwise.contiguousDoubles(x);
            f.apply(src, 0, 1, ((Storage.DoubleStorage) out.storage).a, out.offset, 1, src.length);
            return out;
        }
        return Float64Runs.mapInto(x, out, f) ? out : null;
    }

    /** GeluKernelImpl for a float64 input, laid out as x: its runs where x is strided; null for an expanded input. */
    private static Tensor geluErf64(Tensor x) {
        Tensor out = OutputLayout.elementwise(x.shapeArray().clone(), DType.FLOAT64, x);
        if (x.isContiguous()) {
            double[] src = Elementwise.contiguousDoubles(x);
            io.gradbook.autograd.math.Float64Unary.geluErf(src, 0, 1, ((Storage.DoubleStorage) out.storage).a, out.offset, 1, src.length);
            return out;
        }
        return Float64Runs.mapInto(x, out, io.gradbook.autograd.math.Float64Unary::geluErf) ? out : null;
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
