// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

/**
 * One lane of the float64 exponential and logarithm family PyTorch 1.13's AVX2 build computes
 * ({@code Vectorized<double>}: SLEEF 3.5.1's {@code Sleef_sinhd4_u10 coshd4_u10 tanhd4_u10 expm1d4_u10 log1pd4_u10
 * log2d4_u10 log10d4_u10 powd4_u10}), from {@code sleefsimddp.c}'s {@code xsinh xcosh xtanh xexpm1 xlog1p xlog2
 * xlog10 xpow} and their kernels {@code expk expk2 logk logk2}, the same operations in the same order, fused where
 * the AVX2 helper fuses. NaN results that SLEEF builds by OR-ing a mask are the all-ones NaN, as there.
 *
 * <pre>
 * jshell&gt; Sleef64Exp.tanh(0.5)
 * $1 ==&gt; 0.46211715726000974
 * </pre>
 */
public final class Sleef64Exp {
    private Sleef64Exp() {}

    private static final double R_LN2 = Sleef64.R_LN2, L2U = Sleef64.L2U, L2L = Sleef64.L2L;
    private static final double ALL_ONES = Double.longBitsToDouble(-1L);
    private static final double DBL_MIN = Double.MIN_NORMAL;
    private static final double TWO64 = Sleef64.TWO64;

    private static double poly2(double x, double c1, double c0) { return Math.fma(x, c1, c0); }

    private static double poly3(double x, double x2, double c2, double c1, double c0) {
        return Math.fma(x2, c2, Math.fma(x, c1, c0));
    }

    private static double poly4(double x, double x2, double c3, double c2, double c1, double c0) {
        return Math.fma(x2, Math.fma(x, c3, c2), Math.fma(x, c1, c0));
    }

    private static double poly7(double x, double x2, double x4, double c6, double c5, double c4, double c3, double c2, double c1, double c0) {
        return Math.fma(x4, poly3(x, x2, c6, c5, c4), poly4(x, x2, c3, c2, c1, c0));
    }

    private static double poly8(double x, double x2, double x4, double c7, double c6, double c5, double c4, double c3, double c2, double c1, double c0) {
        return Math.fma(x4, poly4(x, x2, c7, c6, c5, c4), poly4(x, x2, c3, c2, c1, c0));
    }

    private static double ldexp2(double d, int e) { return Sleef64.ldexp2(d, e); }

    /** vilogbk_vi_vd. */
    private static int ilogbk(double d) {
        boolean o = d < 4.9090934652977266E-91;
        if (o) d = 2.037035976334486E90 * d;
        int q = (int) (Double.doubleToRawLongBits(d) >>> 32);
        q = q & (((1 << 12) - 1) << 20);
        q = q >>> 20;
        return q - (o ? 300 + 0x3ff : 0x3ff);
    }

    /** logk: log(d) as a double-double. */
    static DoubleDouble logk(double d) {
        boolean o = d < DBL_MIN;
        if (o) d = d * TWO64;
        int e = Sleef64.ilogb2k(d * (1.0 / 0.75));
        double m = Sleef64.ldexp3(d, -e);
        if (o) e -= 64;
        DoubleDouble x = DoubleDouble.div(DoubleDouble.add2(-1, m), DoubleDouble.add2(1, m));
        DoubleDouble x2 = DoubleDouble.squ(x);
        double x2x = x2.x();
        double x4 = x2x * x2x, x8 = x4 * x4, x16 = x8 * x8;
        // POLY9 over x2: fma(x16, c8, POLY8(c7..c0))
        double t = Math.fma(x16, 0.116255524079935043668677,
                poly8(x2x, x4, x8, 0.103239680901072952701192, 0.117754809412463995466069, 0.13332981086846273921509,
                        0.153846227114512262845736, 0.181818180850050775676507, 0.222222222230083560345903,
                        0.285714285714249172087875, 0.400000000000000077715612));
        DoubleDouble c = new DoubleDouble(0.666666666666666629659233, 3.80554962542412056336616e-17);
        DoubleDouble s = DoubleDouble.mul(new DoubleDouble(0.693147180559945286226764, 2.319046813846299558417771e-17), (double) e);
        s = DoubleDouble.add(s, x.scale(2));
        x = DoubleDouble.mul(x2, x);
        s = DoubleDouble.add(s, DoubleDouble.mul(x, c));
        x = DoubleDouble.mul(x2, x);
        s = DoubleDouble.add(s, DoubleDouble.mul(x, t));
        return s;
    }

