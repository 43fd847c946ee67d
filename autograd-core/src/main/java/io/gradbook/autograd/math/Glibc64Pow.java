// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

/**
 * glibc 2.36's double {@code pow} (the ARM optimized-routines algorithm, {@code e_pow.c}) in the FMA build glibc
 * selects on an AVX2 machine ({@code e_pow-fma.c}): what PyTorch's scalar float64 code gets from {@code std::pow}
 * (the tails of its pow loops, strided operands, one-element tensors). log(x) in double-double from a 128-entry
 * table, times y, then exp with the table of {@link Glibc64#exp}. Written from the algorithm, with
 * {@link Math#fma} where the FMA build contracts {@code a * b + c} (as measured for {@link Glibc64#exp}); the
 * table holds glibc's values ({@code __pow_log_data}: 1/c, log(c) and its tail per subinterval).
 *
 * <pre>
 * jshell&gt; Glibc64Pow.pow(2.0, 0.5)
 * $1 ==&gt; 1.4142135623730951
 * </pre>
 */
public final class Glibc64Pow {
    private Glibc64Pow() {}

    private static final double LN2HI = 0x1.62e42fefa3800p-1, LN2LO = 0x1.ef35793c76730p-45;
    /** The log1p(r) polynomial, scaled as glibc evaluates it (A[0] = -1/2). */
    private static final double A0 = -0x1p-1, A1 = 0x1.555555555556p-2 * -2, A2 = -0x1.0000000000006p-2 * -2,
            A3 = 0x1.999999959554ep-3 * 4, A4 = -0x1.555555529a47ap-3 * 4, A5 = 0x1.2495b9b4845e9p-3 * -8,
            A6 = -0x1.0002b8b263fc3p-3 * -8;
    private static final long OFF = 0x3fe6955500000000L;
    /** Per subinterval: invc, logc, logctail. */
    private static final double[] TAB = {
        0x1.6a00000000000p+0, -0x1.62c82f2b9c800p-2, 0x1.ab42428375680p-48,
        0x1.6800000000000p+0, -0x1.5d1bdbf580800p-2, -0x1.ca508d8e0f720p-46,
        0x1.6600000000000p+0, -0x1.5767717455800p-2, -0x1.362a4d5b6506dp-45,
        0x1.6400000000000p+0, -0x1.51aad872df800p-2, -0x1.684e49eb067d5p-49,
        0x1.6200000000000p+0, -0x1.4be5f95777800p-2, -0x1.41b6993293ee0p-47,
        0x1.6000000000000p+0, -0x1.4618bc21c6000p-2, 0x1.3d82f484c84ccp-46,
        0x1.5e00000000000p+0, -0x1.404308686a800p-2, 0x1.c42f3ed820b3ap-50,
        0x1.5c00000000000p+0, -0x1.3a64c55694800p-2, 0x1.0b1c686519460p-45,
        0x1.5a00000000000p+0, -0x1.347dd9a988000p-2, 0x1.5594dd4c58092p-45,
        0x1.5800000000000p+0, -0x1.2e8e2bae12000p-2, 0x1.67b1e99b72bd8p-45,
        0x1.5600000000000p+0, -0x1.2895a13de8800p-2, 0x1.5ca14b6cfb03fp-46,
        0x1.5600000000000p+0, -0x1.2895a13de8800p-2, 0x1.5ca14b6cfb03fp-46,
        0x1.5400000000000p+0, -0x1.22941fbcf7800p-2, -0x1.65a242853da76p-46,
        0x1.5200000000000p+0, -0x1.1c898c1699800p-2, -0x1.fafbc68e75404p-46,
        0x1.5000000000000p+0, -0x1.1675cababa800p-2, 0x1.f1fc63382a8f0p-46,
        0x1.4e00000000000p+0, -0x1.1058bf9ae4800p-2, -0x1.6a8c4fd055a66p-45,
        0x1.4c00000000000p+0, -0x1.0a324e2739000p-2, -0x1.c6bee7ef4030ep-47,
        0x1.4a00000000000p+0, -0x1.0402594b4d000p-2, -0x1.036b89ef42d7fp-48,
        0x1.4a00000000000p+0, -0x1.0402594b4d000p-2, -0x1.036b89ef42d7fp-48,
        0x1.4800000000000p+0, -0x1.fb9186d5e4000p-3, 0x1.d572aab993c87p-47,
        0x1.4600000000000p+0, -0x1.ef0adcbdc6000p-3, 0x1.b26b79c86af24p-45,
        0x1.4400000000000p+0, -0x1.e27076e2af000p-3, -0x1.72f4f543fff10p-46,
        0x1.4200000000000p+0, -0x1.d5c216b4fc000p-3, 0x1.1ba91bbca681bp-45,
        0x1.4000000000000p+0, -0x1.c8ff7c79aa000p-3, 0x1.7794f689f8434p-45,
        0x1.4000000000000p+0, -0x1.c8ff7c79aa000p-3, 0x1.7794f689f8434p-45,
        0x1.3e00000000000p+0, -0x1.bc286742d9000p-3, 0x1.94eb0318bb78fp-46,
        0x1.3c00000000000p+0, -0x1.af3c94e80c000p-3, 0x1.a4e633fcd9066p-52,
        0x1.3a00000000000p+0, -0x1.a23bc1fe2b000p-3, -0x1.58c64dc46c1eap-45,
        0x1.3a00000000000p+0, -0x1.a23bc1fe2b000p-3, -0x1.58c64dc46c1eap-45,
        0x1.3800000000000p+0, -0x1.9525a9cf45000p-3, -0x1.ad1d904c1d4e3p-45,
        0x1.3600000000000p+0, -0x1.87fa06520d000p-3, 0x1.bbdbf7fdbfa09p-45,
        0x1.3400000000000p+0, -0x1.7ab890210e000p-3, 0x1.bdb9072534a58p-45,
        0x1.3400000000000p+0, -0x1.7ab890210e000p-3, 0x1.bdb9072534a58p-45,
        0x1.3200000000000p+0, -0x1.6d60fe719d000p-3, -0x1.0e46aa3b2e266p-46,
        0x1.3000000000000p+0, -0x1.5ff3070a79000p-3, -0x1.e9e439f105039p-46,
        0x1.3000000000000p+0, -0x1.5ff3070a79000p-3, -0x1.e9e439f105039p-46,
        0x1.2e00000000000p+0, -0x1.526e5e3a1b000p-3, -0x1.0de8b90075b8fp-45,
        0x1.2c00000000000p+0, -0x1.44d2b6ccb8000p-3, 0x1.70cc16135783cp-46,
        0x1.2c00000000000p+0, -0x1.44d2b6ccb8000p-3, 0x1.70cc16135783cp-46,
        0x1.2a00000000000p+0, -0x1.371fc201e9000p-3, 0x1.178864d27543ap-48,
        0x1.2800000000000p+0, -0x1.29552f81ff000p-3, -0x1.48d301771c408p-45,
        0x1.2600000000000p+0, -0x1.1b72ad52f6000p-3, -0x1.e80a41811a396p-45,
        0x1.2600000000000p+0, -0x1.1b72ad52f6000p-3, -0x1.e80a41811a396p-45,
        0x1.2400000000000p+0, -0x1.0d77e7cd09000p-3, 0x1.a699688e85bf4p-47,
        0x1.2400000000000p+0, -0x1.0d77e7cd09000p-3, 0x1.a699688e85bf4p-47,
        0x1.2200000000000p+0, -0x1.fec9131dbe000p-4, -0x1.575545ca333f2p-45,
        0x1.2000000000000p+0, -0x1.e27076e2b0000p-4, 0x1.a342c2af0003cp-45,
        0x1.2000000000000p+0, -0x1.e27076e2b0000p-4, 0x1.a342c2af0003cp-45,
        0x1.1e00000000000p+0, -0x1.c5e548f5bc000p-4, -0x1.d0c57585fbe06p-46,
        0x1.1c00000000000p+0, -0x1.a926d3a4ae000p-4, 0x1.53935e85baac8p-45,
        0x1.1c00000000000p+0, -0x1.a926d3a4ae000p-4, 0x1.53935e85baac8p-45,
        0x1.1a00000000000p+0, -0x1.8c345d631a000p-4, 0x1.37c294d2f5668p-46,
        0x1.1a00000000000p+0, -0x1.8c345d631a000p-4, 0x1.37c294d2f5668p-46,
        0x1.1800000000000p+0, -0x1.6f0d28ae56000p-4, -0x1.69737c93373dap-45,
        0x1.1600000000000p+0, -0x1.51b073f062000p-4, 0x1.f025b61c65e57p-46,
        0x1.1600000000000p+0, -0x1.51b073f062000p-4, 0x1.f025b61c65e57p-46,
        0x1.1400000000000p+0, -0x1.341d7961be000p-4, 0x1.c5edaccf913dfp-45,
        0x1.1400000000000p+0, -0x1.341d7961be000p-4, 0x1.c5edaccf913dfp-45,
        0x1.1200000000000p+0, -0x1.16536eea38000p-4, 0x1.47c5e768fa309p-46,
        0x1.1000000000000p+0, -0x1.f0a30c0118000p-5, 0x1.d599e83368e91p-45,
        0x1.1000000000000p+0, -0x1.f0a30c0118000p-5, 0x1.d599e83368e91p-45,
        0x1.0e00000000000p+0, -0x1.b42dd71198000p-5, 0x1.c827ae5d6704cp-46,
        0x1.0e00000000000p+0, -0x1.b42dd71198000p-5, 0x1.c827ae5d6704cp-46,
        0x1.0c00000000000p+0, -0x1.77458f632c000p-5, -0x1.cfc4634f2a1eep-45,
        0x1.0c00000000000p+0, -0x1.77458f632c000p-5, -0x1.cfc4634f2a1eep-45,
        0x1.0a00000000000p+0, -0x1.39e87b9fec000p-5, 0x1.502b7f526feaap-48,
        0x1.0a00000000000p+0, -0x1.39e87b9fec000p-5, 0x1.502b7f526feaap-48,
        0x1.0800000000000p+0, -0x1.f829b0e780000p-6, -0x1.980267c7e09e4p-45,
        0x1.0800000000000p+0, -0x1.f829b0e780000p-6, -0x1.980267c7e09e4p-45,
        0x1.0600000000000p+0, -0x1.7b91b07d58000p-6, -0x1.88d5493faa639p-45,
        0x1.0400000000000p+0, -0x1.fc0a8b0fc0000p-7, -0x1.f1e7cf6d3a69cp-50,
        0x1.0400000000000p+0, -0x1.fc0a8b0fc0000p-7, -0x1.f1e7cf6d3a69cp-50,
        0x1.0200000000000p+0, -0x1.fe02a6b100000p-8, -0x1.9e23f0dda40e4p-46,
        0x1.0200000000000p+0, -0x1.fe02a6b100000p-8, -0x1.9e23f0dda40e4p-46,
        0x1.0000000000000p+0, 0x0.0000000000000p+0, 0x0.0000000000000p+0,
        0x1.0000000000000p+0, 0x0.0000000000000p+0, 0x0.0000000000000p+0,
        0x1.fc00000000000p-1, 0x1.0101575890000p-7, -0x1.0c76b999d2be8p-46,
        0x1.f800000000000p-1, 0x1.0205658938000p-6, -0x1.3dc5b06e2f7d2p-45,
        0x1.f400000000000p-1, 0x1.8492528c90000p-6, -0x1.aa0ba325a0c34p-45,
        0x1.f000000000000p-1, 0x1.0415d89e74000p-5, 0x1.111c05cf1d753p-47,
        0x1.ec00000000000p-1, 0x1.466aed42e0000p-5, -0x1.c167375bdfd28p-45,
        0x1.e800000000000p-1, 0x1.894aa149fc000p-5, -0x1.97995d05a267dp-46,
        0x1.e400000000000p-1, 0x1.ccb73cdddc000p-5, -0x1.a68f247d82807p-46,
        0x1.e200000000000p-1, 0x1.eea31c006c000p-5, -0x1.e113e4fc93b7bp-47,
        0x1.de00000000000p-1, 0x1.1973bd1466000p-4, -0x1.5325d560d9e9bp-45,
        0x1.da00000000000p-1, 0x1.3bdf5a7d1e000p-4, 0x1.cc85ea5db4ed7p-45,
        0x1.d600000000000p-1, 0x1.5e95a4d97a000p-4, -0x1.c69063c5d1d1ep-45,
        0x1.d400000000000p-1, 0x1.700d30aeac000p-4, 0x1.c1e8da99ded32p-49,
        0x1.d000000000000p-1, 0x1.9335e5d594000p-4, 0x1.3115c3abd47dap-45,
        0x1.cc00000000000p-1, 0x1.b6ac88dad6000p-4, -0x1.390802bf768e5p-46,
        0x1.ca00000000000p-1, 0x1.c885801bc4000p-4, 0x1.646d1c65aacd3p-45,
        0x1.c600000000000p-1, 0x1.ec739830a2000p-4, -0x1.dc068afe645e0p-45,
        0x1.c400000000000p-1, 0x1.fe89139dbe000p-4, -0x1.534d64fa10afdp-45,
        0x1.c000000000000p-1, 0x1.1178e8227e000p-3, 0x1.1ef78ce2d07f2p-45,
        0x1.be00000000000p-1, 0x1.1aa2b7e23f000p-3, 0x1.ca78e44389934p-45,
        0x1.ba00000000000p-1, 0x1.2d1610c868000p-3, 0x1.39d6ccb81b4a1p-47,
        0x1.b800000000000p-1, 0x1.365fcb0159000p-3, 0x1.62fa8234b7289p-51,
        0x1.b400000000000p-1, 0x1.4913d8333b000p-3, 0x1.5837954fdb678p-45,
        0x1.b200000000000p-1, 0x1.527e5e4a1b000p-3, 0x1.633e8e5697dc7p-45,
        0x1.ae00000000000p-1, 0x1.6574ebe8c1000p-3, 0x1.9cf8b2c3c2e78p-46,
        0x1.ac00000000000p-1, 0x1.6f0128b757000p-3, -0x1.5118de59c21e1p-45,
        0x1.aa00000000000p-1, 0x1.7898d85445000p-3, -0x1.c661070914305p-46,
        0x1.a600000000000p-1, 0x1.8beafeb390000p-3, -0x1.73d54aae92cd1p-47,
        0x1.a400000000000p-1, 0x1.95a5adcf70000p-3, 0x1.7f22858a0ff6fp-47,
        0x1.a000000000000p-1, 0x1.a93ed3c8ae000p-3, -0x1.8724350562169p-45,
        0x1.9e00000000000p-1, 0x1.b31d8575bd000p-3, -0x1.c358d4eace1aap-47,
        0x1.9c00000000000p-1, 0x1.bd087383be000p-3, -0x1.d4bc4595412b6p-45,
        0x1.9a00000000000p-1, 0x1.c6ffbc6f01000p-3, -0x1.1ec72c5962bd2p-48,
        0x1.9600000000000p-1, 0x1.db13db0d49000p-3, -0x1.aff2af715b035p-45,
        0x1.9400000000000p-1, 0x1.e530effe71000p-3, 0x1.212276041f430p-51,
        0x1.9200000000000p-1, 0x1.ef5ade4dd0000p-3, -0x1.a211565bb8e11p-51,
        0x1.9000000000000p-1, 0x1.f991c6cb3b000p-3, 0x1.bcbecca0cdf30p-46,
        0x1.8c00000000000p-1, 0x1.07138604d5800p-2, 0x1.89cdb16ed4e91p-48,
        0x1.8a00000000000p-1, 0x1.0c42d67616000p-2, 0x1.7188b163ceae9p-45,
        0x1.8800000000000p-1, 0x1.1178e8227e800p-2, -0x1.c210e63a5f01cp-45,
        0x1.8600000000000p-1, 0x1.16b5ccbacf800p-2, 0x1.b9acdf7a51681p-45,
        0x1.8400000000000p-1, 0x1.1bf99635a6800p-2, 0x1.ca6ed5147bdb7p-45,
        0x1.8200000000000p-1, 0x1.214456d0eb800p-2, 0x1.a87deba46baeap-47,
        0x1.7e00000000000p-1, 0x1.2bef07cdc9000p-2, 0x1.a9cfa4a5004f4p-45,
        0x1.7c00000000000p-1, 0x1.314f1e1d36000p-2, -0x1.8e27ad3213cb8p-45,
        0x1.7a00000000000p-1, 0x1.36b6776be1000p-2, 0x1.16ecdb0f177c8p-46,
        0x1.7800000000000p-1, 0x1.3c25277333000p-2, 0x1.83b54b606bd5cp-46,
        0x1.7600000000000p-1, 0x1.419b423d5e800p-2, 0x1.8e436ec90e09dp-47,
        0x1.7400000000000p-1, 0x1.4718dc271c800p-2, -0x1.f27ce0967d675p-45,
        0x1.7200000000000p-1, 0x1.4c9e09e173000p-2, -0x1.e20891b0ad8a4p-45,
        0x1.7000000000000p-1, 0x1.522ae0738a000p-2, 0x1.ebe708164c759p-45,
        0x1.6e00000000000p-1, 0x1.57bf753c8d000p-2, 0x1.fadedee5d40efp-46,
        0x1.6c00000000000p-1, 0x1.5d5bddf596000p-2, -0x1.a0b2a08a465dcp-47
    };

