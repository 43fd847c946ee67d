// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

/**
 * The scalar float functions PyTorch's scalar code calls ({@code std::exp(float)} etc.): glibc 2.36's, which
 * PyTorch 1.13 on Debian links. Two kinds:
 * <ul>
 * <li>expf, logf and powf: glibc's table-driven versions that compute in double (from ARM's optimized-routines), in
 *     the FMA build glibc selects on an AVX2 machine; they are not quite correctly rounded (expf 0.06%, logf 0.2% of
 *     inputs differ), so their exact steps are reproduced with glibc's tables (its values, as Debian's
 *     libm.so.6 holds them);</li>
 * <li>sinhf, coshf, asinhf, atanhf and the expm1f, log1pf they use: glibc's older float code (fdlibm's float
 *     conversion), whose own rounding errors PyTorch prints; written here from the same algorithms, operation
 *     by operation in float (that code is built without FMA).</li>
 * </ul>
 */
final class Glibc {
    private Glibc() {}

    /** exp2f_data.tab: asuint64(2^(i/32)) - (i &lt;&lt; 47), the 32 correctly rounded powers with the exponent taken out. */
    private static final long[] EXP2F_TAB = {
        0x3ff0000000000000L, 0x3fefd9b0d3158574L, 0x3fefb5586cf9890fL, 0x3fef9301d0125b51L, 0x3fef72b83c7d517bL,
        0x3fef54873168b9aaL, 0x3fef387a6e756238L, 0x3fef1e9df51fdee1L, 0x3fef06fe0a31b715L, 0x3feef1a7373aa9cbL,
        0x3feedea64c123422L, 0x3feece086061892dL, 0x3feebfdad5362a27L, 0x3feeb42b569d4f82L, 0x3feeab07dd485429L,
        0x3feea47eb03a5585L, 0x3feea09e667f3bcdL, 0x3fee9f75e8ec5f74L, 0x3feea11473eb0187L, 0x3feea589994cce13L,
        0x3feeace5422aa0dbL, 0x3feeb737b0cdc5e5L, 0x3feec49182a3f090L, 0x3feed503b23e255dL, 0x3feee89f995ad3adL,
        0x3feeff76f2fb5e47L, 0x3fef199bdd85529cL, 0x3fef3720dcef9069L, 0x3fef5818dcfba487L, 0x3fef7c97337b9b5fL,
        0x3fefa4afa2a490daL, 0x3fefd0765b6e4540L};
    private static final double EXPF_INVLN2N = 0x1.71547652b82fep+0 * 32;
    private static final double EXPF_SHIFT = 0x1.8p+52;
    private static final double EXPF_C0 = 0x1.c6af84b912394p-5 / 32 / 32 / 32, EXPF_C1 = 0x1.ebfce50fac4f3p-3 / 32 / 32,
        EXPF_C2 = 0x1.62e42ff0c52d6p-1 / 32;

    private static final double EXP2F_SHIFT = 0x1.8p+52 / 32;
    private static final double EXP2F_C0 = 0x1.c6af84b912394p-5, EXP2F_C1 = 0x1.ebfce50fac4f3p-3, EXP2F_C2 = 0x1.62e42ff0c52d6p-1;

    /**
     * glibc's exp2f (e_exp2f.c, its FMA build): x = k/32 + r, 2^(k/32) from the table, 2^r a cubic in double, one
     * rounding to float. PyTorch 1.13's float32 exp2 maps it over every element (Vectorized::exp2 is map(std::exp2)).
     */
    static float exp2f(float x) {
        double xd = x;
        int abstop = (Float.floatToRawIntBits(x) >>> 20) & 0x7ff;
        if (abstop >= ((Float.floatToRawIntBits(128.0f) >>> 20) & 0x7ff)) {
            if (Float.floatToRawIntBits(x) == Float.floatToRawIntBits(Float.NEGATIVE_INFINITY)) return 0.0f;
            if (abstop >= ((Float.floatToRawIntBits(Float.POSITIVE_INFINITY) >>> 20) & 0x7ff)) return x + x;
            if (x > 0.0f) return Float.POSITIVE_INFINITY;
            if (x <= -150.0f) return 0.0f;
        }
        double kd = xd + EXP2F_SHIFT;
        long ki = Double.doubleToRawLongBits(kd);
        kd -= EXP2F_SHIFT;
        double r = xd - kd;
        long t = EXP2F_TAB[(int) (ki & 31)];
        t += ki << (52 - 5);
        double sc = Double.longBitsToDouble(t);
        double z = Math.fma(EXP2F_C0, r, EXP2F_C1);
        double r2 = r * r;
        double y = Math.fma(EXP2F_C2, r, 1);
        y = Math.fma(z, r2, y);
        y = y * sc;
        return (float) y;
    }

