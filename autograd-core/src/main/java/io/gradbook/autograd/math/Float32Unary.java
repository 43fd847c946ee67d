// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

/**
 * PyTorch 1.13's float32 element-wise unary ops on CPU (AVX2 build), bit for bit, as loops over a contiguous run:
 * {@code dst[dstOff + i] = op(src[srcOff + i])} for {@code i < n}, exactly as PyTorch computes a contiguous tensor
 * of n elements. {@code src} and {@code dst} may be the same array at the same offset (in-place ops).
 *
 * <p>Two loop shapes, as in PyTorch:
 * <ul>
 * <li>the {@code vml} ops ({@code exp log sin cos tanh expm1 log1p atan erf log2 log10 asin acos sqrt ...})
 *     run every element, the last partial vector too, through the vectorized approximation
 *     ({@code vec::map} pads the tail into a full vector); sin and cos take SLEEF's slow reduction for a whole
 *     group of 8 when any of its elements has |x| &gt;= 125 or is not finite, so a group's neighbours matter;</li>
 * <li>the {@code cpu_kernel_vec} ops ({@code sigmoid sinh cosh pow}) run the vector body over the first
 *     {@code n - n % 16} elements and the scalar C++ code (glibc's float functions) over the last {@code n % 16}.</li>
 * <li>asinh and atanh have no vector code in 1.13: glibc's asinhf/atanhf for every element.</li>
 * </ul>
 * So an engine that splits a long run into chunks must cut at multiples of 16 to keep results independent of
 * the split. A strided operand: PyTorch copies it into a buffer for the vml ops (same values; sin/cos groups of 8
 * follow the buffer), while a {@code cpu_kernel_vec} loop it cannot vectorize runs the scalar code on every
 * element: {@code sigmoidScalar}, {@code sinhScalar}, {@code coshScalar}, {@code powScalar}. Contract (one per op): {@code public static void NAME(float[] src, int srcOff, float[] dst, int dstOff, int n)}
 * for exp, log, sin, cos, tanh, sigmoid, expm1, log1p, atan, sinh, cosh, asinh, erf, log2, log10, asin, acos, atanh,
 * sqrt, rsqrt, reciprocal, neg, abs, relu, square; plus
 * {@code pow(float[] src, int srcOff, float[] dst, int dstOff, int n, double exponent)} (a Python scalar exponent) and
 * {@code pow(float[] base, int baseOff, float[] exp, int expOff, float[] dst, int dstOff, int n)}.
 * One-lane forms ({@code float exp(float)} ...) give the vector algorithm for a single element. exp, log, sin, cos,
 * tanh and sigmoid run their whole vectors 8 lanes at a time ({@link Float32Simd}) where {@link Simd#enabled()}:
 * the same bits.
 *
 * <pre>
 * jshell&gt; float[] y = new float[1]; Float32Unary.exp(new float[] {1f}, 0, y, 0, 1); y[0]
 * $3 ==&gt; 2.7182817
 * </pre>
 */
public final class Float32Unary {
    private Float32Unary() {}

    /** {@code cpu_kernel_vec}'s unrolled step: two vectors of 8. */
    static final int VEC_STEP = 16;
    static final int LANES = 8;

    // ---- one-lane forms of the vector algorithms ----

