// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

/**
 * The dropout family beyond {@code F.dropout}, PyTorch 1.13's {@code _dropout_impl} (Dropout.cpp) and the Python
 * wrappers of {@code F.dropout1d/2d/3d}, {@code F.alpha_dropout}, {@code F.feature_alpha_dropout}: feature dropout
 * draws one Bernoulli(1 - p) per (sample, channel) (noise of shape [N, C, 1, ...], one float64 uniform each, as
 * {@code bernoulli_} draws them) and scales by 1/(1-p); alpha dropout (SELU's) maps a dropped element to
 * -alpha' and rescales, {@code (x * noise).add_(b)} with PyTorch's float steps ({@code b = (noise - 1) * (alpha a)
 * + alpha a p}, {@code noise * a}), node AddBackward0. The in-place forms multiply into x ({@code mul_}, then
 * {@code add_} for alpha). Eval mode, p = 0 and an empty input give x itself; p = 1 multiplies by zero.
 * An unbatched in-place dropout1d/dropout3d records PyTorch's SqueezeBackward3 and three version bumps (unbatched).
 */
public final class DropoutVariants {
    private DropoutVariants() {}

    private static final double SELU_ALPHA = 1.7580993408473766; // Dropout.cpp's alpha

    private static void checkP(double p) {
        if (p < 0 || p > 1) throw new TorchException.ValueError("dropout probability has to be between 0 and 1, but got " + TensorPrinter.pythonFloat(p));
    }

    /** _dropout_impl for feature and/or alpha dropout. */
    private static Tensor impl(Tensor x, double p, boolean training, boolean inplace, boolean feature, boolean alpha) {
        if (p == 0 || !training || x.numel() == 0) return x;
        Tensor zero = Torch.zeros(x.dtype());
        if (p == 1) return inplace ? x.mul_(zero) : x.mul(zero);
        if (feature && x.dim() < 2) throw new TorchException.RuntimeError("Feature dropout requires at least 2 dimensions in the input");
        int[] sizes = x.shapeArray().clone();
        if (feature) for (int i = 2; i < sizes.length; i++) sizes[i] = 1;
        Tensor noise, b = null;
        try (var ignored = GradMode.set(false)) {
            noise = Torch.rand(DType.FLOAT64, sizes).lt(1 - p).to(x.dtype());
            if (alpha) {
                double a = 1. / Math.sqrt((SELU_ALPHA * SELU_ALPHA * p + 1) * (1 - p));
                b = noise.add(-1L).mul_(SELU_ALPHA * a).add_(SELU_ALPHA * a * p);
                noise.mul_(a);
            } else {
                noise.div_(1 - p);
            }
        }
        Tensor out = inplace ? x.mul_(noise) : x.mul(noise);
        return alpha ? out.add_(b) : out;
    }

    /** {@code F.alpha_dropout(x, p, training, inplace)} (training defaults to false in PyTorch). */
    public static Tensor alphaDropout(Tensor x, double p, boolean training, boolean inplace) {
        checkP(p);
        return impl(x, p, training, inplace, false, true);
    }

    /** {@code F.feature_alpha_dropout(x, p, training, inplace)}. */
    public static Tensor featureAlphaDropout(Tensor x, double p, boolean training, boolean inplace) {
        checkP(p);
        return impl(x, p, training, inplace, true, true);
    }

    /** {@code F.dropout1d(x, p, training, inplace)}: (N, C, L) or unbatched (C, L). */
    public static Tensor dropout1d(Tensor x, double p, boolean training, boolean inplace) {
        checkP(p);
        int dim = x.dim();
        if (dim != 2 && dim != 3) {
            throw new TorchException.RuntimeError("dropout1d: Expected 2D or 3D input, but received a " + dim + "D input. Note that dropout1d exists to provide channel-wise dropout on inputs with 1 spatial dimension, a channel dimension, and an optional batch dimension (i.e. 2D or 3D inputs).");
        }
        return dim == 3 ? impl(x, p, training, inplace, true, false) : unbatched(x, p, training, inplace);
    }

