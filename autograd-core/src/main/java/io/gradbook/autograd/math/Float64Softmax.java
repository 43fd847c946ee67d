// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

/**
 * PyTorch 1.13's float64 {@code softmax} and {@code log_softmax} on CPU and their backward, bit for bit, for a
 * contiguous tensor seen as {@code (outer, dimSize, inner)}: element (o, d, i) at {@code off + (o * dimSize + d) * inner + i}.
 * The float64 twin of {@link Float32Softmax}, with the same structure and the same kernels, run on
 * {@code Vectorized<double>}: 4 lanes (AVX2), SLEEF's double exp and log ({@link Sleef64}), glibc's exp
 * ({@link Glibc64}) in the scalar columns of the other-dim kernels.
 *
 * <p>Contract:
 * <pre>
 * public static void softmax(double[] src, int srcOff, double[] dst, int dstOff, int outer, int dimSize, int inner, boolean lastDim)
 * public static void logSoftmax(same)
 * public static void softmaxBackward(double[] grad, int gOff, double[] out, int oOff, double[] dst, int dOff, int outer, int dimSize, int inner, boolean lastDim)
 * public static void logSoftmaxBackward(same)
 * </pre>
 * Two differences from float32 decide the bits: {@code vec::reduce_all}'s last step over the 4 lane accumulators
 * is a plain left fold for double (PyTorch 1.13 has the lane tree, VecReduceAllSIMD, for float only), and the
 * non-last-dim kernels work in groups of 4 columns, their chunks {@code 128 KiB / dim / 8} columns. Computed lane
 * by lane in plain Java (C2 vectorizes what it can): the same operations in the same order as PyTorch's vectors.
 * Rows split over the pool by {@link RowSplit}, each computed as PyTorch computes it on one thread.
 */
public final class Float64Softmax {
    private Float64Softmax() {}

    private static final int LANES = 4;
    /** vec::maximum's NaN: the compare mask ORed in, all ones. */
    static final double ALL_ONES = Double.longBitsToDouble(-1L);

    public static void softmax(double[] src, int srcOff, double[] dst, int dstOff, int outer, int dimSize, int inner, boolean lastDim) {
        check(src, srcOff, dst, dstOff, outer, dimSize, inner, lastDim);
        if (dimSize == 0) return;
        if (lastDim) {
            RowSplit.run(outer, dimSize, (from, to) -> {
                for (int o = from; o < to; o++) softmaxRow(src, srcOff + o * dimSize, dst, dstOff + o * dimSize, dimSize);
            });
        } else {
            RowSplit.run(outer, (long) dimSize * inner, (from, to) -> softmaxInner(src, srcOff, dst, dstOff, from, to, dimSize, inner));
        }
    }

    public static void logSoftmax(double[] src, int srcOff, double[] dst, int dstOff, int outer, int dimSize, int inner, boolean lastDim) {
        check(src, srcOff, dst, dstOff, outer, dimSize, inner, lastDim);
        if (dimSize == 0) return;
        if (lastDim) {
            RowSplit.run(outer, dimSize, (from, to) -> {
                for (int o = from; o < to; o++) logSoftmaxRow(src, srcOff + o * dimSize, dst, dstOff + o * dimSize, dimSize);
            });
        } else {
            RowSplit.run(outer, (long) dimSize * inner, (from, to) -> logSoftmaxInner(src, srcOff, dst, dstOff, from, to, dimSize, inner));
        }
    }

    // ---- last dim ----

    /** _vec_softmax_lastdim for one row: max, exp(x - max) stored, its sum, times 1 / sum. */
    private static void softmaxRow(double[] x, int xo, double[] y, int yo, int n) {
        double max = reduceMax(x, xo, n);
        for (int i = 0; i < n; i++) y[yo + i] = Sleef64.exp(x[xo + i] - max);
        double sum = 1 / reduceSum(y, yo, n);
        for (int i = 0; i < n; i++) y[yo + i] = y[yo + i] * sum;
    }

    /** _vec_log_softmax_lastdim for one row: max, the sum of exp(x - max) (map_reduce_all), SLEEF log, x - max - log. */
    private static void logSoftmaxRow(double[] x, int xo, double[] y, int yo, int n) {
        double max = reduceMax(x, xo, n);
        double logSum = Sleef64.log(mapExpReduceSum(x, xo, n, max));
        // x - max first, then - log(sum): the order PyTorch keeps on purpose (pytorch#11752)
        for (int i = 0; i < n; i++) y[yo + i] = x[xo + i] - max - logSum;
    }

