// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

/**
 * A float32 unary op over a non-contiguous input, element for element as PyTorch 1.13's TensorIterator runs it
 * (one thread): dims ordered by the input's strides (innermost = smallest; the output is laid out to match),
 * runs along the coalesced inner dims; a run of stride 1 goes through the loop whole (vector body, scalar tail,
 * as cpu_kernel_vec), any other run element by element (PyTorch's basic_loop: the scalar op). So a transposed
 * input is computed in its memory order (the tail falls on its last elements in memory) and a sliced one through
 * the scalar op everywhere. Values come back in row-major order (Gradbook's outputs stay contiguous).
 */
final class Float32Runs {
    private Float32Runs() {}

    /** The op's contract over a contiguous run (Float32Unary's loops). */
    @FunctionalInterface
    interface Loop {
        void apply(float[] src, int srcOff, float[] dst, int dstOff, int n);
    }

    /** f over x (float32) in PyTorch's runs, row-major; null when x has a zero or negative stride (callers keep their path). */
    static float[] map(Tensor x, Loop f) {
        float[] a = ((Storage.FloatStorage) x.storage).a;
        MemoryOrderWalk w = MemoryOrderWalk.of(x);
        if (w == null) return null;
        int n = x.numel(), run = w.run, inner = w.inner;
        float[] out = new float[n];
        if (n == 0) return out;
        float[] tmp = new float[run];
        for (int done = 0; done < n; done += run) {
            if (inner == 1) {
                f.apply(a, w.pos, tmp, 0, run);
            } else {
                for (int j = 0; j < run; j++) f.apply(a, w.pos + j * inner, tmp, j, 1);
            }
            // scatter the run to row-major positions; the walk ends at the start of the next run
            for (int j = 0; j < run; j++) {
                out[w.logical] = tmp[j];
                w.step();
            }
        }
        return out;
    }
}
