// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Sleef32}'s algorithms on eight lanes at once, as PyTorch's AVX2 build runs them: each method is the
 * scalar method of the same name with every float operation replaced by its lanewise vector operation, in the
 * same order ({@code Math.fma} by {@code fma}, {@code ?:} by a blend, bit tricks through {@code IntVector}), so
 * every lane gives exactly Sleef32's bits. Only loaded where the Vector API is (see {@link Simd}).
 */
final class Sleef32Vec {
    private Sleef32Vec() {}

    /** 8 float lanes: one AVX2 register, the width of PyTorch's {@code Vectorized<float>}. */
    static final VectorSpecies<Float> F = FloatVector.SPECIES_256;
    static final VectorSpecies<Integer> I = IntVector.SPECIES_256;
    static final FloatVector ZERO = FloatVector.zero(F);
    static final FloatVector ONE = FloatVector.broadcast(F, 1f);
    private static final float TWO23 = 8388608f;

    // ---- the integer and bit helpers ----

    /**
     * Math.rint lane by lane: below 2^23 in magnitude, adding and subtracting 2^23 rounds to the nearest integer,
     * ties to even (Java's float rounding), and the sign is put back (rint(-0.3) is -0); anything larger, inf and
     * NaN are already their own rint.
     */
    static FloatVector rint(FloatVector f) {
        FloatVector a = f.abs();
        FloatVector r = a.add(TWO23).sub(TWO23);
        r = r.reinterpretAsInts().or(f.reinterpretAsInts().and(0x80000000)).reinterpretAsFloats();
        return f.blend(r, a.compare(VectorOperators.LT, TWO23));
    }

    /** Sleef32.rintToInt (_mm256_cvtps_epi32): NaN and |f| &gt;= 2^31 give INT_MIN, not Java's saturation. */
    static IntVector rintToInt(FloatVector f) {
        IntVector q = (IntVector) rint(f).convert(VectorOperators.F2I, 0);
        VectorMask<Float> out = f.abs().compare(VectorOperators.LT, 2.1474836E9f).not();
        return q.blend(Integer.MIN_VALUE, out.cast(I));
    }

    static FloatVector toFloat(IntVector q) {
        return (FloatVector) q.convert(VectorOperators.I2F, 0);
    }

    static IntVector ilogb2k(FloatVector d) {
        return d.reinterpretAsInts().lanewise(VectorOperators.LSHR, 23).and(0xff).sub(0x7f);
    }

    static FloatVector ldexp3(FloatVector d, IntVector q) {
        return d.reinterpretAsInts().add(q.lanewise(VectorOperators.LSHL, 23)).reinterpretAsFloats();
    }

    static FloatVector pow2i(IntVector q) {
        return q.add(0x7f).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
    }

    static FloatVector ldexp2(FloatVector d, IntVector e) {
        IntVector h = e.lanewise(VectorOperators.ASHR, 1);
        return d.mul(pow2i(h)).mul(pow2i(e.sub(h)));
    }

    static FloatVector mulsign(FloatVector x, FloatVector y) {
        return x.reinterpretAsInts().lanewise(VectorOperators.XOR, y.reinterpretAsInts().and(0x80000000)).reinterpretAsFloats();
    }

    static VectorMask<Float> isNegZero(FloatVector d) {
        return d.reinterpretAsInts().compare(VectorOperators.EQ, 0x80000000).cast(F);
    }

    // ---- exp family ----

    /** Sleef32.exp. */
    static FloatVector exp(FloatVector d) {
        IntVector q = rintToInt(d.mul(Sleef32.R_LN2));
        FloatVector qf = toFloat(q);
        FloatVector s = qf.fma(FloatVector.broadcast(F, -Sleef32.L2U), d);
        s = qf.fma(FloatVector.broadcast(F, -Sleef32.L2L), s);
        FloatVector u = FloatVector.broadcast(F, 0.000198527617612853646278381f);
        u = u.fma(s, FloatVector.broadcast(F, 0.00139304355252534151077271f));
        u = u.fma(s, FloatVector.broadcast(F, 0.00833336077630519866943359f));
        u = u.fma(s, FloatVector.broadcast(F, 0.0416664853692054748535156f));
        u = u.fma(s, FloatVector.broadcast(F, 0.166666671633720397949219f));
        u = u.fma(s, FloatVector.broadcast(F, 0.5f));
        u = ONE.add(s.mul(s).fma(u, s));
        u = ldexp2(u, q);
        u = u.blend(0f, d.compare(VectorOperators.LT, -104f));
        u = u.blend(Float.POSITIVE_INFINITY, d.compare(VectorOperators.GT, 100f));
        return u;
    }

    /** Sleef32.expk2. */
    static DoubleFloatVec expk2(DoubleFloatVec d) {
        FloatVector u = d.x().add(d.y()).mul(Sleef32.R_LN2);
        IntVector q = rintToInt(u);
        FloatVector qf = toFloat(q);
        DoubleFloatVec s = d.add2(qf.mul(-Sleef32.L2U));
        s = s.add2(qf.mul(-Sleef32.L2L));
        u = FloatVector.broadcast(F, +0.1980960224e-3f);
        u = u.fma(s.x(), FloatVector.broadcast(F, +0.1394256484e-2f));
        u = u.fma(s.x(), FloatVector.broadcast(F, +0.8333456703e-2f));
        u = u.fma(s.x(), FloatVector.broadcast(F, +0.4166637361e-1f));
        DoubleFloatVec t = s.mul(u).add2(FloatVector.broadcast(F, +0.166666659414234244790680580464e+0f));
        t = s.mul(t).add2(FloatVector.broadcast(F, 0.5f));
        t = s.add2(s.square().mul(t));
        t = DoubleFloatVec.add(ONE, t);
        FloatVector tx = ldexp2(t.x(), q), ty = ldexp2(t.y(), q);
        VectorMask<Float> under = d.x().compare(VectorOperators.LT, -104f);
        return new DoubleFloatVec(tx.blend(0f, under), ty.blend(0f, under));
    }

