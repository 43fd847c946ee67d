// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

/**
 * The scalar float functions PyTorch's scalar code calls ({@code std::asinh(float)} etc.): glibc 2.36's, which
 * PyTorch 1.13 on Debian links. Two kinds:
 * <ul>
 * <li>expf, logf, powf: glibc's modern versions compute in double and round once; they are correctly rounded in
 *     nearly all cases, so the correctly rounded value stands for them;</li>
 * <li>sinhf, coshf, asinhf, atanhf and the expm1f, log1pf they use: glibc's older float code (fdlibm's float
 *     conversion), whose own rounding errors PyTorch prints; written here from the same algorithms, operation
 *     by operation in float (glibc's generic x86-64 build fuses nothing).</li>
 * </ul>
 */
final class Glibc {
    private Glibc() {}

    static float expf(float x) { return (float) StrictMath.exp(x); }

    static float logf(float x) { return (float) StrictMath.log(x); }

    static float powf(float x, float y) { return (float) StrictMath.pow(x, y); }

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
                return Float.NaN;
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
            if (xa > 1.0f) return Float.NaN;
            return x / 0.0f;
        }
        return Math.copySign(t, x);
    }
}
