// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

/**
 * PyTorch 1.13's float64 softplus and its backward as {@code cpu_kernel_vec} runs them over a contiguous run: the
 * first n - n % 8 elements through the vector op (SLEEF's exp, then its log1p), the rest through the scalar op
 * (glibc's exp and log1p). The float32 twin is {@link Float32Softplus}.
 *
 * <pre>
 * jshell&gt; double[] y = new double[1]; Float64Softplus.softplus(new double[] {1}, 0, y, 0, 1, 1, 20); y[0]
 * $2 ==&gt; 1.3132616875182228
 * </pre>
 */
public final class Float64Softplus {
    private Float64Softplus() {}

    /** {@code x * beta > threshold ? x : log1p(exp(x * beta)) / beta}. */
    public static void softplus(double[] src, int srcOff, double[] dst, int dstOff, int n, double beta, double threshold) {
        int body = n - n % Float64Unary.VEC_STEP;
        for (int i = 0; i < n; i++) {
            double x = src[srcOff + i], t = x * beta;
            double e = i < body ? Sleef64Exp.log1p(Sleef64.exp(t)) : Glibc64Log1p.log1p(Glibc64.exp(t));
            dst[dstOff + i] = t > threshold ? x : e / beta;
        }
    }

    /** softplus_backward: {@code z = exp(x * beta)}, then {@code x * beta > threshold ? g : g * z / (z + 1)}. */
    public static void backward(double[] grad, int gradOff, double[] src, int srcOff, double[] dst, int dstOff, int n, double beta, double threshold) {
        int body = n - n % Float64Unary.VEC_STEP;
        for (int i = 0; i < n; i++) {
            double g = grad[gradOff + i], t = src[srcOff + i] * beta;
            double z = i < body ? Sleef64.exp(t) : Glibc64.exp(t);
            dst[dstOff + i] = t > threshold ? g : g * z / (z + 1.0);
        }
    }
}
