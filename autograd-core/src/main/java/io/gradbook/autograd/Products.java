// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import io.gradbook.autograd.math.Gemm;

/**
 * Matrix products on the tensors' own storage through {@link Gemm} (OpenBLAS for all but tiny products, a
 * blocked Java kernel below): float32 in float, float64 in double, transposed views read in place (BLAS's
 * transpose flags and leading dimensions, no copy), integer dtypes through Kernels.matmul.
 */
final class Products {
    private Products() {}

    /** {@code a (m x k) @ b (k x n)} as a new contiguous m x n tensor; a and b may be any strided 2-D views. */
    static Tensor mm(Tensor a, Tensor b, int m, int k, int n) {
        return mm(a, b, m, k, n, new int[] {m, n});
    }

    /**
     * The same product, shaped {@code shape} (m*n elements): mv and dot give 1-D and 0-D results, reading a 1-D
     * operand as a 1 x k row (a) or a k x 1 column (b).
     */
    static Tensor mm(Tensor a, Tensor b, int m, int k, int n, int[] shape) {
        DType dt = a.dtype();
        int[] la = layout(a, m, k, true), lb = layout(b, k, n, false);
        if (dt == DType.FLOAT32) {
            float[] fa = la != null ? ((Storage.FloatStorage) a.storage).a : Elementwise.contiguousFloats(a);
            float[] fb = lb != null ? ((Storage.FloatStorage) b.storage).a : Elementwise.contiguousFloats(b);
            float[] c = new float[m * n];
            if (m > 0 && n > 0) {
                Gemm.sgemm(la != null && la[2] == 1, lb != null && lb[2] == 1, m, n, k, 1f,
                        fa, la != null ? la[0] : 0, la != null ? la[1] : Math.max(1, k),
                        fb, lb != null ? lb[0] : 0, lb != null ? lb[1] : Math.max(1, n), 0f, c, 0, Math.max(1, n));
            }
            return Tensor.wrap(new Storage.FloatStorage(c), shape);
        }
        if (dt == DType.FLOAT64) {
            double[] da = la != null ? ((Storage.DoubleStorage) a.storage).a : Elementwise.contiguousDoubles(a);
            double[] db = lb != null ? ((Storage.DoubleStorage) b.storage).a : Elementwise.contiguousDoubles(b);
            double[] c = new double[m * n];
            if (m > 0 && n > 0) {
                Gemm.dgemm(la != null && la[2] == 1, lb != null && lb[2] == 1, m, n, k, 1.0,
                        da, la != null ? la[0] : 0, la != null ? la[1] : Math.max(1, k),
                        db, lb != null ? lb[0] : 0, lb != null ? lb[1] : Math.max(1, n), 0.0, c, 0, Math.max(1, n));
            }
            return Tensor.wrap(new Storage.DoubleStorage(c), shape);
        }
        return Tensor.wrap(Kernels.matmul(a.values(), b.values(), m, k, n, dt), shape, dt);
    }

    /**
     * How BLAS can read {@code t} as a rows x cols matrix in place: {offset, leading dimension, 1 if transposed},
     * or null when its strides need a contiguous copy. A 1-D tensor is a row (left operand) or a column (right).
     */
    private static int[] layout(Tensor t, int rows, int cols, boolean left) {
        int rs, cs;
        if (t.dim() == 2) {
            rs = t.strides[0];
            cs = t.strides[1];
        } else if (t.dim() == 1) {
            rs = left ? 0 : t.strides[0];
            cs = left ? t.strides[0] : 0;
        } else {
            return null;
        }
        // a dim of length 1 can take any stride: pick the one that fits
        int r = rows == 1 ? Math.max(cols, 1) : rs, c = cols == 1 ? 1 : cs;
        if (c == 1 && r >= Math.max(cols, 1)) return new int[] {t.offset, r, 0};
        r = rows == 1 ? 1 : rs;
        c = cols == 1 ? Math.max(rows, 1) : cs;
        if (r == 1 && c >= Math.max(rows, 1)) return new int[] {t.offset, c, 1};
        return null;
    }

    /** Batched {@code a (batch x m x k) @ b (batch x k x n)}. */
    static Tensor bmm(Tensor a, Tensor b, int batch, int m, int k, int n) {
        DType dt = a.dtype();
        int[] shape = {batch, m, n};
        if (dt == DType.FLOAT32) {
            float[] fa = Elementwise.contiguousFloats(a), fb = Elementwise.contiguousFloats(b);
            float[] c = new float[batch * m * n];
            if (m > 0 && n > 0) {
                for (int i = 0; i < batch; i++) {
                    Gemm.sgemm(false, false, m, n, k, 1f, fa, i * m * k, Math.max(1, k), fb, i * k * n, Math.max(1, n), 0f, c, i * m * n, Math.max(1, n));
                }
            }
            return Tensor.wrap(new Storage.FloatStorage(c), shape);
        }
        if (dt == DType.FLOAT64) {
            double[] da = Elementwise.contiguousDoubles(a), db = Elementwise.contiguousDoubles(b);
            double[] c = new double[batch * m * n];
            if (m > 0 && n > 0) {
                for (int i = 0; i < batch; i++) {
                    Gemm.dgemm(false, false, m, n, k, 1.0, da, i * m * k, Math.max(1, k), db, i * k * n, Math.max(1, n), 0.0, c, i * m * n, Math.max(1, n));
                }
            }
            return Tensor.wrap(new Storage.DoubleStorage(c), shape);
        }
        double[] va = a.values(), vb = b.values();
        double[] r = new double[batch * m * n];
        for (int i = 0; i < batch; i++) {
            double[] ai = java.util.Arrays.copyOfRange(va, i * m * k, (i + 1) * m * k);
            double[] bi = java.util.Arrays.copyOfRange(vb, i * k * n, (i + 1) * k * n);
            System.arraycopy(Kernels.matmul(ai, bi, m, k, n, dt), 0, r, i * m * n, m * n);
        }
        return Tensor.wrap(r, shape, dt);
    }
}
