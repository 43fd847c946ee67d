// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * SLEEF's float64 {@code rempi}: Payne-Hanek reduction by pi/2 of an argument of magnitude at least 1e14 (or not
 * finite), which sin/cos/tan take there, giving a double-double remainder in radians and the quadrant count. The
 * table (1/(2 pi) in four doubles per binary exponent) is computed the way SLEEF's {@code mkrempitab.c} defines
 * it, rather than copied, once, on the first such argument.
 */
record Rempi64(DoubleDouble x, int q) {
    static Rempi64 of(double a) {
        double[] tab = Table.TABLE;
        int ex = Sleef64.ilogb2k(a);
        ex = ex - 55;
        int q = ex > 700 - 55 ? -64 : 0;
        a = Sleef64.ldexp3(a, q);
        ex = ex < 0 ? 0 : ex;
        ex = ex << 2;
        DoubleDouble x = DoubleDouble.mul(a, tab[ex]);
        double[] di = sub(x.x());
        q = (int) di[1];
        x = new DoubleDouble(di[0], x.y()).normalize();
        DoubleDouble y = DoubleDouble.mul(a, tab[ex + 1]);
        x = DoubleDouble.add2(x, y);
        di = sub(x.x());
        q = q + (int) di[1];
        x = new DoubleDouble(di[0], x.y()).normalize();
        y = DoubleDouble.mul(new DoubleDouble(tab[ex + 2], tab[ex + 3]), a);
        x = DoubleDouble.add2(x, y);
        x = x.normalize();
        x = DoubleDouble.mul(x, new DoubleDouble(3.141592653589793116 * 2, 1.2246467991473532072e-16 * 2));
        if (Math.abs(a) < 0.7) x = new DoubleDouble(a, 0.0);
        return new Rempi64(x, q);
    }

    /** rempisub (FULL_FP_ROUNDING): x minus the nearest multiple of 1/4, and 4x's count past rint(x), truncated. */
    private static double[] sub(double x) {
        double y = Math.rint(x * 4);
        int vi = truncToInt(y - Math.rint(x) * 4);
        return new double[] {x - y * 0.25, vi};
    }

    /** _mm256_cvttpd_epi32: truncation, INT_MIN out of range and for NaN. */
    static int truncToInt(double d) {
        if (!(Math.abs(d) < 2147483648.0)) return Integer.MIN_VALUE;
        return (int) d;
    }

    private static final class Table {
        /**
         * Four doubles per exponent 55..1023, plus one row for inf and NaN, whose exponent indexes one past SLEEF's
         * table (what follows it in the binary only reaches a NaN result's sign, which sin/cos/tan settle apart).
         */
        static final double[] TABLE = table();

        private static double[] table() {
            MathContext mc = new MathContext(420, RoundingMode.HALF_EVEN);
            BigDecimal rpi = new BigDecimal("0.5").divide(pi(mc), mc);
            double[] t = new double[(1024 - 55 + 1) * 4];
            for (int i = 55; i < 1024; i++) {
                int m = i > 700 ? -64 : 0;
                int ex = Math.max(i - 53, -52);
                BigDecimal x = pow2(ex, mc);
                BigDecimal y = x.multiply(rpi, mc);
                BigDecimal frac = y.subtract(new BigDecimal(y.toBigInteger()));
                BigDecimal v = frac.divide(x, mc).multiply(pow2(-m, mc), mc);
                int o = (i - 55) * 4;
                for (int k = 0; k < 3; k++) {
                    double d = removeLsb(v.doubleValue());
                    t[o + k] = d;
                    v = v.subtract(new BigDecimal(d), mc);
                }
                t[o + 3] = v.doubleValue();
            }
            return t;
        }

        private static double removeLsb(double d) {
            return Double.longBitsToDouble(Double.doubleToRawLongBits(d) & 0xfffffffffffffffeL);
        }

        private static BigDecimal pow2(int e, MathContext mc) {
            return e >= 0 ? new BigDecimal(BigInteger.ONE.shiftLeft(e))
                : BigDecimal.ONE.divide(new BigDecimal(BigInteger.ONE.shiftLeft(-e)), mc);
        }

        /** pi by Machin's formula, 16 atan(1/5) - 4 atan(1/239). */
        private static BigDecimal pi(MathContext mc) {
            return atanInv(5, mc).multiply(BigDecimal.valueOf(16)).subtract(atanInv(239, mc).multiply(BigDecimal.valueOf(4)), mc);
        }

        private static BigDecimal atanInv(int n, MathContext mc) {
            BigDecimal x = BigDecimal.ONE.divide(BigDecimal.valueOf(n), mc);
            BigDecimal x2 = x.multiply(x, mc);
            BigDecimal term = x, sum = x;
            BigDecimal eps = BigDecimal.ONE.movePointLeft(mc.getPrecision() + 5);
            for (int k = 1; term.abs().compareTo(eps) > 0; k++) {
                term = term.multiply(x2, mc).negate();
                sum = sum.add(term.divide(BigDecimal.valueOf(2L * k + 1), mc), mc);
            }
            return sum;
        }
    }
}