    /** glibc's expf. */
    static float expf(float x) {
        double xd = x;
        int abstop = (Float.floatToRawIntBits(x) >>> 20) & 0x7ff;
        if (abstop >= ((Float.floatToRawIntBits(88.0f) >>> 20) & 0x7ff)) {
            if (Float.floatToRawIntBits(x) == Float.floatToRawIntBits(Float.NEGATIVE_INFINITY)) return 0.0f;
            if (abstop >= ((Float.floatToRawIntBits(Float.POSITIVE_INFINITY) >>> 20) & 0x7ff)) return x + x;
            if (x > 0x1.62e42ep6f) return Float.POSITIVE_INFINITY;
            if (x < -0x1.9fe368p6f) return 0.0f;
        }
        double z = EXPF_INVLN2N * xd;
        double kd = z + EXPF_SHIFT;
        long ki = Double.doubleToRawLongBits(kd);
        kd -= EXPF_SHIFT;
        double r = z - kd;
        long t = EXP2F_TAB[(int) (ki & 31)];
        t += ki << (52 - 5);
        double s = Double.longBitsToDouble(t);
        z = Math.fma(EXPF_C0, r, EXPF_C1);
        double r2 = r * r;
        double y = Math.fma(EXPF_C2, r, 1);
        y = Math.fma(z, r2, y);
        y = y * s;
        return (float) y;
    }

    /** logf_data.tab: {1/c, log(c)} for 16 subintervals of [0x3f330000, 2 * that); glibc's chosen values. */
    private static final double[] LOGF_TAB = {
        0x1.661ec79f8f3bep+0, -0x1.57bf7808caadep-2, 0x1.571ed4aaf883dp+0, -0x1.2bef0a7c06ddbp-2,
        0x1.49539f0f010b0p+0, -0x1.01eae7f513a67p-2, 0x1.3c995b0b80385p+0, -0x1.b31d8a68224e9p-3,
        0x1.30d190c8864a5p+0, -0x1.6574f0ac07758p-3, 0x1.25e227b0b8ea0p+0, -0x1.1aa2bc79c8100p-3,
        0x1.1bb4a4a1a343fp+0, -0x1.a4e76ce8c0e5ep-4, 0x1.12358f08ae5bap+0, -0x1.1973c5a611cccp-4,
        0x1.0953f419900a7p+0, -0x1.252f438e10c1ep-5, 0x1.0000000000000p+0, 0x0.0p+0,
        0x1.e608cfd9a47acp-1, 0x1.aa5aa5df25984p-5, 0x1.ca4b31f026aa0p-1, 0x1.c5e53aa362eb4p-4,
        0x1.b2036576afce6p-1, 0x1.526e57720db08p-3, 0x1.9c2d163a1aa2dp-1, 0x1.bc2860d224770p-3,
        0x1.886e6037841edp-1, 0x1.1058bc8a07ee1p-2, 0x1.767dcf5534862p-1, 0x1.4043057b6ee09p-2};
    private static final double LOGF_LN2 = 0x1.62e42fefa39efp-1;
    private static final double LOGF_A0 = -0x1.00ea348b88334p-2, LOGF_A1 = 0x1.5575b0be00b6ap-2, LOGF_A2 = -0x1.ffffef20a4123p-2;

    /** glibc's logf. */
    static float logf(float x) {
        int ix = Float.floatToRawIntBits(x);
        if (ix == 0x3f800000) return 0f;
        if (Integer.compareUnsigned(ix - 0x00800000, 0x7f800000 - 0x00800000) >= 0) {
            if (ix * 2 == 0) return Float.NEGATIVE_INFINITY;
            if (ix == 0x7f800000) return x;
            if ((ix & 0x80000000) != 0 || Integer.compareUnsigned(ix * 2, 0xff000000) >= 0) {
                return Float.isNaN(x) ? x : DEFAULT_NAN;
            }
            ix = Float.floatToRawIntBits(x * 0x1p23f); // subnormal: normalize
            ix -= 23 << 23;
        }
        int tmp = ix - 0x3f330000;
        int i = (tmp >>> (23 - 4)) % 16;
        int k = tmp >> 23;
        int iz = ix - (tmp & (0x1ff << 23));
        double invc = LOGF_TAB[2 * i], logc = LOGF_TAB[2 * i + 1];
        double z = Float.intBitsToFloat(iz);
        double r = Math.fma(z, invc, -1);
        double y0 = Math.fma(k, LOGF_LN2, logc);
        double r2 = r * r;
        double y = Math.fma(LOGF_A1, r, LOGF_A2);
        y = Math.fma(LOGF_A0, r2, y);
        y = Math.fma(y, r2, y0 + r);
        return (float) y;
    }

