// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

/**
 * One lane of the float64 exp and log PyTorch 1.13's AVX2 build computes ({@code Vectorized<double>::exp/log}:
 * {@code Sleef_expd4_u10} and {@code Sleef_logd4_u10} of the SLEEF PyTorch bundles, the FMA build, its polynomials in
 * the Estrin form of {@code estrin.h}), written from the algorithms of
 * SLEEF's {@code sleefsimddp.c} and {@code dd.h} in the same operation order, with {@link Math#fma} exactly where
 * the AVX2 helper fuses ({@code vmla}, {@code vfma}). PyTorch's float64 exp/log run every element through these,
 * a short tail as a partial vector (its {@code vml::vexp}/{@code vlog}), so there is no scalar path to follow.
 * Measured against PyTorch on oracle/f64math.json: every value; Java's {@code Math.exp}/{@code log} differed on
 * 5% and 1.4% of them. Not correctly rounded (1-ULP class), on purpose.
 *
 * <pre>
 * jshell&gt; Sleef64.exp(1.0)
 * $1 ==&gt; 2.718281828459045
 * </pre>
 */
public final class Sleef64 {
    private Sleef64() {}

    static final double R_LN2 = 1.442695040888963407359924681001892137426645954152985934135449406931;
    static final double L2U = .69314718055966295651160180568695068359375;
    static final double L2L = .28235290563031577122588448175013436025525412068e-12;
    static final double DBL_MIN = Double.MIN_NORMAL;
    static final double TWO64 = (double) (1L << 32) * (double) (1L << 32);

    /**
     * A NaN as SLEEF's arithmetic passes it on: the same payload and sign, quieted (x86 returns the NaN operand).
     * Lanes whose NaN result is the input's return this up front: Java cannot be held to an operand order for a
     * NaN through two-NaN operations (the interpreter and C2 pick different operands of {@code a * b}), and
     * {@code Math.fma(-a, b, c)} flips a NaN's sign where the AVX2 helper's fnmadd leaves it, and Math.fma's Java
     * fallback (without the FMA intrinsic: -XX:-UseFMA) returns the canonical NaN for any NaN operand.
     */
    static double quiet(double nan) {
        return Double.longBitsToDouble(Double.doubleToRawLongBits(nan) | 0x0008000000000000L);
    }

    /** _mm256_cvtpd_epi32 of an integral value: out of range and NaN give INT_MIN. */
    static int rintToInt(double d) {
        if (!(Math.abs(d) < 2147483648.0)) return Integer.MIN_VALUE;
        return (int) Math.rint(d);
    }

    /** vpow2i_vd_vi: 2^q by the exponent bits (q + 1023 shifted into place within 32 bits, as the AVX2 helper does). */
    static double pow2i(int q) {
        return Double.longBitsToDouble(((long) ((q + 0x3ff) << 20)) << 32);
    }

    static double ldexp2(double d, int e) {
        return d * pow2i(e >> 1) * pow2i(e - (e >> 1));
    }

    static int ilogb2k(double d) {
        return (int) ((Double.doubleToRawLongBits(d) >>> 52) & 0x7ff) - 0x3ff;
    }

    static double ldexp3(double d, int q) {
        return Double.longBitsToDouble(Double.doubleToRawLongBits(d) + ((long) q << 52));
    }

    /** POLY4 of estrin.h: c3 x^3 + c2 x^2 + c1 x + c0 as fma(x2, fma(x, c3, c2), fma(x, c1, c0)). */
    private static double poly4(double x, double x2, double c3, double c2, double c1, double c0) {
        return Math.fma(x2, Math.fma(x, c3, c2), Math.fma(x, c1, c0));
    }