    /** expk: exp of a double-double, rounded to a double. */
    static double expk(DoubleDouble d) {
        double u = (d.x() + d.y()) * R_LN2;
        double dq = Math.rint(u);
        int q = Sleef64.rintToInt(dq);
        DoubleDouble s = DoubleDouble.add2(d, dq * -L2U);
        s = DoubleDouble.add2(s, dq * -L2L);
        s = s.normalize();
        double sx = s.x();
        double s2 = sx * sx, s4 = s2 * s2, s8 = s4 * s4;
        u = Math.fma(s8, poly2(sx, 2.51069683420950419527139e-08, 2.76286166770270649116855e-07),
                poly8(sx, s2, s4, 2.75572496725023574143864e-06, 2.48014973989819794114153e-05, 0.000198412698809069797676111,
                        0.0013888888939977128960529, 0.00833333333332371417601081, 0.0416666666665409524128449,
                        0.166666666666666740681535, 0.500000000000000999200722));
        DoubleDouble t = DoubleDouble.add(1.0, s);
        t = DoubleDouble.add(t, DoubleDouble.mul(DoubleDouble.squ(s), u));
        u = t.x() + t.y();
        u = ldexp2(u, q);
        if (d.x() < -1000) u = 0.0;
        return u;
    }

    /** expk2: exp of a double-double as a double-double. */
    static DoubleDouble expk2(DoubleDouble d) {
        double u = (d.x() + d.y()) * R_LN2;
        double dq = Math.rint(u);
        int q = Sleef64.rintToInt(dq);
        DoubleDouble s = DoubleDouble.add2(d, dq * -L2U);
        s = DoubleDouble.add2(s, dq * -L2L);
        DoubleDouble s2 = DoubleDouble.squ(s), s4 = DoubleDouble.squ(s2);
        double s8 = s4.x() * s4.x();
        u = Math.fma(s8, poly2(s.x(), +0.1602472219709932072e-9, +0.2092255183563157007e-8),
                poly8(s.x(), s2.x(), s4.x(), +0.2505230023782644465e-7, +0.2755724800902135303e-6, +0.2755731892386044373e-5,
                        +0.2480158735605815065e-4, +0.1984126984148071858e-3, +0.1388888888886763255e-2,
                        +0.8333333333333347095e-2, +0.4166666666666669905e-1));
        DoubleDouble t = DoubleDouble.add(0.5, DoubleDouble.mul(s, +0.1666666666666666574e+0));
        t = DoubleDouble.add(1.0, DoubleDouble.mul(t, s));
        t = DoubleDouble.add(1.0, DoubleDouble.mul(t, s));
        t = DoubleDouble.add(t, DoubleDouble.mul(s4, u));
        double tx = ldexp2(t.x(), q), ty = ldexp2(t.y(), q);
        if (d.x() < -1000) {
            tx = 0.0;
            ty = 0.0;
        }
        return new DoubleDouble(tx, ty);
    }

    /** logk2: log of a double-double (positive, normal). */
    static DoubleDouble logk2(DoubleDouble d) {
        int e = ilogbk(d.x() * (1.0 / 0.75));
        DoubleDouble m = new DoubleDouble(ldexp2(d.x(), -e), ldexp2(d.y(), -e));
        DoubleDouble x = DoubleDouble.div(DoubleDouble.add2(m, -1), DoubleDouble.add2(m, 1));
        DoubleDouble x2 = DoubleDouble.squ(x);
        double x2x = x2.x();
        double x4 = x2x * x2x, x8 = x4 * x4;
        double t = poly7(x2x, x4, x8, 0.13860436390467167910856, 0.131699838841615374240845, 0.153914168346271945653214,
                0.181816523941564611721589, 0.22222224632662035403996, 0.285714285511134091777308, 0.400000000000914013309483);
        t = Math.fma(t, x2x, 0.666666666666664853302393);
        DoubleDouble s = DoubleDouble.mul(new DoubleDouble(0.693147180559945286226764, 2.319046813846299558417771e-17), (double) e);
        s = DoubleDouble.add(s, x.scale(2));
        s = DoubleDouble.add(s, DoubleDouble.mul(DoubleDouble.mul(x2, x), t));
        return s;
    }