    /** vec::maximum: NaN (all ones) if either is NaN, else _mm256_max_pd (the second operand on ties). */
    static double maximum(double a, double b) {
        if (a != a || b != b) return ALL_ONES;
        return a > b ? a : b;
    }

    /**
     * vec::reduce_all with vec::maximum: the first vector, each whole vector lanewise, the partial one into its
     * lanes, then lane 0 folded with lanes 1, 2, 3 in turn; a row shorter than 4 folded in order.
     */
    static double reduceMax(double[] x, int o, int n) {
        if (n < LANES) {
            double acc = x[o];
            for (int i = 1; i < n; i++) acc = maximum(acc, x[o + i]);
            return acc;
        }
        double a0 = x[o], a1 = x[o + 1], a2 = x[o + 2], a3 = x[o + 3];
        int d = LANES, body = n - n % LANES;
        for (; d < body; d += LANES) {
            a0 = maximum(a0, x[o + d]);
            a1 = maximum(a1, x[o + d + 1]);
            a2 = maximum(a2, x[o + d + 2]);
            a3 = maximum(a3, x[o + d + 3]);
        }
        int tail = n - d;
        if (tail > 0) a0 = maximum(a0, x[o + d]);
        if (tail > 1) a1 = maximum(a1, x[o + d + 1]);
        if (tail > 2) a2 = maximum(a2, x[o + d + 2]);
        return maximum(maximum(maximum(a0, a1), a2), a3);
    }

    /** vec::reduce_all with +, as reduceMax. */
    static double reduceSum(double[] x, int o, int n) {
        if (n < LANES) {
            double acc = x[o];
            for (int i = 1; i < n; i++) acc = acc + x[o + i];
            return acc;
        }
        double a0 = x[o], a1 = x[o + 1], a2 = x[o + 2], a3 = x[o + 3];
        int d = LANES, body = n - n % LANES;
        for (; d < body; d += LANES) {
            a0 += x[o + d];
            a1 += x[o + d + 1];
            a2 += x[o + d + 2];
            a3 += x[o + d + 3];
        }
        int tail = n - d;
        if (tail > 0) a0 += x[o + d];
        if (tail > 1) a1 += x[o + d + 1];
        if (tail > 2) a2 += x[o + d + 2];
        return ((a0 + a1) + a2) + a3;
    }

    /** vec::map_reduce_all of exp(x - max) with +, as reduceSum. */
    static double mapExpReduceSum(double[] x, int o, int n, double max) {
        if (n < LANES) {
            double acc = Sleef64.exp(x[o] - max);
            for (int i = 1; i < n; i++) acc = acc + Sleef64.exp(x[o + i] - max);
            return acc;
        }
        double[] acc = new double[LANES];
        for (int l = 0; l < LANES; l++) acc[l] = Sleef64.exp(x[o + l] - max);
        int d = LANES, body = n - n % LANES;
        for (; d < body; d += LANES) {
            for (int l = 0; l < LANES; l++) acc[l] = acc[l] + Sleef64.exp(x[o + d + l] - max);
        }
        for (int l = 0; l < n - d; l++) acc[l] = acc[l] + Sleef64.exp(x[o + d + l] - max);
        return ((acc[0] + acc[1]) + acc[2]) + acc[3];
    }

    /**
     * vec::map2_reduce_all of g * y with +: the first vector's products rounded, then the build's contracted
     * {@code acc = fma(g, y, acc)} (the partial vector too), the left fold; a row shorter than 4 sums its rounded
     * products in order.
     */
    static double mapMulReduceSum(double[] g, int go, double[] y, int yo, int n) {
        if (n < LANES) {
            double acc = g[go] * y[yo];
            for (int i = 1; i < n; i++) acc = acc + g[go + i] * y[yo + i];
            return acc;
        }
        double[] acc = new double[LANES];
        for (int l = 0; l < LANES; l++) acc[l] = g[go + l] * y[yo + l];
        int d = LANES, body = n - n % LANES;
        for (; d < body; d += LANES) {
            for (int l = 0; l < LANES; l++) acc[l] = Math.fma(g[go + d + l], y[yo + d + l], acc[l]);
        }
        for (int l = 0; l < n - d; l++) acc[l] = Math.fma(g[go + d + l], y[yo + d + l], acc[l]);
        return ((acc[0] + acc[1]) + acc[2]) + acc[3];
    }

    // ---- other dims ----