    /** xexp (Sleef_expd4_u10). */
    public static double exp(double d) {
        // A NaN goes through SLEEF's vector ops unchanged (x86 keeps the first NaN operand's payload, quieted): returned
        // here, as the hardware would. Math.fma keeps payloads where HotSpot intrinsifies it (interpreter, C1 and C2
        // with UseFMA); its Java fallback (-XX:-UseFMA, CPUs without FMA) returns the canonical NaN. See quiet().
        if (d != d) return quiet(d);
        double u = Math.rint(d * R_LN2);
        int q = rintToInt(u);
        double s = Math.fma(u, -L2U, d);
        s = Math.fma(u, -L2L, s);
        // POLY10 (SLEEF's estrin.h): an Estrin scheme over s, s^2, s^4, s^8, each step one fused multiply-add
        double s2 = s * s, s4 = s2 * s2, s8 = s4 * s4;
        u = Math.fma(s8, Math.fma(s, +0.2081276378237164457e-8, +0.2511210703042288022e-7),
                Math.fma(s4, poly4(s, s2, +0.2755762628169491192e-6, +0.2755723402025388239e-5, +0.2480158687479686264e-4, +0.1984126989855865850e-3),
                        poly4(s, s2, +0.1388888888914497797e-2, +0.8333333333314938210e-2, +0.4166666666666602598e-1, +0.1666666666666669072e+0)));
        u = Math.fma(u, s, +0.5000000000000000000e+0);
        u = Math.fma(u, s, +0.1000000000000000000e+1);
        u = Math.fma(u, s, +0.1000000000000000000e+1);
        u = ldexp2(u, q);
        if (d > 709.78271114955742909217217426) u = Double.POSITIVE_INFINITY;
        if (d < -1000) u = 0.0; // andnot: all bits cleared, +0
        return u;
    }

    /** xlog_u1 (Sleef_logd4_u10). */
    public static double log(double d) {
        boolean o = d < DBL_MIN;
        double dd = o ? d * TWO64 : d;
        int e = ilogb2k(dd * (1.0 / 0.75));
        double m = ldexp3(dd, -e);
        if (o) e -= 64;
        // x = (m - 1) / (m + 1) as a double-double (ddadd2_vd2_vd_vd twice, dddiv_vd2_vd2_vd2)
        double nx = -1 + m, nv = nx - -1, ny = (-1 - (nx - nv)) + (m - nv);
        double dx = 1 + m, dv = dx - 1, dy = (1 - (dx - dv)) + (m - dv);
        double t0 = 1.0 / dx;
        double xs = nx * t0;
        double xu = Math.fma(t0, nx, -xs);
        double xv = Math.fma(-dy, t0, Math.fma(-dx, t0, 1));
        double xx = xs, xy = Math.fma(xs, xv, Math.fma(ny, t0, xu));
        double x2 = xx * xx;
        double x4 = x2 * x2, x8 = x4 * x4;
        // POLY7 over x2: fma(x8, POLY3(c6, c5, c4), POLY4(c3, c2, c1, c0))
        double t = Math.fma(x8, Math.fma(x4, 0.1532076988502701353e+0, Math.fma(x2, 0.1525629051003428716e+0, 0.1818605932937785996e+0)),
                poly4(x2, x4, 0.2222214519839380009e+0, 0.2857142932794299317e+0, 0.3999999999635251990e+0, 0.6666666666667333541e+0));
        // s = ddmul(ln2 as a double-double, e); s = ddadd(s, ddscale(x, 2)); s = ddadd(s, x2 * x * t)
        double ed = e;
        double sx = 0.693147180559945286226764 * ed;
        double sy = Math.fma(2.319046813846299558417771e-17, ed, Math.fma(0.693147180559945286226764, ed, -sx));
        double bx = xx * 2, by = xy * 2;
        double s1 = sx + bx;
        sy = (((sx - s1) + bx) + sy) + by;
        sx = s1;
        double c = x2 * xx * t;
        double s2 = sx + c;
        sy = ((sx - s2) + c) + sy;
        sx = s2;
        double r = sx + sy;
        if (dd == Double.POSITIVE_INFINITY) r = Double.POSITIVE_INFINITY;
        if (dd < 0 || Double.isNaN(dd)) r = Double.NaN;
        if (dd == 0) r = Double.NEGATIVE_INFINITY;
        return r;
    }
}