    /** Sleef32.tanh. */
    static FloatVector tanh(FloatVector x) {
        FloatVector y = x.abs();
        DoubleFloatVec d = expk2(DoubleFloatVec.of(y));
        DoubleFloatVec e = d.rec();
        d = d.add(e.neg()).div(d.add(e));
        y = d.x().add(d.y());
        y = y.blend(1f, x.abs().compare(VectorOperators.GT, 8.664339742f).or(y.test(VectorOperators.IS_NAN)));
        y = mulsign(y, x);
        return y.blend(Sleef32.ALL_ONES, x.test(VectorOperators.IS_NAN));
    }

    /** The vector form of sigmoid: {@code 1 / (exp(0 - x) + 1)}. */
    static FloatVector sigmoid(FloatVector x) {
        return ONE.div(exp(ZERO.sub(x)).add(1f));
    }

    // ---- log ----

    /** Sleef32.log. */
    static FloatVector log(FloatVector d) {
        VectorMask<Float> o = d.compare(VectorOperators.LT, Sleef32.FLT_MIN);
        FloatVector dd = d.blend(d.mul(Sleef32.TWO64), o);
        IntVector e = ilogb2k(dd.mul(1.0f / 0.75f));
        FloatVector m = ldexp3(dd, e.neg());
        e = e.blend(e.sub(64), o.cast(I));
        DoubleFloatVec s = DoubleFloatVec.of(0.69314718246459960938f, -1.904654323148236017e-09f).mul(toFloat(e));
        DoubleFloatVec x = DoubleFloatVec.add2(FloatVector.broadcast(F, -1f), m).div(DoubleFloatVec.add2(ONE, m));
        FloatVector x2 = x.x().mul(x.x());
        FloatVector t = FloatVector.broadcast(F, +0.3027294874e+0f);
        t = t.fma(x2, FloatVector.broadcast(F, +0.3996108174e+0f));
        t = t.fma(x2, FloatVector.broadcast(F, +0.6666694880e+0f));
        s = s.add(x.scale(2f));
        s = s.add(x2.mul(x.x()).mul(t));
        FloatVector r = s.x().add(s.y());
        r = r.blend(Float.POSITIVE_INFINITY, dd.compare(VectorOperators.EQ, Float.POSITIVE_INFINITY));
        r = r.blend(Float.NaN, dd.compare(VectorOperators.LT, 0f).or(dd.test(VectorOperators.IS_NAN)));
        r = r.blend(Float.NEGATIVE_INFINITY, dd.compare(VectorOperators.EQ, 0f));
        return r;
    }

    // ---- trigonometric: the Cody-Waite path (every lane |d| < 125; the caller checks) ----

    /** Sleef32.sinPoly. */
    private static FloatVector sinPoly(DoubleFloatVec s) {
        DoubleFloatVec t = s;
        s = s.square();
        FloatVector u = FloatVector.broadcast(F, 2.6083159809786593541503e-06f);
        u = u.fma(s.x(), FloatVector.broadcast(F, -0.0001981069071916863322258f));
        u = u.fma(s.x(), FloatVector.broadcast(F, 0.00833307858556509017944336f));
        DoubleFloatVec x = DoubleFloatVec.add(ONE,
            DoubleFloatVec.add(FloatVector.broadcast(F, -0.166666597127914428710938f), u.mul(s.x())).mul(s));
        return t.mulToFloat(x);
    }

    /** Sleef32.sin for lanes that are all finite and below 125 in magnitude. */
    static FloatVector sin(FloatVector d) {
        FloatVector u = rint(d.mul(Sleef32.M_1_PI));
        IntVector q = rintToInt(u);
        FloatVector v = u.fma(FloatVector.broadcast(F, -Sleef32.PI_A2), d);
        DoubleFloatVec s = DoubleFloatVec.add2(v, u.mul(-Sleef32.PI_B2));
        s = s.add(u.mul(-Sleef32.PI_C2));
        FloatVector r = sinPoly(s);
        r = r.blend(r.neg(), q.and(1).compare(VectorOperators.EQ, 1).cast(F));
        return r.blend(d, isNegZero(d));
    }

    /** Sleef32.cos for lanes that are all finite and below 125 in magnitude. */
    static FloatVector cos(FloatVector d) {
        FloatVector dq = rint(d.fma(Sleef32.M_1_PI, -0.5f)).fma(2f, 1f);
        IntVector q = rintToInt(dq);
        DoubleFloatVec s = DoubleFloatVec.add2(d, dq.mul(-Sleef32.PI_A2 * 0.5f));
        s = s.add2(dq.mul(-Sleef32.PI_B2 * 0.5f));
        s = s.add2(dq.mul(-Sleef32.PI_C2 * 0.5f));
        FloatVector r = sinPoly(s);
        return r.blend(r.neg(), q.and(2).compare(VectorOperators.EQ, 0).cast(F));
    }
}
