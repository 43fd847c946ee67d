// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

/**
 * A float32 value carried as an unevaluated sum {@code x + y} of two floats (a "double-float"), with the
 * arithmetic SLEEF's {@code df.h} defines for FMA targets (the AVX2 build PyTorch uses fuses exactly these
 * multiply-adds). Instances are tiny and short-lived; once the callers are inlined the JIT's escape analysis
 * keeps them in registers.
 */
record DoubleFloat(float x, float y) {
    static DoubleFloat of(float x) { return new DoubleFloat(x, 0f); }

    DoubleFloat neg() { return new DoubleFloat(-x, -y); }

    DoubleFloat scale(float s) { return new DoubleFloat(x * s, y * s); }

    DoubleFloat normalize() {
        float s = x + y;
        return new DoubleFloat(s, (x - s) + y);
    }

    /** dfadd_vf2_vf_vf: assumes |a| &gt;= |b|. */
    static DoubleFloat add(float a, float b) {
        float s = a + b;
        return new DoubleFloat(s, (a - s) + b);
    }

    /** dfadd2_vf2_vf_vf: no magnitude assumption. */
    static DoubleFloat add2(float a, float b) {
        float s = a + b;
        float v = s - a;
        return new DoubleFloat(s, (a - (s - v)) + (b - v));
    }

    /** dfadd2_vf2_vf_vf2. */
    static DoubleFloat add2(float a, DoubleFloat b) {
        float s = a + b.x;
        float v = s - a;
        return new DoubleFloat(s, ((a - (s - v)) + (b.x - v)) + b.y);
    }

    /** dfadd_vf2_vf2_vf. */
    DoubleFloat add(float b) {
        float s = x + b;
        return new DoubleFloat(s, ((x - s) + b) + y);
    }

    /** dfsub_vf2_vf2_vf. */
    DoubleFloat sub(float b) {
        float s = x - b;
        return new DoubleFloat(s, ((x - s) - b) + y);
    }

    /** dfadd2_vf2_vf2_vf. */
    DoubleFloat add2(float b) {
        float s = x + b;
        float v = s - x;
        float t = (x - (s - v)) + (b - v);
        return new DoubleFloat(s, t + y);
    }

    /** dfadd_vf2_vf_vf2. */
    static DoubleFloat add(float a, DoubleFloat b) {
        float s = a + b.x;
        return new DoubleFloat(s, ((a - s) + b.x) + b.y);
    }

    /** dfadd_vf2_vf2_vf2: assumes |this| &gt;= |b|. */
    DoubleFloat add(DoubleFloat b) {
        float s = x + b.x;
        return new DoubleFloat(s, (((x - s) + b.x) + y) + b.y);
    }

    /** dfadd2_vf2_vf2_vf2. */
    DoubleFloat add2(DoubleFloat b) {
        float s = x + b.x;
        float v = s - x;
        float t = (x - (s - v)) + (b.x - v);
        return new DoubleFloat(s, t + (y + b.y));
    }

    /** dfsub_vf2_vf2_vf2: assumes |this| &gt;= |b|. */
    DoubleFloat sub(DoubleFloat b) {
        float s = x - b.x;
        float t = x - s;
        t = t - b.x;
        t = t + y;
        return new DoubleFloat(s, t - b.y);
    }

    /** dfmul_vf2_vf_vf. */
    static DoubleFloat mul(float a, float b) {
        float s = a * b;
        return new DoubleFloat(s, Math.fma(a, b, -s));
    }

    /** dfmul_vf2_vf2_vf. */
    DoubleFloat mul(float b) {
        float s = x * b;
        return new DoubleFloat(s, Math.fma(y, b, Math.fma(x, b, -s)));
    }

    /** dfmul_vf2_vf2_vf2. */
    DoubleFloat mul(DoubleFloat b) {
        float s = x * b.x;
        return new DoubleFloat(s, Math.fma(x, b.y, Math.fma(y, b.x, Math.fma(x, b.x, -s))));
    }

    /** dfmul_vf_vf2_vf2: the product rounded to one float. */
    float mulToFloat(DoubleFloat b) {
        return Math.fma(x, b.x, Math.fma(y, b.x, x * b.y));
    }

    /** dfsqu_vf2_vf2. */
    DoubleFloat square() {
        float s = x * x;
        return new DoubleFloat(s, Math.fma(x + x, y, Math.fma(x, x, -s)));
    }

    /** dfrec_vf2_vf. */
    static DoubleFloat rec(float d) {
        float s = 1.0f / d;
        return new DoubleFloat(s, s * Math.fma(-d, s, 1f));
    }

    /** dfrec_vf2_vf2. */
    DoubleFloat rec() {
        float s = 1.0f / x;
        return new DoubleFloat(s, s * Math.fma(-y, s, Math.fma(-x, s, 1f)));
    }

    /** dfdiv_vf2_vf2_vf2 (FMA form). */
    DoubleFloat div(DoubleFloat d) {
        float t = 1.0f / d.x;
        float s = x * t;
        float u = Math.fma(t, x, -s);
        float v = Math.fma(-d.y, t, Math.fma(-d.x, t, 1f));
        return new DoubleFloat(s, Math.fma(s, v, Math.fma(y, t, u)));
    }

    /** dfsqrt_vf2_vf. */
    static DoubleFloat sqrt(float d) {
        float t = (float) Math.sqrt(d);
        return add2(d, mul(t, t)).mul(rec(t)).scale(0.5f);
    }
}
