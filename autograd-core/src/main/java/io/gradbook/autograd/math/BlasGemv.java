// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

/**
 * Float32 matrix-vector products in the summation order of the BLAS that PyTorch 1.13.1 calls for {@code torch.mv}
 * ({@code addmv} hands a row-major matrix to {@code sgemv_} as the transposed column-major one, trans 'T', and a
 * column-major one, e.g. {@code w.t()}, as it is, trans 'N'): OpenBLAS 0.3.21's {@code kernel/x86_64/sgemv_t_4.c}
 * and {@code sgemv_n_4.c} with their Haswell micro-kernels (Debian's build on an AVX2+FMA CPU, or with
 * {@code OPENBLAS_CORETYPE=Haswell}), one thread, alpha 1 and beta 0 (so alpha's multiplications are exact). Matches PyTorch bit for bit
 * (BlasGemvOracleTest) while OpenBLAS runs the product on one thread: below 2304 * 4 elements.
 */
public final class BlasGemv {
    private BlasGemv() {}

    /** sgemv_t_4.c's NBMAX: the sums run over blocks of this many elements, added to the outputs one after another. */
    private static final int NBMAX = 4096;

    /** OpenBLAS splits products of at least this many elements over its threads (interface/gemv.c). */
    public static final long SINGLE_THREAD_BELOW = 2304L * 4;

    /**
     * {@code y[r] = sum_c a[aOff + r * lda + c] * x[xOff + c * incx]} for r below {@code rows}, c below {@code cols}
     * (a row-major, rows {@code lda} apart): rows in groups of 4 (FMA kernel, 8 lanes), then 2 and 1 (SSE kernels,
     * products rounded before they add), each sum over blocks of at most {@link #NBMAX} columns and a last 1 to 3
     * columns added in plain float arithmetic.
     */
    public static float[] sgemvT(int rows, int cols, float[] a, int aOff, int lda, float[] x, int xOff, int incx) {
        float[] y = new float[rows];
        sgemvT(rows, cols, a, aOff, lda, x, xOff, incx, y, 0);
        return y;
    }

    /**
     * {@link #sgemvT} into {@code y[yOff .. yOff + rows)}, which holds +0.0 (beta 0's zeroed y; a fresh array): the
     * sums are added onto it, so a threaded product's parts write straight into one y (GemvThreads.byOutputs).
     */
    public static void sgemvT(int rows, int cols, float[] a, int aOff, int lda, float[] x, int xOff, int incx, float[] y, int yOff) {
        if (rows == 0 || cols == 0) return;
        float[] xb = new float[cols];
        for (int i = 0; i < cols; i++) xb[i] = x[xOff + i * incx];
        int m3 = cols & 3, m1 = cols & -4, m2 = (cols & (NBMAX - 1)) - m3;
        int start = 0, nb = NBMAX;
        while (nb == NBMAX) {
            m1 -= nb;
            if (m1 < 0) {
                if (m2 == 0) break;
                nb = m2;
            }
            int r = 0;
            for (; r + 4 <= rows; r += 4) kernel4x4(nb, a, aOff + r * lda + start, lda, xb, start, y, yOff + r);
            if ((rows & 2) != 0) {
                y[yOff + r] += kernel4x1or2(nb, a, aOff + r * lda + start, xb, start, false);
                y[yOff + r + 1] += kernel4x1or2(nb, a, aOff + (r + 1) * lda + start, xb, start, false);
                r += 2;
            }
            if ((rows & 1) != 0) y[yOff + r] += kernel4x1or2(nb, a, aOff + r * lda + start, xb, start, true);
            start += nb;
        }
        if (m3 == 0) return;
        for (int r = 0; r < rows; r++) {
            int p = aOff + r * lda + start;
            float t = a[p] * xb[start];
            if (m3 >= 2) t += a[p + 1] * xb[start + 1];
            if (m3 == 3) t += a[p + 2] * xb[start + 2];
            y[yOff + r] += t;
        }
    }

    /**
     * sgemv_kernel_4x4 (Haswell): 4 rows, one 8-lane FMA accumulator each; n a multiple of 4. A first 4 elements
     * (n & 4) go to lanes 0-3, then every 8 elements to lanes 0-7; the rows are independent, so each is summed on
     * its own, its lanes in locals.
     */
    private static void kernel4x4(int n, float[] a, int ap, int lda, float[] x, int xo, float[] y, int yo) {
        for (int row = 0; row < 4; row++) y[yo + row] += row4x4(n, a, ap + row * lda, x, xo);
    }

