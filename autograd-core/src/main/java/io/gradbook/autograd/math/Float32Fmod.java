// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

/**
 * PyTorch 1.13's float32 fmod and remainder on CPU (AVX2 build), a {@code cpu_kernel_vec} loop: over a run whose
 * output and operands are contiguous or broadcast scalars the first n - n % 16 elements take SLEEF's
 * {@code Sleef_fmodf8} (Vectorized&lt;float&gt;::fmod, 8 lanes at a time: {@link #vector8}), the rest, and every
 * element of a strided run, {@code std::fmod} (exact: Java's {@code %}). SLEEF's fmodf subtracts truncated
 * double-float quotients, at most 8 rounds, until every lane of the vector is below the divisor; it is exact,
 * except that a quotient above FLT_MAX (3.4e38 by 0.5) overflows and gives NaN. remainder adds the divisor where
 * the signs differ ({@code mod != 0 && (b < 0) != (mod < 0)}), in the vector body and the tail alike.
 */
public final class Float32Fmod {
    private Float32Fmod() {}

    private static final int LANES = 8;

    /** vtoward0f: the next float toward zero (bits minus one; 0 stays 0). */
    private static float toward0(float x) {
        return x == 0 ? 0f : Float.intBitsToFloat(Float.floatToRawIntBits(x) - 1);
    }

    /** vptruncf with FULL_FP_ROUNDING (AVX2's round to zero). */
    private static float trunc(float x) {
        if (Float.isNaN(x) || Float.isInfinite(x)) return x;
        return (float) (x < 0 ? Math.ceil(x) : Math.floor(x));
    }

    /** The lanes' registers of one {@link #vector8} call (nu, de, s, rde, r.x, r.y), reused along a run. */
    private static final class Lanes {
        final float[] nu = new float[LANES], de = new float[LANES], s = new float[LANES], rde = new float[LANES];
        final float[] rx = new float[LANES], ry = new float[LANES];
    }

    /** xfmodf (Sleef_fmodf8) on 8 lanes: x[xo + i * xs] by y[yo + i * ys] into o[oo + i]. */
    private static void vector8(Lanes l, float[] o, int oo, float[] x, int xo, int xs, float[] y, int yo, int ys) {
        float[] nu = l.nu, de = l.de, s = l.s, rde = l.rde, rx = l.rx, ry = l.ry;
        for (int i = 0; i < LANES; i++) {
            float n = Math.abs(x[xo + i * xs]), d = Math.abs(y[yo + i * ys]), sc = 1f;
            if (d < Float.MIN_NORMAL) {
                n *= 0x1p25f;
                d *= 0x1p25f;
                sc *= 1.0f / 0x1p25f;
            }
            nu[i] = n;
            de[i] = d;
            s[i] = sc;
            rde[i] = toward0(1.0f / d);
            rx[i] = n;
            ry[i] = 0f;
        }
        for (int round = 0; round < 8; round++) { // ceil(log2(FLT_MAX) / 22) + 1
            boolean all = true;
            for (int i = 0; i < LANES; i++) {
                float d = de[i], r = rx[i];
                float q = d + d > r && r >= d ? 1f : toward0(r) * rde[i];
                // dfmul_vf2_vf_vf(vptruncf(q), -de) with FMA
                float a = trunc(q), b = -d;
                float mx = a * b, my = Math.fma(a, b, -mx);
                // dfadd2_vf2_vf2_vf2(r, m)
                float sx = r + mx, v = sx - r;
                float t = (r - (sx - v)) + (mx - v);
                float sy = t + (ry[i] + my);
                // dfnormalize_vf2_vf2
                float nx = sx + sy;
                rx[i] = nx;
                ry[i] = (sx - nx) + sy;
                if (!(rx[i] < d)) all = false;
            }
            if (all) break;
        }
        for (int i = 0; i < LANES; i++) {
            float xv = x[xo + i * xs];
            float sum = rx[i] + ry[i];
            float ret = sum * s[i];
            if (sum == de[i]) ret = 0f;
            // vmulsign_vf_vf_vf: the sign bit of x flipped into ret
            ret = Float.intBitsToFloat(Float.floatToRawIntBits(ret) ^ (Float.floatToRawIntBits(xv) & 0x80000000));
            if (nu[i] < de[i]) ret = xv;
            if (de[i] == 0) ret = Float.NaN;
            o[oo + i] = ret;
        }
    }

    /** PyTorch's remainder fix-up of an fmod result (scalar and vector forms agree). */
    private static float remainderOf(float mod, float b) {
        return mod != 0 && (b < 0) != (mod < 0) ? mod + b : mod;
    }

    /**
     * fmod (or remainder) over a run of n elements as cpu_kernel_vec runs it: out, a, b at strides os, as, bs (0: a
     * broadcast scalar).
     */
    public static void apply(float[] o, int oo, int os, float[] a, int ao, int as, float[] b, int bo, int bs, int n, boolean remainder) {
        boolean vectorizable = Float64Binary.vectorizable(os, as, bs);
        int body = vectorizable ? n - n % Float32Unary.VEC_STEP : 0;
        Lanes lanes = body > 0 ? new Lanes() : null;
        for (int i = 0; i < body; i += LANES) {
            vector8(lanes, o, oo + i, a, ao + i * as, as, b, bo + i * bs, bs);
            if (remainder) for (int j = i; j < i + LANES; j++) o[oo + j] = remainderOf(o[oo + j], b[bo + j * bs]);
        }
        for (int i = body; i < n; i++) {
            float x = a[ao + i * as], y = b[bo + i * bs], mod = x % y;
            o[oo + i * os] = remainder ? remainderOf(mod, y) : mod;
        }
    }
}