    public static float exp(float x) { return Sleef32.exp(x); }
    public static float log(float x) { return Sleef32.log(x); }
    /** The fast path (|x| &lt; 125 in every lane of x's vector); see the array form for the rest. */
    public static float sin(float x) { return Math.abs(x) < Sleef32.TRIGRANGEMAX2 ? Sleef32.sin(x) : Sleef32.sinSlow(x); }
    public static float cos(float x) { return Math.abs(x) < Sleef32.TRIGRANGEMAX2 ? Sleef32.cos(x) : Sleef32.cosSlow(x); }
    public static float tanh(float x) { return Sleef32.tanh(x); }
    /** The vector form: {@code 1 / (exp(0 - x) + 1)}. */
    public static float sigmoid(float x) { return 1.0f / (Sleef32.exp(0f - x) + 1.0f); }
    public static float expm1(float x) { return Sleef32.expm1(x); }
    public static float log1p(float x) { return Sleef32.log1p(x); }
    public static float atan(float x) { return Sleef32.atan(x); }
    public static float sinh(float x) { return Sleef32.sinh(x); }
    public static float cosh(float x) { return Sleef32.cosh(x); }
    /** glibc's asinhf: PyTorch 1.13 computes asinh with scalar code only. */
    public static float asinh(float x) { return Glibc.asinhf(x); }
    /** glibc's atanhf: scalar code only in PyTorch 1.13. */
    public static float atanh(float x) { return Glibc.atanhf(x); }
    public static float erf(float x) { return Sleef32.erf(x); }
    public static float log2(float x) { return Sleef32.log2(x); }
    public static float log10(float x) { return Sleef32.log10(x); }
    public static float asin(float x) { return Sleef32.asin(x); }
    public static float acos(float x) { return Sleef32.acos(x); }
    /** Sleef_powf8_u10 for one lane. */
    public static float pow(float x, float y) { return Sleef32.pow(x, y); }

    // ---- the scalar code of the cpu_kernel_vec ops: loop tails, and every element of a loop PyTorch cannot
    // vectorize (a non-contiguous, non-scalar operand) ----

    /** {@code 1 / (1 + expf(-x))} with glibc's expf. */
    public static float sigmoidScalar(float x) { return 1.0f / (1.0f + Glibc.expf(-x)); }
    /** glibc's sinhf. */
    public static float sinhScalar(float x) { return Glibc.sinhf(x); }
    /** glibc's coshf. */
    public static float coshScalar(float x) { return Glibc.coshf(x); }
    /** glibc's powf (tensor ** tensor). */
    public static float powScalar(float x, float y) { return Glibc.powf(x, y); }
    /** {@code std::pow(double(x), exponent)} rounded to float (tensor ** Python scalar, other exponents). */
    public static float powScalar(float x, double exponent) { return (float) Math.pow(x, exponent); }

    // ---- the vml ops: every element through the vector algorithm ----

    public static void exp(float[] src, int srcOff, float[] dst, int dstOff, int n) {
        check(src, srcOff, dst, dstOff, n);
        int done = Simd.enabled() ? Float32Simd.exp(src, srcOff, dst, dstOff, n) : 0;
        for (int i = done; i < n; i++) dst[dstOff + i] = Sleef32.exp(src[srcOff + i]);
    }

    public static void log(float[] src, int srcOff, float[] dst, int dstOff, int n) {
        check(src, srcOff, dst, dstOff, n);
        int done = Simd.enabled() ? Float32Simd.log(src, srcOff, dst, dstOff, n) : 0;
        for (int i = done; i < n; i++) dst[dstOff + i] = Sleef32.log(src[srcOff + i]);
    }

    public static void sin(float[] src, int srcOff, float[] dst, int dstOff, int n) {
        trig(src, srcOff, dst, dstOff, n, true);
    }

    public static void cos(float[] src, int srcOff, float[] dst, int dstOff, int n) {
        trig(src, srcOff, dst, dstOff, n, false);
    }

    /** xsinf_u1 / xcosf_u1 decide fast or slow reduction per vector of 8 (the padded tail counts its zeros as fast). */
    private static void trig(float[] src, int srcOff, float[] dst, int dstOff, int n, boolean sin) {
        check(src, srcOff, dst, dstOff, n);
        int done = !Simd.enabled() ? 0 : sin ? Float32Simd.sin(src, srcOff, dst, dstOff, n) : Float32Simd.cos(src, srcOff, dst, dstOff, n);
        for (int g = done; g < n; g += LANES) {
            int end = Math.min(n, g + LANES);
            boolean fast = true;
            for (int i = g; i < end; i++) fast &= Math.abs(src[srcOff + i]) < Sleef32.TRIGRANGEMAX2;
            if (fast) {
                if (sin) for (int i = g; i < end; i++) dst[dstOff + i] = Sleef32.sin(src[srcOff + i]);
                else for (int i = g; i < end; i++) dst[dstOff + i] = Sleef32.cos(src[srcOff + i]);
            } else {
                if (sin) for (int i = g; i < end; i++) dst[dstOff + i] = Sleef32.sinSlow(src[srcOff + i]);
                else for (int i = g; i < end; i++) dst[dstOff + i] = Sleef32.cosSlow(src[srcOff + i]);
            }
        }
    }

