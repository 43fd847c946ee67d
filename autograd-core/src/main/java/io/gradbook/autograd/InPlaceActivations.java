// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import java.util.function.UnaryOperator;

/**
 * The in-place activation forms of PyTorch 1.13 ({@code F.relu_}, {@code F.elu_}, {@code F.selu_}, {@code F.celu_},
 * {@code F.leaky_relu_}, {@code F.hardtanh_}, {@code F.threshold_}, and {@code inplace=True} of silu, mish,
 * hardswish, hardsigmoid), reached through {@code nn.F} and the modules' {@code inplace} flag. Each writes into
 * its input, bumps its version and refuses a leaf (or a view of a leaf) that requires grad in PyTorch's words,
 * as every in-place op does ({@link Tensor}'s inPlace). Node names are PyTorch's: where its in-place form
 * differentiates through the result rather than the input it overwrote, a node of its own (EluBackward1 for elu_
 * and selu_, CeluBackward1, LeakyReluBackward1, whose backward refuses a negative slope/alpha, as the result then
 * no longer tells the input's sign); ThresholdBackward1 keeps the input's rule; the others record the out-of-place
 * node on the input as it was (hardtanh_'s HardtanhBackward0, SiluBackward0 ...).
 *
 * <pre>
 * jshell&gt; var h = Torch.tensor(new double[] {-1, 2}).requiresGrad_(true).clone(); F.elu_(h)
 * $2 ==&gt; tensor([-0.6321,  2.0000], grad_fn=&lt;EluBackward1&gt;)
 * </pre>
 */
public final class InPlaceActivations {
    private InPlaceActivations() {}

    private static final Tensor[] NONE = new Tensor[0];
    /** cpu_kernel_vec's step for float32 (two vectors of 8); float64's is MoreActivations' 8. */
    private static final int F32_STEP = 16;

    public static Tensor relu_(Tensor x) {
        return x.relu_();
    }

    public static Tensor elu_(Tensor x, double alpha) {
        return eluInPlace(x, "EluBackward1", alpha, 1, 1, t -> MoreActivations.elu(t, alpha));
    }

    public static Tensor selu_(Tensor x) {
        return eluInPlace(x, "EluBackward1", MoreActivations.SELU_ALPHA, MoreActivations.SELU_SCALE, 1, MoreActivations::selu);
    }

    /** celu_: its backward's input_scale is PyTorch's {@code 1.0 / alpha.toFloat()}. */
    public static Tensor celu_(Tensor x, double alpha) {
        return eluInPlace(x, "CeluBackward1", alpha, 1, 1.0 / (float) alpha, t -> MoreActivations.celu(t, alpha));
    }

    public static Tensor leakyRelu_(Tensor x, double negativeSlope) {
        return onResult(x, "LeakyReluBackward1", t -> ActivationOps.leakyRelu(t, negativeSlope), (g, s, n) -> {
            if (negativeSlope < 0) throw new TorchException.RuntimeError("In-place leakyReLu backward calculation is triggered with a negative slope which is not supported. This is caused by calling in-place forward function with a negative slope, please call out-of-place version instead. File an issue at https://github.com/pytorch/pytorch if you do require supporting in-place leakRelu backward calculation with negative slope");
            return new Tensor[] {ActivationBackwards.apply("LeakyReluBackwardBackward0", g, s[0],
                    (gg, y) -> PointwiseOps.where(y.gt(0.0), gg, gg.mul(negativeSlope)), null)};
        });
    }

    public static Tensor hardtanh_(Tensor x, double minVal, double maxVal) {
        return x.inPlace(t -> MoreActivations.hardtanh(t, minVal, maxVal));
    }

    public static Tensor threshold_(Tensor x, double threshold, double value) {
        return x.inPlace(t -> MoreActivations.threshold(t, threshold, value, "ThresholdBackward1"));
    }

    public static Tensor silu_(Tensor x) {
        return x.inPlace(MoreActivations::silu);
    }

    public static Tensor mish_(Tensor x) {
        return x.inPlace(MoreActivations::mish);
    }

    public static Tensor hardswish_(Tensor x) {
        return x.inPlace(MoreActivations::hardswish);
    }

    public static Tensor hardsigmoid_(Tensor x) {
        return x.inPlace(MoreActivations::hardsigmoid);
    }

    /**
     * elu_ and its kin: the forward kernel as out of place, then a node whose rule is elu_backward with
     * is_result = true: {@code y <= 0 ? g * input_scale * (y + alpha * scale) : g * scale} on the saved output y
     * (the vector body's test is {@code !(y > 0)}, so a NaN takes the first branch there and the second in the tail).
     */
    private static Tensor eluInPlace(Tensor x, String node, double alpha, double scale, double inputScale, UnaryOperator<Tensor> forward) {
        return onResult(x, node, forward, (g, s, n) -> {
            if (alpha < 0) throw new TorchException.RuntimeError("In-place elu backward calculation is triggered with a negative slope which is not supported. This is caused by calling in-place forward function with a negative slope, please call out-of-place version instead.");
            return new Tensor[] {ActivationBackwards.eluOfResult(g, s[0], inputScale, (gg, y) -> eluBackwardOfResult(gg, y, alpha, scale, inputScale))};
        });
    }

    /**
     * An in-place form whose node differentiates through its result: the out-of-place kernel without recording,
     * then {@code node} on the result, which {@code rule} reads as its saved tensor.
     */
    private static Tensor onResult(Tensor x, String node, UnaryOperator<Tensor> forward, Graph.Rule1 rule) {
        return x.inPlace(t -> {
            Tensor out;
            try (var ignored = GradMode.set(false)) {
                out = forward.apply(t);
            }
            return Graph.record(node, out, new Tensor[] {t}, NONE, true, rule);
        });
    }

    private static Tensor eluBackwardOfResult(Tensor g, Tensor y, double alpha, double scale, double inputScale) {
        // PyTorch's Scalars converted to the dtype: negcoef = alpha * scale as a float product for float32
        float nc = (float) alpha * (float) scale, pc = (float) scale, ic = (float) inputScale;
        double nc64 = alpha * scale;
        return MoreActivations.grad(g, y, (gs, ys, r) -> {
            int body = ys.length - ys.length % F32_STEP;
            for (int i = 0; i < ys.length; i++) {
                boolean neg = i < body ? !(ys[i] > 0f) : ys[i] <= 0f;
                r[i] = neg ? gs[i] * ic * (ys[i] + nc) : gs[i] * pc;
            }
        }, (gg, b, v) -> (v ? !(b > 0) : b <= 0) ? gg * inputScale * (b + nc64) : gg * scale,
                (gg, b) -> PointwiseOps.where(b.gt(0.0), gg.mul(scale), gg.mul(inputScale).mul(b.add(nc64))));
    }
}
