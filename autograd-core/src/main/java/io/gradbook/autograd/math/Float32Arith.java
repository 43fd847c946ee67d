// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

/**
 * float32 add, sub, mul, div and {@code add(alpha)} over contiguous runs: {@code o[oo + i] = a[ao + i] op b[bo + i *
 * bs]} with {@code bs} 1 (a same-shape operand) or 0 (a broadcast scalar). One correctly rounded float operation per
 * element ({@code add(alpha)}: one fused multiply-add, {@code fma(b, alpha, a)}), as PyTorch's float kernels; whole
 * vectors of 8 run through the Vector API where {@link Simd#enabled()} ({@link Float32Simd}), the same operations,
 * so the same bits. C2 did not vectorize the plain loops here (three arrays at three run-time offsets, one of them
 * possibly the output): {@code w.sub_(g)} on 784x256 measured 0.33 ns per element, one element per cycle.
 * {@code o} may be {@code a} or {@code b} at the same offset (in-place ops), never partly overlapping them.
 *
 * <pre>
 * jshell&gt; float[] o = new float[1]; Float32Arith.add(o, 0, new float[] {1f}, 0, new float[] {2f}, 0, 0, 1); o[0]
 * $2 ==&gt; 3.0
 * </pre>
 */
public final class Float32Arith {
    private Float32Arith() {}

    /**
     * Runs shorter than this stay on the scalar loop. Until C2 has compiled a Vector API loop (its first few thousand
     * calls) every lanewise operation runs in Java and allocates, ~50x slower than the scalar loop: a notebook's
     * tiny-tensor loop would pay that for thousands of steps, while 8 lanes save nothing worth it below a few
     * hundred elements.
     */
    public static final int MIN_VECTOR_RUN = 256;

    public static void add(float[] o, int oo, float[] a, int ao, float[] b, int bo, int bs, int n) {
        check(o, oo, a, ao, b, bo, bs, n);
        int i = n >= MIN_VECTOR_RUN && Simd.enabled() ? Float32Simd.add(o, oo, a, ao, b, bo, bs, n) : 0;
        for (; i < n; i++) o[oo + i] = a[ao + i] + b[bo + i * bs];
    }

    public static void sub(float[] o, int oo, float[] a, int ao, float[] b, int bo, int bs, int n) {
        check(o, oo, a, ao, b, bo, bs, n);
        int i = n >= MIN_VECTOR_RUN && Simd.enabled() ? Float32Simd.sub(o, oo, a, ao, b, bo, bs, n) : 0;
        for (; i < n; i++) o[oo + i] = a[ao + i] - b[bo + i * bs];
    }

    public static void mul(float[] o, int oo, float[] a, int ao, float[] b, int bo, int bs, int n) {
        check(o, oo, a, ao, b, bo, bs, n);
        int i = n >= MIN_VECTOR_RUN && Simd.enabled() ? Float32Simd.mul(o, oo, a, ao, b, bo, bs, n) : 0;
        for (; i < n; i++) o[oo + i] = a[ao + i] * b[bo + i * bs];
    }

    public static void div(float[] o, int oo, float[] a, int ao, float[] b, int bo, int bs, int n) {
        check(o, oo, a, ao, b, bo, bs, n);
        int i = n >= MIN_VECTOR_RUN && Simd.enabled() ? Float32Simd.div(o, oo, a, ao, b, bo, bs, n) : 0;
        for (; i < n; i++) o[oo + i] = a[ao + i] / b[bo + i * bs];
    }

    /** {@code a + alpha * b} as one fused multiply-add (PyTorch's vec::fmadd; its scalar tail contracts to the same). */
    public static void addAlpha(float[] o, int oo, float[] a, int ao, float[] b, int bo, int bs, int n, float alpha) {
        check(o, oo, a, ao, b, bo, bs, n);
        int i = n >= MIN_VECTOR_RUN && Simd.enabled() ? Float32Simd.addAlpha(o, oo, a, ao, b, bo, bs, n, alpha) : 0;
        for (; i < n; i++) o[oo + i] = Math.fma(b[bo + i * bs], alpha, a[ao + i]);
    }

    private static void check(float[] o, int oo, float[] a, int ao, float[] b, int bo, int bs, int n) {
        if (bs != 0 && bs != 1) throw new IllegalArgumentException("stride of b must be 0 or 1: " + bs);
        Float32Reduce.checkRange(o.length, oo, n);
        Float32Reduce.checkRange(a.length, ao, n);
        if (n > 0) Float32Reduce.checkRange(b.length, bo, bs == 0 ? 1 : n);
    }
}
