// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

/**
 * glibc 2.36's erff and erf (fdlibm's s_erff.c / s_erf.c, the generic code: x86_64 glibc has no FMA build of
 * them), operation by operation in the same precision and order, no fused steps. PyTorch's scalar code reaches them
 * through {@code std::erf} (calc_erfinv's Newton steps); the exponentials they call are glibc's own
 * ({@link Glibc#expf}, {@link Glibc64#exp}).
 *
 * <pre>
 * jshell&gt; GlibcErf.erff(0.5f)
 * $1 ==&gt; 0.5204999
 * </pre>
 */
public final class GlibcErf {
    private GlibcErf() {}

    private static final float ERX_F = 8.4506291151e-01f, EFX_F = 1.2837916613e-01f;
    private static final float PP0F = 1.2837916613e-01f, PP1F = -3.2504209876e-01f, PP2F = -2.8481749818e-02f,
        PP3F = -5.7702702470e-03f, PP4F = -2.3763017452e-05f;
    private static final float QQ1F = 3.9791721106e-01f, QQ2F = 6.5022252500e-02f, QQ3F = 5.0813062117e-03f,
        QQ4F = 1.3249473704e-04f, QQ5F = -3.9602282413e-06f;
    private static final float PA0F = -2.3621185683e-03f, PA1F = 4.1485610604e-01f, PA2F = -3.7220788002e-01f,
        PA3F = 3.1834661961e-01f, PA4F = -1.1089469492e-01f, PA5F = 3.5478305072e-02f, PA6F = -2.1663755178e-03f;
    private static final float QA1F = 1.0642088205e-01f, QA2F = 5.4039794207e-01f, QA3F = 7.1828655899e-02f,
        QA4F = 1.2617121637e-01f, QA5F = 1.3637083583e-02f, QA6F = 1.1984500103e-02f;
    private static final float RA0F = -9.8649440333e-03f, RA1F = -6.9385856390e-01f, RA2F = -1.0558626175e+01f,
        RA3F = -6.2375331879e+01f, RA4F = -1.6239666748e+02f, RA5F = -1.8460508728e+02f, RA6F = -8.1287437439e+01f,
        RA7F = -9.8143291473e+00f;
    private static final float SA1F = 1.9651271820e+01f, SA2F = 1.3765776062e+02f, SA3F = 4.3456588745e+02f,
        SA4F = 6.4538726807e+02f, SA5F = 4.2900814819e+02f, SA6F = 1.0863500214e+02f, SA7F = 6.5702495575e+00f,
        SA8F = -6.0424413532e-02f;
    private static final float RB0F = -9.8649431020e-03f, RB1F = -7.9928326607e-01f, RB2F = -1.7757955551e+01f,
        RB3F = -1.6063638306e+02f, RB4F = -6.3756646729e+02f, RB5F = -1.0250950928e+03f, RB6F = -4.8351919556e+02f;
    private static final float SB1F = 3.0338060379e+01f, SB2F = 3.2579251099e+02f, SB3F = 1.5367296143e+03f,
        SB4F = 3.1998581543e+03f, SB5F = 2.5530502930e+03f, SB6F = 4.7452853394e+02f, SB7F = -2.2440952301e+01f;

