// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

/**
 * float32 {@code hypot(a, b)} broadcast, through PyTorch's loop ({@link io.gradbook.autograd.math.Float32Hypot}:
 * SLEEF on a run's vector body, glibc on its tail), as {@code Elementwise.hypot64} runs float64.
 */
final class Hypot32 {
    private Hypot32() {}

    static Tensor hypot(Tensor a, Tensor b) {
        int[] sa = a.shapeArray(), sb = b.shapeArray();
        int[] shape = java.util.Arrays.equals(sa, sb) ? sa.clone() : Shape.broadcast(sa, sb);
        Tensor x = Elementwise.convert(a, DType.FLOAT32), y = Elementwise.convert(b, DType.FLOAT32);
        Tensor out = Tensor.empty(shape, DType.FLOAT32);
        TensorIterator it = TensorIterator.of(shape, out, x, y);
        int os = it.innerStride(0), as = it.innerStride(1), bs = it.innerStride(2);
        float[] o = ((Storage.FloatStorage) out.storage).a;
        float[] xa = ((Storage.FloatStorage) x.storage).a, ya = ((Storage.FloatStorage) y.storage).a;
        TensorIterator.Run loop = (p, n) -> io.gradbook.autograd.math.Float32Hypot.hypot(o, p[0], os, xa, p[1], as, ya, p[2], bs, n);
        if (it.chunksKeepRuns()) it.forEach(loop);
        else it.forEachSequential(loop); // chunks cut mid-run would move the scalar tails
        return out;
    }
}
