// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

import jdk.incubator.vector.FloatVector;

/**
 * {@link DoubleFloat} eight lanes at a time: the same {@code df.h} operations, term for term and in the same order,
 * on {@code FloatVector}s of {@link Sleef32Vec#F} (fused multiply-adds exactly where DoubleFloat has
 * {@link Math#fma}), so each lane gives DoubleFloat's bits. Only loaded where the Vector API is (see {@link Simd}).
 * Once inlined into a kernel's loop, C2 keeps these pairs and their vectors in registers.
 */
record DoubleFloatVec(FloatVector x, FloatVector y) {
    static DoubleFloatVec of(FloatVector x) { return new DoubleFloatVec(x, Sleef32Vec.ZERO); }

    static DoubleFloatVec of(float x, float y) {
        return new DoubleFloatVec(FloatVector.broadcast(Sleef32Vec.F, x), FloatVector.broadcast(Sleef32Vec.F, y));
    }

    DoubleFloatVec neg() { return new DoubleFloatVec(x.neg(), y.neg()); }

    DoubleFloatVec scale(float s) { return new DoubleFloatVec(x.mul(s), y.mul(s)); }

    DoubleFloatVec normalize() {
        FloatVector s = x.add(y);
        return new DoubleFloatVec(s, x.sub(s).add(y));
    }

    /** dfadd_vf2_vf_vf. */
    static DoubleFloatVec add(FloatVector a, FloatVector b) {
        FloatVector s = a.add(b);
        return new DoubleFloatVec(s, a.sub(s).add(b));
    }

    /** dfadd2_vf2_vf_vf. */
    static DoubleFloatVec add2(FloatVector a, FloatVector b) {
        FloatVector s = a.add(b);
        FloatVector v = s.sub(a);
        return new DoubleFloatVec(s, a.sub(s.sub(v)).add(b.sub(v)));
    }

    /** dfadd2_vf2_vf_vf2. */
    static DoubleFloatVec add2(FloatVector a, DoubleFloatVec b) {
        FloatVector s = a.add(b.x);
        FloatVector v = s.sub(a);
        return new DoubleFloatVec(s, a.sub(s.sub(v)).add(b.x.sub(v)).add(b.y));
    }

    /** dfadd_vf2_vf2_vf. */
    DoubleFloatVec add(FloatVector b) {
        FloatVector s = x.add(b);
        return new DoubleFloatVec(s, x.sub(s).add(b).add(y));
    }

    /** dfadd2_vf2_vf2_vf. */
    DoubleFloatVec add2(FloatVector b) {
        FloatVector s = x.add(b);
        FloatVector v = s.sub(x);
        FloatVector t = x.sub(s.sub(v)).add(b.sub(v));
        return new DoubleFloatVec(s, t.add(y));
    }

    /** dfadd_vf2_vf_vf2. */
    static DoubleFloatVec add(FloatVector a, DoubleFloatVec b) {
        FloatVector s = a.add(b.x);
        return new DoubleFloatVec(s, a.sub(s).add(b.x).add(b.y));
    }

    /** dfadd_vf2_vf2_vf2. */
    DoubleFloatVec add(DoubleFloatVec b) {
        FloatVector s = x.add(b.x);
        return new DoubleFloatVec(s, x.sub(s).add(b.x).add(y).add(b.y));
    }

    /** dfadd2_vf2_vf2_vf2. */
    DoubleFloatVec add2(DoubleFloatVec b) {
        FloatVector s = x.add(b.x);
        FloatVector v = s.sub(x);
        FloatVector t = x.sub(s.sub(v)).add(b.x.sub(v));
        return new DoubleFloatVec(s, t.add(y.add(b.y)));
    }

    /** dfmul_vf2_vf_vf. */
    static DoubleFloatVec mul(FloatVector a, FloatVector b) {
        FloatVector s = a.mul(b);
        return new DoubleFloatVec(s, a.fma(b, s.neg()));
    }

    /** dfmul_vf2_vf2_vf. */
    DoubleFloatVec mul(FloatVector b) {
        FloatVector s = x.mul(b);
        return new DoubleFloatVec(s, y.fma(b, x.fma(b, s.neg())));
    }

    /** dfmul_vf2_vf2_vf2. */
    DoubleFloatVec mul(DoubleFloatVec b) {
        FloatVector s = x.mul(b.x);
        return new DoubleFloatVec(s, x.fma(b.y, y.fma(b.x, x.fma(b.x, s.neg()))));
    }

    /** dfmul_vf_vf2_vf2. */
    FloatVector mulToFloat(DoubleFloatVec b) {
        return x.fma(b.x, y.fma(b.x, x.mul(b.y)));
    }

    /** dfsqu_vf2_vf2. */
    DoubleFloatVec square() {
        FloatVector s = x.mul(x);
        return new DoubleFloatVec(s, x.add(x).fma(y, x.fma(x, s.neg())));
    }

    /** dfrec_vf2_vf2. */
    DoubleFloatVec rec() {
        FloatVector s = Sleef32Vec.ONE.div(x);
        return new DoubleFloatVec(s, s.mul(y.neg().fma(s, x.neg().fma(s, Sleef32Vec.ONE))));
    }

    /** dfdiv_vf2_vf2_vf2 (FMA form). */
    DoubleFloatVec div(DoubleFloatVec d) {
        FloatVector t = Sleef32Vec.ONE.div(d.x);
        FloatVector s = x.mul(t);
        FloatVector u = t.fma(x, s.neg());
        FloatVector v = d.y.neg().fma(t, d.x.neg().fma(t, Sleef32Vec.ONE));
        return new DoubleFloatVec(s, s.fma(v, y.fma(t, u)));
    }
}
