// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

/**
 * glibc 2.36's double {@code exp2} ({@code e_exp2.c}, ARM's optimized-routines algorithm on exp's 2^(k/128)
 * table, {@link Glibc64#EXP_TAB}). PyTorch 1.13 has no {@code Vectorized::exp2}: its exp2 kernel maps
 * {@code std::exp2} over every element, so float64 exp2 is this function. x86_64 glibc has no FMA build of
 * exp2 (only of exp2f), so nothing here is fused: {@code a * b + c} rounds twice, as the generic build does.
 *
 * <pre>
 * jshell&gt; Glibc64Exp2.exp2(0.5)
 * $1 ==&gt; 1.4142135623730951
 * </pre>
 */
public final class Glibc64Exp2 {
    private Glibc64Exp2() {}

    private static final int N = 128;
    private static final double SHIFT = 0x1.8p52 / N;
    private static final double C1 = 0x1.62e42fefa39efp-1, C2 = 0x1.ebfbdff82c424p-3, C3 = 0x1.c6b08d70cf4b5p-5,
        C4 = 0x1.3b2abd24650ccp-7, C5 = 0x1.5d7e09b4e3a84p-10;

    private static int top12(double x) {
        return (int) (Double.doubleToRawLongBits(x) >>> 52);
    }

    /** glibc's exp2. */
    public static double exp2(double x) {
        int abstop = top12(x) & 0x7ff;
        long ux = Double.doubleToRawLongBits(x);
        if (Integer.compareUnsigned(abstop - top12(0x1p-54), top12(512.0) - top12(0x1p-54)) >= 0) {
            if (abstop - top12(0x1p-54) < 0) return 1.0 + x; // tiny x (and 0)
            if (abstop >= top12(1024.0)) {
                if (x == Double.NEGATIVE_INFINITY) return 0.0;
                if (abstop >= top12(Double.POSITIVE_INFINITY)) return 1.0 + x;
                if (ux >= 0) return Double.POSITIVE_INFINITY;
                if (Long.compareUnsigned(ux, Double.doubleToRawLongBits(-1075.0)) >= 0) return 0.0;
            }
            if (Long.compareUnsigned(2 * ux, 2 * Double.doubleToRawLongBits(928.0)) > 0) abstop = 0; // large |x|: below
        }
        // x = k/N + r, r in [-1/2N, 1/2N]
        double kd = x + SHIFT;
        long ki = Double.doubleToRawLongBits(kd);
        kd -= SHIFT;
        double r = x - kd;
        int idx = 2 * (int) (ki & (N - 1));
        long top = ki << (52 - 7);
        double tail = Double.longBitsToDouble(Glibc64.EXP_TAB[idx]);
        long sbits = Glibc64.EXP_TAB[idx + 1] + top;
        double r2 = r * r;
        double tmp = tail + r * C1 + r2 * (C2 + r * C3) + r2 * r2 * (C4 + r * C5);
        if (abstop == 0) return special(tmp, sbits, ki);
        double scale = Double.longBitsToDouble(sbits);
        return scale + scale * tmp;
    }

    /** The scale's exponent overflowed (k &gt; 0) or the result is subnormal (k &lt; 0): e_exp2.c's specialcase. */
    private static double special(double tmp, long sbits, long ki) {
        if ((ki & 0x80000000L) == 0) {
            double scale = Double.longBitsToDouble(sbits - (1L << 52));
            return 2 * (scale + scale * tmp);
        }
        double scale = Double.longBitsToDouble(sbits + (1022L << 52));
        double y = scale + scale * tmp;
        if (y < 1.0) {
            // round to the final precision before scaling into the subnormal range (no double rounding)
            double lo = scale - y + scale * tmp;
            double hi = 1.0 + y;
            lo = 1.0 - hi + y + lo;
            y = (hi + lo) - 1.0;
            if (y == 0.0) y = 0.0;
        }
        return 0x1p-1022 * y;
    }
}
