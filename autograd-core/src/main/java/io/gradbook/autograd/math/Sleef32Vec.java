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
 * same order ({@code Math.fma} by {@code fma}, {@code ?:} by a blend, bit tricks through {@code IntVector}; each
 * {@link DoubleFloat} step written out on a pair of vectors), so every lane gives exactly Sleef32's bits. Only loaded where the Vector API is (see {@link Simd}).
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
        FloatVector r = a.add(TWO23_V).sub(TWO23_V);
        r = r.reinterpretAsInts().or(f.reinterpretAsInts().and(SIGN_BIT_V)).reinterpretAsFloats();
        return f.blend(r, a.compare(VectorOperators.LT, TWO23_V));
    }

    // rint's constants as vectors made once (see sin's constants): with scalar operands each of its four steps parsed
    // a broadcast too, and on JDK 17 cos, which calls rint first, reached NodeCountInliningCutoff before its polynomial
    private static final FloatVector TWO23_V = FloatVector.broadcast(F, TWO23);
    private static final IntVector SIGN_BIT_V = IntVector.broadcast(I, 0x80000000);

    private static final int LANES = 8;
    private static final float MAGIC = 12582912f;
    private static final int MAGIC_BITS = Float.floatToRawIntBits(MAGIC);

    // Sleef32's integer helpers (rintToInt, toFloat, ilogb2k, ldexp3, ldexp2/pow2i, mulsign) are written out where
    // they are used, not called: see exp's constants below.

    // ---- exp family ----

    // exp's helpers (rintToInt, toFloat, ldexp2/pow2i) are written out below: as calls they could be left out of
    // line when C2 compiled a caller, and a callee left out of line (or compiled on its own without a type profile)
    // boxes every vector passed to it: in about one JVM in three softmax's expShifted ran 2x slower and allocated
    // 4 MB a pass in ldexp2/pow2i (IntVector.sub, reinterpretAsFloats not made vector instructions; bench/RESULTS.md,
    // "softmax's exp, boxed"). Same operations in the same order: same bits. exp stays a method of one vector
    // (softmax's loops fuse it with their own steps), so it must stay under C2's FreqInlineSize of 325 bytecodes
    // (it is 276) to be inlined into them at all (tanh and log are past it: loops).
    //
    // The constants of its chain of multiply-adds (1/ln 2, ln 2's two parts, the polynomial: 9 of them) are scalars,
    // broadcast where they are used (C2 makes each a broadcast from the code's constant table); the other 8 stay
    // static final vectors. A vector constant is a box whose float[] payload C2 loads, and in a loop that stores
    // into a float[] (every exp map: expShifted, Float32Simd.exp, expFnma) C2 cannot prove the store leaves that
    // payload alone, so it reloads each vector constant every 8 elements: a 512x1000 map took 0.32 ms with all 17
    // as vectors, 0.21 with all scalars, 0.23-0.24 with this mix. The interpreter and C1, which run a young
    // kernel's first calls, allocate a box for each broadcast on every use instead: the same map in C1's profiled
    // tier took 630 ms with vectors, 836 with all scalars, 724 with this mix (eleventh session, bench/RESULTS.md).
    private static final float EXP_C0 = 0.000198527617612853646278381f;
    private static final float EXP_C1 = 0.00139304355252534151077271f;
    private static final float EXP_C2 = 0.00833336077630519866943359f;
    private static final float EXP_C3 = 0.0416664853692054748535156f;
    private static final float EXP_C4 = 0.166666671633720397949219f;
    private static final FloatVector TWO22 = FloatVector.broadcast(F, 4194304f);
    private static final FloatVector EXP_MAGIC = FloatVector.broadcast(F, MAGIC), EXP_UNDER = FloatVector.broadcast(F, -104f);
    private static final FloatVector EXP_OVER = FloatVector.broadcast(F, 100f), EXP_INF = FloatVector.broadcast(F, Float.POSITIVE_INFINITY);
    private static final IntVector EXP_MAGIC_BITS = IntVector.broadcast(I, MAGIC_BITS), EXP_BIAS = IntVector.broadcast(I, 0x7f);

    /** Sleef32.exp, its helpers written out (see the comment above). */
    static FloatVector exp(FloatVector d) {
        FloatVector dl = d.mul(Sleef32.R_LN2);
        // Sleef32.rintToInt (_mm256_cvtps_epi32): below 2^22 in magnitude, adding 1.5 * 2^23 rounds to an integer
        // (ties to even) that the low bits of the sum hold. Every lane takes that path, with no test: a lane whose
        // q is wrong by it (|d * R_LN2| >= 2^22, inf, NaN) has d below -104 or above 100, whose result the two
        // blends below replace, or d NaN, whose result is d's NaN through s whatever q is (q only scales u by
        // powers of two with zero mantissas, never NaNs).
        IntVector q = dl.add(EXP_MAGIC).reinterpretAsInts().sub(EXP_MAGIC_BITS);
        FloatVector qf = (FloatVector) q.convert(VectorOperators.I2F, 0);
        FloatVector s = qf.lanewise(VectorOperators.FMA, -Sleef32.L2U, d);
        s = qf.lanewise(VectorOperators.FMA, -Sleef32.L2L, s);
        FloatVector u = FloatVector.broadcast(F, EXP_C0);
        u = u.lanewise(VectorOperators.FMA, s, EXP_C1);
        u = u.lanewise(VectorOperators.FMA, s, EXP_C2);
        u = u.lanewise(VectorOperators.FMA, s, EXP_C3);
        u = u.lanewise(VectorOperators.FMA, s, EXP_C4);
        u = u.lanewise(VectorOperators.FMA, s, 0.5f);
        u = ONE.add(s.mul(s).fma(u, s));
        // ldexp2(u, q): u * 2^(q >> 1) * 2^(q - (q >> 1)), each power made from its exponent bits
        IntVector qh = q.lanewise(VectorOperators.ASHR, 1);
        FloatVector p1 = qh.add(EXP_BIAS).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector p2 = q.sub(qh).add(EXP_BIAS).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        u = u.mul(p1).mul(p2);
        u = u.blend(ZERO, d.compare(VectorOperators.LT, EXP_UNDER));
        u = u.blend(EXP_INF, d.compare(VectorOperators.GT, EXP_OVER));
        return u;
    }

    /** Sleef32.rintToInt of each of 8 floats: exp's rare path (a lane of 2^22 or more in magnitude, inf or NaN). */
    private static int[] rintToIntLanes(float[] f) {
        int[] q = new int[LANES];
        for (int i = 0; i < LANES; i++) q[i] = Sleef32.rintToInt(f[i]);
        return q;
    }

    /**
     * Sleef32.tanh, its expk2, rec, add and div spelled out on pairs of vectors (hi, lo) in DoubleFloat's
     * operation order: C2 keeps vectors in registers only through locals (a pair held in an object was 20x slower).
     * Over {@code body} elements (a multiple of 8), the loop here: at 984 bytecodes the method is past C2's
     * FreqInlineSize (325), so as a method of one vector it was never inlined into its loop and boxed its argument
     * and result every 8 elements (4 MB a 512x1000 tensor, in every JVM: bench/UnaryBytes.java).
     */
    static void tanh(float[] src, int srcOff, float[] dst, int dstOff, int body) {
        for (int i = 0; i < body; i += LANES) {
            FloatVector x = FloatVector.fromArray(F, src, srcOff + i);
            FloatVector y = x.abs();
            // d = expk2(y + 0)
            FloatVector dx = y, dy = ZERO;
            FloatVector dl = dx.add(dy).mul(Sleef32.R_LN2);
            IntVector q = dl.abs().compare(VectorOperators.LT, TWO22).allTrue() // rintToInt (exp needs no test: see there)
                    ? dl.add(MAGIC_V).reinterpretAsInts().sub(MAGIC_BITS_V)
                    : IntVector.fromArray(I, rintToIntLanes(dl.toArray()), 0);
            FloatVector qf = (FloatVector) q.convert(VectorOperators.I2F, 0);
            FloatVector b = qf.mul(-Sleef32.L2U); // s = d.add2(b)
            FloatVector sx = dx.add(b), v = sx.sub(dx);
            FloatVector sy = dx.sub(sx.sub(v)).add(b.sub(v)).add(dy);
            b = qf.mul(-Sleef32.L2L); // s = s.add2(b)
            FloatVector s2 = sx.add(b);
            v = s2.sub(sx);
            sy = sx.sub(s2.sub(v)).add(b.sub(v)).add(sy);
            sx = s2;
            FloatVector u = FloatVector.broadcast(F, +0.1980960224e-3f);
            u = u.fma(sx, FloatVector.broadcast(F, +0.1394256484e-2f));
            u = u.fma(sx, FloatVector.broadcast(F, +0.8333456703e-2f));
            u = u.fma(sx, FloatVector.broadcast(F, +0.4166637361e-1f));
            // t = s.mul(u).add2(c)
            FloatVector tx = sx.mul(u);
            FloatVector ty = sy.fma(u, sx.fma(u, tx.neg()));
            b = FloatVector.broadcast(F, +0.166666659414234244790680580464e+0f);
            FloatVector t2 = tx.add(b);
            v = t2.sub(tx);
            ty = tx.sub(t2.sub(v)).add(b.sub(v)).add(ty);
            tx = t2;
            // t = s.mul(t).add2(0.5)
            t2 = sx.mul(tx);
            ty = sx.fma(ty, sy.fma(tx, sx.fma(tx, t2.neg())));
            tx = t2;
            b = FloatVector.broadcast(F, 0.5f);
            t2 = tx.add(b);
            v = t2.sub(tx);
            ty = tx.sub(t2.sub(v)).add(b.sub(v)).add(ty);
            tx = t2;
            // t = s.add2(s.square().mul(t))
            FloatVector qx = sx.mul(sx);
            FloatVector qy = sx.add(sx).fma(sy, sx.fma(sx, qx.neg()));
            FloatVector mx = qx.mul(tx);
            FloatVector my = qx.fma(ty, qy.fma(tx, qx.fma(tx, mx.neg())));
            tx = sx.add(mx);
            v = tx.sub(sx);
            ty = sx.sub(tx.sub(v)).add(mx.sub(v)).add(sy.add(my));
            // t = 1 + t
            t2 = ONE.add(tx);
            ty = ONE.sub(t2).add(tx).add(ty);
            tx = t2;
            VectorMask<Float> under = dx.compare(VectorOperators.LT, -104f);
            // ldexp2(tx, q) and ldexp2(ty, q) written out: as calls they were left out of line past C2's
            // NodeCountInliningCutoff, boxing their vectors (see sin)
            IntVector qh = q.lanewise(VectorOperators.ASHR, 1);
            FloatVector p1 = qh.add(0x7f).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            FloatVector p2 = q.sub(qh).add(0x7f).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            dx = tx.mul(p1).mul(p2).blend(0f, under);
            dy = ty.mul(p1).mul(p2).blend(0f, under);
            // e = d.rec()
            FloatVector ex = ONE.div(dx);
            FloatVector ey = ex.mul(dy.neg().fma(ex, dx.neg().fma(ex, ONE)));
            // n = d.add(e.neg()), m = d.add(e)
            FloatVector nbx = ex.neg(), nby = ey.neg();
            FloatVector nx = dx.add(nbx);
            FloatVector ny = dx.sub(nx).add(nbx).add(dy).add(nby);
            FloatVector px = dx.add(ex);
            FloatVector py = dx.sub(px).add(ex).add(dy).add(ey);
            // d = n.div(p)
            FloatVector r = ONE.div(px);
            FloatVector hx = nx.mul(r);
            u = r.fma(nx, hx.neg());
            v = py.neg().fma(r, px.neg().fma(r, ONE));
            FloatVector hy = hx.fma(v, ny.fma(r, u));
            y = hx.add(hy);
            y = y.blend(1f, x.abs().compare(VectorOperators.GT, 8.664339742f).or(y.test(VectorOperators.IS_NAN)));
            // mulsign(y, x), written out as ldexp2 above
            y = y.reinterpretAsInts().lanewise(VectorOperators.XOR, x.reinterpretAsInts().and(0x80000000)).reinterpretAsFloats();
            y.blend(Sleef32.ALL_ONES, x.test(VectorOperators.IS_NAN)).intoArray(dst, dstOff + i);
        }
    }

    /** The vector form of sigmoid: {@code 1 / (exp(0 - x) + 1)}. */
    static FloatVector sigmoid(FloatVector x) {
        return ONE.div(exp(ZERO.sub(x)).add(1f));
    }

    // ---- log ----

    /** Sleef32.log, its DoubleFloat steps spelled out, over whole vectors of {@code body} elements (555 bytecodes: see tanh). */
    static void log(float[] src, int srcOff, float[] dst, int dstOff, int body) {
        for (int i = 0; i < body; i += LANES) {
            FloatVector d = FloatVector.fromArray(F, src, srcOff + i);
            VectorMask<Float> o = d.compare(VectorOperators.LT, Sleef32.FLT_MIN);
            FloatVector dd = d.blend(d.mul(Sleef32.TWO64), o);
            // ilogb2k(dd / 0.75) and ldexp3(dd, -e) written out (see exp)
            IntVector e = dd.mul(1.0f / 0.75f).reinterpretAsInts().lanewise(VectorOperators.LSHR, 23).and(0xff).sub(0x7f);
            FloatVector m = dd.reinterpretAsInts().add(e.neg().lanewise(VectorOperators.LSHL, 23)).reinterpretAsFloats();
            // e - 64 where o: the 64 blended in on float lanes as its bit pattern (no mask cast: see sin)
            e = e.sub(ZERO.blend(Float.intBitsToFloat(64), o).reinterpretAsInts());
            // s = (ln2 hi, lo).mul(e)
            FloatVector ef = (FloatVector) e.convert(VectorOperators.I2F, 0);
            FloatVector c1 = FloatVector.broadcast(F, 0.69314718246459960938f);
            FloatVector sx = c1.mul(ef);
            FloatVector sy = FloatVector.broadcast(F, -1.904654323148236017e-09f).fma(ef, c1.fma(ef, sx.neg()));
            // x = add2(-1, m).div(add2(1, m))
            FloatVector minus1 = FloatVector.broadcast(F, -1f);
            FloatVector ax = minus1.add(m), v = ax.sub(minus1);
            FloatVector ay = minus1.sub(ax.sub(v)).add(m.sub(v));
            FloatVector bx = ONE.add(m);
            v = bx.sub(ONE);
            FloatVector by = ONE.sub(bx.sub(v)).add(m.sub(v));
            FloatVector r = ONE.div(bx);
            FloatVector xx = ax.mul(r);
            FloatVector u = r.fma(ax, xx.neg());
            v = by.neg().fma(r, bx.neg().fma(r, ONE));
            FloatVector xy = xx.fma(v, ay.fma(r, u));
            FloatVector x2 = xx.mul(xx);
            FloatVector t = FloatVector.broadcast(F, +0.3027294874e+0f);
            t = t.fma(x2, FloatVector.broadcast(F, +0.3996108174e+0f));
            t = t.fma(x2, FloatVector.broadcast(F, +0.6666694880e+0f));
            // s = s.add(x.scale(2)); s = s.add(x2 * x * t)
            FloatVector kx = xx.mul(2f), ky = xy.mul(2f);
            FloatVector s2 = sx.add(kx);
            sy = sx.sub(s2).add(kx).add(sy).add(ky);
            sx = s2;
            FloatVector w = x2.mul(xx).mul(t);
            s2 = sx.add(w);
            sy = sx.sub(s2).add(w).add(sy);
            r = s2.add(sy);
            r = r.blend(Float.POSITIVE_INFINITY, dd.compare(VectorOperators.EQ, Float.POSITIVE_INFINITY));
            r = r.blend(Float.NaN, dd.compare(VectorOperators.LT, 0f).or(dd.test(VectorOperators.IS_NAN)));
            r = r.blend(Float.NEGATIVE_INFINITY, dd.compare(VectorOperators.EQ, 0f));
            r.intoArray(dst, dstOff + i);
        }
    }

    // ---- trigonometric: the Cody-Waite path (every lane |d| < 125; the caller checks) ----

    // sin's and cos's constants as vectors made once: C2 stops inlining a method's callees once it has parsed
    // ~18,000 nodes (NodeCountInliningCutoff, not settable in product JVMs), every Vector API call with a scalar
    // operand parses a broadcast too, and a callee left out of line boxes every vector it is passed. With the
    // scalar forms cos's sinPoly was not inlined (cos 2.3 ns an element, 1.3 with these; `bench/MathBench simd`).
    private static final FloatVector SIN_C0 = FloatVector.broadcast(F, 2.6083159809786593541503e-06f);
    private static final FloatVector SIN_C1 = FloatVector.broadcast(F, -0.0001981069071916863322258f);
    private static final FloatVector SIN_C2 = FloatVector.broadcast(F, 0.00833307858556509017944336f);
    private static final FloatVector SIN_C3 = FloatVector.broadcast(F, -0.166666597127914428710938f);
    private static final FloatVector COS_A = FloatVector.broadcast(F, -Sleef32.PI_A2 * 0.5f);
    private static final FloatVector COS_B = FloatVector.broadcast(F, -Sleef32.PI_B2 * 0.5f);
    private static final FloatVector COS_C = FloatVector.broadcast(F, -Sleef32.PI_C2 * 0.5f);
    private static final FloatVector ONE_PI = FloatVector.broadcast(F, Sleef32.M_1_PI);
    private static final FloatVector MINUS_HALF = FloatVector.broadcast(F, -0.5f);
    private static final FloatVector TWO = FloatVector.broadcast(F, 2f);
    private static final FloatVector MAGIC_V = FloatVector.broadcast(F, MAGIC);
    private static final IntVector MAGIC_BITS_V = IntVector.broadcast(I, MAGIC_BITS);
    private static final IntVector INT_TWO = IntVector.broadcast(I, 2);

    /** Sleef32.sinPoly of the double-float (tx, ty), its steps spelled out (see tanh). */
    private static FloatVector sinPoly(FloatVector tx, FloatVector ty) {
        FloatVector sx = tx.mul(tx);
        FloatVector sy = tx.add(tx).fma(ty, tx.fma(tx, sx.neg()));
        FloatVector u = SIN_C0;
        u = u.fma(sx, SIN_C1);
        u = u.fma(sx, SIN_C2);
        // a = add(c, u * s.x); a.mul(s); 1 + that
        FloatVector c = SIN_C3;
        FloatVector b = u.mul(sx);
        FloatVector ax = c.add(b);
        FloatVector ay = c.sub(ax).add(b);
        FloatVector mx = ax.mul(sx);
        FloatVector my = ax.fma(sy, ay.fma(sx, ax.fma(sx, mx.neg())));
        FloatVector xx = ONE.add(mx);
        FloatVector xy = ONE.sub(xx).add(mx).add(my);
        return tx.fma(xx, ty.fma(xx, tx.mul(xy)));
    }

    /** Sleef32.sin for lanes that are all finite and below 125 in magnitude. */
    static FloatVector sin(FloatVector d) {
        FloatVector u = rint(d.mul(ONE_PI));
        // rintToInt without its range check: |u| < 40 here (the caller's |d| < 125)
        IntVector q = u.add(MAGIC_V).reinterpretAsInts().sub(MAGIC_BITS_V);
        FloatVector v = u.fma(FloatVector.broadcast(F, -Sleef32.PI_A2), d);
        // s = add2(v, u * -PI_B2); s = s.add(u * -PI_C2)
        FloatVector b = u.mul(-Sleef32.PI_B2);
        FloatVector sx = v.add(b), w = sx.sub(v);
        FloatVector sy = v.sub(sx.sub(w)).add(b.sub(w));
        b = u.mul(-Sleef32.PI_C2);
        FloatVector s2 = sx.add(b);
        sy = sx.sub(s2).add(b).add(sy);
        FloatVector r = sinPoly(s2, sy);
        // -r where q is odd (q's low bit xor'ed into the sign bit), then d itself where d is -0.0 (a blend on int
        // lanes). Written out here, on int lanes: the former float blends with int masks cast to float lanes, and
        // helper calls for these two steps, were each left out of line by C2 (NodeCountInliningCutoff: this method
        // is large once its vector calls are expanded), so every vector passed was boxed: sin and cos took
        // 2.0-3.5 ns an element instead of 0.9-1.0 (`bench/MathBench simd`)
        IntVector ri = r.reinterpretAsInts().lanewise(VectorOperators.XOR, q.lanewise(VectorOperators.LSHL, 31));
        IntVector di = d.reinterpretAsInts();
        return ri.blend(di, di.compare(VectorOperators.EQ, 0x80000000)).reinterpretAsFloats();
    }

    /** Sleef32.cos for lanes that are all finite and below 125 in magnitude. */
    static FloatVector cos(FloatVector d) {
        FloatVector dq = rint(d.fma(ONE_PI, MINUS_HALF)).fma(TWO, ONE);
        IntVector q = dq.add(MAGIC_V).reinterpretAsInts().sub(MAGIC_BITS_V); // rintToInt, |dq| < 81 (as sin)
        // s = add2(d, dq * -PI_A2 / 2); s = s.add2(dq * -PI_B2 / 2); s = s.add2(dq * -PI_C2 / 2)
        FloatVector b = dq.mul(COS_A);
        FloatVector sx = d.add(b), v = sx.sub(d);
        FloatVector sy = d.sub(sx.sub(v)).add(b.sub(v));
        b = dq.mul(COS_B);
        FloatVector s2 = sx.add(b);
        v = s2.sub(sx);
        sy = sx.sub(s2.sub(v)).add(b.sub(v)).add(sy);
        sx = s2;
        b = dq.mul(COS_C);
        s2 = sx.add(b);
        v = s2.sub(sx);
        sy = sx.sub(s2.sub(v)).add(b.sub(v)).add(sy);
        FloatVector r = sinPoly(s2, sy);
        // -r where q & 2 is 0: that bit inverted, moved to the sign bit (written out on int lanes, as in sin)
        IntVector sign = q.and(INT_TWO).lanewise(VectorOperators.XOR, INT_TWO).lanewise(VectorOperators.LSHL, 30);
        return r.reinterpretAsInts().lanewise(VectorOperators.XOR, sign).reinterpretAsFloats();
    }
}