    /** {@code F.dropout2d(x, p, training, inplace)}: (N, C, H, W) or (C, H, W); other ranks warn as PyTorch does. */
    public static Tensor dropout2d(Tensor x, double p, boolean training, boolean inplace) {
        checkP(p);
        int dim = x.dim();
        if (dim != 3 && dim != 4) {
            Warnings.warn("UserWarning", "dropout2d: Received a " + dim + "-D input to dropout2d, which is deprecated and will result in an error in a future release. To retain the behavior and silence this warning, please use dropout instead. Note that dropout2d exists to provide channel-wise dropout on inputs with 2 spatial dimensions, a channel dimension, and an optional batch dimension (i.e. 3D or 4D inputs).");
        }
        if (dim == 3) {
            Warnings.warn("UserWarning", "dropout2d: Received a 3D input to dropout2d and assuming that channel-wise 1D dropout behavior is desired - input is interpreted as shape (N, C, L), where C is the channel dim. This behavior will change in a future release to interpret the input as one without a batch dimension, i.e. shape (C, H, W). To maintain the 1D channel-wise dropout behavior, please switch to using dropout1d instead.");
        }
        return impl(x, p, training, inplace, true, false);
    }

    /** {@code F.dropout3d(x, p, training, inplace)}: (N, C, D, H, W) or unbatched (C, D, H, W). */
    public static Tensor dropout3d(Tensor x, double p, boolean training, boolean inplace) {
        checkP(p);
        int dim = x.dim();
        if (dim != 4 && dim != 5) {
            Warnings.warn("UserWarning", "dropout3d: Received a " + dim + "-D input to dropout3d, which is deprecated and will result in an error in a future release. To retain the behavior and silence this warning, please use dropout instead. Note that dropout3d exists to provide channel-wise dropout on inputs with 3 spatial dimensions, a channel dimension, and an optional batch dimension (i.e. 4D or 5D inputs).");
        }
        return dim == 5 ? impl(x, p, training, inplace, true, false) : unbatched(x, p, training, inplace);
    }

    /** The Python wrapper's unsqueeze(0) / feature dropout / squeeze(0) for an unbatched input. */
    private static Tensor unbatched(Tensor x, double p, boolean training, boolean inplace) {
        if (!inplace) {
            Tensor r = impl(x.unsqueeze(0), p, training, false, true, false);
            return r.squeeze(0);
        }
        // the Python wrapper: x.unsqueeze_(0), feature_dropout_, squeeze_(0), whatever p and training: three
        // in-place ops in PyTorch (version +3 with a draw, +2 without; nodes UnsqueezeBackward1, MulBackward0,
        // SqueezeBackward3). Gradbook keeps x's shape throughout: the two metadata ops are same-shape in-place
        // steps under PyTorch's node names, whose gradient passes through (values and gradients are the same)
        x.inPlace(t -> passThrough(t, "UnsqueezeBackward1"));
        if (p != 0 && training && x.numel() != 0) {
            // the same draws as for the unsqueezed input ([1, C, 1, ...]), applied to x in place
            if (p == 1) {
                x.mul_(Torch.zeros(x.dtype()));
            } else {
                int[] sizes = x.shapeArray().clone();
                for (int i = 1; i < sizes.length; i++) sizes[i] = 1;
                Tensor noise;
                try (var ignored = GradMode.set(false)) {
                    noise = Torch.rand(DType.FLOAT64, sizes).lt(1 - p).to(x.dtype());
                    noise.div_(1 - p);
                }
                x.mul_(noise);
            }
        }
        return x.inPlace(t -> passThrough(t, "SqueezeBackward3"));
    }

    /** A copy of t recorded under {@code name} with the identity gradient (see unbatched). */
    private static Tensor passThrough(Tensor t, String name) {
        return Graph.record(name, t.contiguousCopy(), new Tensor[] {t}, null, false, (g, s, n) -> new Tensor[] {g});
    }
}