    public static void tanh(float[] src, int srcOff, float[] dst, int dstOff, int n) {
        check(src, srcOff, dst, dstOff, n);
        int done = Simd.enabled() ? Float32Simd.tanh(src, srcOff, dst, dstOff, n) : 0;
        for (int i = done; i < n; i++) dst[dstOff + i] = Sleef32.tanh(src[srcOff + i]);
    }

    public static void expm1(float[] src, int srcOff, float[] dst, int dstOff, int n) {
        check(src, srcOff, dst, dstOff, n);
        for (int i = 0; i < n; i++) dst[dstOff + i] = Sleef32.expm1(src[srcOff + i]);
    }

    public static void log1p(float[] src, int srcOff, float[] dst, int dstOff, int n) {
        check(src, srcOff, dst, dstOff, n);
        for (int i = 0; i < n; i++) dst[dstOff + i] = Sleef32.log1p(src[srcOff + i]);
    }

    public static void atan(float[] src, int srcOff, float[] dst, int dstOff, int n) {
        check(src, srcOff, dst, dstOff, n);
        for (int i = 0; i < n; i++) dst[dstOff + i] = Sleef32.atan(src[srcOff + i]);
    }

    public static void erf(float[] src, int srcOff, float[] dst, int dstOff, int n) {
        check(src, srcOff, dst, dstOff, n);
        for (int i = 0; i < n; i++) dst[dstOff + i] = Sleef32.erf(src[srcOff + i]);
    }

    public static void log2(float[] src, int srcOff, float[] dst, int dstOff, int n) {
        check(src, srcOff, dst, dstOff, n);
        for (int i = 0; i < n; i++) dst[dstOff + i] = Sleef32.log2(src[srcOff + i]);
    }

    public static void log10(float[] src, int srcOff, float[] dst, int dstOff, int n) {
        check(src, srcOff, dst, dstOff, n);
        for (int i = 0; i < n; i++) dst[dstOff + i] = Sleef32.log10(src[srcOff + i]);
    }

    public static void asin(float[] src, int srcOff, float[] dst, int dstOff, int n) {
        check(src, srcOff, dst, dstOff, n);
        for (int i = 0; i < n; i++) dst[dstOff + i] = Sleef32.asin(src[srcOff + i]);
    }

    public static void acos(float[] src, int srcOff, float[] dst, int dstOff, int n) {
        check(src, srcOff, dst, dstOff, n);
        for (int i = 0; i < n; i++) dst[dstOff + i] = Sleef32.acos(src[srcOff + i]);
    }

    public static void asinh(float[] src, int srcOff, float[] dst, int dstOff, int n) {
        check(src, srcOff, dst, dstOff, n);
        for (int i = 0; i < n; i++) dst[dstOff + i] = Glibc.asinhf(src[srcOff + i]);
    }

    public static void atanh(float[] src, int srcOff, float[] dst, int dstOff, int n) {
        check(src, srcOff, dst, dstOff, n);
        for (int i = 0; i < n; i++) dst[dstOff + i] = Glibc.atanhf(src[srcOff + i]);
    }

    // ---- exact ops: one correctly rounded float operation (vector and scalar code agree) ----

    public static void sqrt(float[] src, int srcOff, float[] dst, int dstOff, int n) {
        check(src, srcOff, dst, dstOff, n);
        for (int i = 0; i < n; i++) dst[dstOff + i] = (float) Math.sqrt(src[srcOff + i]);
    }