    /**
     * _vec_softmax over outer blocks [from, to): per group of 4 columns the max down the dim by vec::maximum,
     * {@code e = exp(x - max)} (SLEEF) stored and summed from 0, then {@code e / sum}; the columns after the last
     * whole group of each block scalar (std::max, glibc exp, the same steps).
     */
    private static void softmaxInner(double[] x, int xo, double[] y, int yo, int from, int to, int dimSize, int inner) {
        int outerStride = dimSize * inner;
        int vec = inner - inner % LANES;
        double[] max = new double[inner], sum = new double[inner];
        for (int o = from; o < to; o++) {
            int bx = xo + o * outerStride, by = yo + o * outerStride;
            // the dim rows walked across all columns: the same operations per column, in the same order
            System.arraycopy(x, bx, max, 0, inner);
            for (int d = 1; d < dimSize; d++) {
                int k = bx + d * inner;
                for (int i = 0; i < vec; i++) max[i] = maximum(max[i], x[k + i]);
                for (int i = vec; i < inner; i++) max[i] = max[i] < x[k + i] ? x[k + i] : max[i];
            }
            java.util.Arrays.fill(sum, 0.0);
            for (int d = 0; d < dimSize; d++) {
                int kx = bx + d * inner, ky = by + d * inner;
                for (int i = 0; i < vec; i++) {
                    double e = Sleef64.exp(x[kx + i] - max[i]);
                    y[ky + i] = e;
                    sum[i] = sum[i] + e;
                }
                for (int i = vec; i < inner; i++) {
                    double e = Glibc64.exp(x[kx + i] - max[i]);
                    y[ky + i] = e;
                    sum[i] = sum[i] + e;
                }
            }
            for (int d = 0; d < dimSize; d++) {
                int ky = by + d * inner;
                for (int i = 0; i < inner; i++) y[ky + i] = y[ky + i] / sum[i];
            }
        }
    }

    /** PyTorch's column chunk of the other-dim log_softmax kernels: 128 KiB of doubles down the dim, whole vectors. */
    private static int chunk(int dimSize) {
        int chunk = Math.max(128 * 1024 / dimSize / 8, LANES);
        return chunk / LANES * LANES;
    }

    /**
     * _vec_logsoftmax: the inner columns in chunks; per chunk the first {@code size - size % 4} by vectors (SLEEF
     * exp), the rest scalar (glibc exp); running max by "greater than" (a NaN never wins), sums from 0, SLEEF log
     * over every column (vec::map), then {@code x - max - log(sum)}.
     */
    private static void logSoftmaxInner(double[] x, int xo, double[] y, int yo, int from, int to, int dimSize, int inner) {
        int chunk = chunk(dimSize);
        int outerStride = dimSize * inner;
        double[] max = new double[Math.min(chunk, inner)], sum = new double[max.length];
        for (int o = from; o < to; o++) {
            for (int begin = 0; begin < inner; begin += chunk) {
                int size = Math.min(chunk, inner - begin);
                int vec = size - size % LANES;
                int bx = xo + o * outerStride + begin, by = yo + o * outerStride + begin;
                java.util.Arrays.fill(max, 0, size, Double.NEGATIVE_INFINITY);
                java.util.Arrays.fill(sum, 0, size, 0.0);
                for (int d = 0; d < dimSize; d++) {
                    for (int i = 0; i < size; i++) {
                        double v = x[bx + d * inner + i];
                        max[i] = v > max[i] ? v : max[i];
                    }
                }
                for (int d = 0; d < dimSize; d++) {
                    for (int i = 0; i < vec; i++) sum[i] += Sleef64.exp(x[bx + d * inner + i] - max[i]);
                    for (int i = vec; i < size; i++) sum[i] += Glibc64.exp(x[bx + d * inner + i] - max[i]);
                }
                for (int i = 0; i < size; i++) sum[i] = Sleef64.log(sum[i]);
                for (int d = 0; d < dimSize; d++) {
                    int k = d * inner;
                    for (int i = 0; i < size; i++) y[by + k + i] = x[bx + k + i] - max[i] - sum[i];
                }
            }
        }
    }

    // ---- backward (_softmax_backward_data, _log_softmax_backward_data) ----

