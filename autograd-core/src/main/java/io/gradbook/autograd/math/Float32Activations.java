// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

/**
 * PyTorch 1.13's float32 activation kernels (aten/src/ATen/native/cpu/Activation.cpp) over a contiguous run of n
 * elements, bit for bit. They are {@code cpu_kernel_vec} loops: the first {@code n - n % 16} elements take the
 * vector lambda (SLEEF's expf_u10, log1pf_u10, tanhf_u10), the last {@code n % 16} the scalar one (glibc's expf,
 * log1pf, tanhf); where the two lambdas treat a NaN differently (hardtanh's, hardswish's and the shrinks' backward)
 * each side keeps its own rule. log_sigmoid is the exception: its own loop runs every element, the tail too, as a
 * (padded) vector. Operation order follows the kernels, since every rounding counts, and so do the fused
 * multiply-adds GCC contracts a kernel's {@code a * b + c} into (PyTorch's AVX2 build: -mfma, fp-contract=fast, and
 * its intrinsics are plain vector arithmetic to GCC): silu's and mish's backward.
 */
public final class Float32Activations {
    private Float32Activations() {}

    private static int body(int n) {
        return n - n % Float32Unary.VEC_STEP;
    }

    private static float exp(float x, boolean vec) {
        return vec ? Sleef32.exp(x) : Glibc.expf(x);
    }

    /** silu: {@code x / (1 + exp(-x))}. */
    public static void silu(float[] x, float[] y) {
        int b = body(x.length);
        for (int i = 0; i < x.length; i++) y[i] = x[i] / (1f + exp(-x[i], i < b));
    }

    /** silu_backward: {@code s = 1 / (1 + exp(-x))}, {@code dy * s * fma(x, 1 - s, 1)}. */
    public static void siluBackward(float[] g, float[] x, float[] r) {
        int b = body(x.length);
        for (int i = 0; i < x.length; i++) {
            float s = 1f / (1f + exp(-x[i], i < b));
            r[i] = g[i] * s * Math.fma(x[i], 1f - s, 1f);
        }
    }

    private static float tanhSoftplus(float x, boolean vec) {
        return vec ? Sleef32.tanh(Sleef32.log1p(Sleef32.exp(x))) : Glibc.tanhf(Glibc.log1pf(Glibc.expf(x)));
    }

    /** mish: {@code x * tanh(log1p(exp(x)))}. */
    public static void mish(float[] x, float[] y) {
        int b = body(x.length);
        for (int i = 0; i < x.length; i++) y[i] = x[i] * tanhSoftplus(x[i], i < b);
    }

    /** mish_backward: {@code dy * fma(x * s, fma(-t, t, 1), t)}, t = tanh(softplus(x)), s = sigmoid(x). */
    public static void mishBackward(float[] g, float[] x, float[] r) {
        int b = body(x.length);
        for (int i = 0; i < x.length; i++) {
            boolean v = i < b;
            float s = 1f / (1f + exp(-x[i], v)), t = tanhSoftplus(x[i], v);
            r[i] = g[i] * Math.fma(x[i] * s, Math.fma(-t, t, 1f), t);
        }
    }

    /**
     * elu with PyTorch's coefficients as float: negcoef = alpha * scale (a float product), poscoef = scale,
     * negiptcoef = input_scale; {@code x <= 0 ? (exp(x * negiptcoef) - 1) * negcoef : x * poscoef}.
     */
    public static void elu(float[] x, float[] y, float negcoef, float poscoef, float negiptcoef) {
        int b = body(x.length);
        for (int i = 0; i < x.length; i++) {
            float a = x[i];
            boolean neg = i < b ? !(a > 0f) : a <= 0f;
            y[i] = neg ? (exp(a * negiptcoef, i < b) - 1f) * negcoef : a * poscoef;
        }
    }

