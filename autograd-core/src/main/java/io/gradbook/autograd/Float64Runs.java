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

    /**
     * f over an expanded float64 x (a stride-0 dim) in TensorIterator's runs, as {@link Float32Runs#applyExpanded}:
     * a run contiguous in input and output through the loop whole (vector body, scalar tail), a broadcast scalar too
     * (spread over the run: the vector loop reads it as one Vec), any other run element by element through the scalar
     * op. Null when x has a negative stride or is not held in a double array (callers keep their path).
     */
    static Tensor applyExpanded(Tensor x, Loop f) {
        if (!(x.storage instanceof Storage.DoubleStorage)) return null;
        for (int st : x.strides) if (st < 0) return null;
        int[] shape = x.shapeArray().clone();
        Tensor out = OutputLayout.elementwise(shape, DType.FLOAT64, x);
        double[] o = ((Storage.DoubleStorage) out.storage).a, a = ((Storage.DoubleStorage) x.storage).a;
        TensorIterator it = TensorIterator.of(shape, out, x);
        int os = it.innerStride(0), as = it.innerStride(1);
        it.forEachSequential((p, n) -> {
            if (os == 1 && as == 1) {
                f.apply(a, p[1], 1, o, p[0], 1, n);
            } else if (os == 1 && as == 0) {
                double[] run = new double[n];
                java.util.Arrays.fill(run, a[p[1]]);
                f.apply(run, 0, 1, o, p[0], 1, n);
            } else {
                for (int j = 0; j < n; j++) f.apply(a, p[1] + j * as, as, o, p[0] + j * os, os, 1); // one element: no vector body
            }
        });
        return out;
    }
}
