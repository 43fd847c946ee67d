// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.nn;

import io.gradbook.autograd.Tensor;
import io.gradbook.autograd.Torch;
import io.gradbook.autograd.TorchException;

/**
 * {@code torch.nn.init}: in-place initialisers, drawn from the default generator without recording autograd, with
 * PyTorch's fan and gain arithmetic (so the same seed gives the same bits).
 *
 * <pre>
 * jshell> manualSeed(0); Init.xavierUniform_(zeros(2, 2))
 * tensor([[-0.0092,  0.6570],
 *         [-1.0080, -0.9013]])
 * </pre>
 */
public final class Init {
    private Init() {}

    public static Tensor uniform_(Tensor t, double a, double b) {
        try (var ignored = Torch.noGrad()) {
            return t.uniform_(a, b);
        }
    }

    public static Tensor uniform_(Tensor t) {
        return uniform_(t, 0, 1);
    }

    public static Tensor normal_(Tensor t, double mean, double std) {
        try (var ignored = Torch.noGrad()) {
            return t.normal_(mean, std);
        }
    }

    public static Tensor normal_(Tensor t) {
        return normal_(t, 0, 1);
    }

    public static Tensor constant_(Tensor t, double value) {
        try (var ignored = Torch.noGrad()) {
            return t.fill_(value);
        }
    }

    public static Tensor zeros_(Tensor t) {
        try (var ignored = Torch.noGrad()) {
            return t.zero_();
        }
    }

    public static Tensor ones_(Tensor t) {
        return constant_(t, 1);
    }

    /** {@code calculate_gain(nonlinearity)}. */
    public static double calculateGain(String nonlinearity) {
        return calculateGain(nonlinearity, Double.NaN);
    }

    /** {@code calculate_gain(nonlinearity, param)}: param is leaky_relu's negative slope (NaN for the default 0.01). */
    public static double calculateGain(String nonlinearity, double param) {
        switch (nonlinearity) {
            case "linear": case "conv1d": case "conv2d": case "conv3d": case "conv_transpose1d": case "conv_transpose2d":
            case "conv_transpose3d": case "sigmoid":
                return 1;
            case "tanh":
                return 5.0 / 3;
            case "relu":
                return Math.sqrt(2.0);
            case "leaky_relu": {
                double slope = Double.isNaN(param) ? 0.01 : param;
                return Math.sqrt(2.0 / (1 + slope * slope));
            }
            case "selu":
                return 3.0 / 4;
            default:
                throw new TorchException.ValueError("Unsupported nonlinearity " + nonlinearity);
        }
    }

    static int fanIn(Tensor t) {
        return fans(t)[0];
    }

    /** PyTorch's {@code _calculate_fan_in_and_fan_out}: dim 1 and dim 0 times the receptive field. */
    static int[] fans(Tensor t) {
        if (t.dim() < 2) throw new TorchException.ValueError("Fan in and fan out can not be computed for tensor with fewer than 2 dimensions");
        int receptive = 1;
        for (int d = 2; d < t.dim(); d++) receptive *= t.size(d);
        return new int[] {t.size(1) * receptive, t.size(0) * receptive};
    }

    private static int fan(Tensor t, String mode) {
        if (!mode.equals("fan_in") && !mode.equals("fan_out")) throw new TorchException.ValueError("Mode " + mode + " not supported, please use one of fan_in, fan_out");
        return fans(t)[mode.equals("fan_in") ? 0 : 1];
    }

    public static Tensor xavierUniform_(Tensor t) {
        return xavierUniform_(t, 1.0);
    }

    /** {@code xavier_uniform_(t, gain)}: U(-a, a) with a = gain * sqrt(6 / (fan_in + fan_out)). */
    public static Tensor xavierUniform_(Tensor t, double gain) {
        int[] f = fans(t);
        double std = gain * Math.sqrt(2.0 / (double) (f[0] + f[1]));
        double a = Math.sqrt(3.0) * std;
        return uniform_(t, -a, a);
    }

    public static Tensor xavierNormal_(Tensor t) {
        return xavierNormal_(t, 1.0);
    }

    public static Tensor xavierNormal_(Tensor t, double gain) {
        int[] f = fans(t);
        double std = gain * Math.sqrt(2.0 / (double) (f[0] + f[1]));
        return normal_(t, 0., std);
    }

    /** {@code kaiming_uniform_(t)}: a = 0, fan_in, leaky_relu. */
    public static Tensor kaimingUniform_(Tensor t) {
        return kaimingUniform_(t, 0, "fan_in", "leaky_relu");
    }

    public static Tensor kaimingUniform_(Tensor t, double a) {
        return kaimingUniform_(t, a, "fan_in", "leaky_relu");
    }

    /** {@code kaiming_uniform_(t, a, mode, nonlinearity)}: U(-b, b) with b = gain * sqrt(3 / fan). */
    public static Tensor kaimingUniform_(Tensor t, double a, String mode, String nonlinearity) {
        if (t.numel() == 0) return t;
        double std = calculateGain(nonlinearity, a) / Math.sqrt(fan(t, mode));
        double bound = Math.sqrt(3.0) * std;
        return uniform_(t, -bound, bound);
    }

    public static Tensor kaimingNormal_(Tensor t) {
        return kaimingNormal_(t, 0, "fan_in", "leaky_relu");
    }

    public static Tensor kaimingNormal_(Tensor t, double a) {
        return kaimingNormal_(t, a, "fan_in", "leaky_relu");
    }

    /** {@code kaiming_normal_(t, a, mode, nonlinearity)}: N(0, std^2) with std = gain / sqrt(fan). */
    public static Tensor kaimingNormal_(Tensor t, double a, String mode, String nonlinearity) {
        if (t.numel() == 0) return t;
        double std = calculateGain(nonlinearity, a) / Math.sqrt(fan(t, mode));
        return normal_(t, 0, std);
    }
}