    /** elu_backward on the input: {@code x <= 0 ? g * negiptcoef * negcoef * exp(x * negiptcoef) : g * poscoef}. */
    public static void eluBackward(float[] g, float[] x, float[] r, float negcoef, float poscoef, float negiptcoef) {
        int b = body(x.length);
        for (int i = 0; i < x.length; i++) {
            float a = x[i];
            boolean neg = i < b ? !(a > 0f) : a <= 0f;
            r[i] = neg ? g[i] * negiptcoef * negcoef * exp(a * negiptcoef, i < b) : g[i] * poscoef;
        }
    }

    /** hardtanh_backward: the vector lambda passes g only where min < x < max, the scalar one unless x <= min or x >= max. */
    public static void hardtanhBackward(float[] g, float[] x, float[] r, float min, float max) {
        int b = body(x.length);
        for (int i = 0; i < x.length; i++) {
            float a = x[i];
            boolean pass = i < b ? a > min && a < max : !(a <= min || a >= max);
            r[i] = pass ? g[i] : 0f;
        }
    }

    /** hardswish: {@code x * min(max(x + 3, 0), 6) / 6} (NaN propagating). */
    public static void hardswish(float[] x, float[] y) {
        for (int i = 0; i < x.length; i++) {
            float a = x[i];
            y[i] = a * clamp06(a + 3f) / 6f;
        }
    }

    private static float clamp06(float v) {
        return Float.isNaN(v) ? v : v < 0f ? 0f : v > 6f ? 6f : v;
    }

    /** hardswish_backward: 0 below -3, {@code g * (x / 3 + 0.5)} up to 3, g above; a NaN x: NaN (vector), g (scalar). */
    public static void hardswishBackward(float[] g, float[] x, float[] r) {
        int b = body(x.length);
        for (int i = 0; i < x.length; i++) {
            float a = x[i];
            if (i < b) r[i] = a < -3f ? 0f : a >= 3f ? g[i] : g[i] * (a / 3f + 0.5f);
            else r[i] = a < -3f ? 0f : a <= 3f ? g[i] * (a / 3f + 0.5f) : g[i];
        }
    }

    /** hardsigmoid: {@code min(max(x + 3, 0), 6) / 6}. */
    public static void hardsigmoid(float[] x, float[] y) {
        for (int i = 0; i < x.length; i++) y[i] = clamp06(x[i] + 3f) / 6f;
    }

    /** hardsigmoid_backward: {@code -3 < x < 3 ? g * (1/6f) : 0}. */
    public static void hardsigmoidBackward(float[] g, float[] x, float[] r) {
        for (int i = 0; i < x.length; i++) r[i] = x[i] > -3f && x[i] < 3f ? g[i] * (1f / 6f) : 0f;
    }

    /** log_sigmoid: buffer = exp(-|x|) and {@code min(x, 0) - log1p(buffer)}, every element as a vector lane. */
    public static void logSigmoid(float[] x, float[] y, float[] buffer) {
        for (int i = 0; i < x.length; i++) {
            float a = x[i], e = Sleef32.exp(-Math.abs(a));
            float m = Float.isNaN(a) ? a : Math.min(a, 0f);
            buffer[i] = e;
            y[i] = m - Sleef32.log1p(e);
        }
    }

    /** log_sigmoid_backward: {@code (maxDeriv - sign * (buffer / (1 + buffer))) * g}, by the sign of x. */
    public static void logSigmoidBackward(float[] g, float[] x, float[] buffer, float[] r) {
        for (int i = 0; i < x.length; i++) {
            boolean neg = x[i] < 0f;
            float bb = buffer[i];
            r[i] = ((neg ? 1f : 0f) - (neg ? 1f : -1f) * (bb / (1f + bb))) * g[i];
        }
    }

    /** shrink_backward (hard and soft): g outside [-lambd, lambd]; a NaN x: 0 (vector), g (scalar). */
    public static void shrinkBackward(float[] g, float[] x, float[] r, float lambd) {
        int b = body(x.length);
        for (int i = 0; i < x.length; i++) {
            float a = x[i];
            boolean pass = i < b ? a < -lambd || a > lambd : !(a >= -lambd && a <= lambd);
            r[i] = pass ? g[i] : 0f;
        }
    }
}