    private static double orNaN(boolean nan, double v) {
        return nan ? Double.longBitsToDouble(Double.doubleToRawLongBits(v) | -1L) : v;
    }

    /** xsinh (Sleef_sinhd4_u10). */
    public static double sinh(double x) {
        double y = Math.abs(x);
        DoubleDouble d = expk2(new DoubleDouble(y, 0));
        d = DoubleDouble.sub(d, DoubleDouble.rec(d));
        y = (d.x() + d.y()) * 0.5;
        if (Math.abs(x) > 710 || y != y) y = Double.POSITIVE_INFINITY;
        y = Sleef64Trig.mulsign(y, x);
        return x != x ? ALL_ONES : y;
    }

    /** xcosh (Sleef_coshd4_u10). */
    public static double cosh(double x) {
        double y = Math.abs(x);
        DoubleDouble d = expk2(new DoubleDouble(y, 0));
        d = DoubleDouble.add(d, DoubleDouble.rec(d));
        y = (d.x() + d.y()) * 0.5;
        if (Math.abs(x) > 710 || y != y) y = Double.POSITIVE_INFINITY;
        return x != x ? ALL_ONES : y;
    }

    /** xtanh (Sleef_tanhd4_u10). */
    public static double tanh(double x) {
        double y = Math.abs(x);
        DoubleDouble d = expk2(new DoubleDouble(y, 0));
        DoubleDouble e = DoubleDouble.rec(d);
        d = DoubleDouble.div(DoubleDouble.add2(d, e.neg()), DoubleDouble.add2(d, e));
        y = d.x() + d.y();
        if (Math.abs(x) > 18.714973875 || y != y) y = 1.0;
        y = Sleef64Trig.mulsign(y, x);
        return x != x ? ALL_ONES : y;
    }

    /** xexpm1 (Sleef_expm1d4_u10). */
    public static double expm1(double a) {
        if (a != a) return Sleef64.quiet(a);
        DoubleDouble d = DoubleDouble.add2(expk2(new DoubleDouble(a, 0)), -1.0);
        double x = d.x() + d.y();
        if (a > 709.782712893383996732223) x = Double.POSITIVE_INFINITY;
        if (a < -36.736800569677101399113302437) x = -1;
        if (Double.doubleToRawLongBits(a) == Long.MIN_VALUE) x = -0.0;
        return x;
    }

    /** xlog10 (Sleef_log10d4_u10). */
    public static double log10(double d) {
        boolean o = d < DBL_MIN;
        if (o) d = d * TWO64;
        int e = Sleef64.ilogb2k(d * (1.0 / 0.75));
        double m = Sleef64.ldexp3(d, -e);
        if (o) e -= 64;
        DoubleDouble x = DoubleDouble.div(DoubleDouble.add2(-1, m), DoubleDouble.add2(1, m));
        double x2 = x.x() * x.x();
        double x4 = x2 * x2, x8 = x4 * x4;
        double t = poly7(x2, x4, x8, +0.6653725819576758460e-1, +0.6625722782820833712e-1, +0.7898105214313944078e-1,
                +0.9650955035715275132e-1, +0.1240841409721444993e+0, +0.1737177927454605086e+0, +0.2895296546021972617e+0);
        DoubleDouble s = DoubleDouble.mul(new DoubleDouble(0.30102999566398119802, -2.803728127785170339e-18), (double) e);
        s = DoubleDouble.add(s, DoubleDouble.mul(x, new DoubleDouble(0.86858896380650363334, 1.1430059694096389311e-17)));
        s = DoubleDouble.add(s, x2 * x.x() * t);
        double r = s.x() + s.y();
        return logSpecials(d, r);
    }

