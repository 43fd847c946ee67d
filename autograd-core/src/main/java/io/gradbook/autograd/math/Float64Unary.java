// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

/**
 * PyTorch 1.13's float64 element-wise transcendental ops on CPU (AVX2 build) over one run of an iteration, bit
 * for bit: {@code dst[dstOff + i * dstStride] = op(src[srcOff + i * srcStride])}, {@code i < n}, where the run is
 * what PyTorch's TensorIterator hands its inner loop (a contiguous tensor is one run).
 *
 * <p>Two loop shapes, as in PyTorch (the float32 ops have the same, see {@link Float32Unary}):
 * <ul>
 * <li>the {@code vml} ops ({@code sin cos tan tanh expm1 log1p log2 log10 asin acos atan erf erfc}, and exp/log)
 *     put every element, a partial last vector and a strided input's gathered copy too, through SLEEF's 4-lane
 *     code, whose lanes are independent: one lane function per op ({@link Sleef64Trig}, {@link Sleef64Exp},
 *     {@link Sleef64Erf}), whatever the layout;</li>
 * <li>the {@code cpu_kernel_vec} ops ({@code sigmoid sinh cosh}, and pow/atan2 in {@link Float64Binary}) run the
 *     vector code over the first {@code n - n % 8} elements of a contiguous run (two vectors of 4 per step) and
 *     the scalar C++ code over the rest, and the scalar code over every element of a strided run: glibc's
 *     {@code exp} in sigmoid ({@link Glibc64#exp}), glibc's sinh/cosh ({@link Glibc64Hyp}).</li>
 * </ul>
 *
 * <pre>
 * jshell&gt; double[] y = new double[1]; Float64Unary.sigmoid(new double[] {1}, 0, 1, y, 0, 1, 1); y[0]
 * $2 ==&gt; 0.7310585786300049
 * </pre>
 */
public final class Float64Unary {
    private Float64Unary() {}

    /** {@code cpu_kernel_vec}'s unrolled step for doubles: two vectors of 4. */
    static final int VEC_STEP = 8;

    /** The vector sigmoid of PyTorch's sigmoid_kernel: {@code 1 / (exp(0 - x) + 1)}. */
    public static double sigmoid(double x) {
        return 1.0 / (Sleef64.exp(0.0 - x) + 1.0);
    }

    /** Its scalar code: {@code 1 / (1 + std::exp(-x))} with glibc's exp. */
    public static double sigmoidScalar(double x) {
        return 1.0 / (1.0 + Glibc64.exp(-x));
    }

    /** glibc's sinh. */
    public static double sinhScalar(double x) {
        return Glibc64Hyp.sinh(x);
    }

    /** glibc's cosh. */
    public static double coshScalar(double x) {
        return Glibc64Hyp.cosh(x);
    }

    /** The elements of a run that take the vector code: the whole steps of a contiguous run, none of a strided one. */
    static int vectorBody(int srcStride, int dstStride, int n) {
        return srcStride == 1 && dstStride == 1 ? n - n % VEC_STEP : 0;
    }

    public static void sigmoid(double[] src, int srcOff, int srcStride, double[] dst, int dstOff, int dstStride, int n) {
        int body = vectorBody(srcStride, dstStride, n);
        for (int i = 0; i < body; i++) dst[dstOff + i] = sigmoid(src[srcOff + i]);
        for (int i = body; i < n; i++) dst[dstOff + i * dstStride] = sigmoidScalar(src[srcOff + i * srcStride]);
    }

    public static void sinh(double[] src, int srcOff, int srcStride, double[] dst, int dstOff, int dstStride, int n) {
        int body = vectorBody(srcStride, dstStride, n);
        for (int i = 0; i < body; i++) dst[dstOff + i] = Sleef64Exp.sinh(src[srcOff + i]);
        for (int i = body; i < n; i++) dst[dstOff + i * dstStride] = sinhScalar(src[srcOff + i * srcStride]);
    }

    public static void cosh(double[] src, int srcOff, int srcStride, double[] dst, int dstOff, int dstStride, int n) {
        int body = vectorBody(srcStride, dstStride, n);
        for (int i = 0; i < body; i++) dst[dstOff + i] = Sleef64Exp.cosh(src[srcOff + i]);
        for (int i = body; i < n; i++) dst[dstOff + i * dstStride] = coshScalar(src[srcOff + i * srcStride]);
    }

