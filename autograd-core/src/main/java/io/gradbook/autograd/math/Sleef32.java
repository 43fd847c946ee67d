// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

/**
 * One lane of the float32 approximations PyTorch 1.13's AVX2 {@code Vectorized<float>} calls (SLEEF 3.5's
 * {@code Sleef_*f8_u10}, the FMA build): written from the algorithms of SLEEF's {@code sleefsimdsp.c}, in the
 * same operation order, with {@link Math#fma} exactly where the AVX2 helper fuses ({@code vmla}, {@code vfma*}).
 * Each method is named after the SLEEF function it follows. Not correctly rounded (1-ULP class), on purpose:
 * these are the values PyTorch prints.
 */
final class Sleef32 {
    private Sleef32() {}

    static final float R_LN2 = 1.442695040888963407359924681001892137426645954152985934135449406931f;
    static final float L2U = 0.693145751953125f, L2L = 1.428606765330187045e-06f;
    static final float PI_A2 = 3.1414794921875f, PI_B2 = 0.00011315941810607910156f, PI_C2 = 1.9841872589410058936e-09f;
    static final float TRIGRANGEMAX2 = 125.0f;
    static final float M_1_PI = (float) (1 / Math.PI);
    static final float FLT_MIN = Float.MIN_NORMAL;
    static final float TWO64 = (float) (1L << 32) * (float) (1L << 32);
    /** {@code vor(mask, x)} with the mask set: every bit set, a negative quiet NaN. */
    static final float ALL_ONES = Float.intBitsToFloat(-1);

    // ---- the integer and bit helpers of the AVX2 helper header ----

    /** _mm256_cvtps_epi32: round half to even; NaN and out of range give INT_MIN. */
    static int rintToInt(float f) {
        if (!(Math.abs(f) < 2.1474836E9f)) return Integer.MIN_VALUE;
        return (int) Math.rint(f);
    }

    /** _mm256_cvttps_epi32. */
    static int truncToInt(float f) {
        if (!(Math.abs(f) < 2.1474836E9f)) return Integer.MIN_VALUE;
        return (int) f;
    }

    static float rint(float f) { return (float) Math.rint(f); }

    static int ilogb2k(float d) { return ((Float.floatToRawIntBits(d) >>> 23) & 0xff) - 0x7f; }

    static float ldexp3(float d, int q) { return Float.intBitsToFloat(Float.floatToRawIntBits(d) + (q << 23)); }

    static float pow2i(int q) { return Float.intBitsToFloat((q + 0x7f) << 23); }

    static float ldexp2(float d, int e) { return d * pow2i(e >> 1) * pow2i(e - (e >> 1)); }

    static float ldexp(float x, int q) {
        int m = q >> 31;
        m = (((m + q) >> 6) - m) << 4;
        q = q - (m << 2);
        m = m + 0x7f;
        m = m > 0 ? m : 0;
        m = m > 0xff ? 0xff : m;
        float u = Float.intBitsToFloat(m << 23);
        x = x * u * u * u * u;
        u = Float.intBitsToFloat((q + 0x7f) << 23);
        return x * u;
    }

    static float mulsign(float x, float y) {
        return Float.intBitsToFloat(Float.floatToRawIntBits(x) ^ (Float.floatToRawIntBits(y) & 0x80000000));
    }

    static boolean isNegZero(float d) { return Float.floatToRawIntBits(d) == 0x80000000; }

    static boolean isInf(float d) { return Math.abs(d) == Float.POSITIVE_INFINITY; }

    // ---- exp family ----

    /** xexpf (Sleef_expf8_u10). */
    static float exp(float d) {
        int q = rintToInt(d * R_LN2);
        float s = Math.fma((float) q, -L2U, d);
        s = Math.fma((float) q, -L2L, s);
        float u = 0.000198527617612853646278381f;
        u = Math.fma(u, s, 0.00139304355252534151077271f);
        u = Math.fma(u, s, 0.00833336077630519866943359f);
        u = Math.fma(u, s, 0.0416664853692054748535156f);
        u = Math.fma(u, s, 0.166666671633720397949219f);
        u = Math.fma(u, s, 0.5f);
        u = 1.0f + Math.fma(s * s, u, s);
        u = ldexp2(u, q);
        if (d < -104) u = 0f; // andnot keeps +0
        if (100 < d) u = Float.POSITIVE_INFINITY;
        return u;
    }

