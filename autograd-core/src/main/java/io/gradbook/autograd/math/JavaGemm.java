// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

/**
 * The Java side of {@link Gemm}: products below the size where OpenBLAS wins, and every product where it cannot be
 * loaded. Arguments are already checked by {@link Gemm}.
 *
 * <p>Tiny products (up to {@link #TINY} multiply-adds: 2x2, 3x3, 4x4) run a plain dot-product loop with no
 * allocation, so they cost nanoseconds. Larger ones scale C by beta once, pack op(B) into rows when it is
 * transposed, and walk C in blocks of {@link #NC} columns and {@link #KC} steps of k so that the B panel in use stays
 * in cache, two rows of C at a time (see {@code rows2}). Products accumulate with {@link Math#fma}, one rounding per
 * step in the array's precision, as BLAS kernels do.
 */
final class JavaGemm {
    private JavaGemm() {}

    /** m*n*k up to which the plain dot-product loop runs (4x4x4; measured: the blocked loop is faster from 8x8x8). */
    static final int TINY = 64;
    /** Block sizes: a KC x NC panel of B is 128 KB of floats, inside the 512 KB L2 of the reference machine. */
    static final int KC = 128, NC = 256;

    static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        // A(i, p) = a[aOff + i * ars + p * acs], B(p, j) = b[bOff + p * brs + j * bcs]
        int ars = transA ? 1 : lda, acs = transA ? lda : 1;
        int brs = transB ? 1 : ldb, bcs = transB ? ldb : 1;
        if ((long) m * n * k <= TINY) {
            tiny(m, n, k, alpha, a, aOff, ars, acs, b, bOff, brs, bcs, beta, c, cOff, ldc);
            return;
        }
        for (int i = 0; i < m; i++) {
            int row = cOff + i * ldc;
            if (beta == 0) java.util.Arrays.fill(c, row, row + n, 0f);
            else if (beta != 1) for (int j = row; j < row + n; j++) c[j] *= beta;
        }
        if (k == 0 || alpha == 0) return;
        float[] bp = b;
        int bo = bOff, bs = ldb;
        if (transB) { // packed once so that the inner loop runs along contiguous rows of op(B)
            bp = new float[k * n];
            for (int j = 0; j < n; j++) for (int p = 0, from = bOff + j * ldb; p < k; p++) bp[p * n + j] = b[from + p];
            bo = 0;
            bs = n;
        }
        for (int j0 = 0; j0 < n; j0 += NC) {
            int j1 = Math.min(n, j0 + NC);
            for (int p0 = 0; p0 < k; p0 += KC) {
                int p1 = Math.min(k, p0 + KC);
                int i = 0;
                for (; i + 1 < m; i += 2)
                    rows2(a, aOff + i * ars, aOff + (i + 1) * ars, acs, alpha, bp, bo, bs,
                            c, cOff + i * ldc, cOff + (i + 1) * ldc, p0, p1, j0, j1);
                if (i < m) row1(a, aOff + i * ars, acs, alpha, bp, bo, bs, c, cOff + i * ldc, p0, p1, j0, j1);
            }
        }
    }

    /**
     * Two rows of C, four rows of op(B) per pass: each B element loaded feeds two fused multiply-adds and each C
     * element is loaded and stored once per four; C2 vectorizes the j loop (measured 1.5-2x the one-row loop).
     */
    private static void rows2(float[] a, int ai, int aj, int acs, float alpha, float[] b, int bo, int bs,
                              float[] c, int ci, int cj, int p0, int p1, int j0, int j1) {
        int p = p0;
        for (; p + 3 < p1; p += 4) {
            float x0 = alpha * a[ai + p * acs], x1 = alpha * a[ai + (p + 1) * acs];
            float x2 = alpha * a[ai + (p + 2) * acs], x3 = alpha * a[ai + (p + 3) * acs];
            float y0 = alpha * a[aj + p * acs], y1 = alpha * a[aj + (p + 1) * acs];
            float y2 = alpha * a[aj + (p + 2) * acs], y3 = alpha * a[aj + (p + 3) * acs];
            int b0 = bo + p * bs, b1 = b0 + bs, b2 = b1 + bs, b3 = b2 + bs;
            for (int j = j0; j < j1; j++) {
                float u0 = b[b0 + j], u1 = b[b1 + j], u2 = b[b2 + j], u3 = b[b3 + j];
                c[ci + j] = Math.fma(x3, u3, Math.fma(x2, u2, Math.fma(x1, u1, Math.fma(x0, u0, c[ci + j]))));
                c[cj + j] = Math.fma(y3, u3, Math.fma(y2, u2, Math.fma(y1, u1, Math.fma(y0, u0, c[cj + j]))));
            }
        }
        for (; p < p1; p++) {
            float x = alpha * a[ai + p * acs], y = alpha * a[aj + p * acs];
            int b0 = bo + p * bs;
            for (int j = j0; j < j1; j++) {
                float u = b[b0 + j];
                c[ci + j] = Math.fma(x, u, c[ci + j]);
                c[cj + j] = Math.fma(y, u, c[cj + j]);
            }
        }
    }

    private static void row1(float[] a, int ai, int acs, float alpha, float[] b, int bo, int bs,
                             float[] c, int ci, int p0, int p1, int j0, int j1) {
        for (int p = p0; p < p1; p++) {
            float x = alpha * a[ai + p * acs];
            int b0 = bo + p * bs;
            for (int j = j0; j < j1; j++) c[ci + j] = Math.fma(x, b[b0 + j], c[ci + j]);
        }
    }

    /** Dot products straight from the strided inputs: no allocation, no blocking. */
    private static void tiny(int m, int n, int k, float alpha, float[] a, int aOff, int ars, int acs,
                             float[] b, int bOff, int brs, int bcs, float beta, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float s = 0;
                for (int p = 0; p < k; p++) s = Math.fma(a[aOff + i * ars + p * acs], b[bOff + p * brs + j * bcs], s);
                int at = cOff + i * ldc + j;
                float prod = alpha == 0 ? 0 : alpha * s; // BLAS: alpha 0 never reads A or B (no NaN from them)
                c[at] = beta == 0 ? prod : prod + beta * c[at];
            }
        }
    }

    static void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                      double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                      double beta, double[] c, int cOff, int ldc) {
        // A(i, p) = a[aOff + i * ars + p * acs], B(p, j) = b[bOff + p * brs + j * bcs]
        int ars = transA ? 1 : lda, acs = transA ? lda : 1;
        int brs = transB ? 1 : ldb, bcs = transB ? ldb : 1;
        if ((long) m * n * k <= TINY) {
            tiny(m, n, k, alpha, a, aOff, ars, acs, b, bOff, brs, bcs, beta, c, cOff, ldc);
            return;
        }
        for (int i = 0; i < m; i++) {
            int row = cOff + i * ldc;
            if (beta == 0) java.util.Arrays.fill(c, row, row + n, 0.0);
            else if (beta != 1) for (int j = row; j < row + n; j++) c[j] *= beta;
        }
        if (k == 0 || alpha == 0) return;
        double[] bp = b;
        int bo = bOff, bs = ldb;
        if (transB) { // packed once so that the inner loop runs along contiguous rows of op(B)
            bp = new double[k * n];
            for (int j = 0; j < n; j++) for (int p = 0, from = bOff + j * ldb; p < k; p++) bp[p * n + j] = b[from + p];
            bo = 0;
            bs = n;
        }
        for (int j0 = 0; j0 < n; j0 += NC) {
            int j1 = Math.min(n, j0 + NC);
            for (int p0 = 0; p0 < k; p0 += KC) {
                int p1 = Math.min(k, p0 + KC);
                int i = 0;
                for (; i + 1 < m; i += 2)
                    rows2(a, aOff + i * ars, aOff + (i + 1) * ars, acs, alpha, bp, bo, bs,
                            c, cOff + i * ldc, cOff + (i + 1) * ldc, p0, p1, j0, j1);
                if (i < m) row1(a, aOff + i * ars, acs, alpha, bp, bo, bs, c, cOff + i * ldc, p0, p1, j0, j1);
            }
        }
    }

    /** As the float {@code rows2}. */
    private static void rows2(double[] a, int ai, int aj, int acs, double alpha, double[] b, int bo, int bs,
                              double[] c, int ci, int cj, int p0, int p1, int j0, int j1) {
        int p = p0;
        for (; p + 3 < p1; p += 4) {
            double x0 = alpha * a[ai + p * acs], x1 = alpha * a[ai + (p + 1) * acs];
            double x2 = alpha * a[ai + (p + 2) * acs], x3 = alpha * a[ai + (p + 3) * acs];
            double y0 = alpha * a[aj + p * acs], y1 = alpha * a[aj + (p + 1) * acs];
            double y2 = alpha * a[aj + (p + 2) * acs], y3 = alpha * a[aj + (p + 3) * acs];
            int b0 = bo + p * bs, b1 = b0 + bs, b2 = b1 + bs, b3 = b2 + bs;
            for (int j = j0; j < j1; j++) {
                double u0 = b[b0 + j], u1 = b[b1 + j], u2 = b[b2 + j], u3 = b[b3 + j];
                c[ci + j] = Math.fma(x3, u3, Math.fma(x2, u2, Math.fma(x1, u1, Math.fma(x0, u0, c[ci + j]))));
                c[cj + j] = Math.fma(y3, u3, Math.fma(y2, u2, Math.fma(y1, u1, Math.fma(y0, u0, c[cj + j]))));
            }
        }
        for (; p < p1; p++) {
            double x = alpha * a[ai + p * acs], y = alpha * a[aj + p * acs];
            int b0 = bo + p * bs;
            for (int j = j0; j < j1; j++) {
                double u = b[b0 + j];
                c[ci + j] = Math.fma(x, u, c[ci + j]);
                c[cj + j] = Math.fma(y, u, c[cj + j]);
            }
        }
    }

    private static void row1(double[] a, int ai, int acs, double alpha, double[] b, int bo, int bs,
                             double[] c, int ci, int p0, int p1, int j0, int j1) {
        for (int p = p0; p < p1; p++) {
            double x = alpha * a[ai + p * acs];
            int b0 = bo + p * bs;
            for (int j = j0; j < j1; j++) c[ci + j] = Math.fma(x, b[b0 + j], c[ci + j]);
        }
    }

    /** Dot products straight from the strided inputs: no allocation, no blocking. */
    private static void tiny(int m, int n, int k, double alpha, double[] a, int aOff, int ars, int acs,
                             double[] b, int bOff, int brs, int bcs, double beta, double[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) s = Math.fma(a[aOff + i * ars + p * acs], b[bOff + p * brs + j * bcs], s);
                int at = cOff + i * ldc + j;
                double prod = alpha == 0 ? 0 : alpha * s; // BLAS: alpha 0 never reads A or B (no NaN from them)
                c[at] = beta == 0 ? prod : prod + beta * c[at];
            }
        }
    }
}
