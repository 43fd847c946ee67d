// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

/**
 * {@link Float32Runs} for float64: a unary op over a non-contiguous input in PyTorch's runs (memory order, coalesced
 * inner dims; a stride-1 run through the vector body and scalar tail, any other run through the scalar op), for the
 * float64 ops whose vector and scalar code differ (sigmoid, sinh, cosh: Float64Unary), written into the laid-out result.
 */
final class Float64Runs {
    private Float64Runs() {}

    /** The op over a strided run (DoubleMath.unary's contract). */
    @FunctionalInterface
    interface Loop {
        void apply(double[] src, int srcOff, int srcStride, double[] dst, int dstOff, int dstStride, int n);
    }

    /** f over x (float64) in PyTorch's runs, written into {@code out} at its strides (Float32Runs.mapInto); false when x has a zero or negative stride (callers keep their path). */
    static boolean mapInto(Tensor x, Tensor out, Loop f) {
        double[] a = ((Storage.DoubleStorage) x.storage).a, o = ((Storage.DoubleStorage) out.storage).a;
        MemoryOrderWalk w = MemoryOrderWalk.of(x, out.strides);
        if (w == null) return false;
        int n = x.numel(), run = w.run;
        if (n == 0) return true;
        w.logical = out.offset;
        boolean whole = w.runContiguousInTarget();
        double[] tmp = whole ? null : new double[run];
        for (int done = 0; done < n; done += run) {
            if (whole) {
                f.apply(a, w.pos, w.inner, o, w.logical, 1, run);
                w.nextRun();
            } else {
                f.apply(a, w.pos, w.inner, tmp, 0, 1, run);
                for (int j = 0; j < run; j++) {
                    o[w.logical] = tmp[j];
                    w.step();
                }
            }
        }
        return true;
    }
}
