// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

/**
 * One lane of the float64 trigonometric functions PyTorch 1.13's AVX2 build computes ({@code Vectorized<double>}:
 * SLEEF 3.5.1's {@code Sleef_sind4_u10 cosd4_u10 tand4_u10 asind4_u10 acosd4_u10 atand4_u10 atan2d4_u10}), written
 * from the algorithms of {@code sleefsimddp.c} ({@code xsin_u1} ...) in the same operation order, {@link Math#fma}
 * where the AVX2 helper fuses ({@code vmla}, {@code vfma}, {@code dd.h}'s FMA forms), Estrin polynomials as
 * {@code estrin.h} nests them. sin/cos/tan choose their argument reduction per vector (Cody-Waite in two steps
 * below 15, in four below 1e14, Payne-Hanek {@link Rempi64} above); here per element: on PyTorch's recordings a
 * small lane gives the same bits through the two-step and the four-step reduction.
 *
 * <pre>
 * jshell&gt; Sleef64Trig.sin(1.0)
 * $1 ==&gt; 0.8414709848078965
 * </pre>
 */
public final class Sleef64Trig {
    private Sleef64Trig() {}

    static final double M_1_PI = 0.318309886183790671537767526745028724;
    static final double PI_A = 3.1415926218032836914, PI_B = 3.1786509424591713469e-08;
    static final double PI_C = 1.2246467864107188502e-16, PI_D = 1.2736634327021899816e-24;
    static final double PI_A2 = 3.141592653589793116, PI_B2 = 1.2246467991473532072e-16;
    static final double TRIGRANGEMAX = 1e14, TRIGRANGEMAX2 = 15;
    static final double M_2_PI_H = 0.63661977236758138243, M_2_PI_L = -3.9357353350364971764e-17;
    /** x86's default NaN (sign set), what sqrt of a negative number gives. */
    private static final double DEFAULT_NAN = Double.longBitsToDouble(0xfff8000000000000L);

    /** vmulsign: x with its sign flipped where y's sign bit is set. */
    static double mulsign(double x, double y) {
        return Double.longBitsToDouble(Double.doubleToRawLongBits(x) ^ (Double.doubleToRawLongBits(y) & Long.MIN_VALUE));
    }

    /**
     * A NaN whose bits are all ones where SLEEF ORs the "is inf or NaN" mask into a value: sin/cos/tan of an infinity
     * or NaN (PyTorch's result, measured), returned up front rather than through Payne-Hanek's arithmetic on NaNs.
     */
    private static final double ALL_ONES = Double.longBitsToDouble(-1L);

    private static double poly4(double x, double x2, double c3, double c2, double c1, double c0) {
        return Math.fma(x2, Math.fma(x, c3, c2), Math.fma(x, c1, c0));
    }

    private static double poly6(double x, double x2, double x4, double c5, double c4, double c3, double c2, double c1, double c0) {
        return Math.fma(x4, Math.fma(x, c5, c4), poly4(x, x2, c3, c2, c1, c0));
    }

    static double poly8(double x, double x2, double x4, double c7, double c6, double c5, double c4, double c3, double c2, double c1, double c0) {
        return Math.fma(x4, poly4(x, x2, c7, c6, c5, c4), poly4(x, x2, c3, c2, c1, c0));
    }

    /** The reduced argument and quadrant count of sin (q counts multiples of pi). */
    private static DoubleDouble sinReduce(double d, int[] qOut) {
        double ad = Math.abs(d);
        if (ad < TRIGRANGEMAX2) {
            double dql = Math.rint(d * M_1_PI);
            qOut[0] = Sleef64.rintToInt(dql);
            double u = Math.fma(dql, -PI_A2, d);
            return DoubleDouble.add(u, dql * -PI_B2);
        }
        if (ad < TRIGRANGEMAX) {
            double dqh = trunc(d * (M_1_PI / (1 << 24)));
            dqh = dqh * (1 << 24);
            double dql = Math.rint(Math.fma(d, M_1_PI, -dqh));
            qOut[0] = Sleef64.rintToInt(dql);
            double u = Math.fma(dqh, -PI_A, d);
            DoubleDouble s = DoubleDouble.add(u, dql * -PI_A);
            s = DoubleDouble.add2(s, dqh * -PI_B);
            s = DoubleDouble.add2(s, dql * -PI_B);
            s = DoubleDouble.add2(s, dqh * -PI_C);
            s = DoubleDouble.add2(s, dql * -PI_C);
            return DoubleDouble.add(s, (dqh + dql) * -PI_D);
        }
        Rempi64 r = Rempi64.of(d);
        int ql = r.q() & 3;
        ql = (ql + ql + (r.x().x() > 0 ? 2 : 1)) >> 2;
        DoubleDouble x = r.x();
        if ((r.q() & 1) == 1) {
            DoubleDouble t = new DoubleDouble(mulsign(-3.141592653589793116 * 0.5, x.x()), mulsign(-1.2246467991473532072e-16 * 0.5, x.x()));
            x = DoubleDouble.add2(x, t);
        }
        DoubleDouble s = x.normalize();
        qOut[0] = ql;
        return nanIfNotFinite(s, d);
    }

