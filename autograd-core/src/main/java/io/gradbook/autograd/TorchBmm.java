// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

/**
 * Float32 and float64 bmm as PyTorch 1.13's bmm_out_or_baddbmm_ runs it on CPU (its build has no MKL): matrices of
 * fewer than 400 multiply-adds go through its own loop (baddbmm_cpu_kernel: each element summed over k in order,
 * in the dtype, multiply then add), larger ones one addmm_impl_cpu_ call per matrix ({@link AddmmCall}: OpenBLAS
 * with PyTorch's flags). Operands are read in place with their strides (transposed batches included).
 */
final class TorchBmm {
    private TorchBmm() {}

    /** PyTorch's threshold: contraction_size * res_rows * res_cols below it takes the loop. */
    static final int LOOP_BELOW = 400;

    static Tensor bmm(Tensor a, Tensor b, int batch, int m, int k, int n) {
        boolean f32 = a.dtype() == DType.FLOAT32;
        int[] shape = {batch, m, n};
        int size = batch * m * n;
        float[] cf = f32 ? new float[size] : null;
        double[] cd = f32 ? null : new double[size];
        Tensor out = f32 ? Tensor.wrap(new Storage.FloatStorage(cf), shape) : Tensor.wrap(new Storage.DoubleStorage(cd), shape);
        if (size == 0 || k == 0) return out;
        if ((long) k * m * n < LOOP_BELOW) {
            if (f32) loop32(a, b, batch, m, k, n, cf);
            else loop64(a, b, batch, m, k, n, cd);
            return out;
        }
        try (var ignored = GradMode.set(false)) {
            for (int i = 0; i < batch; i++) AddmmCall.into(a.select(0, i), b.select(0, i), m, k, n, false, f32 ? cf : cd, i * m * n);
        }
        return out;
    }

    private static void loop32(Tensor a, Tensor b, int batch, int m, int k, int n, float[] c) {
        float[] x = ((Storage.FloatStorage) a.storage).a, y = ((Storage.FloatStorage) b.storage).a;
        int[] sa = a.strides, sb = b.strides;
        for (int t = 0, o = 0; t < batch; t++) {
            for (int i = 0; i < m; i++) {
                int ai = a.offset + t * sa[0] + i * sa[1];
                for (int j = 0; j < n; j++, o++) {
                    int bj = b.offset + t * sb[0] + j * sb[2];
                    float acc = 0;
                    for (int p = 0; p < k; p++) acc += x[ai + p * sa[2]] * y[bj + p * sb[1]];
                    c[o] = acc;
                }
            }
        }
    }

    private static void loop64(Tensor a, Tensor b, int batch, int m, int k, int n, double[] c) {
        double[] x = ((Storage.DoubleStorage) a.storage).a, y = ((Storage.DoubleStorage) b.storage).a;
        int[] sa = a.strides, sb = b.strides;
        for (int t = 0, o = 0; t < batch; t++) {
            for (int i = 0; i < m; i++) {
                int ai = a.offset + t * sa[0] + i * sa[1];
                for (int j = 0; j < n; j++, o++) {
                    int bj = b.offset + t * sb[0] + j * sb[2];
                    double acc = 0;
                    for (int p = 0; p < k; p++) acc += x[ai + p * sa[2]] * y[bj + p * sb[1]];
                    c[o] = acc;
                }
            }
        }
    }
}