    private static final double EXP_INVLN2N = 0x1.71547652b82fep+7, EXP_NEGLN2HIN = -0x1.62e42fefa0000p-8, EXP_NEGLN2LON = -0x1.cf79abc9e3b3ap-47;
    private static final double EXP_C2 = 0x1.ffffffffffdbdp-2, EXP_C3 = 0x1.555555555543cp-3, EXP_C4 = 0x1.55555cf172b91p-5, EXP_C5 = 0x1.1111167a4d017p-7;
    private static final double EXP_SHIFT = 0x1.8p52;
    private static final long SIGN_BIAS = 0x800L << 7;
    /** x86's default NaN, what glibc's (x - x) / (x - x) gives for a negative base and a non-integer exponent. */
    private static final double DEFAULT_NAN = Double.longBitsToDouble(0xfff8000000000000L);

    private static int top12(double x) {
        return (int) (Double.doubleToRawLongBits(x) >>> 52);
    }

    /** log(x) as hi + tail, for ix the bits of a positive normal(ized) x. */
    private static double logInline(long ix, double[] tail) {
        long tmp = ix - OFF;
        int i = (int) ((tmp >>> (52 - 7)) % 128);
        int k = (int) (tmp >> 52);
        long iz = ix - (tmp & 0xfffL << 52);
        double z = Double.longBitsToDouble(iz);
        double kd = k;
        double invc = TAB[3 * i], logc = TAB[3 * i + 1], logctail = TAB[3 * i + 2];
        double r = Math.fma(z, invc, -1.0);
        double t1 = Math.fma(kd, LN2HI, logc);
        double t2 = t1 + r;
        double lo1 = Math.fma(kd, LN2LO, logctail);
        double lo2 = t1 - t2 + r;
        double ar = A0 * r;
        double ar2 = r * ar;
        double ar3 = r * ar2;
        double hi = t2 + ar2;
        double lo3 = Math.fma(ar, r, -ar2);
        double lo4 = t2 - hi + ar2;
        double poly = Math.fma(ar2, Math.fma(ar2, Math.fma(r, A6, A5), Math.fma(r, A4, A3)), Math.fma(r, A2, A1));
        double lo = Math.fma(ar3, poly, lo1 + lo2 + lo3 + lo4);
        double y = hi + lo;
        tail[0] = hi - y + lo;
        return y;
    }

