// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasColMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * Float64 mv as PyTorch 1.13 computes it: its dgemv_ call (column-major, 'n' or 't') on OpenBLAS, the library
 * {@link NativeGemm} loads (its Haswell dgemv kernels are PyTorch's OpenBLAS 0.3.21's: the same bits,
 * BlasMmOracleTest). OpenBLAS runs a gemv on one thread below {@link #SINGLE_THREAD_BELOW} elements, as PyTorch's does
 * there; above, PyTorch's splits it over threads, and the engine makes one such call per thread's part
 * ({@link GemvThreads}; the loaded OpenBLAS runs on one thread, NativeGemm). The operands are copied into native
 * memory (the matrix's span only): these products are small.
 */
public final class TorchGemv {
    private TorchGemv() {}

    /** interface/gemv.c: m * n below 2304 * GEMM_MULTITHREAD_THRESHOLD (4) runs on one thread. */
    public static final long SINGLE_THREAD_BELOW = 2304L * 4;

    /** Whether OpenBLAS is there to call. */
    public static boolean available() {
        return NativeGemm.available();
    }

    /**
     * {@code y = op(A) x}, A column-major m x n at {@code aOff} with leading dimension lda, x read with stride incx
     * (positive); y has n elements when transposed, else m.
     */
    public static double[] dgemv(boolean trans, int m, int n, double[] a, int aOff, int lda, double[] x, int xOff, int incx) {
        double[] y = new double[trans ? n : m];
        dgemv(trans, m, n, a, aOff, lda, x, xOff, incx, y, 0);
        return y;
    }

    /**
     * {@link #dgemv} into {@code y} from {@code yOff} (beta 0: those elements are overwritten), so that a threaded
     * product's parts write straight into one y (GemvThreads.byOutputs).
     */
    public static void dgemv(boolean trans, int m, int n, double[] a, int aOff, int lda, double[] x, int xOff, int incx,
                             double[] y, int yOff) {
        int ny = trans ? n : m, nx = trans ? m : n;
        if (ny == 0) return;
        if (nx == 0) {
            java.util.Arrays.fill(y, yOff, yOff + ny, 0.0);
            return;
        }
        if (lda < Math.max(1, m) || incx < 1) throw new IllegalArgumentException("dgemv: lda " + lda + ", incx " + incx);
        long aSpan = (long) (n - 1) * lda + m, xSpan = (long) (nx - 1) * incx + 1;
        if (aOff < 0 || aOff + aSpan > a.length || xOff < 0 || xOff + xSpan > x.length) {
            throw new IllegalArgumentException("dgemv: operands outside their arrays");
        }
        try (DoublePointer pa = new DoublePointer(aSpan); DoublePointer px = new DoublePointer(xSpan); DoublePointer py = new DoublePointer((long) ny)) {
            pa.put(a, aOff, (int) aSpan);
            px.put(x, xOff, (int) xSpan);
            openblas_nolapack.cblas_dgemv(CblasColMajor, trans ? CblasTrans : CblasNoTrans, m, n, 1.0, pa, lda, px, incx, 0.0, py, 1);
            py.get(y, yOff, ny);
        }
    }
}