    /** expk2f: e^d as a double-float, for the hyperbolic functions, expm1 and erf. */
    static DoubleFloat expk2(DoubleFloat d) {
        float u = (d.x() + d.y()) * R_LN2;
        int q = rintToInt(u);
        DoubleFloat s = d.add2((float) q * -L2U);
        s = s.add2((float) q * -L2L);
        u = +0.1980960224e-3f;
        u = Math.fma(u, s.x(), +0.1394256484e-2f);
        u = Math.fma(u, s.x(), +0.8333456703e-2f);
        u = Math.fma(u, s.x(), +0.4166637361e-1f);
        DoubleFloat t = s.mul(u).add2(+0.166666659414234244790680580464e+0f);
        t = s.mul(t).add2(0.5f);
        t = s.add2(s.square().mul(t));
        t = DoubleFloat.add(1f, t);
        float tx = ldexp2(t.x(), q), ty = ldexp2(t.y(), q);
        if (d.x() < -104) { tx = 0f; ty = 0f; }
        return new DoubleFloat(tx, ty);
    }

    /** xexpm1f (Sleef_expm1f8_u10). */
    static float expm1(float a) {
        DoubleFloat d = expk2(DoubleFloat.of(a)).add2(-1.0f);
        float x = d.x() + d.y();
        if (a > 88.72283172607421875f) x = Float.POSITIVE_INFINITY;
        if (a < -16.635532333438687426013570f) x = -1f;
        if (isNegZero(a)) x = -0.0f;
        return x;
    }

    /** xsinhf (Sleef_sinhf8_u10). */
    static float sinh(float x) {
        float y = Math.abs(x);
        DoubleFloat d = expk2(DoubleFloat.of(y));
        d = d.sub(d.rec());
        y = (d.x() + d.y()) * 0.5f;
        if (Math.abs(x) > 89 || Float.isNaN(y)) y = Float.POSITIVE_INFINITY;
        y = mulsign(y, x);
        if (Float.isNaN(x)) y = ALL_ONES;
        return y;
    }

    /** xcoshf (Sleef_coshf8_u10). */
    static float cosh(float x) {
        float y = Math.abs(x);
        DoubleFloat d = expk2(DoubleFloat.of(y));
        d = d.add(d.rec());
        y = (d.x() + d.y()) * 0.5f;
        if (Math.abs(x) > 89 || Float.isNaN(y)) y = Float.POSITIVE_INFINITY;
        if (Float.isNaN(x)) y = ALL_ONES;
        return y;
    }

    /** xtanhf (Sleef_tanhf8_u10). */
    static float tanh(float x) {
        float y = Math.abs(x);
        DoubleFloat d = expk2(DoubleFloat.of(y));
        DoubleFloat e = d.rec();
        d = d.add(e.neg()).div(d.add(e));
        y = d.x() + d.y();
        if (Math.abs(x) > 8.664339742f || Float.isNaN(y)) y = 1.0f;
        y = mulsign(y, x);
        if (Float.isNaN(x)) y = ALL_ONES;
        return y;
    }

    // ---- log family ----

    /** xlogf_u1 (Sleef_logf8_u10). */
    static float log(float d) {
        boolean o = d < FLT_MIN;
        float dd = o ? d * TWO64 : d;
        int e = ilogb2k(dd * (1.0f / 0.75f));
        float m = ldexp3(dd, -e);
        if (o) e -= 64;
        DoubleFloat s = new DoubleFloat(0.69314718246459960938f, -1.904654323148236017e-09f).mul((float) e);
        DoubleFloat x = DoubleFloat.add2(-1f, m).div(DoubleFloat.add2(1f, m));
        float x2 = x.x() * x.x();
        float t = +0.3027294874e+0f;
        t = Math.fma(t, x2, +0.3996108174e+0f);
        t = Math.fma(t, x2, +0.6666694880e+0f);
        s = s.add(x.scale(2f));
        s = s.add(x2 * x.x() * t);
        float r = s.x() + s.y();
        if (dd == Float.POSITIVE_INFINITY) r = Float.POSITIVE_INFINITY;
        if (dd < 0 || Float.isNaN(dd)) r = Float.NaN;
        if (dd == 0) r = Float.NEGATIVE_INFINITY;
        return r;
    }