    private static double specialCase(double tmp, long sbits, long ki) {
        if ((ki & 0x80000000L) == 0) {
            sbits -= 1009L << 52;
            double scale = Double.longBitsToDouble(sbits);
            return 0x1p1009 * Math.fma(scale, tmp, scale);
        }
        sbits += 1022L << 52;
        double scale = Double.longBitsToDouble(sbits);
        double y = scale + scale * tmp; // not fused, as measured for glibc's exp
        if (Math.abs(y) < 1.0) {
            double one = y < 0.0 ? -1.0 : 1.0;
            double lo = Math.fma(scale, tmp, scale - y);
            double hi = one + y;
            lo = one - hi + y + lo;
            y = (hi + lo) - one;
            if (y == 0.0) y = Double.longBitsToDouble(sbits & 0x8000000000000000L);
        }
        return 0x1p-1022 * y;
    }

    private static double expInline(double x, double xtail, long signBias) {
        int abstop = top12(x) & 0x7ff;
        if (Integer.compareUnsigned(abstop - top12(0x1p-54), top12(512.0) - top12(0x1p-54)) >= 0) {
            if (abstop - top12(0x1p-54) < 0) {
                double one = 1.0 + x;
                return signBias != 0 ? -one : one;
            }
            if (abstop >= top12(1024.0)) {
                double s = signBias != 0 ? -0x1p-767 : 0x1p-767;
                if (Double.doubleToRawLongBits(x) < 0) return s * 0x1p-767;
                return (signBias != 0 ? -0x1p769 : 0x1p769) * 0x1p769;
            }
            abstop = 0;
        }
        double z = EXP_INVLN2N * x;
        double kd = z + EXP_SHIFT;
        long ki = Double.doubleToRawLongBits(kd);
        kd -= EXP_SHIFT;
        double r = Math.fma(kd, EXP_NEGLN2LON, Math.fma(kd, EXP_NEGLN2HIN, x));
        r += xtail;
        int idx = 2 * (int) (ki & 127);
        long top = (ki + signBias) << (52 - 7);
        double tail = Double.longBitsToDouble(Glibc64.EXP_TAB[idx]);
        long sbits = Glibc64.EXP_TAB[idx + 1] + top;
        double r2 = r * r;
        double tmp = Math.fma(r2 * r2, Math.fma(r, EXP_C5, EXP_C4), Math.fma(r2, Math.fma(r, EXP_C3, EXP_C2), tail + r));
        if (abstop == 0) return specialCase(tmp, sbits, ki);
        double scale = Double.longBitsToDouble(sbits);
        return Math.fma(scale, tmp, scale);
    }

