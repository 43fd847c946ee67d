// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

/**
 * PyTorch 1.13's float64 pow and atan2 on CPU (AVX2 build) over one run of an iteration, bit for bit where noted.
 * Both are {@code cpu_kernel_vec} loops: where the output and each operand are contiguous or a broadcast scalar
 * (stride 0), the first {@code n - n % 8} elements take the vector code (SLEEF's {@link Sleef64Exp#pow},
 * {@link Sleef64Trig#atan2}) and the rest the scalar C++ code; a strided operand sends every element to the scalar
 * code. The scalar code is glibc's: {@link Glibc64Pow} and {@link Glibc64Atan2}, both exact (SLEEF's u10 atan2 in
 * its place differed on 1 in 100 by an ULP, {@link StrictMath#atan2} on 1 in 5).
 *
 * <p>A tensor to a Python-scalar power first dispatches on the exponent as pow_tensor_scalar_kernel does: 0.5 is
 * sqrt, -0.5 rsqrt ({@code 1 / sqrt}), -1 reciprocal, 2 {@code x * x}, 3 {@code x * x * x}, -2 {@code 1 / (x * x)}
 * (the vector and scalar code agree on these); other exponents go to pow as above.
 *
 * <pre>
 * jshell&gt; double[] y = new double[1]; Float64Binary.powScalar(new double[] {2}, 0, 1, y, 0, 1, 1, 0.5); y[0]
 * $2 ==&gt; 1.4142135623730951
 * </pre>
 */
public final class Float64Binary {
    private Float64Binary() {}

    /**
     * Whether cpu_kernel_vec runs a run's vector loop: every operand contiguous, or exactly one input a broadcast
     * scalar (stride 0) and the others contiguous (is_contiguous_scalar); two stride-0 inputs (an expanded exponent
     * beside a scalar base) are its basic_loop, the scalar code for every element (wide fuzz seed 20990).
     */
    public static boolean vectorizable(int os, int as, int bs) {
        return os == 1 && (as == 1 && (bs == 1 || bs == 0) || as == 0 && bs == 1);
    }

    /** {@code o[i] = a[i] ** b[i]} (pow_tensor_tensor_kernel; a broadcast scalar has stride 0). */
    public static void pow(double[] o, int oo, int os, double[] a, int ao, int as, double[] b, int bo, int bs, int n) {
        int body = vectorizable(os, as, bs) ? n - n % Float64Unary.VEC_STEP : 0;
        for (int i = 0; i < body; i++) o[oo + i] = Sleef64Exp.pow(a[ao + i * as], b[bo + i * bs]);
        for (int i = body; i < n; i++) o[oo + i * os] = Glibc64Pow.pow(a[ao + i * as], b[bo + i * bs]);
    }

    /** {@code o[i] = atan2(a[i], b[i])} (atan2_kernel). */
    public static void atan2(double[] o, int oo, int os, double[] a, int ao, int as, double[] b, int bo, int bs, int n) {
        int body = vectorizable(os, as, bs) ? n - n % Float64Unary.VEC_STEP : 0;
        for (int i = 0; i < body; i++) o[oo + i] = Sleef64Trig.atan2(a[ao + i * as], b[bo + i * bs]);
        for (int i = body; i < n; i++) o[oo + i * os] = atan2Scalar(a[ao + i * as], b[bo + i * bs]);
    }

    /**
     * The scalar code's atan2: glibc's returns {@code x + y} for a NaN operand (the NaN, quieted; measured for one
     * NaN, the first register operand assumed for two), otherwise {@link Glibc64Atan2}, glibc's own algorithm.
     */
    static double atan2Scalar(double y, double x) {
        if (y != y) return Sleef64.quiet(y);
        if (x != x) return Sleef64.quiet(x);
        return Glibc64Atan2.atan2(y, x);
    }

    /** {@code o[i] = a[i] ** e} for a Python-scalar exponent (pow_Tensor_Scalar_out and its kernel). */
    public static void powScalar(double[] a, int ao, int as, double[] o, int oo, int os, int n, double e) {
        if (e == 0.0) {
            // pow_Tensor_Scalar_out fills ones (NaN ** 0 too) and copies for exponent 1, before any kernel
            for (int i = 0; i < n; i++) o[oo + i * os] = 1.0;
        } else if (e == 1.0) {
            for (int i = 0; i < n; i++) o[oo + i * os] = a[ao + i * as];
        } else if (e == 0.5) {
            for (int i = 0; i < n; i++) o[oo + i * os] = Math.sqrt(a[ao + i * as]);
        } else if (e == -0.5) {
            for (int i = 0; i < n; i++) o[oo + i * os] = 1.0 / Math.sqrt(a[ao + i * as]);
        } else if (e == -1.0) {
            for (int i = 0; i < n; i++) o[oo + i * os] = 1.0 / a[ao + i * as];
        } else if (e == 2.0) {
            for (int i = 0; i < n; i++) {
                double x = a[ao + i * as];
                o[oo + i * os] = x * x;
            }
        } else if (e == 3.0) {
            for (int i = 0; i < n; i++) {
                double x = a[ao + i * as];
                o[oo + i * os] = x * x * x;
            }
        } else if (e == -2.0) {
            for (int i = 0; i < n; i++) {
                double x = a[ao + i * as];
                o[oo + i * os] = 1.0 / (x * x);
            }
        } else {
            int body = vectorizable(os, as, 1) ? n - n % Float64Unary.VEC_STEP : 0;
            for (int i = 0; i < body; i++) o[oo + i] = Sleef64Exp.pow(a[ao + i * as], e);
            for (int i = body; i < n; i++) o[oo + i * os] = Glibc64Pow.pow(a[ao + i * as], e);
        }
    }
}
