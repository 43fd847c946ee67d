// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

/**
 * glibc 2.36's double {@code log1p} on x86-64 ({@code s_log1p.c}: fdlibm's algorithm, log1p(f) = 2s + s R(s^2)
 * with s = f / (2 + f) after 1 + x = 2^k (1 + f)), in its FMA build ({@code s_log1p-fma}, the one an AVX2 machine
 * selects). PyTorch's scalar float64 code calls it ({@code std::log1p}): the scalar tail of softplus and mish.
 * Which products the FMA build fuses was measured, not guessed: the polynomial's sum is fused (its first term
 * {@code z * Lp1} absorbed into the first addition, as GCC contracts the first product it meets), while the final
 * {@code s * (hfsq + R)} is not (GCC hoists it out of the two branches, and it contracts within a block only);
 * contracting it, or not fusing the sum, differs from glibc on about 1 input in 2,000. Checked against glibc's own
 * bits ({@code Glibc64Test}, recorded from Python's math module). Java's {@code Math.log1p} (fdlibm, no FMA)
 * differs on about 1.5% of inputs.
 *
 * <pre>
 * jshell&gt; Glibc64Log1p.log1p(1.0)
 * $1 ==&gt; 0.6931471805599453
 * </pre>
 */
public final class Glibc64Log1p {
    private Glibc64Log1p() {}

    private static final double LN2_HI = 6.93147180369123816490e-01, LN2_LO = 1.90821492927058770002e-10;
    private static final double LP1 = 6.666666666666735130e-01, LP2 = 3.999999999940941908e-01, LP3 = 2.857142874366239149e-01,
            LP4 = 2.222219843214978396e-01, LP5 = 1.818357216161805012e-01, LP6 = 1.531383769920937332e-01,
            LP7 = 1.479819860511658591e-01;
    /** x86's default NaN, what glibc's (x - x) / (x - x) gives below -1. */
    private static final double DEFAULT_NAN = Double.longBitsToDouble(0xfff8000000000000L);

    private static int high(double x) {
        return (int) (Double.doubleToRawLongBits(x) >>> 32);
    }

    private static double withHigh(double x, int hi) {
        return Double.longBitsToDouble(((long) hi << 32) | (Double.doubleToRawLongBits(x) & 0xffffffffL));
    }

    /** glibc's log1p. */
    public static double log1p(double x) {
        int hx = high(x), ax = hx & 0x7fffffff, k = 1, hu = 0;
        double f = 0, c = 0;
        if (hx < 0x3FDA827A) {                       // x < 0.41422
            if (ax >= 0x3ff00000) return x == -1.0 ? Double.NEGATIVE_INFINITY : DEFAULT_NAN; // x <= -1
            if (ax < 0x3e200000) {                   // |x| < 2^-29
                if (ax < 0x3c900000) return x;       // |x| < 2^-54
                return Math.fma(-(x * x), 0.5, x);
            }
            if (hx > 0 || hx <= 0xbfd2bec3) {        // -0.2929 < x < 0.41422: f = x exactly
                k = 0;
                f = x;
                hu = 1;
            }
        } else if (hx >= 0x7ff00000) {
            return x + x;
        }
        if (k != 0) {
            double u;
            if (hx < 0x43400000) {
                u = 1.0 + x;
                hu = high(u);
                k = (hu >> 20) - 1023;
                c = (k > 0) ? 1.0 - (u - x) : x - (u - 1.0); // the rounding error of 1 + x, then relative to u
                c /= u;
            } else {
                u = x;
                hu = high(u);
                k = (hu >> 20) - 1023;
                c = 0;
            }
            hu &= 0x000fffff;
            if (hu < 0x6a09e) {
                u = withHigh(u, hu | 0x3ff00000);    // u in [1, sqrt 2)
            } else {
                k += 1;
                u = withHigh(u, hu | 0x3fe00000);    // u / 2 in [sqrt 2 / 2, 1)
                hu = (0x00100000 - hu) >> 2;
            }
            f = u - 1.0;
        }
        double hfsq = 0.5 * f * f;
        if (hu == 0) {                               // |f| < 2^-20
            if (f == 0) {
                if (k == 0) return 0.0;
                c += k * LN2_LO;
                return k * LN2_HI + c;
            }
            double r = hfsq * Math.fma(-0.66666666666666666, f, 1.0);
            if (k == 0) return f - r;
            return k * LN2_HI - ((r - (k * LN2_LO + c)) - f);
        }
        double s = f / (2.0 + f), z = s * s, z2 = z * z;
        double r2 = Math.fma(z, LP3, LP2), z4 = z2 * z2;
        double r3 = Math.fma(z, LP5, LP4), z6 = z4 * z2;
        double r4 = Math.fma(z, LP7, LP6);
        double r = Math.fma(z6, r4, Math.fma(z4, r3, Math.fma(z, LP1, z2 * r2)));
        if (k == 0) return f - (hfsq - s * (hfsq + r));
        return k * LN2_HI - ((hfsq - (s * (hfsq + r) + (k * LN2_LO + c))) - f);
    }
}
