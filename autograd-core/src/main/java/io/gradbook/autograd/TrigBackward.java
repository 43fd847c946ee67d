// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import io.gradbook.autograd.math.Float32Unary;

/**
 * SinBackward0's {@code grad * x.cos()} and CosBackward0's {@code grad * -x.sin()} in one pass over large float32
 * tensors: cos (or sin) of a block of x into a small scratch that stays in L1, then the products into the result.
 * The unfused rule wrote the 4 MB cos of a 1000x1000 x out and read it back for the product (a pass of its own,
 * 0.24 ms on one thread: bench/SinRowProfile.java).
 *
 * <p>Same bits: the trig kernel decides its fast or slow path per group of 8 from the start of each call, and every
 * block starts a multiple of 8 into a pool chunk (itself a multiple of 16 into the tensor), so each group is the one
 * {@code x.cos()} sees; the product is the same float multiplication, grad first as in the rule, and negation is
 * exact. Used only when no graph is recorded (create_graph=False) and x and grad are contiguous
 * float32 of one shape; everything else takes the rule's plain ops.
 */
final class TrigBackward {
    private TrigBackward() {}

    /** Elements per block: a multiple of 8, 8 KB of scratch. */
    static final int BLOCK = 2048;

    /** {@code g * cos(x)} ({@code cos}) or {@code g * -sin(x)}, fused; null where the plain ops must run. */
    static Tensor fused(Tensor g, Tensor x, boolean cos) {
        int n = x.numel();
        if (GradMode.isEnabled() || n < TensorIterator.PARALLEL_MIN || g.dtype() != DType.FLOAT32 || x.dtype() != DType.FLOAT32
                || !java.util.Arrays.equals(g.shapeArray(), x.shapeArray()) || !g.isContiguous() || !x.isContiguous()) {
            return null;
        }
        int[] shape = x.shapeArray().clone();
        Tensor out = Tensor.emptyForWrite(shape, DType.FLOAT32); // every element written below
        float[] o = ((Storage.FloatStorage) out.storage).a, xa = ((Storage.FloatStorage) x.storage).a, ga = ((Storage.FloatStorage) g.storage).a;
        TensorIterator.of(shape, out, x, g).forEach((p, len) -> {
            float[] t = new float[Math.min(len, BLOCK)];
            for (int b = 0; b < len; b += BLOCK) {
                int m = Math.min(BLOCK, len - b), xo = p[1] + b, go = p[2] + b, oo = p[0] + b;
                if (cos) {
                    Float32Unary.cos(xa, xo, t, 0, m);
                    for (int i = 0; i < m; i++) o[oo + i] = ga[go + i] * t[i];
                } else {
                    Float32Unary.sin(xa, xo, t, 0, m);
                    for (int i = 0; i < m; i++) o[oo + i] = ga[go + i] * -t[i];
                }
            }
        });
        return out;
    }
}