    /** xlog10f (Sleef_log10f8_u10). */
    static float log10(float d) {
        boolean o = d < FLT_MIN;
        float dd = o ? d * TWO64 : d;
        int e = ilogb2k(dd * (float) (1.0 / 0.75));
        float m = ldexp3(dd, -e);
        if (o) e -= 64;
        DoubleFloat x = DoubleFloat.add2(-1f, m).div(DoubleFloat.add2(1f, m));
        float x2 = x.x() * x.x();
        float t = +0.1314289868e+0f;
        t = Math.fma(t, x2, +0.1735493541e+0f);
        t = Math.fma(t, x2, +0.2895309627e+0f);
        DoubleFloat s = new DoubleFloat(0.30103001f, -1.432098889e-08f).mul((float) e);
        s = s.add(x.mul(new DoubleFloat(0.868588984f, -2.170757285e-08f)));
        s = s.add(x2 * x.x() * t);
        float r = s.x() + s.y();
        if (dd == Float.POSITIVE_INFINITY) r = Float.POSITIVE_INFINITY;
        if (dd < 0 || Float.isNaN(dd)) r = Float.NaN;
        if (dd == 0) r = Float.NEGATIVE_INFINITY;
        return r;
    }

    /** xlog2f (Sleef_log2f8_u10). */
    static float log2(float d) {
        boolean o = d < FLT_MIN;
        float dd = o ? d * TWO64 : d;
        int e = ilogb2k(dd * (float) (1.0 / 0.75));
        float m = ldexp3(dd, -e);
        if (o) e -= 64;
        DoubleFloat x = DoubleFloat.add2(-1f, m).div(DoubleFloat.add2(1f, m));
        float x2 = x.x() * x.x();
        float t = +0.4374550283e+0f;
        t = Math.fma(t, x2, +0.5764790177e+0f);
        t = Math.fma(t, x2, +0.9618012905120f);
        DoubleFloat s = DoubleFloat.add2((float) e, x.mul(new DoubleFloat(2.8853900432586669922f, 3.2734474483568488616e-08f)));
        s = s.add2(x2 * x.x() * t);
        float r = s.x() + s.y();
        if (dd == Float.POSITIVE_INFINITY) r = Float.POSITIVE_INFINITY;
        if (dd < 0 || Float.isNaN(dd)) r = Float.NaN;
        if (dd == 0) r = Float.NEGATIVE_INFINITY;
        return r;
    }

    /** xlog1pf (Sleef_log1pf8_u10). */
    static float log1p(float d) {
        float dp1 = d + 1f;
        boolean o = dp1 < FLT_MIN;
        if (o) dp1 = dp1 * TWO64;
        int e = ilogb2k(dp1 * (1.0f / 0.75f));
        float t = ldexp3(1f, -e);
        float m = Math.fma(d, t, t - 1f);
        if (o) e -= 64;
        DoubleFloat s = new DoubleFloat(0.69314718246459960938f, -1.904654323148236017e-09f).mul((float) e);
        DoubleFloat x = DoubleFloat.of(m).div(DoubleFloat.add(2f, m));
        float x2 = x.x() * x.x();
        t = +0.3027294874e+0f;
        t = Math.fma(t, x2, +0.3996108174e+0f);
        t = Math.fma(t, x2, +0.6666694880e+0f);
        s = s.add(x.scale(2f));
        s = s.add(x2 * x.x() * t);
        float r = s.x() + s.y();
        if (d > 1e+38f) r = Float.POSITIVE_INFINITY;
        if (-1 > d) r = ALL_ONES;
        if (d == -1) r = Float.NEGATIVE_INFINITY;
        if (isNegZero(d)) r = -0.0f;
        return r;
    }

    // ---- trigonometric ----

    /** The polynomial shared by xsinf_u1 and xcosf_u1 after the argument reduction to s. */
    private static float sinPoly(DoubleFloat s) {
        DoubleFloat t = s;
        s = s.square();
        float u = 2.6083159809786593541503e-06f;
        u = Math.fma(u, s.x(), -0.0001981069071916863322258f);
        u = Math.fma(u, s.x(), 0.00833307858556509017944336f);
        DoubleFloat x = DoubleFloat.add(1f, DoubleFloat.add(-0.166666597127914428710938f, u * s.x()).mul(s));
        return t.mulToFloat(x);
    }