    /** powf_log2_data: the logf subintervals' 1/c with log2(c), and the log2(1+r) polynomial. */
    private static final double[] POWF_LOG2_TAB = {
        0x1.661ec79f8f3bep+0, -0x1.efec65b963019p-2, 0x1.571ed4aaf883dp+0, -0x1.b0b6832d4fca4p-2,
        0x1.49539f0f010b0p+0, -0x1.7418b0a1fb77bp-2, 0x1.3c995b0b80385p+0, -0x1.39de91a6dcf7bp-2,
        0x1.30d190c8864a5p+0, -0x1.01d9bf3f2b631p-2, 0x1.25e227b0b8ea0p+0, -0x1.97c1d1b3b7af0p-3,
        0x1.1bb4a4a1a343fp+0, -0x1.2f9e393af3c9fp-3, 0x1.12358f08ae5bap+0, -0x1.960cbbf788d5cp-4,
        0x1.0953f419900a7p+0, -0x1.a6f9db6475fcep-5, 0x1.0000000000000p+0, 0x0.0p+0,
        0x1.e608cfd9a47acp-1, 0x1.338ca9f24f53dp-4, 0x1.ca4b31f026aa0p-1, 0x1.476a9543891bap-3,
        0x1.b2036576afce6p-1, 0x1.e840b4ac4e4d2p-3, 0x1.9c2d163a1aa2dp-1, 0x1.40645f0c6651cp-2,
        0x1.886e6037841edp-1, 0x1.88e9c2c1b9ff8p-2, 0x1.767dcf5534862p-1, 0x1.ce0a44eb17bccp-2};
    private static final double POWF_A0 = 0x1.27616c9496e0bp-2, POWF_A1 = -0x1.71969a075c67ap-2,
        POWF_A2 = 0x1.ec70a6ca7baddp-2, POWF_A3 = -0x1.7154748bef6c8p-1, POWF_A4 = 0x1.71547652ab82bp+0;
    private static final long POWF_SIGN_BIAS = 1L << (5 + 11);

    private static boolean zeroInfNan(int i) {
        return Integer.compareUnsigned(2 * i - 1, 2 * 0x7f800000 - 1) >= 0;
    }

    /** 0: not an integer, 1: odd integer, 2: even integer. */
    private static int checkInt(int iy) {
        int e = (iy >>> 23) & 0xff;
        if (e < 0x7f) return 0;
        if (e > 0x7f + 23) return 2;
        if ((iy & ((1 << (0x7f + 23 - e)) - 1)) != 0) return 0;
        if ((iy & (1 << (0x7f + 23 - e))) != 0) return 1;
        return 2;
    }

