// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

/**
 * The float32 Cephes polynomials an AVX2 build of PyTorch uses for its vectorized normal fill
 * ({@code log256_ps}, {@code sincos256_ps}), one lane at a time, in the same operation order and with
 * {@link Math#fma} exactly where the compiler fused a multiply and an add. Anything else changes low bits
 * (RNG_SPEC.md section 5).
 */
final class AvxMath {
    private AvxMath() {}

    private static final float SQRTHF = 0.707106781186547524f;
    private static final float[] LOG_P = {7.0376836292E-2f, -1.1514610310E-1f, 1.1676998740E-1f, -1.2420140846E-1f,
        1.4249322787E-1f, -1.6668057665E-1f, 2.0000714765E-1f, -2.4999993993E-1f, 3.3333331174E-1f};
    private static final float LOG_Q1 = -2.12194440e-4f, LOG_Q2 = 0.693359375f;
    private static final float DP1 = -0.78515625f, DP2 = -2.4187564849853515625e-4f, DP3 = -3.77489497744594108e-8f;
    private static final float SIN_P0 = -1.9515295891E-4f, SIN_P1 = 8.3321608736E-3f, SIN_P2 = -1.6666654611E-1f;
    private static final float COS_P0 = 2.443315711809948E-005f, COS_P1 = -1.388731625493765E-003f, COS_P2 = 4.166664568298827E-002f;
    private static final float FOPI = 1.27323954473516f;
    private static final float TWO_PI = (float) (2.0f * Math.PI);

    /** normal_fill_16_AVX2: Box-Muller on 8 pairs (d[o+j], d[o+j+8]). */
    static void normal16(float[] d, int o, float mean, float std) {
        for (int j = 0; j < 8; j++) {
            float u1 = 1.0f - d[o + j];
            float u2 = d[o + j + 8];
            float radius = (float) Math.sqrt(-2.0f * log(u1));
            float theta = TWO_PI * u2;
            float[] sc = sincos(theta);
            d[o + j] = Math.fma(radius * sc[1], std, mean);
            d[o + j + 8] = Math.fma(radius * sc[0], std, mean);
        }
    }

    /** log256_ps for one lane. */
    static float log(float x0) {
        if (x0 <= 0) return Float.NaN;
        float x = Math.max(x0, Float.MIN_NORMAL);
        int bits = Float.floatToRawIntBits(x);
        int imm0 = (bits >>> 23) - 0x7f;
        x = Float.intBitsToFloat((bits & ~0x7f800000) | Float.floatToRawIntBits(0.5f));
        float e = (float) imm0 + 1.0f;
        boolean small = x < SQRTHF;
        float tmp = small ? x : 0f;
        x = x - 1.0f;
        e = e - (small ? 1.0f : 0f);
        x = x + tmp;
        float z = x * x;
        float y = LOG_P[0];
        for (int k = 1; k < LOG_P.length; k++) y = Math.fma(y, x, LOG_P[k]);
        y = y * x;
        // the build fused y*z (not e*q1) into this add; the other order changes low bits
        y = Math.fma(y, z, e * LOG_Q1);
        y = Math.fma(-z, 0.5f, y);
        x = x + y;
        x = Math.fma(e, LOG_Q2, x);
        return x;
    }

    /** sincos256_ps for one lane: {sin, cos}. */
    static float[] sincos(float x0) {
        boolean negative = x0 < 0 || Float.floatToRawIntBits(x0) < 0;
        float x = Math.abs(x0);
        float y = x * FOPI;
        int j = (int) y;
        j = (j + 1) & ~1;
        y = (float) j;
        boolean swapSin = (j & 4) != 0;
        boolean polySin = (j & 2) == 0; // poly_mask: use the sine polynomial for sin
        x = Math.fma(y, DP1, x);
        x = Math.fma(y, DP2, x);
        x = Math.fma(y, DP3, x);
        boolean cosNegative = ((~(j - 2)) & 4) != 0;
        boolean sinNegative = negative ^ swapSin;

        float z = x * x;
        float c = COS_P0;
        c = Math.fma(c, z, COS_P1);
        c = Math.fma(c, z, COS_P2);
        c = c * z;
        // likewise: the second c*z is fused with the subtraction of z*0.5
        c = Math.fma(c, z, -(z * 0.5f));
        c = c + 1.0f;

        float s = SIN_P0;
        s = Math.fma(s, z, SIN_P1);
        s = Math.fma(s, z, SIN_P2);
        s = s * z;
        s = Math.fma(s, x, x);

        float sinV = polySin ? s : c;
        float cosV = polySin ? c : s;
        return new float[] {sinNegative ? -sinV : sinV, cosNegative ? -cosV : cosV};
    }
}