    /** {@code 1 / sqrt(x)}: two roundings, as PyTorch's {@code _mm256_div_ps(1, _mm256_sqrt_ps(x))}. */
    public static void rsqrt(float[] src, int srcOff, float[] dst, int dstOff, int n) {
        check(src, srcOff, dst, dstOff, n);
        for (int i = 0; i < n; i++) dst[dstOff + i] = 1.0f / (float) Math.sqrt(src[srcOff + i]);
    }

    public static void reciprocal(float[] src, int srcOff, float[] dst, int dstOff, int n) {
        check(src, srcOff, dst, dstOff, n);
        for (int i = 0; i < n; i++) dst[dstOff + i] = 1.0f / src[srcOff + i];
    }

    public static void neg(float[] src, int srcOff, float[] dst, int dstOff, int n) {
        check(src, srcOff, dst, dstOff, n);
        for (int i = 0; i < n; i++) dst[dstOff + i] = -src[srcOff + i];
    }

    public static void abs(float[] src, int srcOff, float[] dst, int dstOff, int n) {
        check(src, srcOff, dst, dstOff, n);
        for (int i = 0; i < n; i++) dst[dstOff + i] = Math.abs(src[srcOff + i]);
    }

    /** {@code clamp_min(x, 0)}: keeps -0 and NaN as they are. */
    public static void relu(float[] src, int srcOff, float[] dst, int dstOff, int n) {
        check(src, srcOff, dst, dstOff, n);
        // the scalar loop's branch mispredicts on random signs and C2 does not vectorize it: 8 lanes by a mask
        int done = n >= Float32Arith.MIN_VECTOR_RUN && Simd.enabled() ? Float32Simd.relu(src, srcOff, dst, dstOff, n) : 0;
        for (int i = done; i < n; i++) {
            float x = src[srcOff + i];
            dst[dstOff + i] = x < 0f ? 0f : x;
        }
    }

    public static void square(float[] src, int srcOff, float[] dst, int dstOff, int n) {
        check(src, srcOff, dst, dstOff, n);
        for (int i = 0; i < n; i++) {
            float x = src[srcOff + i];
            dst[dstOff + i] = x * x;
        }
    }

    // ---- cpu_kernel_vec ops: vector body over n - n % 16, glibc's scalar code over the tail ----

    /** Vector {@code 1 / (exp(0 - x) + 1)}; tail {@code 1 / (1 + expf(-x))}. */
    public static void sigmoid(float[] src, int srcOff, float[] dst, int dstOff, int n) {
        check(src, srcOff, dst, dstOff, n);
        int body = n - n % VEC_STEP;
        if (Simd.enabled()) Float32Simd.sigmoid(src, srcOff, dst, dstOff, body);
        else for (int i = 0; i < body; i++) dst[dstOff + i] = sigmoid(src[srcOff + i]);
        for (int i = body; i < n; i++) dst[dstOff + i] = sigmoidScalar(src[srcOff + i]);
    }

    public static void sinh(float[] src, int srcOff, float[] dst, int dstOff, int n) {
        check(src, srcOff, dst, dstOff, n);
        int body = n - n % VEC_STEP;
        for (int i = 0; i < body; i++) dst[dstOff + i] = Sleef32.sinh(src[srcOff + i]);
        for (int i = body; i < n; i++) dst[dstOff + i] = Glibc.sinhf(src[srcOff + i]);
    }

    public static void cosh(float[] src, int srcOff, float[] dst, int dstOff, int n) {
        check(src, srcOff, dst, dstOff, n);
        int body = n - n % VEC_STEP;
        for (int i = 0; i < body; i++) dst[dstOff + i] = Sleef32.cosh(src[srcOff + i]);
        for (int i = body; i < n; i++) dst[dstOff + i] = Glibc.coshf(src[srcOff + i]);
    }