    /** glibc's powf (its FMA build): log2 of x in double by table and polynomial, times y, then exp2. */
    static float powf(float x, float y) {
        long signBias = 0;
        int ix = Float.floatToRawIntBits(x), iy = Float.floatToRawIntBits(y);
        if (Integer.compareUnsigned(ix - 0x00800000, 0x7f800000 - 0x00800000) >= 0 || zeroInfNan(iy)) {
            if (zeroInfNan(iy)) {
                if (2 * iy == 0) return Float.isNaN(x) && (ix & 0x00400000) == 0 ? x + y : 1.0f;
                if (ix == 0x3f800000) return Float.isNaN(y) && (iy & 0x00400000) == 0 ? x + y : 1.0f;
                if (Integer.compareUnsigned(2 * ix, 2 * 0x7f800000) > 0 || Integer.compareUnsigned(2 * iy, 2 * 0x7f800000) > 0) {
                    return x + y;
                }
                if (2 * ix == 2 * 0x3f800000) return 1.0f;
                if ((Integer.compareUnsigned(2 * ix, 2 * 0x3f800000) < 0) == ((iy & 0x80000000) == 0)) return 0.0f;
                return y * y;
            }
            if (zeroInfNan(ix)) {
                float x2 = x * x;
                if ((ix & 0x80000000) != 0 && checkInt(iy) == 1) x2 = -x2;
                return (iy & 0x80000000) != 0 ? 1 / x2 : x2;
            }
            if ((ix & 0x80000000) != 0) { // finite x < 0
                int yint = checkInt(iy);
                if (yint == 0) return DEFAULT_NAN;
                if (yint == 1) signBias = POWF_SIGN_BIAS;
                ix &= 0x7fffffff;
            }
            if (ix < 0x00800000) { // subnormal: normalize
                ix = Float.floatToRawIntBits(x * 0x1p23f);
                ix &= 0x7fffffff;
                ix -= 23 << 23;
            }
        }
        double logx = powfLog2(ix);
        double ylogx = y * logx;
        if (((Double.doubleToRawLongBits(ylogx) >>> 47) & 0xffff) >= (Double.doubleToRawLongBits(126.0) >>> 47)) {
            if (ylogx > 0x1.fffffffd1d571p+6) return signBias != 0 ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY;
            if (ylogx <= -150.0) return signBias != 0 ? -0.0f : 0.0f;
        }
        return powfExp2(ylogx, signBias);
    }

    private static double powfLog2(int ix) {
        int tmp = ix - 0x3f330000;
        int i = (tmp >>> (23 - 4)) % 16;
        int top = tmp & 0xff800000;
        int iz = ix - top;
        int k = top >> 23;
        double invc = POWF_LOG2_TAB[2 * i], logc = POWF_LOG2_TAB[2 * i + 1];
        double z = Float.intBitsToFloat(iz);
        double r = Math.fma(z, invc, -1);
        double y0 = logc + (double) k;
        double r2 = r * r;
        double y = Math.fma(POWF_A0, r, POWF_A1);
        double p = Math.fma(POWF_A2, r, POWF_A3);
        double r4 = r2 * r2;
        double q = Math.fma(POWF_A4, r, y0);
        q = Math.fma(p, r2, q);
        y = Math.fma(y, r4, q);
        return y;
    }

    private static float powfExp2(double xd, long signBias) {
        final double shift = 0x1.8p+52 / 32;
        double kd = xd + shift;
        long ki = Double.doubleToRawLongBits(kd);
        kd -= shift;
        double r = xd - kd;
        long t = EXP2F_TAB[(int) (ki & 31)];
        long ski = ki + signBias;
        t += ski << (52 - 5);
        double s = Double.longBitsToDouble(t);
        double z = Math.fma(0x1.c6af84b912394p-5, r, 0x1.ebfce50fac4f3p-3);
        double r2 = r * r;
        double y = Math.fma(0x1.62e42ff0c52d6p-1, r, 1);
        y = Math.fma(z, r2, y);
        y = y * s;
        return (float) y;
    }

    /** What x86 SSE gives for an invalid operation such as {@code (x - x) / (x - x)}: the negative quiet NaN. */
    static final float DEFAULT_NAN = Float.intBitsToFloat(0xffc00000);

    private static int bits(float f) { return Float.floatToRawIntBits(f); }

    private static float fromBits(int i) { return Float.intBitsToFloat(i); }

    private static final float LN2_HI = 6.9313812256e-01f, LN2_LO = 9.0580006145e-06f;