    /** 0 if not an integer, 1 if odd, 2 if even (iy: the bits of a non-zero finite value). */
    private static int checkint(long iy) {
        int e = (int) (iy >>> 52 & 0x7ff);
        if (e < 0x3ff) return 0;
        if (e > 0x3ff + 52) return 2;
        if ((iy & ((1L << (0x3ff + 52 - e)) - 1)) != 0) return 0;
        if ((iy & (1L << (0x3ff + 52 - e))) != 0) return 1;
        return 2;
    }

    /** The bits of 0, an infinity or a NaN. */
    private static boolean zeroInfNan(long i) {
        return Long.compareUnsigned(2 * i - 1, 2 * Double.doubleToRawLongBits(Double.POSITIVE_INFINITY) - 1) >= 0;
    }

    /** NaN + anything as x86 adds: the first NaN operand, quieted. */
    private static double nanSum(double x, double y) {
        return Sleef64.quiet(x != x ? x : y);
    }

    /** glibc's pow. */
    public static double pow(double x, double y) {
        long signBias = 0;
        long ix = Double.doubleToRawLongBits(x), iy = Double.doubleToRawLongBits(y);
        int topx = top12(x), topy = top12(y);
        if (Integer.compareUnsigned(topx - 0x001, 0x7ff - 0x001) >= 0 || Integer.compareUnsigned((topy & 0x7ff) - 0x3be, 0x43e - 0x3be) >= 0) {
            if (zeroInfNan(iy)) {
                if (2 * iy == 0) return isSignaling(x) ? nanSum(x, y) : 1.0;
                if (ix == Double.doubleToRawLongBits(1.0)) return isSignaling(y) ? nanSum(x, y) : 1.0;
                long inf2 = 2 * Double.doubleToRawLongBits(Double.POSITIVE_INFINITY);
                if (Long.compareUnsigned(2 * ix, inf2) > 0 || Long.compareUnsigned(2 * iy, inf2) > 0) return nanSum(x, y);
                long one2 = 2 * Double.doubleToRawLongBits(1.0);
                if (2 * ix == one2) return 1.0;
                if ((Long.compareUnsigned(2 * ix, one2) < 0) == (iy >= 0)) return 0.0;
                return y * y;
            }
            if (zeroInfNan(ix)) {
                double x2 = x * x;
                if (ix < 0 && checkint(iy) == 1) x2 = -x2;
                return iy < 0 ? 1 / x2 : x2;
            }
            if (ix < 0) {
                int yint = checkint(iy);
                if (yint == 0) return DEFAULT_NAN;
                if (yint == 1) signBias = SIGN_BIAS;
                ix &= 0x7fffffffffffffffL;
                topx &= 0x7ff;
            }
            if (Integer.compareUnsigned((topy & 0x7ff) - 0x3be, 0x43e - 0x3be) >= 0) {
                if (ix == Double.doubleToRawLongBits(1.0)) return 1.0;
                if ((topy & 0x7ff) < 0x3be) return Long.compareUnsigned(ix, Double.doubleToRawLongBits(1.0)) > 0 ? 1.0 + y : 1.0 - y;
                return (Long.compareUnsigned(ix, Double.doubleToRawLongBits(1.0)) > 0) == (topy < 0x800)
                        ? Double.POSITIVE_INFINITY : 0.0;
            }
            if (topx == 0) {
                ix = Double.doubleToRawLongBits(x * 0x1p52);
                ix &= 0x7fffffffffffffffL;
                ix -= 52L << 52;
            }
        }
        double[] lo = new double[1];
        double hi = logInline(ix, lo);
        double ehi = y * hi;
        double elo = Math.fma(y, lo[0], Math.fma(y, hi, -ehi));
        return expInline(ehi, elo, signBias);
    }

    private static boolean isSignaling(double v) {
        return v != v && (Double.doubleToRawLongBits(v) & 0x0008000000000000L) == 0;
    }
}
