// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

/**
 * Element-wise selections on float32 arrays that have no arithmetic, only a comparison and a choice; written
 * branch-free, 8 lanes at a time where {@link Simd#enabled()} ({@link Float32Simd}) from
 * {@link Float32Arith#MIN_VECTOR_RUN} elements, lane by lane otherwise, with the same results (relu's forward is
 * {@link Float32Unary#relu}, the same way). A branch per element mispredicts on random signs (relu's backward on a 128x256 activation
 * measured ~8 ns per element) and C2 does not vectorize such a loop.
 *
 * <pre>
 * jshell&gt; float[] o = new float[2]; Float32Select.thresholdBackward(new float[] {5f, 6f}, 0, new float[] {0f, 1f}, 0, o, 0, 2); o[1]
 * $3 ==&gt; 6.0
 * </pre>
 */
public final class Float32Select {
    private Float32Select() {}

    /**
     * PyTorch's {@code threshold_backward(grad, result, 0)}, relu's gradient: {@code dst[i] = y[i] <= 0 ? 0 :
     * g[i]}: masked entries are +0.0, and a NaN result passes the gradient through.
     */
    public static void thresholdBackward(float[] g, int gOff, float[] y, int yOff, float[] dst, int dstOff, int n) {
        Float32Reduce.checkRange(g.length, gOff, n);
        Float32Reduce.checkRange(y.length, yOff, n);
        Float32Reduce.checkRange(dst.length, dstOff, n);
        int done = n >= Float32Arith.MIN_VECTOR_RUN && Simd.enabled() ? Float32Simd.thresholdBackward(g, gOff, y, yOff, dst, dstOff, n) : 0;
        for (int i = done; i < n; i++) dst[dstOff + i] = y[yOff + i] <= 0f ? 0f : g[gOff + i];
    }
}
