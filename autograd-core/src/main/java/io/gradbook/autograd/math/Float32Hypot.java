// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

/**
 * PyTorch 1.13's float32 hypot on CPU (AVX2 build), a {@code cpu_kernel_vec} loop as its float64 one
 * ({@link Float64Hypot}): over a run whose output and operands are contiguous or broadcast scalars the first
 * n - n % 16 elements take SLEEF's {@code Sleef_hypotf8_u05} ({@link #vector}: min/max as a double-float quotient,
 * sqrt(1 + t^2) * max, df.h's FMA forms), the rest, and every element of a strided run, glibc 2.36's {@code hypotf}
 * ({@link #scalar}: sqrt(x^2 + y^2) in double, rounded once). Computing every element in double, as before, gave
 * SLEEF's body an ULP off on some inputs.
 *
 * <pre>
 * jshell&gt; Float32Hypot.vector(3f, 4f)
 * $1 ==&gt; 5.0
 * </pre>
 */
public final class Float32Hypot {
    private Float32Hypot() {}

    /** xhypotf_u05 (Sleef_hypotf8_u05). */
    public static float vector(float x, float y) {
        x = Math.abs(x);
        y = Math.abs(y);
        // vmin/vmax of AVX2 (minps/maxps): the second operand where either is NaN; NaN results are fixed below
        float min = x < y ? x : y, max = x > y ? x : y, n = min, d = max;
        if (max < Float.MIN_NORMAL) {
            n *= 0x1p24f;
            d *= 0x1p24f;
        }
        DoubleFloat t = new DoubleFloat(n, 0f).div(new DoubleFloat(d, 0f));
        t = sqrt(t.square().add2(1f)).mul(max);
        float ret = t.x() + t.y();
        if (Float.isNaN(ret)) ret = Float.POSITIVE_INFINITY;
        if (min == 0) ret = max;
        if (Float.isNaN(x) || Float.isNaN(y)) ret = Float.NaN;
        if (x == Float.POSITIVE_INFINITY || y == Float.POSITIVE_INFINITY) ret = Float.POSITIVE_INFINITY;
        return ret;
    }

    /** dfsqrt_vf2_vf2 (no ENABLE_RECSQRT_SP on AVX2). */
    private static DoubleFloat sqrt(DoubleFloat d) {
        float t = (float) Math.sqrt(d.x() + d.y());
        return d.add2(DoubleFloat.mul(t, t)).mul(DoubleFloat.rec(t)).scale(0.5f);
    }

    /** glibc's hypotf. */
    public static float scalar(float x, float y) {
        if (!Float.isFinite(x) || !Float.isFinite(y)) {
            if (Float.isInfinite(x) || Float.isInfinite(y)) return Float.POSITIVE_INFINITY;
            return x + y;
        }
        return (float) Math.sqrt((double) x * x + (double) y * y);
    }

    /** {@code o[i] = hypot(a[i], b[i])} over one run (a broadcast scalar has stride 0), as PyTorch's loop splits it. */
    public static void hypot(float[] o, int oo, int os, float[] a, int ao, int as, float[] b, int bo, int bs, int n) {
        boolean vectorizable = Float64Binary.vectorizable(os, as, bs);
        int body = vectorizable ? n - n % Float32Unary.VEC_STEP : 0;
        for (int i = 0; i < body; i++) o[oo + i] = vector(a[ao + i * as], b[bo + i * bs]);
        for (int i = body; i < n; i++) o[oo + i * os] = scalar(a[ao + i * as], b[bo + i * bs]);
    }
}
