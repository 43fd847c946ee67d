// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

/**
 * PyTorch 1.13's float32 atan2 on CPU (AVX2 build): a {@code cpu_kernel_vec} loop, so over a run whose output and
 * operands are contiguous or broadcast scalars the first n - n % 16 elements take SLEEF's {@code Sleef_atan2f8_u10}
 * ({@link #vector}, {@code xatan2f_u1} on {@link Sleef32#atan2k}) and the rest, and every element of a strided
 * run, glibc's {@code atan2f} ({@link #scalar}: fdlibm's {@code e_atan2f.c} on {@code s_atanf.c}, plain float
 * arithmetic, no FMA in glibc's generic float code). Checked against libm's atan2f ({@code Glibc64Test}, 20,064
 * inputs) and PyTorch ({@code SweepTest}'s atan2 cases: contiguous, strided, broadcast, special values).
 *
 * <pre>
 * jshell&gt; Float32Atan2.scalar(1f, 3f)
 * $1 ==&gt; 0.32175055
 * </pre>
 */
public final class Float32Atan2 {
    private Float32Atan2() {}

    // ---- SLEEF's lane ----

    /** vmulsign: x with its sign flipped where y's sign bit is set. */
    private static float mulsign(float x, float y) {
        return Float.intBitsToFloat(Float.floatToRawIntBits(x) ^ (Float.floatToRawIntBits(y) & 0x80000000));
    }

    /** visinf2: m with d's sign bit or'ed in for an infinite d, +0 otherwise. */
    private static float isinf2(float d, float m) {
        if (!Float.isInfinite(d)) return 0f;
        return Float.intBitsToFloat((Float.floatToRawIntBits(d) & 0x80000000) | Float.floatToRawIntBits(m));
    }

    /** xatan2f_u1 (Sleef_atan2f8_u10). */
    public static float vector(float y, float x) {
        if (Math.abs(x) < 2.9387372783541830947e-39f) { // below 1 / FLT_MAX: both scaled by 2^24
            x = x * (1 << 24);
            y = y * (1 << 24);
        }
        DoubleFloat d = Sleef32.atan2k(DoubleFloat.of(Math.abs(y)), DoubleFloat.of(x));
        float r = d.x() + d.y();
        r = mulsign(r, x);
        float halfPi = (float) (Math.PI / 2);
        if (Float.isInfinite(x) || x == 0) r = halfPi - isinf2(x, mulsign(halfPi, x));
        if (Float.isInfinite(y)) r = halfPi - isinf2(x, mulsign((float) (Math.PI / 4), x));
        if (y == 0f) r = Float.floatToRawIntBits(x) < 0 ? (float) Math.PI : 0f;
        if (x != x || y != y) return Sleef32.ALL_ONES;
        return mulsign(r, y);
    }

    // ---- glibc's atan2f / atanf ----

    private static final float PI_O_4 = 7.8539818525e-01f, PI_O_2 = 1.5707963705e+00f, PI = 3.1415927410e+00f, PI_LO = -8.7422776573e-08f;
    private static final float TINY = 1.0e-30f;
    private static final float[] ATANHI = {4.6364760399e-01f, 7.8539812565e-01f, 9.8279368877e-01f, 1.5707962513e+00f};
    private static final float[] ATANLO = {5.0121582440e-09f, 3.7748947079e-08f, 3.4473217170e-08f, 7.5497894159e-08f};
    private static final float[] AT = {3.3333334327e-01f, -2.0000000298e-01f, 1.4285714924e-01f, -1.1111110449e-01f,
        9.0908870101e-02f, -7.6918758452e-02f, 6.6610731184e-02f, -5.8335702866e-02f, 4.9768779427e-02f,
        -3.6531571299e-02f, 1.6285819933e-02f};

