// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

/**
 * PyTorch 1.13's float32 softplus and its backward as {@code cpu_kernel_vec} runs them over a contiguous run: the
 * first n - n % 16 elements through the vector op (SLEEF expf_u10, then log1pf_u10, in float32), the rest through
 * the scalar op (glibc expf and log1pf), beta and threshold rounded to float.
 */
public final class Float32Softplus {
    private Float32Softplus() {}

    /** {@code x * beta > threshold ? x : log1p(exp(x * beta)) / beta}. */
    public static void softplus(float[] src, int srcOff, float[] dst, int dstOff, int n, float beta, float threshold) {
        int body = n - n % Float32Unary.VEC_STEP;
        for (int i = 0; i < n; i++) {
            float x = src[srcOff + i], t = x * beta;
            float e = i < body ? Sleef32.log1p(Sleef32.exp(t)) : Glibc.log1pf(Glibc.expf(t));
            dst[dstOff + i] = t > threshold ? x : e / beta;
        }
    }

    /** softplus_backward: {@code z = exp(x * beta)}, then {@code x * beta > threshold ? g : g * z / (z + 1)}. */
    public static void backward(float[] grad, int gradOff, float[] src, int srcOff, float[] dst, int dstOff, int n, float beta, float threshold) {
        int body = n - n % Float32Unary.VEC_STEP;
        for (int i = 0; i < n; i++) {
            float g = grad[gradOff + i], t = src[srcOff + i] * beta;
            float z = i < body ? Sleef32.exp(t) : Glibc.expf(t);
            dst[dstOff + i] = t > threshold ? g : g * z / (z + 1f);
        }
    }
}
