// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

/**
 * PyTorch's 8-lane row reductions ({@code vec::reduce_all}, {@code map_reduce_all}, {@code map2_reduce_all} of
 * an AVX2 build) computed lane by lane with the 8 lanes held in locals, for rows of at least 8: the first vector
 * loads the lanes, each further whole vector adds lanewise, the partial last vector adds into its first lanes
 * only, then the lane tree ({@code VecReduceAllSIMD}: halves, pairs of pairs, neighbours). The same float
 * operations in the same order as the vector code ({@link Float32Simd}, {@link Float32SoftmaxSimd}), so the same
 * bits, without the Vector API and without a work array: what a short row (softmax's 10 classes) runs, where the
 * Vector API's code costs more than it saves and, until C2 has compiled it, runs in Java and allocates per
 * lanewise step.
 */
final class Float32Lanes {
    private Float32Lanes() {}

    /** vec::reduce_all with +, n &gt;= 8. */
    static float reduceSum(float[] x, int o, int n) {
        float a0 = x[o], a1 = x[o + 1], a2 = x[o + 2], a3 = x[o + 3];
        float a4 = x[o + 4], a5 = x[o + 5], a6 = x[o + 6], a7 = x[o + 7];
        int d = 8;
        for (; d + 8 <= n; d += 8) {
            int b = o + d;
            a0 += x[b]; a1 += x[b + 1]; a2 += x[b + 2]; a3 += x[b + 3];
            a4 += x[b + 4]; a5 += x[b + 5]; a6 += x[b + 6]; a7 += x[b + 7];
        }
        int r = n - d, b = o + d;
        if (r > 0) a0 += x[b];
        if (r > 1) a1 += x[b + 1];
        if (r > 2) a2 += x[b + 2];
        if (r > 3) a3 += x[b + 3];
        if (r > 4) a4 += x[b + 4];
        if (r > 5) a5 += x[b + 5];
        if (r > 6) a6 += x[b + 6];
        return treeSum(a0, a1, a2, a3, a4, a5, a6, a7);
    }

    /** vec::reduce_all with vec::maximum ({@link Float32Softmax#maximum}), n &gt;= 8. */
    static float reduceMax(float[] x, int o, int n) {
        float a0 = x[o], a1 = x[o + 1], a2 = x[o + 2], a3 = x[o + 3];
        float a4 = x[o + 4], a5 = x[o + 5], a6 = x[o + 6], a7 = x[o + 7];
        int d = 8;
        for (; d + 8 <= n; d += 8) {
            int b = o + d;
            a0 = max(a0, x[b]); a1 = max(a1, x[b + 1]); a2 = max(a2, x[b + 2]); a3 = max(a3, x[b + 3]);
            a4 = max(a4, x[b + 4]); a5 = max(a5, x[b + 5]); a6 = max(a6, x[b + 6]); a7 = max(a7, x[b + 7]);
        }
        int r = n - d, b = o + d;
        if (r > 0) a0 = max(a0, x[b]);
        if (r > 1) a1 = max(a1, x[b + 1]);
        if (r > 2) a2 = max(a2, x[b + 2]);
        if (r > 3) a3 = max(a3, x[b + 3]);
        if (r > 4) a4 = max(a4, x[b + 4]);
        if (r > 5) a5 = max(a5, x[b + 5]);
        if (r > 6) a6 = max(a6, x[b + 6]);
        float w0 = max(a0, a4), w1 = max(a1, a5), w2 = max(a2, a6), w3 = max(a3, a7);
        return max(max(w0, w2), max(w1, w3));
    }

    /** vec::map_reduce_all of {@code exp(x - max)} (SLEEF) with +, n &gt;= 8. */
    static float mapExpReduceSum(float[] x, int o, int n, float m) {
        float a0 = exp(x[o] - m), a1 = exp(x[o + 1] - m), a2 = exp(x[o + 2] - m), a3 = exp(x[o + 3] - m);
        float a4 = exp(x[o + 4] - m), a5 = exp(x[o + 5] - m), a6 = exp(x[o + 6] - m), a7 = exp(x[o + 7] - m);
        int d = 8;
        for (; d + 8 <= n; d += 8) {
            int b = o + d;
            a0 += exp(x[b] - m); a1 += exp(x[b + 1] - m); a2 += exp(x[b + 2] - m); a3 += exp(x[b + 3] - m);
            a4 += exp(x[b + 4] - m); a5 += exp(x[b + 5] - m); a6 += exp(x[b + 6] - m); a7 += exp(x[b + 7] - m);
        }
        int r = n - d, b = o + d;
        if (r > 0) a0 += exp(x[b] - m);
        if (r > 1) a1 += exp(x[b + 1] - m);
        if (r > 2) a2 += exp(x[b + 2] - m);
        if (r > 3) a3 += exp(x[b + 3] - m);
        if (r > 4) a4 += exp(x[b + 4] - m);
        if (r > 5) a5 += exp(x[b + 5] - m);
        if (r > 6) a6 += exp(x[b + 6] - m);
        return treeSum(a0, a1, a2, a3, a4, a5, a6, a7);
    }

    /**
     * vec::map2_reduce_all of {@code g * y} with +, n &gt;= 8: the first vector's products rounded, then the
     * contracted {@code acc = fma(g, y, acc)}.
     */
    static float mapMulReduceSum(float[] g, int go, float[] y, int yo, int n) {
        float a0 = g[go] * y[yo], a1 = g[go + 1] * y[yo + 1], a2 = g[go + 2] * y[yo + 2], a3 = g[go + 3] * y[yo + 3];
        float a4 = g[go + 4] * y[yo + 4], a5 = g[go + 5] * y[yo + 5], a6 = g[go + 6] * y[yo + 6], a7 = g[go + 7] * y[yo + 7];
        int d = 8;
        for (; d + 8 <= n; d += 8) {
            int p = go + d, q = yo + d;
            a0 = Math.fma(g[p], y[q], a0); a1 = Math.fma(g[p + 1], y[q + 1], a1);
            a2 = Math.fma(g[p + 2], y[q + 2], a2); a3 = Math.fma(g[p + 3], y[q + 3], a3);
            a4 = Math.fma(g[p + 4], y[q + 4], a4); a5 = Math.fma(g[p + 5], y[q + 5], a5);
            a6 = Math.fma(g[p + 6], y[q + 6], a6); a7 = Math.fma(g[p + 7], y[q + 7], a7);
        }
        int r = n - d, p = go + d, q = yo + d;
        if (r > 0) a0 = Math.fma(g[p], y[q], a0);
        if (r > 1) a1 = Math.fma(g[p + 1], y[q + 1], a1);
        if (r > 2) a2 = Math.fma(g[p + 2], y[q + 2], a2);
        if (r > 3) a3 = Math.fma(g[p + 3], y[q + 3], a3);
        if (r > 4) a4 = Math.fma(g[p + 4], y[q + 4], a4);
        if (r > 5) a5 = Math.fma(g[p + 5], y[q + 5], a5);
        if (r > 6) a6 = Math.fma(g[p + 6], y[q + 6], a6);
        return treeSum(a0, a1, a2, a3, a4, a5, a6, a7);
    }

    private static float treeSum(float a0, float a1, float a2, float a3, float a4, float a5, float a6, float a7) {
        float w0 = a0 + a4, w1 = a1 + a5, w2 = a2 + a6, w3 = a3 + a7;
        return (w0 + w2) + (w1 + w3);
    }

    private static float max(float a, float b) {
        return Float32Softmax.maximum(a, b);
    }

    private static float exp(float x) {
        return Sleef32.exp(x);
    }
}
