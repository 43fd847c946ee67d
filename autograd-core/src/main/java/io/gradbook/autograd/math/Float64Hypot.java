// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

/**
 * PyTorch 1.13's float64 hypot on CPU (AVX2 build): a {@code cpu_kernel_vec} loop, so over a run whose output and
 * operands are contiguous or broadcast scalars the first n - n % 8 elements take SLEEF's {@code Sleef_hypotd4_u05}
 * ({@link #vector}: min/max as a double-double quotient, sqrt(1 + t^2) * max) and the rest, and every element of a
 * strided run, glibc 2.36's {@code hypot} ({@link #scalar}: Borges' corrected sqrt(x^2 + y^2), its non-FMA kernel,
 * as glibc builds it for x86-64 without an FMA variant). Java's {@code Math.hypot} (fdlibm) differed by up to 2 ULP.
 * Checked against libm's hypot ({@code Glibc64Test}) and PyTorch ({@code SweepTest}'s float64 hypot).
 *
 * <pre>
 * jshell&gt; Float64Hypot.scalar(3.0, 4.0)
 * $1 ==&gt; 5.0
 * </pre>
 */
public final class Float64Hypot {
    private Float64Hypot() {}

    /** xhypot_u05 (Sleef_hypotd4_u05). */
    public static double vector(double x, double y) {
        x = Math.abs(x);
        y = Math.abs(y);
        // vmin/vmax of AVX2 (minpd/maxpd): the second operand where either is NaN; NaN results are fixed below
        double min = x < y ? x : y, max = x > y ? x : y, n = min, d = max;
        if (max < Double.MIN_NORMAL) {
            n *= 0x1p54;
            d *= 0x1p54;
        }
        DoubleDouble t = DoubleDouble.div(new DoubleDouble(n, 0), new DoubleDouble(d, 0));
        t = DoubleDouble.mul(DoubleDouble.sqrt(DoubleDouble.add2(DoubleDouble.squ(t), 1)), max);
        double ret = t.x() + t.y();
        if (Double.isNaN(ret)) ret = Double.POSITIVE_INFINITY;
        if (min == 0) ret = max;
        if (Double.isNaN(x) || Double.isNaN(y)) ret = Double.NaN;
        if (x == Double.POSITIVE_INFINITY || y == Double.POSITIVE_INFINITY) ret = Double.POSITIVE_INFINITY;
        return ret;
    }

    private static final double SCALE = 0x1p-600, LARGE_VAL = 0x1p+511, TINY_VAL = 0x1p-459, EPS = 0x1p-54;

    /** glibc's kernel for ax &gt;= ay &gt;= 0 in range: sqrt(ax^2 + ay^2) less its rounding error's first-order term. */
    private static double kernel(double ax, double ay) {
        double h = Math.sqrt(ax * ax + ay * ay), t1, t2;
        if (h <= 2.0 * ay) {
            double delta = h - ay;
            t1 = ax * (2.0 * delta - ax);
            t2 = (delta - 2.0 * (ax - ay)) * delta;
        } else {
            double delta = h - ax;
            t1 = 2.0 * delta * (ax - 2.0 * ay);
            t2 = (4.0 * delta - ay) * ay + delta * delta;
        }
        return h - (t1 + t2) / (2.0 * h);
    }

    /** glibc's hypot. */
    public static double scalar(double x, double y) {
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            if (Double.isInfinite(x) || Double.isInfinite(y)) return Double.POSITIVE_INFINITY;
            return x + y;
        }
        x = Math.abs(x);
        y = Math.abs(y);
        double ax = x < y ? y : x, ay = x < y ? x : y;
        if (ax > LARGE_VAL) {
            if (ay <= ax * EPS) return ax + ay;
            return kernel(ax * SCALE, ay * SCALE) / SCALE;
        }
        if (ay < TINY_VAL) {
            if (ax >= ay / EPS) return ax + ay;
            return kernel(ax / SCALE, ay / SCALE) * SCALE;
        }
        if (ay <= ax * EPS) return ax + ay;
        return kernel(ax, ay);
    }

    /** {@code o[i] = hypot(a[i], b[i])} over one run (a broadcast scalar has stride 0), as PyTorch's loop splits it. */
    public static void hypot(double[] o, int oo, int os, double[] a, int ao, int as, double[] b, int bo, int bs, int n) {
        boolean vectorizable = Float64Binary.vectorizable(os, as, bs);
        int body = vectorizable ? n - n % Float64Unary.VEC_STEP : 0;
        for (int i = 0; i < body; i++) o[oo + i] = vector(a[ao + i * as], b[bo + i * bs]);
        for (int i = body; i < n; i++) o[oo + i * os] = scalar(a[ao + i * as], b[bo + i * bs]);
    }
}