    /** fdlibm's log1pf. */
    static float log1pf(float x) {
        final float lp1 = 6.6666668653e-01f, lp2 = 4.0000000596e-01f, lp3 = 2.8571429849e-01f, lp4 = 2.2222198546e-01f;
        final float lp5 = 1.8183572590e-01f, lp6 = 1.5313838422e-01f, lp7 = 1.4798198640e-01f;
        int hx = bits(x);
        int ax = hx & 0x7fffffff;
        int k = 1;
        int hu = 0;
        float f = 0f, c = 0f;
        if (hx < 0x3ed413d7) { // x < 0.41422
            if (ax >= 0x3f800000) { // x <= -1.0
                if (x == -1.0f) return Float.NEGATIVE_INFINITY;
                return DEFAULT_NAN;
            }
            if (ax < 0x31000000) { // |x| < 2**-29
                if (ax < 0x24800000) return x;
                return x - x * x * 0.5f;
            }
            if (hx > 0 || hx <= 0xbe95f61f) { // -0.2929 < x < 0.41422
                k = 0;
                f = x;
                hu = 1;
            }
        }
        if (hx >= 0x7f800000) return x + x;
        if (k != 0) {
            float u;
            if (hx < 0x5a000000) {
                u = 1.0f + x;
                hu = bits(u);
                k = (hu >> 23) - 127;
                c = k > 0 ? 1.0f - (u - x) : x - (u - 1.0f); // correction term
                c /= u;
            } else {
                u = x;
                hu = bits(u);
                k = (hu >> 23) - 127;
                c = 0;
            }
            hu &= 0x007fffff;
            if (hu < 0x3504f7) {
                u = fromBits(hu | 0x3f800000);
            } else {
                k += 1;
                u = fromBits(hu | 0x3f000000);
                hu = (0x00800000 - hu) >> 2;
            }
            f = u - 1.0f;
        }
        float hfsq = 0.5f * f * f;
        if (hu == 0) { // |f| < 2**-20
            if (f == 0f) {
                if (k == 0) return 0f;
                c += k * LN2_LO;
                return k * LN2_HI + c;
            }
            float r = hfsq * (1.0f - 0.66666666666666666f * f);
            if (k == 0) return f - r;
            return k * LN2_HI - ((r - (k * LN2_LO + c)) - f);
        }
        float s = f / (2.0f + f);
        float z = s * s;
        float r = z * (lp1 + z * (lp2 + z * (lp3 + z * (lp4 + z * (lp5 + z * (lp6 + z * lp7))))));
        if (k == 0) return f - (hfsq - s * (hfsq + r));
        return k * LN2_HI - ((hfsq - (s * (hfsq + r) + (k * LN2_LO + c))) - f);
    }

    /** fdlibm's expm1f. */
    static float expm1f(float x) {
        final float oThreshold = 8.8721679688e+01f, invln2 = 1.4426950216e+00f;
        final float q1 = -3.3333335072e-02f, q2 = 1.5873016091e-03f, q3 = -7.9365076090e-05f;
        final float q4 = 4.0082177293e-06f, q5 = -2.0109921195e-07f;
        int hx = bits(x);
        boolean negative = hx < 0;
        hx &= 0x7fffffff;
        if (hx >= 0x4195b844) { // |x| >= 27 ln2
            if (hx >= 0x42b17218) { // |x| >= 88.721...
                if (hx > 0x7f800000) return x + x;
                if (hx == 0x7f800000) return negative ? -1.0f : x;
                if (x > oThreshold) return Float.POSITIVE_INFINITY;
            }
            if (negative) return 1.0e-30f - 1.0f;
        }
        float hi, lo, c = 0f;
        int k;
        if (hx > 0x3eb17218) { // |x| > 0.5 ln2
            if (hx < 0x3F851592) { // and |x| < 1.5 ln2
                if (!negative) { hi = x - LN2_HI; lo = LN2_LO; k = 1; }
                else { hi = x + LN2_HI; lo = -LN2_LO; k = -1; }
            } else {
                k = (int) (invln2 * x + (negative ? -0.5f : 0.5f));
                float t = k;
                hi = x - t * LN2_HI; // exact here
                lo = t * LN2_LO;
            }
            x = hi - lo;
            c = (hi - x) - lo;
        } else if (hx < 0x33000000) { // |x| < 2**-25
            float t = 1.0e+30f + x;
            return x - (t - (1.0e+30f + x));
        } else {
            k = 0;
        }
        float hfx = 0.5f * x;
        float hxs = x * hfx;
        float r1 = 1.0f + hxs * (q1 + hxs * (q2 + hxs * (q3 + hxs * (q4 + hxs * q5))));
        float t = 3.0f - r1 * hfx;
        float e = hxs * ((r1 - t) / (6.0f - x * t));
        if (k == 0) return x - (x * e - hxs);
        e = (x * (e - c) - c);
        e -= hxs;
        if (k == -1) return 0.5f * (x - e) - 0.5f;
        if (k == 1) {
            if (x < -0.25f) return -2.0f * (e - (x + 0.5f));
            return 1.0f + 2.0f * (x - e);
        }
        float y;
        if (k <= -2 || k > 56) { // exp(x) - 1 suffices
            y = 1.0f - (e - x);
            y = fromBits(bits(y) + (k << 23));
            return y - 1.0f;
        }
        if (k < 23) {
            t = fromBits(0x3f800000 - (0x1000000 >> k)); // 1 - 2^-k
            y = t - (e - x);
            y = fromBits(bits(y) + (k << 23));
        } else {
            t = fromBits((0x7f - k) << 23); // 2^-k
            y = x - (e + t);
            y += 1.0f;
            y = fromBits(bits(y) + (k << 23));
        }
        return y;
    }

