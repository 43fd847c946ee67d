// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

/**
 * A float32 op of two inputs of one shape (an activation's backward: grad and saved input) run as PyTorch 1.13's
 * {@code cpu_kernel_vec} runs it, as {@link Float32Runs} does for one input: the result laid out by TensorIterator
 * (OutputLayout), the iteration in that order, and per run along the coalesced inner dim the vector loop where
 * every operand is contiguous or one input is a broadcast scalar (stride 0), else PyTorch's basic_loop, the scalar
 * op for every element. The op's loop over a contiguous run does the vector body and the scalar tail itself, so a
 * run of one element is the scalar op.
 */
final class Float32BinaryRuns {
    private Float32BinaryRuns() {}

    /** The op's contract over contiguous runs of both inputs (vector body, scalar tail). */
    @FunctionalInterface
    interface Loop {
        void apply(float[] a, int aOff, float[] b, int bOff, float[] dst, int dstOff, int n);
    }

    /** f over (a, b), both float32 and of one shape, in PyTorch's runs. */
    static Tensor apply(Tensor a, Tensor b, Loop f) {
        int[] shape = a.shapeArray().clone();
        Tensor out = OutputLayout.elementwise(shape, DType.FLOAT32, a, b);
        float[] o = ((Storage.FloatStorage) out.storage).a, x = ((Storage.FloatStorage) a.storage).a, y = ((Storage.FloatStorage) b.storage).a;
        TensorIterator it = TensorIterator.of(shape, out, a, b);
        int os = it.innerStride(0), as = it.innerStride(1), bs = it.innerStride(2);
        boolean vector = os == 1 && (as == 1 && bs == 1 || as == 1 && bs == 0 || as == 0 && bs == 1);
        it.forEachSequential((p, n) -> {
            if (vector && as == 1 && bs == 1) {
                f.apply(x, p[1], y, p[2], o, p[0], n);
            } else if (vector) {
                // the broadcast scalar spread over the run (the vector loop reads it as one Vec)
                float[] xs = as == 1 ? x : filled(x[p[1]], n), ys = bs == 1 ? y : filled(y[p[2]], n);
                f.apply(xs, as == 1 ? p[1] : 0, ys, bs == 1 ? p[2] : 0, o, p[0], n);
            } else {
                for (int j = 0; j < n; j++) f.apply(x, p[1] + j * as, y, p[2] + j * bs, o, p[0] + j * os, 1);
            }
        });
        return out;
    }

    private static float[] filled(float v, int n) {
        float[] r = new float[n];
        java.util.Arrays.fill(r, v);
        return r;
    }
}