    /**
     * {@code _softmax_backward_data} in float64: {@code dst = y * (g - sum(g * y))} over the dim. Last dim
     * ({@code _vec_host_softmax_backward_lastdim}): the sum by {@link #mapMulReduceSum}, then {@code (g - sum) * y}.
     * Other dims ({@code _vec_softmax_backward}): per column {@code sum = fma(g, y, sum)} from 0 down the dim, then
     * {@code y * (g - sum)}; every column by itself, so PyTorch's chunks change nothing.
     */
    public static void softmaxBackward(double[] grad, int gOff, double[] out, int oOff, double[] dst, int dOff,
                                       int outer, int dimSize, int inner, boolean lastDim) {
        check(grad, gOff, dst, dOff, outer, dimSize, inner, lastDim);
        check(out, oOff, dst, dOff, outer, dimSize, inner, lastDim);
        if (dimSize == 0) return;
        if (lastDim) {
            RowSplit.run(outer, dimSize, (from, to) -> {
                for (int o = from; o < to; o++) {
                    int go = gOff + o * dimSize, yo = oOff + o * dimSize, dO = dOff + o * dimSize;
                    double sum = mapMulReduceSum(grad, go, out, yo, dimSize);
                    for (int i = 0; i < dimSize; i++) dst[dO + i] = (grad[go + i] - sum) * out[yo + i];
                }
            });
            return;
        }
        RowSplit.run(outer, (long) dimSize * inner, (from, to) -> {
            int outerStride = dimSize * inner;
            double[] sum = new double[inner];
            for (int o = from; o < to; o++) {
                int base = o * outerStride;
                java.util.Arrays.fill(sum, 0.0);
                for (int d = 0; d < dimSize; d++) {
                    int k = base + d * inner;
                    for (int i = 0; i < inner; i++) sum[i] = Math.fma(grad[gOff + k + i], out[oOff + k + i], sum[i]);
                }
                for (int d = 0; d < dimSize; d++) {
                    int k = base + d * inner;
                    for (int i = 0; i < inner; i++) dst[dOff + k + i] = out[oOff + k + i] * (grad[gOff + k + i] - sum[i]);
                }
            }
        });
    }

    /**
     * {@code _log_softmax_backward_data} in float64: {@code dst = g - exp(y) * sum(g)} over the dim, the last step
     * one fused {@code fma(-exp(y), sum, g)}. Last dim: the sum by {@link #reduceSum}, exp by SLEEF. Other dims
     * ({@code _vec_log_softmax_backward}): per column a sum from 0 down the dim; within each chunk the first
     * {@code size - size % 4} columns by vectors (SLEEF exp), the rest scalar (glibc exp).
     */
    public static void logSoftmaxBackward(double[] grad, int gOff, double[] out, int oOff, double[] dst, int dOff,
                                          int outer, int dimSize, int inner, boolean lastDim) {
        check(grad, gOff, dst, dOff, outer, dimSize, inner, lastDim);
        check(out, oOff, dst, dOff, outer, dimSize, inner, lastDim);
        if (dimSize == 0) return;
        if (lastDim) {
            RowSplit.run(outer, dimSize, (from, to) -> {
                for (int o = from; o < to; o++) {
                    int go = gOff + o * dimSize, yo = oOff + o * dimSize, dO = dOff + o * dimSize;
                    double sum = reduceSum(grad, go, dimSize);
                    for (int i = 0; i < dimSize; i++) dst[dO + i] = Math.fma(-Sleef64.exp(out[yo + i]), sum, grad[go + i]);
                }
            });
            return;
        }
        RowSplit.run(outer, (long) dimSize * inner, (from, to) -> {
            int chunk = chunk(dimSize);
            int outerStride = dimSize * inner;
            double[] sum = new double[Math.min(chunk, inner)];
            for (int o = from; o < to; o++) {
                for (int begin = 0; begin < inner; begin += chunk) {
                    int size = Math.min(chunk, inner - begin);
                    int vec = size - size % LANES;
                    java.util.Arrays.fill(sum, 0, size, 0.0);
                    int base = o * outerStride + begin;
                    for (int d = 0; d < dimSize; d++) {
                        int k = gOff + base + d * inner;
                        for (int i = 0; i < size; i++) sum[i] += grad[k + i];
                    }
                    for (int d = 0; d < dimSize; d++) {
                        int k = base + d * inner;
                        for (int i = 0; i < vec; i++) {
                            dst[dOff + k + i] = Math.fma(-Sleef64.exp(out[oOff + k + i]), sum[i], grad[gOff + k + i]);
                        }
                        for (int i = vec; i < size; i++) {
                            dst[dOff + k + i] = Math.fma(-Glibc64.exp(out[oOff + k + i]), sum[i], grad[gOff + k + i]);
                        }
                    }
                }
            }
        });
    }

    private static void check(double[] src, int srcOff, double[] dst, int dstOff, int outer, int dimSize, int inner, boolean lastDim) {
        if (outer < 0 || dimSize < 0 || inner < 0) throw new IllegalArgumentException("negative size");
        if (lastDim && inner != 1) throw new IllegalArgumentException("lastDim needs inner == 1, got " + inner);
        long n = (long) outer * dimSize * inner;
        if (n > Integer.MAX_VALUE) throw new IllegalArgumentException("too many elements: " + n);
        Float64Reduce.checkRange(src.length, srcOff, (int) n);
        Float64Reduce.checkRange(dst.length, dstOff, (int) n);
    }
}