    /** glibc's erff. */
    public static float erff(float x) {
        int hx = Float.floatToRawIntBits(x), ix = hx & 0x7fffffff;
        if (ix >= 0x7f800000) return (float) (1 - ((hx >>> 31) << 1)) + 1f / x; // erf(nan) = nan, erf(+-inf) = +-1
        if (ix < 0x3f580000) { // |x| < 0.84375
            if (ix < 0x31800000) { // |x| < 2^-28
                if (ix < 0x04000000) return 0.0625f * (16.0f * x + (16.0f * EFX_F) * x);
                return x + EFX_F * x;
            }
            float z = x * x;
            float r = PP0F + z * (PP1F + z * (PP2F + z * (PP3F + z * PP4F)));
            float s = 1f + z * (QQ1F + z * (QQ2F + z * (QQ3F + z * (QQ4F + z * QQ5F))));
            float y = r / s;
            return x + x * y;
        }
        if (ix < 0x3fa00000) { // 0.84375 <= |x| < 1.25
            float s = Math.abs(x) - 1f;
            float p = PA0F + s * (PA1F + s * (PA2F + s * (PA3F + s * (PA4F + s * (PA5F + s * PA6F)))));
            float q = 1f + s * (QA1F + s * (QA2F + s * (QA3F + s * (QA4F + s * (QA5F + s * QA6F)))));
            return hx >= 0 ? ERX_F + p / q : -ERX_F - p / q;
        }
        if (ix >= 0x40c00000) return hx >= 0 ? 1f - 1e-30f : 1e-30f - 1f; // |x| >= 6
        x = Math.abs(x);
        float s = 1f / (x * x), r, ss;
        if (ix < 0x4036DB6E) { // |x| < 1/0.35
            r = RA0F + s * (RA1F + s * (RA2F + s * (RA3F + s * (RA4F + s * (RA5F + s * (RA6F + s * RA7F))))));
            ss = 1f + s * (SA1F + s * (SA2F + s * (SA3F + s * (SA4F + s * (SA5F + s * (SA6F + s * (SA7F + s * SA8F)))))));
        } else {
            r = RB0F + s * (RB1F + s * (RB2F + s * (RB3F + s * (RB4F + s * (RB5F + s * RB6F)))));
            ss = 1f + s * (SB1F + s * (SB2F + s * (SB3F + s * (SB4F + s * (SB5F + s * (SB6F + s * SB7F))))));
        }
        float z = Float.intBitsToFloat(Float.floatToRawIntBits(x) & 0xfffff000);
        float e = Glibc.expf(-z * z - 0.5625f) * Glibc.expf((z - x) * (z + x) + r / ss);
        return hx >= 0 ? 1f - e / x : e / x - 1f;
    }

    private static final double ERX = 8.45062911510467529297e-01, EFX = 1.28379167095512586316e-01;
    private static final double[] PP = {1.28379167095512558561e-01, -3.25042107247001499370e-01,
        -2.84817495755985104766e-02, -5.77027029648944159157e-03, -2.37630166566501626084e-05};
    private static final double[] QQ = {0.0, 3.97917223959155352819e-01, 6.50222499887672944485e-02,
        5.08130628187576562776e-03, 1.32494738004321644526e-04, -3.96022827877536812320e-06};
    private static final double[] PA = {-2.36211856075265944077e-03, 4.14856118683748331666e-01,
        -3.72207876035701323847e-01, 3.18346619901161753674e-01, -1.10894694282396677476e-01,
        3.54783043256182359371e-02, -2.16637559486879084300e-03};
    private static final double[] QA = {0.0, 1.06420880400844228286e-01, 5.40397917702171048937e-01,
        7.18286544141962662868e-02, 1.26171219808761642112e-01, 1.36370839120290507362e-02,
        1.19844998467991074170e-02};
    private static final double[] RA = {-9.86494403484714822705e-03, -6.93858572707181764372e-01,
        -1.05586262253232909814e+01, -6.23753324503260060396e+01, -1.62396669462573470355e+02,
        -1.84605092906711035994e+02, -8.12874355063065934246e+01, -9.81432934416914548592e+00};
    private static final double[] SA = {0.0, 1.96512716674392571292e+01, 1.37657754143519042600e+02,
        4.34565877475229228821e+02, 6.45387271733267880336e+02, 4.29008140027567833386e+02,
        1.08635005541779435134e+02, 6.57024977031928170135e+00, -6.04244152148580987438e-02};
    private static final double[] RB = {-9.86494292470009928597e-03, -7.99283237680523006574e-01,
        -1.77579549177547519889e+01, -1.60636384855821916062e+02, -6.37566443368389627722e+02,
        -1.02509513161107724954e+03, -4.83519191608651397019e+02};
    private static final double[] SB = {0.0, 3.03380607434824582924e+01, 3.25792512996573918826e+02,
        1.53672958608443695994e+03, 3.19985821950859553908e+03, 2.55305040643316442583e+03,
        4.74528541206955367215e+02, -2.24409524465858183362e+01};

