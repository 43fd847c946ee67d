// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

/**
 * PyTorch 1.13's float32 exp2 on CPU: its vectorized exp2 is {@code map(std::exp2)}, so every element, vector body
 * and tail alike, is glibc's exp2f ({@code Glibc.exp2f}, within 0.502 ULP, not always correctly rounded: a rounded
 * {@code Math.pow(2, x)} differed on 1 of 70,000). Checked against libm ({@code Glibc64Test}) and PyTorch
 * ({@code SweepTest}'s exp2 cases).
 *
 * <pre>
 * jshell&gt; Float32Exp2.exp2(0.5f)
 * $1 ==&gt; 1.4142135
 * </pre>
 */
public final class Float32Exp2 {
    private Float32Exp2() {}

    public static float exp2(float x) {
        return Glibc.exp2f(x);
    }

    /** Float32Unary's contract: {@code dst[dstOff + i] = exp2(src[srcOff + i])}. */
    public static void exp2(float[] src, int srcOff, float[] dst, int dstOff, int n) {
        for (int i = 0; i < n; i++) dst[dstOff + i] = Glibc.exp2f(src[srcOff + i]);
    }
}