    /** xlog2 (Sleef_log2d4_u10). */
    public static double log2(double d) {
        boolean o = d < DBL_MIN;
        if (o) d = d * TWO64;
        int e = Sleef64.ilogb2k(d * (1.0 / 0.75));
        double m = Sleef64.ldexp3(d, -e);
        if (o) e -= 64;
        DoubleDouble x = DoubleDouble.div(DoubleDouble.add2(-1, m), DoubleDouble.add2(1, m));
        double x2 = x.x() * x.x();
        double x4 = x2 * x2, x8 = x4 * x4;
        double t = poly7(x2, x4, x8, +0.2211941750456081490e+0, +0.2200768693152277689e+0, +0.2623708057488514656e+0,
                +0.3205977477944495502e+0, +0.4121985945485324709e+0, +0.5770780162997058982e+0, +0.96179669392608091449);
        DoubleDouble s = DoubleDouble.add2((double) e, DoubleDouble.mul(x, new DoubleDouble(2.885390081777926774, 6.0561604995516736434e-18)));
        s = DoubleDouble.add2(s, x2 * x.x() * t);
        double r = s.x() + s.y();
        return logSpecials(d, r);
    }

    /** The special cases of xlog2/xlog10, on the (possibly rescaled) argument as SLEEF tests it. */
    private static double logSpecials(double d, double r) {
        if (d == Double.POSITIVE_INFINITY) r = Double.POSITIVE_INFINITY;
        if (d < 0 || d != d) r = Double.NaN;
        if (d == 0) r = Double.NEGATIVE_INFINITY;
        return r;
    }

    /** xlog1p (Sleef_log1pd4_u10). */
    public static double log1p(double d) {
        double dp1 = d + 1;
        boolean o = dp1 < DBL_MIN;
        if (o) dp1 = dp1 * TWO64;
        int e = Sleef64.ilogb2k(dp1 * (1.0 / 0.75));
        double t = Sleef64.ldexp3(1, -e);
        double m = Math.fma(d, t, t - 1);
        if (o) e -= 64;
        DoubleDouble s = DoubleDouble.mul(new DoubleDouble(0.693147180559945286226764, 2.319046813846299558417771e-17), (double) e);
        DoubleDouble x = DoubleDouble.div(new DoubleDouble(m, 0), DoubleDouble.add(2, m));
        double x2 = x.x() * x.x();
        double x4 = x2 * x2, x8 = x4 * x4;
        t = poly7(x2, x4, x8, 0.1532076988502701353e+0, 0.1525629051003428716e+0, 0.1818605932937785996e+0,
                0.2222214519839380009e+0, 0.2857142932794299317e+0, 0.3999999999635251990e+0, 0.6666666666667333541e+0);
        s = DoubleDouble.add(s, x.scale(2));
        s = DoubleDouble.add(s, x2 * x.x() * t);
        double r = s.x() + s.y();
        if (d > 1e+307) r = Double.POSITIVE_INFINITY;
        if (d < -1 || d != d) r = Double.NaN;
        if (d == -1) r = Double.NEGATIVE_INFINITY;
        if (Double.doubleToRawLongBits(d) == Long.MIN_VALUE) r = -0.0;
        return r;
    }

    /** visint (FULL_FP_ROUNDING). */
    private static boolean isInt(double d) {
        return Sleef64Trig.trunc(d) == d;
    }

    /** visodd (FULL_FP_ROUNDING). */
    private static boolean isOdd(double d) {
        double x = d * 0.5;
        return Sleef64Trig.trunc(x) != x;
    }

    /** xpow (Sleef_powd4_u10). */
    public static double pow(double x, double y) {
        boolean yisint = isInt(y);
        boolean yisodd = isOdd(y) && yisint;
        DoubleDouble d = DoubleDouble.mul(logk(Math.abs(x)), y);
        double result = expk(d);
        if (d.x() > 709.78271114955742909217217426) result = Double.POSITIVE_INFINITY;
        result = result * (x > 0 ? 1 : yisint ? (yisodd ? -1.0 : 1) : Double.NaN);
        double efx = Sleef64Trig.mulsign(Math.abs(x) - 1, y);
        if (Double.isInfinite(y)) result = efx < 0.0 ? 0.0 : efx == 0.0 ? 1.0 : Double.POSITIVE_INFINITY;
        if (Double.isInfinite(x) || x == 0.0) {
            double sign = yisodd ? Sleef64Trig.mulsign(1.0, x) : 1.0;
            result = sign * ((x == 0.0 ? -y : y) < 0.0 ? 0.0 : Double.POSITIVE_INFINITY);
        }
        result = orNaN(x != x || y != y, result);
        if (y == 0 || x == 1) result = 1;
        return result;
    }
}
