// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

/** Random tensors from a {@link Generator} (the default one unless given), with PyTorch's choice of path per size. */
final class Random {
    private Random() {}

    static final Generator DEFAULT = new Generator();

    private static Generator gen(Generator g) {
        return g == null ? DEFAULT : g;
    }

    static double[] uniformValues(int n, DType dtype, double from, double to, Generator g) {
        Generator gen = gen(g);
        double[] v = new double[n];
        synchronized (gen) {
            if (dtype == DType.FLOAT64) {
                // one fused multiply-add, as PyTorch's AVX2 build compiles uniform_real_distribution<double> too
                for (int i = 0; i < n; i++) v[i] = Math.fma(gen.uniformDouble(), to - from, from);
            } else {
                float f = (float) from, t = (float) to;
                for (int i = 0; i < n; i++) v[i] = dtype.round(Math.fma(gen.uniformFloat(), t - f, f));
            }
        }
        return v;
    }

    static double[] normalValues(int n, DType dtype, double mean, double std, boolean contiguous, Generator g) {
        if (std < 0) throw new TorchException.RuntimeError("normal expects std >= 0.0, but found std " + TensorPrinter.pythonFloat(std));
        Generator gen = gen(g);
        double[] v = new double[n];
        synchronized (gen) {
            if (n >= 16 && contiguous && dtype == DType.FLOAT32) {
                float[] f = new float[n];
                gen.normalFillFloat(f, (float) mean, (float) std);
                for (int i = 0; i < n; i++) v[i] = f[i];
            } else if (n >= 16 && contiguous) {
                gen.normalFillDouble(v, mean, std);
                for (int i = 0; i < n; i++) v[i] = dtype.round(v[i]);
            } else {
                for (int i = 0; i < n; i++) v[i] = dtype.round(gen.normalDouble() * std + mean);
            }
        }
        return v;
    }

    static Tensor rand(int[] shape, DType dtype, Generator g) {
        requireFloat(dtype, "uniform");
        return Tensor.wrap(uniformValues(Shape.numel(shape), dtype, 0, 1, g), shape.clone(), dtype);
    }

    static Tensor randn(int[] shape, DType dtype, Generator g) {
        requireFloat(dtype, "normal");
        return Tensor.wrap(normalValues(Shape.numel(shape), dtype, 0, 1, true, g), shape.clone(), dtype);
    }

    /**
     * rand_like / randn_like: empty_like(t) (preserve_format: a dense t's strides), then filled in memory order, as
     * the CPU kernels walk a fresh dense result; randn takes normal_fill's 16-wide path only when that result is
     * contiguous and has 16 elements or more, else one normal draw per element.
     */
    static Tensor like(Tensor t, boolean normal) {
        int[] strides = OutputLayout.preserve(t);
        if (strides == null) return normal ? randn(t.shapeArray(), t.dtype(), null) : rand(t.shapeArray(), t.dtype(), null);
        requireFloat(t.dtype(), normal ? "normal" : "uniform");
        int n = t.numel();
        Tensor shell = OutputLayout.empty(t.shapeArray().clone(), strides, t.dtype());
        double[] v = normal ? normalValues(n, t.dtype(), 0, 1, shell.isContiguous(), null) : uniformValues(n, t.dtype(), 0, 1, null);
        return new Tensor(Storage.of(v, t.dtype()), 0, t.shapeArray().clone(), strides, t.dtype(), new VersionCounter(), null, null);
    }

    static Tensor uniform_(Tensor t, double from, double to, Generator g) {
        requireFloat(t.dtype(), "uniform");
        if (from > to) throw new TorchException.RuntimeError("uniform_ expects to return a [from, to) range, but found from=" + TensorPrinter.pythonFloat(from) + " > to=" + TensorPrinter.pythonFloat(to));
        return t.inPlace(self -> filled(self, "UniformBackward0", uniformValues(self.numel(), self.dtype(), from, to, g)));
    }

    static Tensor normal_(Tensor t, double mean, double std, Generator g) {
        requireFloat(t.dtype(), "normal");
        boolean contiguous = t.isContiguous();
        return t.inPlace(self -> filled(self, "NormalBackward0", normalValues(self.numel(), self.dtype(), mean, std, contiguous, g)));
    }

    /** New values for an in-place random fill; the gradient through it is zero. */
    private static Tensor filled(Tensor self, String name, double[] values) {
        Tensor out = Tensor.wrap(values, self.shapeArray().clone(), self.dtype());
        return Graph.record(name, out, new Tensor[] {self}, null, false, (gr, s, n) -> new Tensor[] {PointwiseOps.zerosLike(gr)});
    }

    private static void requireFloat(DType dtype, String op) {
        if (!dtype.isFloatingPoint()) {
            throw UnaryOp.noKernel(op + "_cpu", dtype);
        }
    }
}
