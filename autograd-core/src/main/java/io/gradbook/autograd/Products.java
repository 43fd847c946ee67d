// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

/**
 * Matrix products on the tensors' own storage: float32 in float (one rounding per multiply-add, as BLAS
 * accumulates), float64 in double, other dtypes through the double compatibility loop. Large products go to
 * native BLAS ({@link NativeBlas}); small ones stay in a Java loop the JIT vectorizes.
 */
final class Products {
    private Products() {}

    /** {@code a (m x k) @ b (k x n)} as a new contiguous m x n tensor; a and b may be any strided 2-D views. */
    static Tensor mm(Tensor a, Tensor b, int m, int k, int n) {
        return mm(a, b, m, k, n, new int[] {m, n});
    }

    /** The same product, shaped {@code shape} (m*n elements): mv and dot give 1-D and 0-D results. */
    static Tensor mm(Tensor a, Tensor b, int m, int k, int n, int[] shape) {
        DType dt = a.dtype();
        if (dt == DType.FLOAT32) {
            float[] fa = Elementwise.contiguousFloats(a), fb = Elementwise.contiguousFloats(b);
            float[] c = new float[m * n];
            sgemm(fa, 0, fb, 0, c, 0, m, k, n);
            return Tensor.wrap(new Storage.FloatStorage(c), shape);
        }
        if (dt == DType.FLOAT64) {
            double[] c = Kernels.matmul(Elementwise.contiguousDoubles(a), Elementwise.contiguousDoubles(b), m, k, n, dt);
            return Tensor.wrap(new Storage.DoubleStorage(c), shape);
        }
        return Tensor.wrap(Kernels.matmul(a.values(), b.values(), m, k, n, dt), shape, dt);
    }

    /** Batched {@code a (batch x m x k) @ b (batch x k x n)}. */
    static Tensor bmm(Tensor a, Tensor b, int batch, int m, int k, int n) {
        DType dt = a.dtype();
        int[] shape = {batch, m, n};
        if (dt == DType.FLOAT32) {
            float[] fa = Elementwise.contiguousFloats(a), fb = Elementwise.contiguousFloats(b);
            float[] c = new float[batch * m * n];
            for (int i = 0; i < batch; i++) sgemm(fa, i * m * k, fb, i * k * n, c, i * m * n, m, k, n);
            return Tensor.wrap(new Storage.FloatStorage(c), shape);
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

    /** c[co..] = a[ao..] (m x k) @ b[bo..] (k x n), all row-major and contiguous; c starts zeroed. */
    static void sgemm(float[] a, int ao, float[] b, int bo, float[] c, int co, int m, int k, int n) {
        if (NativeBlas.worthIt(m, k, n) && NativeBlas.sgemm(a, ao, b, bo, c, co, m, k, n)) return;
        for (int i = 0; i < m; i++) {
            int ci = co + i * n;
            for (int p = 0; p < k; p++) {
                float aip = a[ao + i * k + p];
                int bp = bo + p * n;
                for (int j = 0; j < n; j++) c[ci + j] = Math.fma(aip, b[bp + j], c[ci + j]);
            }
        }
    }
}