    /** xsinf_u1 (Sleef_sinf8_u10), the Cody-Waite path every lane of a vector takes when all |d| &lt; 125. */
    static float sin(float d) {
        float u = rint(d * M_1_PI);
        int q = rintToInt(u);
        float v = Math.fma(u, -PI_A2, d);
        DoubleFloat s = DoubleFloat.add2(v, u * -PI_B2);
        s = s.add(u * -PI_C2);
        return sinFinish(d, q, s);
    }

    private static float sinFinish(float d, int q, DoubleFloat s) {
        float u = sinPoly(s);
        if ((q & 1) == 1) u = -u;
        if (isNegZero(d)) u = d;
        return u;
    }

    /** xcosf_u1 (Sleef_cosf8_u10), the Cody-Waite path. */
    static float cos(float d) {
        float dq = Math.fma(rint(Math.fma(d, M_1_PI, -0.5f)), 2f, 1f);
        int q = rintToInt(dq);
        DoubleFloat s = DoubleFloat.add2(d, dq * (-PI_A2 * 0.5f));
        s = s.add2(dq * (-PI_B2 * 0.5f));
        s = s.add2(dq * (-PI_C2 * 0.5f));
        return cosFinish(q, s);
    }

    private static float cosFinish(int q, DoubleFloat s) {
        float u = sinPoly(s);
        if ((q & 2) == 0) u = -u;
        return u;
    }

    /** xsinf_u1 through the Payne-Hanek reduction, which a whole vector takes when any lane has |d| &gt;= 125. */
    static float sinSlow(float d) {
        RempiF r = RempiF.of(d);
        int q = r.q() & 3;
        q = (q + q + (r.x() > 0 ? 2 : 1)) >> 2;
        boolean o = (r.q() & 1) == 1;
        DoubleFloat rx = new DoubleFloat(r.x(), r.y());
        DoubleFloat x = new DoubleFloat(mulsign(3.1415927410125732422f * -0.5f, r.x()), mulsign(-8.7422776573475857731e-08f * -0.5f, r.x()));
        x = rx.add2(x);
        DoubleFloat s = (o ? x : rx).normalize();
        if (isInf(d) || Float.isNaN(d)) s = new DoubleFloat(ALL_ONES, s.y());
        return sinFinish(d, q, s);
    }

    /** xcosf_u1 through the Payne-Hanek reduction. */
    static float cosSlow(float d) {
        RempiF r = RempiF.of(d);
        int q = r.q() & 3;
        q = (q + q + (r.x() > 0 ? 8 : 7)) >> 1;
        boolean o = (r.q() & 1) == 0;
        float y = r.x() > 0 ? 0f : -1f;
        DoubleFloat rx = new DoubleFloat(r.x(), r.y());
        DoubleFloat x = new DoubleFloat(mulsign(3.1415927410125732422f * -0.5f, y), mulsign(-8.7422776573475857731e-08f * -0.5f, y));
        x = rx.add2(x);
        DoubleFloat s = (o ? x : rx).normalize();
        if (isInf(d) || Float.isNaN(d)) s = new DoubleFloat(ALL_ONES, s.y());
        return cosFinish(q, s);
    }

    /** atan2kf_u1. */
    static DoubleFloat atan2k(DoubleFloat y, DoubleFloat x) {
        int q = x.x() < 0 ? -2 : 0;
        if (x.x() < 0) x = new DoubleFloat(-x.x(), -x.y()); // xor with the sign mask: exact negation
        q = x.x() < y.x() ? q + 1 : q;
        boolean p = x.x() < y.x();
        DoubleFloat s = p ? x.neg() : y;
        DoubleFloat t = p ? y : x;
        s = s.div(t);
        t = s.square();
        t = t.normalize();
        float u = -0.00176397908944636583328247f;
        u = Math.fma(u, t.x(), 0.0107900900766253471374512f);
        u = Math.fma(u, t.x(), -0.0309564601629972457885742f);
        u = Math.fma(u, t.x(), 0.0577365085482597351074219f);
        u = Math.fma(u, t.x(), -0.0838950723409652709960938f);
        u = Math.fma(u, t.x(), 0.109463557600975036621094f);
        u = Math.fma(u, t.x(), -0.142626821994781494140625f);
        u = Math.fma(u, t.x(), 0.199983194470405578613281f);
        t = t.mul(DoubleFloat.add(-0.333332866430282592773438f, u * t.x()));
        t = s.mul(DoubleFloat.add(1f, t));
        t = new DoubleFloat(1.5707963705062866211f, -4.3711388286737928865e-08f).mul((float) q).add(t);
        return t;
    }

