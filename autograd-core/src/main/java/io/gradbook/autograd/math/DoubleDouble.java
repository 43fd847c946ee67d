// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

/**
 * A float64 value carried as an unevaluated sum {@code x + y} of two doubles (a "double-double"), with the
 * arithmetic SLEEF 3.5.1's {@code dd.h} defines for FMA targets ({@code ENABLE_FMA_DP}, which the AVX2 build
 * PyTorch calls is): each method is one of its functions, the same operations in the same order, {@link Math#fma}
 * exactly where it fuses. The {@code add}/{@code sub} forms assume |first| &gt;= |second|, the {@code add2} forms
 * do not (SLEEF's naming). Instances are short-lived; once callers are inlined escape analysis keeps them in
 * registers.
 */
record DoubleDouble(double x, double y) {
    static DoubleDouble of(double x, double y) { return new DoubleDouble(x, y); }

    DoubleDouble neg() { return new DoubleDouble(-x, -y); }

    /** ddabs: |x|, and y with its sign flipped where x was negative. */
    DoubleDouble abs() {
        long sx = Double.doubleToRawLongBits(x) & Long.MIN_VALUE;
        return new DoubleDouble(Math.abs(x), Double.longBitsToDouble(Double.doubleToRawLongBits(y) ^ sx));
    }

    DoubleDouble normalize() {
        double s = x + y;
        return new DoubleDouble(s, (x - s) + y);
    }

    DoubleDouble scale(double s) { return new DoubleDouble(x * s, y * s); }

    /** ddadd_vd2_vd_vd. */
    static DoubleDouble add(double a, double b) {
        double s = a + b;
        return new DoubleDouble(s, (a - s) + b);
    }

    /** ddadd2_vd2_vd_vd. */
    static DoubleDouble add2(double a, double b) {
        double s = a + b;
        double v = s - a;
        return new DoubleDouble(s, (a - (s - v)) + (b - v));
    }

    /** ddadd_vd2_vd2_vd. */
    static DoubleDouble add(DoubleDouble a, double b) {
        double s = a.x + b;
        return new DoubleDouble(s, ((a.x - s) + b) + a.y);
    }

    /** ddsub_vd2_vd2_vd. */
    static DoubleDouble sub(DoubleDouble a, double b) {
        double s = a.x - b;
        return new DoubleDouble(s, ((a.x - s) - b) + a.y);
    }

    /** ddadd2_vd2_vd2_vd. */
    static DoubleDouble add2(DoubleDouble a, double b) {
        double s = a.x + b;
        double v = s - a.x;
        double w = (a.x - (s - v)) + (b - v);
        return new DoubleDouble(s, w + a.y);
    }

    /** ddadd_vd2_vd_vd2. */
    static DoubleDouble add(double a, DoubleDouble b) {
        double s = a + b.x;
        return new DoubleDouble(s, ((a - s) + b.x) + b.y);
    }

    /** ddadd2_vd2_vd_vd2. */
    static DoubleDouble add2(double a, DoubleDouble b) {
        double s = a + b.x;
        double v = s - a;
        return new DoubleDouble(s, ((a - (s - v)) + (b.x - v)) + b.y);
    }

    /** ddadd_vd2_vd2_vd2. */
    static DoubleDouble add(DoubleDouble a, DoubleDouble b) {
        double s = a.x + b.x;
        return new DoubleDouble(s, (((a.x - s) + b.x) + a.y) + b.y);
    }

    /** ddadd2_vd2_vd2_vd2. */
    static DoubleDouble add2(DoubleDouble a, DoubleDouble b) {
        double s = a.x + b.x;
        double v = s - a.x;
        double t = (a.x - (s - v)) + (b.x - v);
        return new DoubleDouble(s, t + (a.y + b.y));
    }

    /** ddsub_vd2_vd_vd. */
    static DoubleDouble sub(double a, double b) {
        double s = a - b;
        return new DoubleDouble(s, (a - s) - b);
    }

    /** ddsub_vd2_vd2_vd2. */
    static DoubleDouble sub(DoubleDouble a, DoubleDouble b) {
        double s = a.x - b.x;
        double t = a.x - s;
        t = t - b.x;
        t = t + a.y;
        return new DoubleDouble(s, t - b.y);
    }

    /** dddiv_vd2_vd2_vd2 (FMA form). */
    static DoubleDouble div(DoubleDouble n, DoubleDouble d) {
        double t = 1.0 / d.x;
        double s = n.x * t;
        double u = Math.fma(t, n.x, -s);
        double v = Math.fma(-d.y, t, Math.fma(-d.x, t, 1));
        return new DoubleDouble(s, Math.fma(s, v, Math.fma(n.y, t, u)));
    }

    /** ddmul_vd2_vd_vd. */
    static DoubleDouble mul(double a, double b) {
        double s = a * b;
        return new DoubleDouble(s, Math.fma(a, b, -s));
    }

    /** ddsqu_vd2_vd2. */
    static DoubleDouble squ(DoubleDouble a) {
        double s = a.x * a.x;
        return new DoubleDouble(s, Math.fma(a.x + a.x, a.y, Math.fma(a.x, a.x, -s)));
    }

    /** ddmul_vd2_vd2_vd2. */
    static DoubleDouble mul(DoubleDouble a, DoubleDouble b) {
        double s = a.x * b.x;
        return new DoubleDouble(s, Math.fma(a.x, b.y, Math.fma(a.y, b.x, Math.fma(a.x, b.x, -s))));
    }

    /** ddmul_vd_vd2_vd2: the product rounded to one double. */
    static double mulToDouble(DoubleDouble a, DoubleDouble b) {
        return Math.fma(a.x, b.x, Math.fma(a.y, b.x, a.x * b.y));
    }

    /** ddsqu_vd_vd2. */
    static double squToDouble(DoubleDouble a) {
        return Math.fma(a.x, a.x, a.x * a.y + a.x * a.y);
    }

    /** ddmul_vd2_vd2_vd. */
    static DoubleDouble mul(DoubleDouble a, double b) {
        double s = a.x * b;
        return new DoubleDouble(s, Math.fma(a.y, b, Math.fma(a.x, b, -s)));
    }

    /** ddrec_vd2_vd. */
    static DoubleDouble rec(double d) {
        double s = 1.0 / d;
        return new DoubleDouble(s, s * Math.fma(-d, s, 1));
    }

    /** ddrec_vd2_vd2. */
    static DoubleDouble rec(DoubleDouble d) {
        double s = 1.0 / d.x;
        return new DoubleDouble(s, s * Math.fma(-d.y, s, Math.fma(-d.x, s, 1)));
    }

    /** ddsqrt_vd2_vd2. */
    static DoubleDouble sqrt(DoubleDouble d) {
        double t = Math.sqrt(d.x + d.y);
        return mul(add2(d, mul(t, t)), rec(t)).scale(0.5);
    }

    /** ddsqrt_vd2_vd. */
    static DoubleDouble sqrt(double d) {
        double t = Math.sqrt(d);
        return mul(add2(d, mul(t, t)), rec(t)).scale(0.5);
    }
}