    private static final double SQRT1_2 = 0.70710678118654752440, TWO_SQRTPI = 1.12837916709551257390;
    /** GeluBackwardKernelImpl's kBeta, {@code M_2_SQRTPI * M_SQRT1_2 * 0.5} in double. */
    private static final double GELU_BETA = TWO_SQRTPI * SQRT1_2 * 0.5;

    /**
     * GeluKernelImpl (approximate "none") for doubles: {@code x * 0.5 * (1 + erf(x * M_SQRT1_2))}, SLEEF's erf on
     * the vector body, glibc's on the scalar tail and on strided runs.
     */
    public static void geluErf(double[] src, int srcOff, int srcStride, double[] dst, int dstOff, int dstStride, int n) {
        int body = vectorBody(srcStride, dstStride, n);
        for (int i = 0; i < body; i++) {
            double x = src[srcOff + i];
            dst[dstOff + i] = x * 0.5 * (1.0 + Sleef64Erf.erf(x * SQRT1_2));
        }
        for (int i = body; i < n; i++) {
            double x = src[srcOff + i * srcStride];
            dst[dstOff + i * dstStride] = x * 0.5 * (1.0 + GlibcErf.erf(x * SQRT1_2));
        }
    }

    private static final double SQRT2 = 1.41421356237309504880, TANH_BETA = SQRT2 * TWO_SQRTPI * 0.5, TANH_KAPPA = 0.044715;

    /**
     * GeluKernelImpl ("tanh") for doubles over a run: {@code 0.5 * x * (1 + tanh(kBeta * fma(kKappa, x * x * x, x)))},
     * SLEEF's tanh on the vector body (blocks of 8), glibc's on the tail and on strided runs; GCC contracts
     * {@code x + kKappa * x_cube} in both codes (measured against 1.13.1: 4,003 of 4,003 contiguous and 2,000 of 2,000
     * stepped elements equal; 23 and 11 differ unfused).
     */
    public static void geluTanh(double[] src, int srcOff, int srcStride, double[] dst, int dstOff, int dstStride, int n) {
        int body = vectorBody(srcStride, dstStride, n);
        for (int i = 0; i < n; i++) {
            double x = src[srcOff + i * srcStride];
            double inner = TANH_BETA * Math.fma(TANH_KAPPA, x * x * x, x);
            double t = i < body ? Sleef64Exp.tanh(inner) : Glibc64Hyp.tanh(inner);
            dst[dstOff + i * dstStride] = 0.5 * x * (1 + t);
        }
    }

    /**
     * GeluBackwardKernelImpl ("none") for doubles over one contiguous run of (dy, x), or (vector false) its scalar
     * code alone: {@code dy * (cdf + x * pdf)}, cdf {@code 0.5 * (1 + erf(x * M_SQRT1_2))}, pdf
     * {@code kBeta * exp(x * x * -0.5)}; SLEEF's erf and exp on the vector body, glibc's on the tail. The vector
     * code's {@code cdf + x * pdf} is one fused multiply-add (GCC contracts the intrinsics, the AVX2 kernels being
     * built with -mfma: the oracle matches fma(x, pdf, cdf) on 4,000 of 4,000 contiguous elements, a product and a
     * sum on 3,428); the scalar code's is a product and a sum (2,000 of 2,000 transposed elements, the fma 1,724).
     */
    public static void geluErfBackward(double[] dy, int dyOff, double[] x, int xOff, double[] dst, int dstOff, int n, boolean vector) {
        int body = vector ? n - n % VEC_STEP : 0;
        for (int i = 0; i < body; i++) {
            double v = x[xOff + i];
            double cdf = 0.5 * (1.0 + Sleef64Erf.erf(v * SQRT1_2));
            double pdf = GELU_BETA * Sleef64.exp(v * v * -0.5);
            dst[dstOff + i] = dy[dyOff + i] * Math.fma(v, pdf, cdf);
        }
        for (int i = body; i < n; i++) {
            double v = x[xOff + i];
            double cdf = 0.5 * (1.0 + GlibcErf.erf(v * SQRT1_2));
            double pdf = GELU_BETA * Glibc64.exp(v * v * -0.5);
            dst[dstOff + i] = dy[dyOff + i] * (cdf + v * pdf);
        }
    }
}
