// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import io.gradbook.autograd.math.BlasDot;
import io.gradbook.autograd.math.BlasGemv;
import io.gradbook.autograd.math.Gemm;
import io.gradbook.autograd.math.GemvThreads;
import io.gradbook.autograd.math.TorchGemv;

/**
 * Matrix products on the tensors' own storage through {@link Gemm} (OpenBLAS for all but tiny products, a
 * blocked Java kernel below): float32 in float, float64 in double, transposed views read in place (BLAS's
 * transpose flags and leading dimensions, no copy), integer dtypes in int64 arithmetic that wraps as PyTorch's
 * integer gemm does (exact at any size: a detour through floating point would round products beyond 2^24 or 2^53).
 */
final class Products {
    private Products() {}

    /** {@code a (m x k) @ b (k x n)} as a new contiguous m x n tensor; a and b may be any strided 2-D views. */
    static Tensor mm(Tensor a, Tensor b, int m, int k, int n) {
        if (a.dim() == 2 && b.dim() == 2 && (a.dtype() == DType.FLOAT32 || a.dtype() == DType.FLOAT64)) {
            return AddmmCall.run(null, a, b, m, k, n); // PyTorch's BLAS call, its bits
        }
        return mm(a, b, m, k, n, new int[] {m, n});
    }

