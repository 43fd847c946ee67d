// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

/**
 * {@code F.rrelu} / {@code F.rrelu_} (randomized leaky ReLU), PyTorch 1.13's {@code rrelu_with_noise}: in training,
 * each element {@code <= 0} of the input (NaN is not) is multiplied by a slope drawn from uniform(lower, upper),
 * one float64 draw of the generator per such element in the input's logical order, as _rrelu_with_noise_train
 * draws them; the slopes (1 elsewhere) are the noise the backward multiplies by. In eval mode it is leaky_relu with
 * slope (lower + upper) / 2, and its backward leaky_relu's. Nodes: RreluWithNoiseBackward0, and
 * RreluWithNoiseBackward1 for the in-place form, whose eval backward reads the result and so refuses a negative slope.
 *
 * <pre>
 * jshell&gt; F.rrelu(Torch.tensor(-1.0, 2.0))
 * $1 ==&gt; tensor([-0.2292,  2.0000])
 * </pre>
 */
public final class RReluOps {
    private RReluOps() {}

    private static final Tensor[] NONE = new Tensor[0];

    /** {@code torch.rrelu(x, lower, upper, training, generator)}; generator null for the default one. */
    public static Tensor rrelu(Tensor x, double lower, double upper, boolean training, Generator generator) {
        checkBounds(lower, upper);
        if (!training) {
            double slope = (lower + upper) / 2;
            Tensor out = leakyForward(x, slope);
            return Graph.record("RreluWithNoiseBackward0", out, new Tensor[] {x}, new Tensor[] {x}, false,
                    (g, s, n) -> new Tensor[] {backwardOp(g, s[0], null, slope)});
        }
        Tensor[] outNoise = train(x, lower, upper, generator);
        Tensor noise = outNoise[1];
        return Graph.record("RreluWithNoiseBackward0", outNoise[0], new Tensor[] {x}, new Tensor[] {x}, false,
                (g, s, n) -> new Tensor[] {backwardOp(g, s[0], noise, 0)});
    }

    /** {@code torch.rrelu_(x, lower, upper, training, generator)}: in place, node RreluWithNoiseBackward1. */
    public static Tensor rrelu_(Tensor x, double lower, double upper, boolean training, Generator generator) {
        checkBounds(lower, upper);
        double slope = (lower + upper) / 2;
        return x.inPlace(t -> {
            Tensor out, noise;
            try (var ignored = GradMode.set(false)) {
                if (training) {
                    Tensor[] outNoise = train(t, lower, upper, generator);
                    out = outNoise[0];
                    noise = outNoise[1];
                } else {
                    out = leakyForward(t, slope);
                    noise = null;
                }
            }
            return Graph.record("RreluWithNoiseBackward1", out, new Tensor[] {t}, NONE, true, (g, s, n) -> {
                if (!training && slope < 0) throw new TorchException.RuntimeError("In-place leakyReLu backward calculation is triggered with a negative slope which is not supported. This is caused by calling in-place forward function with a negative slope, please call out-of-place version instead. File an issue at https://github.com/pytorch/pytorch if you do require supporting in-place leakRelu backward calculation with negative slope");
                return new Tensor[] {backwardOp(g, s[0], noise, slope)};
            });
        });
    }

    /**
     * rrelu_with_noise_backward(grad, self or result, noise, ...) as 1.13 records it under create_graph
     * (RreluWithNoiseBackwardBackward0 over grad_output and the saved tensor, the latter's gradient zeros): grad * noise
     * in training, leaky_relu_backward with the mean slope in eval ({@code noise} null).
     */
    private static Tensor backwardOp(Tensor g, Tensor saved, Tensor noise, double slope) {
        return ActivationBackwards.apply("RreluWithNoiseBackwardBackward0", g, saved,
                (gg, x) -> noise != null ? noise.mul(gg) : PointwiseOps.where(x.gt(0.0), gg, gg.mul(slope)), null);
    }

    private static void checkBounds(double lower, double upper) {
        if (!(lower <= upper)) throw new TorchException.RuntimeError("Lower bound should be less than or equal to the upper bound");
    }

    /** Eval mode: leaky_relu's kernel, which has no float16 or integer version on CPU. */
    private static Tensor leakyForward(Tensor x, double slope) {
        if (!x.isFloatingPoint() || x.dtype() == DType.FLOAT16) throw notImplemented("leaky_relu_cpu", x);
        try (var ignored = GradMode.set(false)) {
            return ActivationOps.leakyRelu(x, slope);
        }
    }

    private static TorchException.RuntimeError notImplemented(String kernel, Tensor x) {
        return UnaryOp.noKernel(kernel, x.dtype());
    }

    /**
     * _rrelu_with_noise_train: lower and upper converted to the dtype, each draw {@code u * (upper - lower) + lower}
     * in double (Activation.cpp is built without FMA contraction: fused, 9 of rrelu.json's 36 cases differ),
     * rounded to the dtype, then one multiply.
     */
    private static Tensor[] train(Tensor x, double lower, double upper, Generator generator) {
        if (!x.isFloatingPoint() || x.dtype() == DType.FLOAT16) throw notImplemented("rrelu_with_noise_out_cpu", x);
        Generator gen = generator != null ? generator : Random.DEFAULT;
        boolean f32 = x.dtype() == DType.FLOAT32;
        double lo = f32 ? (float) lower : lower, hi = f32 ? (float) upper : upper;
        double[] v = x.values();
        double[] out = new double[v.length], noise = new double[v.length];
        synchronized (gen) {
            for (int i = 0; i < v.length; i++) {
                if (v[i] <= 0) {
                    double r = gen.uniformDouble() * (hi - lo) + lo;
                    if (f32) {
                        float rf = (float) r;
                        noise[i] = rf;
                        out[i] = (float) v[i] * rf;
                    } else {
                        noise[i] = r;
                        out[i] = v[i] * r;
                    }
                } else {
                    noise[i] = 1;
                    out[i] = v[i];
                }
            }
        }
        int[] shape = x.shapeArray();
        return new Tensor[] {Tensor.wrap(out, shape.clone(), x.dtype()), Tensor.wrap(noise, shape.clone(), x.dtype())};
    }
}