    private static DoubleDouble nanIfNotFinite(DoubleDouble s, double d) {
        return Double.isInfinite(d) || d != d ? new DoubleDouble(ALL_ONES, s.y()) : s;
    }

    /** vtruncate (_mm256_round_pd toward zero). */
    static double trunc(double d) {
        return d < 0 ? Math.ceil(d) : Math.floor(d);
    }

    /** The shared polynomial tail of xsin_u1 / xcos_u1: sin(t) for the reduced t. */
    private static double sinPoly(DoubleDouble t) {
        DoubleDouble s = DoubleDouble.squ(t);
        double sx = s.x();
        double s2 = sx * sx, s4 = s2 * s2;
        double u = poly6(sx, s2, s4,
                2.72052416138529567917983e-15,
                -7.6429259411395447190023e-13,
                1.60589370117277896211623e-10,
                -2.5052106814843123359368e-08,
                2.75573192104428224777379e-06,
                -0.000198412698412046454654947);
        u = Math.fma(u, sx, 0.00833333333333318056201922);
        DoubleDouble x = DoubleDouble.add(1.0, DoubleDouble.mul(DoubleDouble.add(-0.166666666666666657414808, u * sx), s));
        return DoubleDouble.mulToDouble(t, x);
    }

    /** xsin_u1 (Sleef_sind4_u10). */
    public static double sin(double d) {
        if (!(Math.abs(d) <= Double.MAX_VALUE)) return ALL_ONES;
        int[] q = new int[1];
        DoubleDouble t = sinReduce(d, q);
        double u = sinPoly(t);
        if ((q[0] & 1) == 1) u = -u;
        return d == 0 ? d : u;
    }

    /** xcos_u1 (Sleef_cosd4_u10). */
    public static double cos(double d) {
        if (!(Math.abs(d) <= Double.MAX_VALUE)) return ALL_ONES;
        double ad = Math.abs(d);
        DoubleDouble s;
        int ql;
        if (ad < TRIGRANGEMAX2) {
            double dql = Math.rint(Math.fma(d, M_1_PI, -0.5));
            dql = Math.fma(2, dql, 1);
            ql = Sleef64.rintToInt(dql);
            s = DoubleDouble.add2(d, dql * (-PI_A2 * 0.5));
            s = DoubleDouble.add(s, dql * (-PI_B2 * 0.5));
        } else if (ad < TRIGRANGEMAX) {
            double dqh = trunc(Math.fma(d, M_1_PI / (1 << 23), -M_1_PI / (1 << 24)));
            ql = Sleef64.rintToInt(d * M_1_PI + Math.fma(dqh, -(1 << 23), -0.5));
            dqh = dqh * (1 << 24);
            ql = ql + ql + 1;
            double dql = ql;
            double u = Math.fma(dqh, -PI_A * 0.5, d);
            s = DoubleDouble.add2(u, dql * (-PI_A * 0.5));
            s = DoubleDouble.add2(s, dqh * (-PI_B * 0.5));
            s = DoubleDouble.add2(s, dql * (-PI_B * 0.5));
            s = DoubleDouble.add2(s, dqh * (-PI_C * 0.5));
            s = DoubleDouble.add2(s, dql * (-PI_C * 0.5));
            s = DoubleDouble.add(s, (dqh + dql) * (-PI_D * 0.5));
        } else {
            Rempi64 r = Rempi64.of(d);
            ql = r.q() & 3;
            ql = (ql + ql + (r.x().x() > 0 ? 8 : 7)) >> 1;
            DoubleDouble x = r.x();
            if ((r.q() & 1) == 0) {
                double y = r.x().x() > 0 ? 0 : -1;
                DoubleDouble t = new DoubleDouble(mulsign(-3.141592653589793116 * 0.5, y), mulsign(-1.2246467991473532072e-16 * 0.5, y));
                x = DoubleDouble.add2(x, t);
            }
            s = nanIfNotFinite(x.normalize(), d);
        }
        double u = sinPoly(s);
        return (ql & 2) == 0 ? -u : u;
    }

