// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

/**
 * One lane of the float32 tan and erfc PyTorch 1.13's AVX2 build computes ({@code Vectorized<float>::tan/erfc}:
 * {@code Sleef_tanf8_u10} and {@code Sleef_erfcf8_u15}), written from the algorithms of SLEEF's
 * {@code sleefsimdsp.c} ({@code xtanf_u1}, {@code xerfcf_u15}) in the same operation order, with {@link Math#fma}
 * where the AVX2 helper fuses, as {@link Sleef32} is. Both are vml ops in PyTorch: every element goes through the
 * vector code, a short tail as a zero-padded vector; tan, like sin, takes the Payne-Hanek reduction for a whole
 * vector of 8 when any lane has |x| &gt;= 125 or is not finite ({@link #tan(float[], int, float[], int, int)}).
 *
 * <pre>
 * jshell&gt; Sleef32TanErfc.tan(1f)
 * $1 ==&gt; 1.5574077
 * </pre>
 */
public final class Sleef32TanErfc {
    private Sleef32TanErfc() {}

    private static final int LANES = 8;

    /** xtanf_u1, Cody-Waite path (every lane of the vector below 125 in magnitude). */
    public static float tan(float d) {
        float u = Sleef32.rint(d * (2 * Sleef32.M_1_PI));
        int q = Sleef32.rintToInt(u);
        float v = Math.fma(u, -Sleef32.PI_A2 * 0.5f, d);
        DoubleFloat s = DoubleFloat.add2(v, u * (-Sleef32.PI_B2 * 0.5f));
        s = s.add(u * (-Sleef32.PI_C2 * 0.5f));
        return tanFinish(d, q, s);
    }

    /** xtanf_u1 through rempif, the path of a vector with any |x| &gt;= 125 (or inf/NaN). */
    static float tanSlow(float d) {
        RempiF r = RempiF.of(d);
        DoubleFloat s = new DoubleFloat(r.x(), r.y());
        if (Sleef32.isInf(d) || Float.isNaN(d)) s = new DoubleFloat(Sleef32.ALL_ONES, Sleef32.ALL_ONES);
        return tanFinish(d, r.q(), s);
    }

    private static float tanFinish(float d, int q, DoubleFloat s) {
        boolean odd = (q & 1) == 1;
        if (odd) s = new DoubleFloat(flipSign(s.x()), flipSign(s.y())); // xor with -0.0: exact, NaN payload kept
        DoubleFloat t = s;
        s = s.square().normalize();
        float u = 0.00446636462584137916564941f;
        u = Math.fma(u, s.x(), -8.3920182078145444393158e-05f);
        u = Math.fma(u, s.x(), 0.0109639242291450500488281f);
        u = Math.fma(u, s.x(), 0.0212360303848981857299805f);
        u = Math.fma(u, s.x(), 0.0540687143802642822265625f);
        DoubleFloat x = DoubleFloat.add(0.133325666189193725585938f, u * s.x());
        x = DoubleFloat.add(1f, DoubleFloat.add(0.33333361148834228515625f, s.mul(x)).mul(s));
        x = t.mul(x);
        if (odd) x = x.rec();
        u = x.x() + x.y();
        if (Sleef32.isNegZero(d)) u = d;
        return u;
    }

    private static float flipSign(float f) {
        return Float.intBitsToFloat(Float.floatToRawIntBits(f) ^ 0x80000000);
    }

    /** PyTorch's float32 tan over a contiguous run: vectors of 8, each fast or slow as a whole. */
    public static void tan(float[] src, int srcOff, float[] dst, int dstOff, int n) {
        for (int g = 0; g < n; g += LANES) {
            int end = Math.min(n, g + LANES);
            boolean fast = true;
            for (int i = g; i < end; i++) fast &= Math.abs(src[srcOff + i]) < Sleef32.TRIGRANGEMAX2;
            for (int i = g; i < end; i++) dst[dstOff + i] = fast ? tan(src[srcOff + i]) : tanSlow(src[srcOff + i]);
        }
    }

    /** vcast_vf2_d: a double constant as a float and the float of the rest. */
    private static DoubleFloat split(double d) {
        float h = (float) d;
        return new DoubleFloat(h, (float) (d - h));
    }

    private static final DoubleFloat[] C1 = {split(-0.102775359343930288081655368891e+0), split(-0.105247583459338632253369014063e+0),
        split(-0.482365310333045318680618892669e+0), split(-0.498961546254537647970305302739e+0)};
    private static final DoubleFloat[] C2 = {split(-0.636619483208481931303752546439e+0), split(-0.635609463574589034216723775292e+0),
        split(-0.134450203224533979217859332703e-2), split(-0.471199543422848492080722832666e-4)};
    private static final DoubleFloat[] C3 = {split(-0.112837917790537404939545770596e+1), split(-0.112855987376668622084547028949e+1),
        split(-0.572319781150472949561786101080e+0), split(-0.572364030327966044425932623525e+0)};

    /** xerfcf_u15 (Sleef_erfcf8_u15): four ranges of |x| (below 1, 2.2, 4.3, and above), 0 beyond 10.1. */
    public static float erfc(float a) {
        float s = a;
        a = Math.abs(a);
        boolean o0 = a < 1.0f, o1 = a < 2.2f, o2 = a < 4.3f, o3 = a < 10.1f;
        int k = o0 ? 0 : o1 ? 1 : o2 ? 2 : 3;
        DoubleFloat u = o1 ? DoubleFloat.of(a) : DoubleFloat.of(1f).div(DoubleFloat.of(a));
        float t = pick(k, -0.8638041618e-4f, -0.6236977242e-5f, -0.3869504035e+0f, +0.1115344167e+1f);
        t = Math.fma(t, u.x(), pick(k, +0.6000166177e-3f, +0.5749821503e-4f, +0.1288077235e+1f, -0.9454904199e+0f));
        t = Math.fma(t, u.x(), pick(k, -0.1665703603e-2f, +0.6002851478e-5f, -0.1816803217e+1f, -0.3667259514e+0f));
        t = Math.fma(t, u.x(), pick(k, +0.1795156277e-3f, -0.2851036377e-2f, +0.1249150872e+1f, +0.7155663371e+0f));
        t = Math.fma(t, u.x(), pick(k, +0.1914106123e-1f, +0.2260518074e-1f, -0.1328857988e+0f, -0.1262947265e-1f));
        DoubleFloat d = u.mul(t);
        d = d.add2(C1[k]);
        d = d.mul(u);
        d = d.add2(C2[k]);
        d = d.mul(u);
        d = d.add2(C3[k]);
        DoubleFloat x = (o1 ? d : new DoubleFloat(-a, 0f)).mul(a);
        if (!o1) x = x.add2(d);
        x = Sleef32.expk2(x);
        if (!o1) x = x.mul(u);
        float r = o3 ? x.x() + x.y() : 0f;
        if (Float.floatToRawIntBits(s) < 0) r = 2f - r;
        if (Float.isNaN(s)) r = Float.NaN;
        return r;
    }

    private static float pick(int k, float c0, float c1, float c2, float c3) {
        return k == 0 ? c0 : k == 1 ? c1 : k == 2 ? c2 : c3;
    }

    /** PyTorch's float32 erfc over a contiguous run: every element through the vector code. */
    public static void erfc(float[] src, int srcOff, float[] dst, int dstOff, int n) {
        for (int i = 0; i < n; i++) dst[dstOff + i] = erfc(src[srcOff + i]);
    }
}
