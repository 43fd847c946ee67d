// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

/**
 * A float32 unary op over a non-contiguous input, element for element as PyTorch 1.13's TensorIterator runs it
 * (one thread): dims ordered by the input's strides (innermost = smallest; the output is laid out to match),
 * runs along the coalesced inner dims; a run of stride 1 goes through the loop whole (vector body, scalar tail,
 * as cpu_kernel_vec), any other run element by element (PyTorch's basic_loop: the scalar op). So a transposed
 * input is computed in its memory order (the tail falls on its last elements in memory) and a sliced one through
 * the scalar op everywhere. The result is laid out as PyTorch lays it out (OutputLayout: x's memory order), so
 * a stride-1 run is written whole where it is computed.
 */
final class Float32Runs {
    private Float32Runs() {}

    /** The op's contract over a contiguous run (Float32Unary's loops). */
    @FunctionalInterface
    interface Loop {
        void apply(float[] src, int srcOff, float[] dst, int dstOff, int n);
    }

    /**
     * f over an expanded x (a stride-0 dim) in TensorIterator's runs, as cpu_kernel_vec takes them: a run whose input
     * is contiguous through the loop whole (vector body, scalar tail), a broadcast scalar through it too (the vector
     * loop reads it as one Vec), any other run element by element (fuzz case more 572: celu of a [1, 7] row expanded
     * to [7, 7] is seven runs of 7, all scalar, where the whole tensor's vector body had taken 48 of 49). Null when x
     * has a negative stride or is not held in a float array (callers keep their path).
     */
    static Tensor applyExpanded(Tensor x, Loop f) {
        if (!(x.storage instanceof Storage.FloatStorage)) return null;
        for (int st : x.strides) if (st < 0) return null;
        int[] shape = x.shapeArray().clone();
        Tensor out = OutputLayout.elementwise(shape, DType.FLOAT32, x);
        float[] o = ((Storage.FloatStorage) out.storage).a, a = ((Storage.FloatStorage) x.storage).a;
        TensorIterator it = TensorIterator.of(shape, out, x);
        int os = it.innerStride(0), as = it.innerStride(1);
        it.forEachSequential((p, n) -> {
            if (os == 1 && as == 1) {
                f.apply(a, p[1], o, p[0], n);
            } else if (os == 1 && as == 0) {
                float[] run = new float[n];
                java.util.Arrays.fill(run, a[p[1]]);
                f.apply(run, 0, o, p[0], n);
            } else {
                float[] r1 = new float[1];
                for (int j = 0; j < n; j++) {
                    f.apply(a, p[1] + j * as, r1, 0, 1);
                    o[p[0] + j * os] = r1[0];
                }
            }
        });
        return out;
    }

    /** f over x (float32) in PyTorch's runs, in a result laid out as PyTorch lays it out (OutputLayout); null when x has a zero or negative stride. */
    static Tensor apply(Tensor x, Loop f) {
        Tensor out = OutputLayout.elementwise(x.shapeArray().clone(), DType.FLOAT32, x);
        return mapInto(x, out, f) ? out : null;
    }

    /**
     * f over x (float32) in PyTorch's runs, written into {@code out} (x's shape, any dense layout; OutputLayout's
     * is x's memory order, so a stride-1 run is written whole, in place); false when x has a zero or negative
     * stride (callers keep their path).
     */
    static boolean mapInto(Tensor x, Tensor out, Loop f) {
        float[] a = ((Storage.FloatStorage) x.storage).a, o = ((Storage.FloatStorage) out.storage).a;
        MemoryOrderWalk w = MemoryOrderWalk.of(x, out.strides);
        if (w == null) return false;
        int n = x.numel(), run = w.run, inner = w.inner;
        if (n == 0) return true;
        w.logical = out.offset;
        boolean whole = w.runContiguousInTarget();
        float[] tmp = whole ? null : new float[run];
        for (int done = 0; done < n; done += run) {
            if (whole && inner == 1) {
                f.apply(a, w.pos, o, w.logical, run);
                w.nextRun();
                continue;
            }
            if (inner == 1) {
                if (whole) f.apply(a, w.pos, o, w.logical, run);
                else f.apply(a, w.pos, tmp, 0, run);
            } else {
                for (int j = 0; j < run; j++) {
                    if (whole) f.apply(a, w.pos + j * inner, o, w.logical + j, 1);
                    else f.apply(a, w.pos + j * inner, tmp, j, 1);
                }
            }
            if (whole) {
                w.nextRun();
            } else {
                for (int j = 0; j < run; j++) {
                    o[w.logical] = tmp[j];
                    w.step();
                }
            }
        }
        return true;
    }
}