    /** xtan_u1 (Sleef_tand4_u10). */
    public static double tan(double d) {
        if (!(Math.abs(d) <= Double.MAX_VALUE)) return ALL_ONES;
        double ad = Math.abs(d);
        DoubleDouble s;
        int ql;
        if (ad < TRIGRANGEMAX2) {
            double dql = Math.rint(d * (2 * M_1_PI));
            ql = Sleef64.rintToInt(dql);
            double u = Math.fma(dql, -PI_A2 * 0.5, d);
            s = DoubleDouble.add(u, dql * (-PI_B2 * 0.5));
        } else if (ad < TRIGRANGEMAX) {
            double dqh = trunc(d * (2 * M_1_PI / (1 << 24)));
            dqh = dqh * (1 << 24);
            s = DoubleDouble.add2(DoubleDouble.mul(new DoubleDouble(M_2_PI_H, M_2_PI_L), d), (d < 0 ? -0.5 : 0.5) - dqh);
            double dql = trunc(s.x() + s.y());
            ql = Sleef64.rintToInt(dql);
            double u = Math.fma(dqh, -PI_A * 0.5, d);
            s = DoubleDouble.add(u, dql * (-PI_A * 0.5));
            s = DoubleDouble.add2(s, dqh * (-PI_B * 0.5));
            s = DoubleDouble.add2(s, dql * (-PI_B * 0.5));
            s = DoubleDouble.add2(s, dqh * (-PI_C * 0.5));
            s = DoubleDouble.add2(s, dql * (-PI_C * 0.5));
            s = DoubleDouble.add(s, (dqh + dql) * (-PI_D * 0.5));
        } else {
            Rempi64 r = Rempi64.of(d);
            ql = r.q();
            s = r.x();
            if (Double.isInfinite(d) || d != d) s = new DoubleDouble(ALL_ONES, ALL_ONES);
        }
        DoubleDouble t = s.scale(0.5);
        s = DoubleDouble.squ(t);
        double sx = s.x();
        double s2 = sx * sx, s4 = s2 * s2;
        double u = poly8(sx, s2, s4,
                +0.3245098826639276316e-3,
                +0.5619219738114323735e-3,
                +0.1460781502402784494e-2,
                +0.3591611540792499519e-2,
                +0.8863268409563113126e-2,
                +0.2186948728185535498e-1,
                +0.5396825399517272970e-1,
                +0.1333333333330500581e+0);
        u = Math.fma(u, sx, +0.3333333333333343695e+0);
        DoubleDouble x = DoubleDouble.add(t, DoubleDouble.mul(DoubleDouble.mul(s, t), u));
        DoubleDouble y = DoubleDouble.add(-1.0, DoubleDouble.squ(x));
        x = x.scale(-2);
        // one division of selected operands, as SLEEF's vsel + dddiv (one call site keeps it inlined)
        boolean odd = (ql & 1) == 1;
        x = DoubleDouble.div(odd ? y.neg() : x, odd ? x : y);
        u = x.x() + x.y();
        return d == 0 ? d : u;
    }

    private static double asinPoly(double x2) {
        double x4 = x2 * x2, x8 = x4 * x4, x16 = x8 * x8;
        // POLY12 over x2: fma(x16, POLY4(c11..c8), POLY8(c7..c0))
        return Math.fma(x16, poly4(x2, x4, +0.3161587650653934628e-1, -0.1581918243329996643e-1, +0.1929045477267910674e-1, +0.6606077476277170610e-2),
                poly8(x2, x4, x8, +0.1215360525577377331e-1, +0.1388715184501609218e-1, +0.1735956991223614604e-1,
                        +0.2237176181932048341e-1, +0.3038195928038132237e-1, +0.4464285681377102438e-1,
                        +0.7500000000378581611e-1, +0.1666666666666497543e+0));
    }

    /** xasin_u1 (Sleef_asind4_u10). */
    public static double asin(double d) {
        if (d != d) return Sleef64.quiet(d);
        double ad = Math.abs(d);
        // |d| > 1: sqrt's default NaN (sign set) through SLEEF's arithmetic, then d's sign; returned up front, as
        // Math.fma's Java fallback would turn the NaN in ddsqrt's fma canonical
        if (ad > 1) return mulsign(DEFAULT_NAN, d);
        boolean o = ad < 0.5;
        double x2 = o ? d * d : (1 - ad) * 0.5;
        DoubleDouble x = o ? new DoubleDouble(ad, 0) : DoubleDouble.sqrt(x2);
        if (ad == 1.0) x = new DoubleDouble(0, 0);
        double u = asinPoly(x2);
        u = u * (x2 * x.x());
        double r;
        if (o) {
            r = u + x.x();
        } else {
            DoubleDouble y = DoubleDouble.sub(DoubleDouble.sub(new DoubleDouble(3.141592653589793116 / 4, 1.2246467991473532072e-16 / 4), x), u);
            r = (y.x() + y.y()) * 2;
        }
        return mulsign(r, d);
    }