    /**
     * {@code x.pow(exponent)} for a Python scalar exponent: 0.5, -0.5, -1 go to sqrt, rsqrt, reciprocal; 2, 3, -2
     * are {@code x*x}, {@code x*x*x}, {@code 1/(x*x)} in float; 0 and 1 give ones and a copy (as {@code pow_out}
     * does); any other exponent runs SLEEF's powf with the exponent rounded to float over the vector body, and
     * {@code std::pow(double(x), exponent)} rounded to float over the tail.
     */
    public static void pow(float[] src, int srcOff, float[] dst, int dstOff, int n, double exponent) {
        check(src, srcOff, dst, dstOff, n);
        if (exponent == 0.0) {
            for (int i = 0; i < n; i++) dst[dstOff + i] = 1f;
        } else if (exponent == 1.0) {
            System.arraycopy(src, srcOff, dst, dstOff, n);
        } else if (exponent == 0.5) {
            sqrt(src, srcOff, dst, dstOff, n);
        } else if (exponent == -0.5) {
            rsqrt(src, srcOff, dst, dstOff, n);
        } else if (exponent == -1.0) {
            reciprocal(src, srcOff, dst, dstOff, n);
        } else if (exponent == 2.0) {
            square(src, srcOff, dst, dstOff, n);
        } else if (exponent == 3.0) {
            for (int i = 0; i < n; i++) {
                float x = src[srcOff + i];
                dst[dstOff + i] = x * x * x;
            }
        } else if (exponent == -2.0) {
            for (int i = 0; i < n; i++) {
                float x = src[srcOff + i];
                dst[dstOff + i] = 1.0f / (x * x);
            }
        } else {
            float e = (float) exponent;
            int body = n - n % VEC_STEP;
            for (int i = 0; i < body; i++) dst[dstOff + i] = Sleef32.pow(src[srcOff + i], e);
            for (int i = body; i < n; i++) dst[dstOff + i] = powScalar(src[srcOff + i], exponent);
        }
    }

    /** {@code base.pow(exp)} of two tensors: SLEEF's powf over the vector body, glibc's powf over the tail. */
    public static void pow(float[] base, int baseOff, float[] exp, int expOff, float[] dst, int dstOff, int n) {
        check(base, baseOff, dst, dstOff, n);
        Float32Reduce.checkRange(exp.length, expOff, n);
        int body = n - n % VEC_STEP;
        for (int i = 0; i < body; i++) dst[dstOff + i] = Sleef32.pow(base[baseOff + i], exp[expOff + i]);
        for (int i = body; i < n; i++) dst[dstOff + i] = Glibc.powf(base[baseOff + i], exp[expOff + i]);
    }

    /**
     * {@code base.pow(exp)} where one operand is a broadcast scalar (its stride 0, the other's 1): cpu_kernel_vec's
     * vectorized_loop with a scalar operand, SLEEF's powf over the vector body and glibc's powf over the tail.
     */
    public static void pow(float[] base, int baseOff, int baseStride, float[] exp, int expOff, int expStride, float[] dst, int dstOff, int n) {
        if (!(baseStride == 1 && expStride == 0 || baseStride == 0 && expStride == 1)) throw new IllegalArgumentException("one operand contiguous, the other broadcast");
        Float32Reduce.checkRange(base.length, baseOff, baseStride == 0 ? 1 : n);
        Float32Reduce.checkRange(exp.length, expOff, expStride == 0 ? 1 : n);
        Float32Reduce.checkRange(dst.length, dstOff, n);
        int body = n - n % VEC_STEP;
        for (int i = 0; i < body; i++) dst[dstOff + i] = Sleef32.pow(base[baseOff + i * baseStride], exp[expOff + i * expStride]);
        for (int i = body; i < n; i++) dst[dstOff + i] = Glibc.powf(base[baseOff + i * baseStride], exp[expOff + i * expStride]);
    }

    static void check(float[] src, int srcOff, float[] dst, int dstOff, int n) {
        Float32Reduce.checkRange(src.length, srcOff, n);
        Float32Reduce.checkRange(dst.length, dstOff, n);
    }
}