    /**
     * The same product, shaped {@code shape} (m*n elements): mv and dot give 1-D and 0-D results, reading a 1-D
     * operand as a 1 x k row (a) or a k x 1 column (b).
     */
    static Tensor mm(Tensor a, Tensor b, int m, int k, int n, int[] shape) {
        DType dt = a.dtype();
        refuseUnsupported(dt, shape.length == 0 ? "dot" : shape.length == 1 && a.dim() == 2 ? "addmv_impl_cpu" : "addmm_impl_cpu_");
        int[] la = layout(a, m, k, true), lb = layout(b, k, n, false);
        if (dt == DType.FLOAT32) {
            float[] fa = la != null ? ((Storage.FloatStorage) a.storage).a : Elementwise.contiguousFloats(a);
            float[] fb = lb != null ? ((Storage.FloatStorage) b.storage).a : Elementwise.contiguousFloats(b);
            // beta 0 below: every product path overwrites all of C, so a large one need not be zeroed first
            float[] c = k > 0 ? UninitializedArrays.floats(m * n) : new float[m * n];
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
        long[] c = new long[m * n];
        integerGemm(contiguousLongs(a), 0, contiguousLongs(b), 0, c, 0, m, k, n);
        return integerResult(c, shape, dt);
    }

    /**
     * A float32 or float64 dot product of two 1-D tensors of the same length, read in place with their strides and
     * summed in the order of the BLAS sdot/ddot that PyTorch calls ({@link BlasDot}).
     */
    static Tensor dot(Tensor a, Tensor b) {
        int n = a.numel();
        if (a.dtype() == DType.FLOAT32) {
            float r = BlasDot.sdot(n, ((Storage.FloatStorage) a.storage).a, a.offset, a.strides[0],
                    ((Storage.FloatStorage) b.storage).a, b.offset, b.strides[0]);
            return Tensor.wrap(new Storage.FloatStorage(new float[] {r}), Shape.SCALAR);
        }
        double r = BlasDot.ddot(n, ((Storage.DoubleStorage) a.storage).a, a.offset, a.strides[0],
                ((Storage.DoubleStorage) b.storage).a, b.offset, b.strides[0]);
        return Tensor.wrap(new Storage.DoubleStorage(new double[] {r}), Shape.SCALAR);
    }

    /**
     * {@code m (rows x cols) @ v}. Float32 takes PyTorch's addmv path where its BLAS runs on one thread: a column-major
     * matrix (a transposed one) goes to sgemv 'N', any other to sgemv 'T' (in place when its rows are contiguous,
     * else a contiguous copy, as PyTorch copies), summed in those kernels' order ({@link BlasGemv}); an expanded
     * vector (stride 0) is refused by BLAS, so PyTorch's own loop sums it in order. From 2304 * 4 elements OpenBLAS
     * splits the gemv over its threads, each running the same kernels on its part ({@link GemvThreads}). Other dtypes
     * go through gemm.
     */
    static Tensor mv(Tensor m, Tensor v, int rows, int cols) {
        int rs = m.strides[0], cs = m.strides[1];
        boolean columnMajor = rs == 1 && (cols == 1 || cs >= Math.max(1, rows)); // PyTorch's sgemv 'N' case
        if (m.dtype() == DType.FLOAT64 && TorchGemv.available()) {
            return Tensor.wrap(new Storage.DoubleStorage(mv64(m, v, rows, cols)), new int[] {rows});
        }
        if (m.dtype() != DType.FLOAT32) {
            return mm(m, v, rows, cols, 1, new int[] {rows});
        }
        boolean threaded = GemvThreads.threaded(rows, cols);
        if (columnMajor) {
            float[] a = ((Storage.FloatStorage) m.storage).a, x = ((Storage.FloatStorage) v.storage).a;
            int lda = cols == 1 ? Math.max(1, rows) : cs;
            float[] y;
            if (v.strides[0] == 0 && cols > 1) { // PyTorch's own loop: column by column into y
                y = new float[rows];
                float xv = x[v.offset];
                for (int c = 0; c < cols; c++) for (int r = 0; r < rows; r++) y[r] += xv * a[m.offset + r + c * lda];
            } else {
                int incx = cols == 1 ? 1 : v.strides[0], aOff = m.offset, xOff = v.offset;
                if (!threaded) {
                    y = BlasGemv.sgemvN(rows, cols, a, aOff, lda, x, xOff, incx);
                } else if (GemvThreads.splitsColumns(rows, cols)) {
                    y = GemvThreads.byColumns(rows, cols,
                            (from, to) -> BlasGemv.sgemvN(rows, to - from, a, aOff + from * lda, lda, x, xOff + from * incx, incx));
                } else {
                    float[] out = new float[rows];
                    GemvThreads.byOutputs(rows, (from, to) -> BlasGemv.sgemvN(to - from, cols, a, aOff + from, lda, x, xOff, incx, out, from));
                    y = out;
                }
            }
            return Tensor.wrap(new Storage.FloatStorage(y), new int[] {rows});
        }
        boolean inPlace = cs == 1 && (rows == 1 || rs >= Math.max(1, cols));
        float[] a = inPlace ? ((Storage.FloatStorage) m.storage).a : Elementwise.contiguousFloats(m);
        float[] x = ((Storage.FloatStorage) v.storage).a;
        int aOff = inPlace ? m.offset : 0, lda = !inPlace || rows == 1 ? Math.max(1, cols) : rs;
        float[] y;
        if (v.strides[0] == 0 && cols > 1) {
            y = new float[rows];
            float xv = x[v.offset];
            for (int r = 0; r < rows; r++) {
                float sum = 0;
                for (int c = 0; c < cols; c++) sum += xv * a[aOff + r * lda + c];
                y[r] = sum;
            }
        } else if (!threaded) {
            y = BlasGemv.sgemvT(rows, cols, a, aOff, lda, x, v.offset, cols == 1 ? 1 : v.strides[0]);
        } else {
            float[] out = new float[rows];
            int incx = cols == 1 ? 1 : v.strides[0];
            GemvThreads.byOutputs(rows, (from, to) -> BlasGemv.sgemvT(to - from, cols, a, aOff + from * lda, lda, x, v.offset, incx, out, from));
            y = out;
        }
        return Tensor.wrap(new Storage.FloatStorage(y), new int[] {rows});
    }

    /**
     * Float64 {@code m @ v} as PyTorch's addmv_out_cpu calls dgemv: 'n' on a column-major matrix, 't' on a row-major one
     * or on a contiguous copy of any other ({@link TorchGemv}); an expanded vector (stride 0) through PyTorch's own
     * gemv loop, summed in its order.
     */
    private static double[] mv64(Tensor m, Tensor v, int rows, int cols) {
        int rs = m.strides[0], cs = m.strides[1];
        double[] a = ((Storage.DoubleStorage) m.storage).a, x = ((Storage.DoubleStorage) v.storage).a;
        int aOff = m.offset, incx = cols == 1 ? 1 : v.strides[0];
        boolean trans;
        int lda;
        if (rs == 1 && (cols == 1 || cs >= Math.max(1, rows))) {
            trans = false;
            lda = cols == 1 ? Math.max(1, rows) : cs;
        } else if (cs == 1 && (rows == 1 || rs >= Math.max(1, cols))) {
            trans = true;
            lda = rows == 1 ? Math.max(1, cols) : rs;
        } else {
            a = Elementwise.contiguousDoubles(m);
            aOff = 0;
            trans = true;
            lda = Math.max(1, cols);
        }
        if (rows == 0) return new double[0];
        if (incx > 0) return dgemv(trans, rows, cols, a, aOff, lda, x, v.offset, incx);
        double[] y = new double[rows];
        double xv = cols == 0 ? 0 : x[v.offset];
        if (trans) {
            for (int r = 0; r < rows; r++) {
                double sum = 0;
                for (int c = 0; c < cols; c++) sum += xv * a[aOff + c + r * lda];
                y[r] = sum;
            }
        } else {
            for (int c = 0; c < cols; c++) for (int r = 0; r < rows; r++) y[r] += xv * a[aOff + r + c * lda];
        }
        return y;
    }

    /**
     * One dgemv as PyTorch's OpenBLAS runs it: on one thread below 2304 * 4 elements, else split as
     * {@link GemvThreads} says, each part a single-threaded call ('T' on a row-major rows x cols matrix, else 'N').
     */
    private static double[] dgemv(boolean trans, int rows, int cols, double[] a, int aOff, int lda, double[] x, int xOff, int incx) {
        if (!GemvThreads.threaded(rows, cols)) {
            return trans ? TorchGemv.dgemv(true, cols, rows, a, aOff, lda, x, xOff, incx)
                    : TorchGemv.dgemv(false, rows, cols, a, aOff, lda, x, xOff, incx);
        }
        if (!trans && GemvThreads.splitsColumns(rows, cols)) {
            return GemvThreads.byColumns64(rows, cols,
                    (from, to) -> TorchGemv.dgemv(false, rows, to - from, a, aOff + from * lda, lda, x, xOff + from * incx, incx));
        }
        double[] y = new double[rows];
        GemvThreads.byOutputs(rows, (from, to) -> {
            if (trans) TorchGemv.dgemv(true, cols, to - from, a, aOff + from * lda, lda, x, xOff, incx, y, from);
            else TorchGemv.dgemv(false, to - from, cols, a, aOff + from, lda, x, xOff, incx, y, from);
        });
        return y;
    }

    /** PyTorch's CPU kernels have no bool or float16 products; its dispatch names the kernel and the type. */
    private static void refuseUnsupported(DType dt, String kernel) {
        if (dt == DType.BOOL || dt == DType.FLOAT16) {
            throw UnaryOp.noKernel(kernel, dt);
        }
    }

    /** c[co..] = a[ao..] (m x k) @ b[bo..] (k x n), row-major, in wrapping int64 arithmetic (i-p-j order). */
    private static void integerGemm(long[] a, int ao, long[] b, int bo, long[] c, int co, int m, int k, int n) {
        for (int i = 0; i < m; i++) {
            int ci = co + i * n;
            for (int p = 0; p < k; p++) {
                long aip = a[ao + i * k + p];
                if (aip == 0) continue;
                int bp = bo + p * n;
                for (int j = 0; j < n; j++) c[ci + j] += aip * b[bp + j];
            }
        }
    }

    /** An integer tensor's values in row-major order as int64 (exact for every integer dtype). */
    private static long[] contiguousLongs(Tensor t) {
        Tensor c = t.contiguous();
        long[] v = new long[c.numel()];
        for (int i = 0; i < v.length; i++) v[i] = c.storage.getLong(c.offset + i);
        return v;
    }

    /** The int64 results in {@code dt}: int32 keeps the low 32 bits, as int32 arithmetic that wrapped would. */
    private static Tensor integerResult(long[] c, int[] shape, DType dt) {
        if (dt == DType.INT64) return Tensor.wrap(new Storage.LongStorage(c), shape);
        Storage s = Storage.allocate(dt, c.length);
        for (int i = 0; i < c.length; i++) s.setLong(i, c[i]);
        return Tensor.wrap(s, shape);
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
        refuseUnsupported(dt, "bmm");
        int[] shape = {batch, m, n};
        if (dt == DType.FLOAT32 || dt == DType.FLOAT64) return TorchBmm.bmm(a, b, batch, m, k, n);
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
        long[] la = contiguousLongs(a), lb = contiguousLongs(b), c = new long[batch * m * n];
        for (int i = 0; i < batch; i++) integerGemm(la, i * m * k, lb, i * k * n, c, i * m * n, m, k, n);
        return integerResult(c, shape, dt);
    }
}