    /** xacos_u1 (Sleef_acosd4_u10). */
    public static double acos(double d) {
        if (d != d) return Sleef64.quiet(Math.abs(d)); // the sign goes in SLEEF's final selects
        double ad = Math.abs(d);
        if (ad > 1) return DEFAULT_NAN; // sqrt's default NaN, measured for both signs (see asin)
        boolean o = ad < 0.5;
        double x2 = o ? d * d : (1 - ad) * 0.5;
        DoubleDouble x = o ? new DoubleDouble(ad, 0) : DoubleDouble.sqrt(x2);
        if (ad == 1.0) x = new DoubleDouble(0, 0);
        double u = asinPoly(x2);
        u = u * (x2 * x.x());
        DoubleDouble y = DoubleDouble.sub(new DoubleDouble(3.141592653589793116 / 2, 1.2246467991473532072e-16 / 2),
                DoubleDouble.add(mulsign(x.x(), d), mulsign(u, d)));
        x = DoubleDouble.add(x, u);
        if (!o) y = x.scale(2);
        if (!o && d < 0) y = DoubleDouble.sub(new DoubleDouble(3.141592653589793116, 1.2246467991473532072e-16), y);
        return y.x() + y.y();
    }

    /** atan2k_u1: atan(y/x) as a double-double, y and x double-doubles. */
    private static DoubleDouble atan2k(DoubleDouble y, DoubleDouble x) {
        int q = Double.doubleToRawLongBits(x.x()) < 0 ? -2 : 0;
        if (x.x() < 0) x = new DoubleDouble(-x.x(), -x.y());
        if (x.x() < y.x()) q = q + 1;
        boolean p = x.x() < y.x();
        DoubleDouble s = p ? x.neg() : y;
        DoubleDouble t = p ? y : x;
        s = DoubleDouble.div(s, t);
        t = DoubleDouble.squ(s);
        t = t.normalize();
        double tx = t.x();
        double t2 = tx * tx, t4 = t2 * t2, t8 = t4 * t4;
        // POLY16: fma(t8, POLY8(c15..c8), POLY8(c7..c0))
        double u = Math.fma(t8,
                poly8(tx, t2, t4, 1.06298484191448746607415e-05, -0.000125620649967286867384336, 0.00070557664296393412389774,
                        -0.00251865614498713360352999, 0.00646262899036991172313504, -0.0128281333663399031014274,
                        0.0208024799924145797902497, -0.0289002344784740315686289),
                poly8(tx, t2, t4, 0.0359785005035104590853656, -0.041848579703592507506027, 0.0470843011653283988193763,
                        -0.0524914210588448421068719, 0.0587946590969581003860434, -0.0666620884778795497194182,
                        0.0769225330296203768654095, -0.0909090442773387574781907));
        u = Math.fma(u, tx, 0.111111108376896236538123);
        u = Math.fma(u, tx, -0.142857142756268568062339);
        u = Math.fma(u, tx, 0.199999999997977351284817);
        u = Math.fma(u, tx, -0.333333333333317605173818);
        t = DoubleDouble.add(s, DoubleDouble.mul(DoubleDouble.mul(s, t), u));
        return DoubleDouble.add(DoubleDouble.mul(new DoubleDouble(1.570796326794896557998982, 6.12323399573676603586882e-17), (double) q), t);
    }

    /** xatan_u1 (Sleef_atand4_u10). */
    public static double atan(double d) {
        if (d != d) return Sleef64.quiet(d);
        DoubleDouble d2 = atan2k(new DoubleDouble(Math.abs(d), 0), new DoubleDouble(1, 0));
        double r = d2.x() + d2.y();
        if (Double.isInfinite(d)) r = 1.570796326794896557998982;
        return mulsign(r, d);
    }

    /** visinf2: copysign-like m for an infinite d, +0 otherwise. */
    private static double isinf2(double d, double m) {
        if (!Double.isInfinite(d)) return 0.0;
        return Double.longBitsToDouble((Double.doubleToRawLongBits(d) & Long.MIN_VALUE) | Double.doubleToRawLongBits(m));
    }

    /** xatan2_u1 (Sleef_atan2d4_u10). */
    public static double atan2(double y, double x) {
        if (Math.abs(x) < 5.5626846462680083984e-309) {
            x = x * (double) (1L << 53);
            y = y * (double) (1L << 53);
        }
        DoubleDouble d = atan2k(new DoubleDouble(Math.abs(y), 0), new DoubleDouble(x, 0));
        double r = d.x() + d.y();
        r = mulsign(r, x);
        if (Double.isInfinite(x) || x == 0) r = Math.PI / 2 - isinf2(x, mulsign(Math.PI / 2, x));
        if (Double.isInfinite(y)) r = Math.PI / 2 - isinf2(x, mulsign(Math.PI / 4, x));
        if (y == 0.0) r = Double.doubleToRawLongBits(x) < 0 ? Math.PI : 0.0;
        if (x != x || y != y) return ALL_ONES;
        return mulsign(r, y);
    }
}