    /** glibc's erf (its polynomials split into even and odd halves, summed left to right as written there). */
    public static double erf(double x) {
        int hx = (int) (Double.doubleToRawLongBits(x) >>> 32), ix = hx & 0x7fffffff;
        if (ix >= 0x7ff00000) return (double) (1 - ((hx >>> 31) << 1)) + 1 / x;
        if (ix < 0x3feb0000) { // |x| < 0.84375
            if (ix < 0x3e300000) { // |x| < 2^-28
                if (ix < 0x00800000) return 0.0625 * (16.0 * x + (16.0 * EFX) * x);
                return x + EFX * x;
            }
            double z = x * x;
            double r1 = PP[0] + z * PP[1], z2 = z * z;
            double r2 = PP[2] + z * PP[3], z4 = z2 * z2;
            double s1 = 1 + z * QQ[1];
            double s2 = QQ[2] + z * QQ[3];
            double s3 = QQ[4] + z * QQ[5];
            double r = r1 + z2 * r2 + z4 * PP[4];
            double s = s1 + z2 * s2 + z4 * s3;
            double y = r / s;
            return x + x * y;
        }
        if (ix < 0x3ff40000) { // 0.84375 <= |x| < 1.25
            double s = Math.abs(x) - 1;
            double p1 = PA[0] + s * PA[1], s2 = s * s;
            double q1 = 1 + s * QA[1], s4 = s2 * s2;
            double p2 = PA[2] + s * PA[3], s6 = s4 * s2;
            double q2 = QA[2] + s * QA[3];
            double p3 = PA[4] + s * PA[5];
            double q3 = QA[4] + s * QA[5];
            double p = p1 + s2 * p2 + s4 * p3 + s6 * PA[6];
            double q = q1 + s2 * q2 + s4 * q3 + s6 * QA[6];
            return hx >= 0 ? ERX + p / q : -ERX - p / q;
        }
        if (ix >= 0x40180000) return hx >= 0 ? 1 - 1e-300 : 1e-300 - 1; // |x| >= 6
        x = Math.abs(x);
        double s = 1 / (x * x), r, ss;
        if (ix < 0x4006DB6E) { // |x| < 1/0.35
            double r1 = RA[0] + s * RA[1], s2 = s * s;
            double t1 = 1 + s * SA[1], s4 = s2 * s2;
            double r2 = RA[2] + s * RA[3], s6 = s4 * s2;
            double t2 = SA[2] + s * SA[3], s8 = s4 * s4;
            double r3 = RA[4] + s * RA[5];
            double t3 = SA[4] + s * SA[5];
            double r4 = RA[6] + s * RA[7];
            double t4 = SA[6] + s * SA[7];
            r = r1 + s2 * r2 + s4 * r3 + s6 * r4;
            ss = t1 + s2 * t2 + s4 * t3 + s6 * t4 + s8 * SA[8];
        } else {
            double r1 = RB[0] + s * RB[1], s2 = s * s;
            double t1 = 1 + s * SB[1], s4 = s2 * s2;
            double r2 = RB[2] + s * RB[3], s6 = s4 * s2;
            double t2 = SB[2] + s * SB[3];
            double r3 = RB[4] + s * RB[5];
            double t3 = SB[4] + s * SB[5];
            double t4 = SB[6] + s * SB[7];
            r = r1 + s2 * r2 + s4 * r3 + s6 * RB[6];
            ss = t1 + s2 * t2 + s4 * t3 + s6 * t4;
        }
        double z = Double.longBitsToDouble(Double.doubleToRawLongBits(x) & 0xffffffff00000000L);
        double e = Glibc64.exp(-z * z - 0.5625) * Glibc64.exp((z - x) * (z + x) + r / ss);
        return hx >= 0 ? 1 - e / x : e / x - 1;
    }
}