    /** glibc's atanf (fdlibm's s_atanf.c): reduction to |x| &lt; 7/16 about 0.5, 1, 1.5 or infinity, then an odd polynomial. */
    static float atanf(float x) {
        int hx = Float.floatToRawIntBits(x), ix = hx & 0x7fffffff, id;
        if (ix >= 0x4c000000) {                           // |x| >= 2^25
            if (ix > 0x7f800000) return x + x;
            return hx > 0 ? ATANHI[3] + ATANLO[3] : -ATANHI[3] - ATANLO[3];
        }
        if (ix < 0x3ee00000) {                            // |x| < 0.4375
            if (ix < 0x31000000) return x;                // |x| < 2^-29
            id = -1;
        } else {
            x = Math.abs(x);
            if (ix < 0x3f980000) {
                if (ix < 0x3f300000) {
                    id = 0;
                    x = (2.0f * x - 1f) / (2.0f + x);
                } else {
                    id = 1;
                    x = (x - 1f) / (x + 1f);
                }
            } else if (ix < 0x401c0000) {
                id = 2;
                x = (x - 1.5f) / (1f + 1.5f * x);
            } else {
                id = 3;
                x = -1.0f / x;
            }
        }
        float z = x * x, w = z * z;
        float s1 = z * (AT[0] + w * (AT[2] + w * (AT[4] + w * (AT[6] + w * (AT[8] + w * AT[10])))));
        float s2 = w * (AT[1] + w * (AT[3] + w * (AT[5] + w * (AT[7] + w * AT[9]))));
        if (id < 0) return x - x * (s1 + s2);
        z = ATANHI[id] - ((x * (s1 + s2) - ATANLO[id]) - x);
        return hx < 0 ? -z : z;
    }

    /** glibc's atan2f (fdlibm's e_atan2f.c). */
    public static float scalar(float y, float x) {
        int hx = Float.floatToRawIntBits(x), ix = hx & 0x7fffffff, hy = Float.floatToRawIntBits(y), iy = hy & 0x7fffffff;
        if (ix > 0x7f800000 || iy > 0x7f800000) return x + y;
        if (hx == 0x3f800000) return atanf(y);
        int m = ((hy >>> 31) & 1) | ((hx >>> 30) & 2);   // 2 * sign(x) + sign(y)
        if (iy == 0) {
            switch (m) {
                case 0: case 1: return y;
                case 2: return PI + TINY;
                default: return -PI - TINY;
            }
        }
        if (ix == 0) return hy < 0 ? -PI_O_2 - TINY : PI_O_2 + TINY;
        if (ix == 0x7f800000) {
            if (iy == 0x7f800000) {
                switch (m) {
                    case 0: return PI_O_4 + TINY;
                    case 1: return -PI_O_4 - TINY;
                    case 2: return 3.0f * PI_O_4 + TINY;
                    default: return -3.0f * PI_O_4 - TINY;
                }
            }
            switch (m) {
                case 0: return 0f;
                case 1: return -0f;
                case 2: return PI + TINY;
                default: return -PI - TINY;
            }
        }
        if (iy == 0x7f800000) return hy < 0 ? -PI_O_2 - TINY : PI_O_2 + TINY;
        int k = (iy - ix) >> 23;
        float z;
        if (k > 60) z = PI_O_2 + 0.5f * PI_LO;
        else if (hx < 0 && k < -60) z = 0f;
        else z = atanf(Math.abs(y / x));
        switch (m) {
            case 0: return z;
            case 1: return -z;
            case 2: return PI - (z - PI_LO);
            default: return (z - PI_LO) - PI;
        }
    }

    /** {@code o[i] = atan2(a[i], b[i])} over one run (a broadcast scalar has stride 0), as PyTorch's loop splits it. */
    public static void atan2(float[] o, int oo, int os, float[] a, int ao, int as, float[] b, int bo, int bs, int n) {
        boolean vectorizable = Float64Binary.vectorizable(os, as, bs);
        int body = vectorizable ? n - n % Float32Unary.VEC_STEP : 0;
        for (int i = 0; i < body; i++) o[oo + i] = vector(a[ao + i * as], b[bo + i * bs]);
        for (int i = body; i < n; i++) o[oo + i * os] = scalar(a[ao + i * as], b[bo + i * bs]);
    }
}
