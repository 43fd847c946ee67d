// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

/**
 * {@link Float32BinaryRuns} for float64: an op of two same-shape float64 inputs (an activation's backward: grad and
 * saved input) in PyTorch 1.13's cpu_kernel_vec runs: the result laid out by TensorIterator, per run along the
 * coalesced inner dim the vector loop (the op's own body and tail) where every operand is contiguous or one input is a
 * broadcast scalar, else the scalar op for every element (a transposed input beside a contiguous grad: every element
 * through the scalar code, where the whole tensor's body had taken the vector code).
 */
final class Float64BinaryRuns {
    private Float64BinaryRuns() {}

    /** The op over contiguous runs of both inputs (vector body, scalar tail). */
    @FunctionalInterface
    interface Loop {
        void apply(double[] a, int aOff, double[] b, int bOff, double[] dst, int dstOff, int n);
    }

    /** f over (a, b), both float64 and of one shape, in PyTorch's runs. */
    static Tensor apply(Tensor a, Tensor b, Loop f) {
        int[] shape = a.shapeArray().clone();
        Tensor out = OutputLayout.elementwise(shape, DType.FLOAT64, a, b);
        double[] o = ((Storage.DoubleStorage) out.storage).a, x = ((Storage.DoubleStorage) a.storage).a, y = ((Storage.DoubleStorage) b.storage).a;
        TensorIterator it = TensorIterator.of(shape, out, a, b);
        int os = it.innerStride(0), as = it.innerStride(1), bs = it.innerStride(2);
        boolean vector = os == 1 && (as == 1 && bs == 1 || as == 1 && bs == 0 || as == 0 && bs == 1);
        it.forEachSequential((p, n) -> {
            if (vector) {
                // a broadcast scalar spread over the run (the vector loop reads it as one Vec)
                double[] xs = as == 1 ? x : filled(x[p[1]], n), ys = bs == 1 ? y : filled(y[p[2]], n);
                f.apply(xs, as == 1 ? p[1] : 0, ys, bs == 1 ? p[2] : 0, o, p[0], n);
            } else {
                for (int j = 0; j < n; j++) f.apply(x, p[1] + j * as, y, p[2] + j * bs, o, p[0] + j * os, 1);
            }
        });
        return out;
    }

    private static double[] filled(double v, int n) {
        double[] r = new double[n];
        java.util.Arrays.fill(r, v);
        return r;
    }
}