    /** xatanf_u1 (Sleef_atanf8_u10). */
    static float atan(float d) {
        DoubleFloat d2 = atan2k(DoubleFloat.of(Math.abs(d)), new DoubleFloat(1f, 0f));
        float r = d2.x() + d2.y();
        if (isInf(d)) r = 1.570796326794896557998982f;
        return mulsign(r, d);
    }

    /** xasinf_u1 (Sleef_asinf8_u10). */
    static float asin(float d) {
        boolean o = Math.abs(d) < 0.5f;
        float x2 = o ? d * d : (1 - Math.abs(d)) * 0.5f;
        DoubleFloat x = o ? DoubleFloat.of(Math.abs(d)) : DoubleFloat.sqrt(x2);
        if (Math.abs(d) == 1.0f) x = new DoubleFloat(0f, 0f);
        float u = +0.4197454825e-1f;
        u = Math.fma(u, x2, +0.2424046025e-1f);
        u = Math.fma(u, x2, +0.4547423869e-1f);
        u = Math.fma(u, x2, +0.7495029271e-1f);
        u = Math.fma(u, x2, +0.1666677296e+0f);
        u = u * (x2 * x.x());
        DoubleFloat y = new DoubleFloat(3.1415927410125732422f / 4, -8.7422776573475857731e-08f / 4).sub(x).sub(u);
        float r = o ? u + x.x() : (y.x() + y.y()) * 2f;
        return mulsign(r, d);
    }

    /** xacosf_u1 (Sleef_acosf8_u10). */
    static float acos(float d) {
        boolean o = Math.abs(d) < 0.5f;
        float x2 = o ? d * d : (1 - Math.abs(d)) * 0.5f;
        DoubleFloat x = o ? DoubleFloat.of(Math.abs(d)) : DoubleFloat.sqrt(x2);
        if (Math.abs(d) == 1.0f) x = new DoubleFloat(0f, 0f);
        float u = +0.4197454825e-1f;
        u = Math.fma(u, x2, +0.2424046025e-1f);
        u = Math.fma(u, x2, +0.4547423869e-1f);
        u = Math.fma(u, x2, +0.7495029271e-1f);
        u = Math.fma(u, x2, +0.1666677296e+0f);
        u = u * (x2 * x.x());
        DoubleFloat y = new DoubleFloat(3.1415927410125732422f / 2, -8.7422776573475857731e-08f / 2)
            .sub(DoubleFloat.add(mulsign(x.x(), d), mulsign(u, d)));
        x = x.add(u);
        y = o ? y : x.scale(2f);
        if (!o && d < 0) y = new DoubleFloat(3.1415927410125732422f, -8.7422776573475857731e-08f).sub(y);
        return y.x() + y.y();
    }

    /** xerff_u1 (Sleef_erff8_u10). */
    static float erf(float a) {
        float s = a;
        a = Math.abs(a);
        boolean o0 = a < 1.1f, o1 = a < 2.4f, o2 = a < 4.0f;
        float u = o0 ? a * a : a;
        float t = o0 ? +0.7089292194e-4f : o1 ? -0.1792667899e-4f : -0.9495757695e-5f;
        t = Math.fma(t, u, o0 ? -0.7768311189e-3f : o1 ? +0.3937633010e-3f : +0.2481465926e-3f);
        t = Math.fma(t, u, o0 ? +0.5159463733e-2f : o1 ? -0.3949181177e-2f : -0.2918176819e-2f);
        t = Math.fma(t, u, o0 ? -0.2683781274e-1f : o1 ? +0.2445474640e-1f : +0.2059706673e-1f);
        t = Math.fma(t, u, o0 ? +0.1128318012e+0f : o1 ? -0.1070996150e+0f : -0.9901899844e-1f);
        DoubleFloat d = DoubleFloat.mul(t, u);
        d = d.add2(o0 ? ERF_C1[0] : o1 ? ERF_C1[1] : ERF_C1[2]);
        d = d.mul(u);
        d = d.add2(o0 ? ERF_C2[0] : o1 ? ERF_C2[1] : ERF_C2[2]);
        d = d.mul(a);
        if (!o0) d = DoubleFloat.add(1.0f, expk2(d).neg());
        u = mulsign(o2 ? d.x() + d.y() : 1f, s);
        if (Float.isNaN(a)) u = Float.NaN;
        return u;
    }