    /** fdlibm's tanhf (glibc's s_tanhf.c), through {@link #expm1f}. */
    static float tanhf(float x) {
        int jx = bits(x);
        int ix = jx & 0x7fffffff;
        if (ix >= 0x7f800000) return jx >= 0 ? 1.0f / x + 1.0f : 1.0f / x - 1.0f;
        float z;
        if (ix < 0x41b00000) { // |x| < 22
            if (ix == 0) return x;
            if (ix < 0x24000000) return x * (1.0f + x); // |x| < 2**-55
            if (ix >= 0x3f800000) { // |x| >= 1
                float t = expm1f(2.0f * Math.abs(x));
                z = 1.0f - 2.0f / (t + 2.0f);
            } else {
                float t = expm1f(-2.0f * Math.abs(x));
                z = -t / (t + 2.0f);
            }
        } else {
            z = 1.0f - 1.0e-30f;
        }
        return jx >= 0 ? z : -z;
    }

    /** fdlibm's sinhf. */
    static float sinhf(float x) {
        int jx = bits(x);
        int ix = jx & 0x7fffffff;
        if (ix >= 0x7f800000) return x + x;
        float h = jx < 0 ? -0.5f : 0.5f;
        if (ix < 0x41b00000) { // |x| < 22
            if (ix < 0x31800000) return x; // |x| < 2**-28
            float t = expm1f(Math.abs(x));
            if (ix < 0x3f800000) return h * (2.0f * t - t * t / (t + 1.0f));
            return h * (t + t / (t + 1.0f));
        }
        if (ix < 0x42b17180) return h * expf(Math.abs(x));
        if (ix <= 0x42b2d4fc) {
            float w = expf(0.5f * Math.abs(x));
            float t = h * w;
            return t * w;
        }
        return x * 1.0e37f;
    }

    /** fdlibm's coshf. */
    static float coshf(float x) {
        int ix = bits(x) & 0x7fffffff;
        if (ix < 0x41b00000) { // |x| < 22
            if (ix < 0x3eb17218) { // |x| < 0.5 ln2: 1 + expm1(|x|)^2 / (2 exp(|x|))
                float t = expm1f(Math.abs(x));
                float w = 1.0f + t;
                if (ix < 0x24000000) return w;
                return 1.0f + (t * t) / (w + w);
            }
            float t = expf(Math.abs(x));
            return 0.5f * t + 0.5f / t;
        }
        if (ix < 0x42b17180) return 0.5f * expf(Math.abs(x));
        if (ix <= 0x42b2d4fc) {
            float w = expf(0.5f * Math.abs(x));
            float t = 0.5f * w;
            return t * w;
        }
        if (ix >= 0x7f800000) return x * x;
        return Float.POSITIVE_INFINITY;
    }

    /** fdlibm's asinhf. */
    static float asinhf(float x) {
        int ix = bits(x) & 0x7fffffff;
        if (ix < 0x38000000) return x; // |x| < 2**-14
        float w;
        if (ix > 0x47000000) { // |x| > 2**14
            if (ix >= 0x7f800000) return x + x;
            w = logf(Math.abs(x)) + 6.9314718246e-01f;
        } else {
            float xa = Math.abs(x);
            if (ix > 0x40000000) { // 2**14 > |x| > 2
                w = logf(2.0f * xa + 1.0f / ((float) Math.sqrt(xa * xa + 1.0f) + xa));
            } else { // 2 > |x| > 2**-14
                float t = xa * xa;
                w = log1pf(xa + t / (1.0f + (float) Math.sqrt(1.0f + t)));
            }
        }
        return Math.copySign(w, x);
    }

    /** glibc's atanhf. */
    static float atanhf(float x) {
        float xa = Math.abs(x);
        float t;
        if (xa < 0.5f) {
            if (xa < 0x1.0p-28f) return x;
            t = xa + xa;
            t = 0.5f * log1pf(t + t * xa / (1.0f - xa));
        } else if (xa < 1.0f) {
            t = 0.5f * log1pf((xa + xa) / (1.0f - xa));
        } else {
            if (xa > 1.0f) return DEFAULT_NAN;
            return x / 0.0f;
        }
        return Math.copySign(t, x);
    }
}
