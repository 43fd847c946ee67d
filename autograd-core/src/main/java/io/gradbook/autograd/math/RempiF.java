// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * SLEEF's {@code rempif}: Payne-Hanek reduction of a float argument by pi/2, giving a double-float remainder
 * (times 2 pi / 4, i.e. in radians) and the quadrant count. SLEEF's sin/cos take this path for a whole vector
 * when any lane is at least 125 in magnitude (or not finite). The table of 1/(2 pi) split into four floats per
 * binary exponent is computed here the way SLEEF's {@code mkrempitab.c} defines it, rather than copied.
 */
record RempiF(float x, float y, int q) {
    /**
     * Four floats per exponent 25..127: the fractional part of 2^(e-23)/(2 pi), scaled back, in 4 pieces. One more
     * row for inf and NaN, whose exponent indexes one past SLEEF's table: the gather reads what the libsleef 3.5.1
     * binary stores next (1e9, 0, 0, 0), which decides the sign of the NaN sin/cos return for an infinity.
     */
    private static final float[] TABLE = table();

    static RempiF of(float a) {
        int ex = Sleef32.ilogb2k(a);
        ex = ex - 25;
        int q = ex > 90 - 25 ? -64 : 0;
        a = Sleef32.ldexp3(a, q);
        ex = ex < 0 ? 0 : ex;
        ex = ex << 2;
        DoubleFloat x = DoubleFloat.mul(a, TABLE[ex]);
        float rx = x.x();
        float y4 = Sleef32.rint(rx * 4);
        q = Sleef32.truncToInt(y4 - Sleef32.rint(rx) * 4);
        x = new DoubleFloat(rx - y4 * 0.25f, x.y()).normalize();
        DoubleFloat y = DoubleFloat.mul(a, TABLE[ex + 1]);
        x = x.add2(y);
        rx = x.x();
        y4 = Sleef32.rint(rx * 4);
        q = q + Sleef32.truncToInt(y4 - Sleef32.rint(rx) * 4);
        x = new DoubleFloat(rx - y4 * 0.25f, x.y()).normalize();
        y = new DoubleFloat(TABLE[ex + 2], TABLE[ex + 3]).mul(a);
        x = x.add2(y);
        x = x.normalize();
        x = x.mul(new DoubleFloat(3.1415927410125732422f * 2, -8.7422776573475857731e-08f * 2));
        if (Math.abs(a) < 0.7f) x = new DoubleFloat(a, 0f);
        return new RempiF(x.x(), x.y(), q);
    }

    private static float[] table() {
        MathContext mc = new MathContext(200, RoundingMode.HALF_EVEN);
        BigDecimal rpi = new BigDecimal("0.5").divide(pi(mc), mc);
        float[] t = new float[(128 - 25 + 1) * 4];
        for (int i = 25; i < 128; i++) {
            int m = i > 90 ? -64 : 0;
            int ex = i - 23;
            BigDecimal x = pow2(ex, mc);
            BigDecimal y = x.multiply(rpi, mc);
            BigDecimal frac = y.subtract(new BigDecimal(y.toBigInteger()));
            BigDecimal v = frac.divide(x, mc).multiply(pow2(-m, mc), mc);
            int o = (i - 25) * 4;
            for (int k = 0; k < 3; k++) {
                float f = removeLsb((float) v.doubleValue());
                t[o + k] = f;
                v = v.subtract(new BigDecimal(f), mc);
            }
            t[o + 3] = (float) v.doubleValue();
        }
        t[(128 - 25) * 4] = 1.0e9f;
        return t;
    }

    private static float removeLsb(float f) {
        return Float.intBitsToFloat(0xfffffffc & Float.floatToRawIntBits(f));
    }

    private static BigDecimal pow2(int e, MathContext mc) {
        return e >= 0 ? new BigDecimal(java.math.BigInteger.ONE.shiftLeft(e))
            : BigDecimal.ONE.divide(new BigDecimal(java.math.BigInteger.ONE.shiftLeft(-e)), mc);
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