    /** vcast_vf2_d: a double constant split into a float and the float of the rest. */
    private static DoubleFloat split(double d) {
        float h = (float) d;
        return new DoubleFloat(h, (float) (d - h));
    }

    private static final DoubleFloat[] ERF_C1 = {split(-0.376125876000657465175213237214e+0),
        split(-0.634588905908410389971210809210e+0), split(-0.643598050547891613081201721633e+0)};
    private static final DoubleFloat[] ERF_C2 = {split(+0.112837916021059138255978217023e+1),
        split(-0.112879855826694507209862753992e+1), split(-0.112461487742845562801052956293e+1)};

    // ---- pow ----

    /** logkf: log as a double-float, for pow. */
    static DoubleFloat logk(float d) {
        boolean o = d < FLT_MIN;
        if (o) d = d * TWO64;
        int e = ilogb2k(d * (1.0f / 0.75f));
        float m = ldexp3(d, -e);
        if (o) e -= 64;
        DoubleFloat x = DoubleFloat.add2(-1f, m).div(DoubleFloat.add2(1f, m));
        DoubleFloat x2 = x.square();
        float t = 0.240320354700088500976562f;
        t = Math.fma(t, x2.x(), 0.285112679004669189453125f);
        t = Math.fma(t, x2.x(), 0.400007992982864379882812f);
        DoubleFloat c = new DoubleFloat(0.66666662693023681640625f, 3.69183861259614332084311e-09f);
        DoubleFloat s = new DoubleFloat(0.69314718246459960938f, -1.904654323148236017e-09f).mul((float) e);
        s = s.add(x.scale(2f));
        s = s.add(x2.mul(x).mul(x2.mul(t).add2(c)));
        return s;
    }

    /** expkf: e^d of a double-float, rounded to float, for pow. */
    static float expk(DoubleFloat d) {
        float u = (d.x() + d.y()) * R_LN2;
        int q = rintToInt(u);
        DoubleFloat s = d.add2((float) q * -L2U);
        s = s.add2((float) q * -L2L);
        s = s.normalize();
        u = 0.00136324646882712841033936f;
        u = Math.fma(u, s.x(), 0.00836596917361021041870117f);
        u = Math.fma(u, s.x(), 0.0416710823774337768554688f);
        u = Math.fma(u, s.x(), 0.166665524244308471679688f);
        u = Math.fma(u, s.x(), 0.499999850988388061523438f);
        DoubleFloat t = s.add(s.square().mul(u));
        t = DoubleFloat.add(1f, t);
        u = t.x() + t.y();
        u = ldexp(u, q);
        if (d.x() < -104) u = 0f;
        return u;
    }

    /** xpowf (Sleef_powf8_u10). */
    static float pow(float x, float y) {
        boolean yisint = (float) truncF(y) == y || Math.abs(y) > (1 << 24);
        boolean yisodd = ((truncToInt(y) & 1) == 1) && yisint && Math.abs(y) < (1 << 24);
        float result = expk(logk(Math.abs(x)).mul(y));
        if (Float.isNaN(result)) result = Float.POSITIVE_INFINITY;
        result = result * (x > 0 ? 1f : (yisint ? (yisodd ? -1.0f : 1f) : Float.NaN));
        float efx = mulsign(Math.abs(x) - 1, y);
        if (isInf(y)) {
            result = efx < 0f ? 0f : (efx == 0f ? 1.0f : Float.POSITIVE_INFINITY);
        }
        if (isInf(x) || x == 0) {
            float sign = yisodd ? Math.copySign(1f, x) : 1f; // vsign: 1 with x's sign bit
            float mag = (x == 0 ? -y : y) < 0 ? 0f : Float.POSITIVE_INFINITY;
            result = sign * mag;
        }
        if (Float.isNaN(x) || Float.isNaN(y)) result = ALL_ONES;
        if (y == 0 || x == 1) result = 1f;
        return result;
    }

    /** _mm256_round_ps toward zero. */
    private static float truncF(float y) {
        return (float) (y < 0 ? Math.ceil(y) : Math.floor(y));
    }
}