    private static float row4x4(int n, float[] a, int p, float[] x, int xo) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int i = 0;
        if ((n & 4) != 0) {
            s0 = x[xo] * a[p];
            s1 = x[xo + 1] * a[p + 1];
            s2 = x[xo + 2] * a[p + 2];
            s3 = x[xo + 3] * a[p + 3];
            i = 4;
        }
        for (; i < n; i += 8) {
            int q = p + i, r = xo + i;
            s0 = Math.fma(x[r], a[q], s0);
            s1 = Math.fma(x[r + 1], a[q + 1], s1);
            s2 = Math.fma(x[r + 2], a[q + 2], s2);
            s3 = Math.fma(x[r + 3], a[q + 3], s3);
            s4 = Math.fma(x[r + 4], a[q + 4], s4);
            s5 = Math.fma(x[r + 5], a[q + 5], s5);
            s6 = Math.fma(x[r + 6], a[q + 6], s6);
            s7 = Math.fma(x[r + 7], a[q + 7], s7);
        }
        // upper half added to the lower, then two horizontal adds
        return ((s0 + s4) + (s1 + s5)) + ((s2 + s6) + (s3 + s7));
    }

    /**
     * sgemv_kernel_4x2 (one row of its two) and sgemv_kernel_4x1: SSE, 4 lanes, products rounded before they add;
     * 4x2 keeps one accumulator per row, 4x1 two (alternate 4-element chunks), added before the horizontal adds.
     */
    private static float kernel4x1or2(int n, float[] a, int ap, float[] x, int xo, boolean single) {
        float[] s = new float[4], t = new float[4];
        int i = 0;
        if ((n & 4) != 0) {
            for (int l = 0; l < 4; l++) s[l] += a[ap + l] * x[xo + l];
            i = 4;
        }
        for (; i < n; i += 8) {
            for (int l = 0; l < 4; l++) s[l] += a[ap + i + l] * x[xo + i + l];
            float[] second = single ? t : s;
            for (int l = 0; l < 4; l++) second[l] += a[ap + i + 4 + l] * x[xo + i + 4 + l];
        }
        if (single) for (int l = 0; l < 4; l++) s[l] = t[l] + s[l];
        return (s[0] + s[1]) + (s[2] + s[3]);
    }
    /**
     * sgemv_n_4.c ('N', alpha 1, beta 0): {@code y[i] = sum_j a[aOff + i + j * lda] * x[xOff + j * incx]}, a column-
     * major {@code m x n} matrix (a transposed row-major one). Rows in blocks of at most {@link #NBMAX}; each block
     * adds the columns into y in groups: of 8 (unit-stride x) or 4, then 2 and 1. Inside a group of 8 or 4 the
     * Haswell kernels give a row's first 4 and next 8 elements (n & 4, n & 8) two FMA chains (even and odd columns)
     * added together, and every later row one chain over the group's columns; the 2- and 1-column kernels add rounded
     * products to y one by one. The last 1 to 3 rows sum all columns in a float in plain C.
     */
    public static float[] sgemvN(int m, int n, float[] a, int aOff, int lda, float[] x, int xOff, int incx) {
        float[] y = new float[m];
        sgemvN(m, n, a, aOff, lda, x, xOff, incx, y, 0);
        return y;
    }

    /** {@link #sgemvN} into {@code y[yOff .. yOff + m)}, which holds +0.0, as {@link #sgemvT}'s form with an offset. */
    public static void sgemvN(int m, int n, float[] a, int aOff, int lda, float[] x, int xOff, int incx, float[] y, int yOff) {
        if (m == 0 || n == 0) return;
        float[] xb = new float[n];
        for (int j = 0; j < n; j++) xb[j] = x[xOff + j * incx];
        int m3 = m & 3, m1 = m & -4, m2 = (m & (NBMAX - 1)) - m3;
        int start = 0, nb = NBMAX;
        while (nb == NBMAX) {
            m1 -= nb;
            if (m1 < 0) {
                if (m2 == 0) break;
                nb = m2;
            }
            int j = 0, pre = (nb & 4) + (nb & 8);
            int group = incx == 1 ? 8 : 4;
            for (; j + group <= n; j += group) columns(group, nb, pre, a, aOff + start + j * lda, lda, xb, j, y, yOff + start);
            if (incx == 1 && (n & 4) != 0) {
                columns(4, nb, pre, a, aOff + start + j * lda, lda, xb, j, y, yOff + start);
                j += 4;
            }
            if (incx == 1 && (n & 2) != 0) {
                for (int i = 0; i < nb; i++) {
                    int p = aOff + start + i + j * lda;
                    y[yOff + start + i] = (y[yOff + start + i] + a[p] * xb[j]) + a[p + lda] * xb[j + 1];
                }
                j += 2;
            }
            for (; j < n; j++) {
                for (int i = 0; i < nb; i++) y[yOff + start + i] += a[aOff + start + i + j * lda] * xb[j];
            }
            start += nb;
        }
        for (int i = start; i < m; i++) {
            float t = 0;
            int p = aOff + i;
            if (lda == m3 && incx == 1 && m3 > 1) {
                int j = 0;
                for (; j < (n & -4); j += 2) t += a[p + j * lda] * xb[j] + a[p + (j + 1) * lda] * xb[j + 1];
                for (; j < n; j++) t += a[p + j * lda] * xb[j];
            } else if (lda == 1 && incx == 1) {
                int j = 0;
                for (; j < (n & -4); j += 4) t += a[p + j] * xb[j] + a[p + j + 1] * xb[j + 1] + a[p + j + 2] * xb[j + 2] + a[p + j + 3] * xb[j + 3];
                for (; j < n; j++) t += a[p + j] * xb[j];
            } else {
                for (int j = 0; j < n; j++) t += a[p + j * lda] * xb[j];
            }
            y[yOff + i] += t;
        }
    }

    /** sgemv_kernel_4x8 / 4x4 (Haswell) over one block of rows: {@code cols} columns from {@code ap}, x from xj. */
    private static void columns(int cols, int nb, int pre, float[] a, int ap, int lda, float[] x, int xj, float[] y, int yo) {
        for (int i = 0; i < nb; i++) {
            float t;
            if (i < pre) {
                float even = 0, odd = 0;
                for (int c = 0; c < cols; c += 2) {
                    even = Math.fma(a[ap + i + c * lda], x[xj + c], even);
                    odd = Math.fma(a[ap + i + (c + 1) * lda], x[xj + c + 1], odd);
                }
                t = even + odd;
            } else {
                t = 0;
                for (int c = 0; c < cols; c++) t = Math.fma(a[ap + i + c * lda], x[xj + c], t);
            }
            y[yo + i] += t;
        }
    }
}
