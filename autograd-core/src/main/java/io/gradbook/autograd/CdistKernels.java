// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import io.gradbook.autograd.math.Float32Unary;
import io.gradbook.autograd.math.Glibc64Pow;
import io.gradbook.autograd.math.Sleef64Exp;

/**
 * PyTorch 1.13's CPU cdist kernels (ATen native/cpu/DistanceOpsKernel.cpp, Dist::run_parallel_cdist and
 * run_backward_parallel_cdist) over contiguous [batch, rows, m] operands, bit for bit in float32 and float64.
 * <p>Forward, one distance at a time in the dtype: {@code agg = red(agg, map(|a - b|, p))} over the m columns, then
 * {@code finish(agg, p)}. Debian's GCC 12 build vectorizes the p = 2 loop's products in 128-bit lanes (4 floats, 2
 * doubles) with the adds kept in order and contracts the scalar tail's {@code agg + d * d} into a fused multiply-add
 * (measured against 1.13.1: each other model of the loop differs). General p maps with glibc's powf / pow and
 * finishes with {@code std::pow(agg, 1.0 / p)} in double.
 * <p>Backward ({@code _cdist_backward}): per x1 row, the sum in x2-row order of {@code F::backward(x1_i - x2_j,
 * grad_ij, dist_ij, p)}, each term lane-wise Vectorized arithmetic (SLEEF's pow), starting from 0.
 */
final class CdistKernels {
    private CdistKernels() {}

    /** The distances of [d, r1, m] and [d, r2, m] contiguous operands, into a fresh [d * r1 * r2] array laid out as outShape. */
    static Tensor forward(Tensor t1, Tensor t2, double p, int[] outShape) {
        int d = t1.size(0), r1 = t1.size(1), r2 = t2.size(1), m = t1.size(2);
        if (t1.dtype() == DType.FLOAT64) {
            double[] a = Elementwise.contiguousDoubles(t1), b = Elementwise.contiguousDoubles(t2), r = new double[d * r1 * r2];
            int k = 0;
            for (int l = 0; l < d; l++) {
                for (int i = 0; i < r1; i++) {
                    for (int j = 0; j < r2; j++) r[k++] = distance64(a, (l * r1 + i) * m, b, (l * r2 + j) * m, m, p);
                }
            }
            return Tensor.wrap(new Storage.DoubleStorage(r), outShape);
        }
        float[] a = Elementwise.contiguousFloats(t1), b = Elementwise.contiguousFloats(t2), r = new float[d * r1 * r2];
        float pf = (float) p;
        int k = 0;
        for (int l = 0; l < d; l++) {
            for (int i = 0; i < r1; i++) {
                for (int j = 0; j < r2; j++) r[k++] = distance32(a, (l * r1 + i) * m, b, (l * r2 + j) * m, m, pf);
            }
        }
        return Tensor.wrap(new Storage.FloatStorage(r), outShape);
    }

    private static float distance32(float[] a, int ai, float[] b, int bi, int m, float p) {
        float agg = 0;
        if (p == 0) {
            for (int x = 0; x < m; x++) agg += Math.min((float) Math.ceil(Math.abs(a[ai + x] - b[bi + x])), 1f);
            return agg;
        }
        if (p == 1) {
            for (int x = 0; x < m; x++) agg += Math.abs(a[ai + x] - b[bi + x]);
            return agg;
        }
        if (p == 2) {
            int body = m / 4 * 4;
            for (int x = 0; x < body; x++) {
                float diff = Math.abs(a[ai + x] - b[bi + x]);
                agg += diff * diff;
            }
            for (int x = body; x < m; x++) {
                float diff = Math.abs(a[ai + x] - b[bi + x]);
                agg = Math.fma(diff, diff, agg);
            }
            return (float) Math.sqrt(agg);
        }
        if (Float.isInfinite(p)) {
            for (int x = 0; x < m; x++) {
                float diff = Math.abs(a[ai + x] - b[bi + x]);
                if (agg < diff) agg = diff; // std::max(agg, up)
            }
            return agg;
        }
        for (int x = 0; x < m; x++) agg += Float32Unary.powScalar(Math.abs(a[ai + x] - b[bi + x]), p);
        return (float) Glibc64Pow.pow(agg, 1.0 / p);
    }

    private static double distance64(double[] a, int ai, double[] b, int bi, int m, double p) {
        double agg = 0;
        if (p == 0) {
            for (int x = 0; x < m; x++) agg += Math.min(Math.ceil(Math.abs(a[ai + x] - b[bi + x])), 1.0);
            return agg;
        }
        if (p == 1) {
            for (int x = 0; x < m; x++) agg += Math.abs(a[ai + x] - b[bi + x]);
            return agg;
        }
        if (p == 2) {
            int body = m / 2 * 2;
            for (int x = 0; x < body; x++) {
                double diff = Math.abs(a[ai + x] - b[bi + x]);
                agg += diff * diff;
            }
            for (int x = body; x < m; x++) {
                double diff = Math.abs(a[ai + x] - b[bi + x]);
                agg = Math.fma(diff, diff, agg);
            }
            return Math.sqrt(agg);
        }
        if (Double.isInfinite(p)) {
            for (int x = 0; x < m; x++) {
                double diff = Math.abs(a[ai + x] - b[bi + x]);
                if (agg < diff) agg = diff;
            }
            return agg;
        }
        for (int x = 0; x < m; x++) agg += Glibc64Pow.pow(Math.abs(a[ai + x] - b[bi + x]), p);
        return Glibc64Pow.pow(agg, 1.0 / p);
    }

    /**
     * The gradient for t1 ([d, r1, m], contiguous) of distances to t2 ([d, r2, m]): grad and dist [d, r1, r2],
     * contiguous. A fresh [d, r1, m] tensor.
     */
    static Tensor backward(Tensor grad, Tensor t1, Tensor t2, double p, Tensor dist) {
        int d = t1.size(0), r1 = t1.size(1), r2 = t2.size(1), m = t1.size(2);
        int[] shape = {d, r1, m};
        if (t1.dtype() == DType.FLOAT64) {
            double[] a = Elementwise.contiguousDoubles(t1), b = Elementwise.contiguousDoubles(t2);
            double[] g = Elementwise.contiguousDoubles(grad), ds = Elementwise.contiguousDoubles(dist), r = new double[d * r1 * m];
            if (p != 0) {
                for (int l = 0; l < d; l++) {
                    for (int i = 0; i < r1; i++) {
                        int ri = (l * r1 + i) * m, k0 = (l * r1 + i) * r2;
                        for (int j = 0; j < r2; j++) {
                            int bj = (l * r2 + j) * m;
                            double gk = g[k0 + j], dk = ds[k0 + j];
                            for (int x = 0; x < m; x++) r[ri + x] += term64(a[ri + x] - b[bj + x], gk, dk, p);
                        }
                    }
                }
            }
            return Tensor.wrap(new Storage.DoubleStorage(r), shape);
        }
        float[] a = Elementwise.contiguousFloats(t1), b = Elementwise.contiguousFloats(t2);
        float[] g = Elementwise.contiguousFloats(grad), ds = Elementwise.contiguousFloats(dist), r = new float[d * r1 * m];
        float pf = (float) p;
        if (p != 0) {
            for (int l = 0; l < d; l++) {
                for (int i = 0; i < r1; i++) {
                    int ri = (l * r1 + i) * m, k0 = (l * r1 + i) * r2;
                    for (int j = 0; j < r2; j++) {
                        int bj = (l * r2 + j) * m;
                        float gk = g[k0 + j], dk = ds[k0 + j];
                        for (int x = 0; x < m; x++) r[ri + x] += term32(a[ri + x] - b[bj + x], gk, dk, pf);
                    }
                }
            }
        }
        return Tensor.wrap(new Storage.FloatStorage(r), shape);
    }

    /** Dist::sign: min(max(0, ceil(v)), 1) + min(max(-1, floor(v)), 0). */
    private static float sign32(float v) {
        return Math.min(Math.max(0f, (float) Math.ceil(v)), 1f) + Math.min(Math.max(-1f, (float) Math.floor(v)), 0f);
    }

    private static double sign64(double v) {
        return Math.min(Math.max(0.0, Math.ceil(v)), 1.0) + Math.min(Math.max(-1.0, Math.floor(v)), 0.0);
    }

    /** F::backward for one lane: odist (p = 1), lttdist (p < 2), tdist (2), idist (inf), pdist (other p). */
    private static float term32(float diff, float grad, float dist, float p) {
        if (p == 1) return grad * sign32(diff);
        if (p < 2) {
            float t = dist == 0 ? 0f : sign32(diff) * Float32Unary.pow(Math.abs(diff), p - 1f) * grad / Float32Unary.pow(dist, p - 1f);
            return diff == 0 && p < 1 ? 0f : t; // Vec::blendv(result, 0, diff == 0 & p < 1)
        }
        if (p == 2) return dist == 0 ? 0f : grad * diff / dist;
        if (Float.isInfinite(p)) {
            return grad * sign32(diff) * (1f - Math.min(1f, (float) Math.ceil(Math.abs(Math.abs(diff) - dist))));
        }
        return dist == 0 ? 0f : diff * Float32Unary.pow(Math.abs(diff), p - 2f) * grad / Float32Unary.pow(dist, p - 1f);
    }

    private static double term64(double diff, double grad, double dist, double p) {
        if (p == 1) return grad * sign64(diff);
        if (p < 2) {
            double t = dist == 0 ? 0.0 : sign64(diff) * Sleef64Exp.pow(Math.abs(diff), p - 1) * grad / Sleef64Exp.pow(dist, p - 1);
            return diff == 0 && p < 1 ? 0.0 : t;
        }
        if (p == 2) return dist == 0 ? 0.0 : grad * diff / dist;
        if (Double.isInfinite(p)) return grad * sign64(diff) * (1.0 - Math.min(1.0, Math.ceil(Math.abs(Math.abs(diff) - dist))));
        return dist == 0 ? 0.0 : diff * Sleef64Exp.pow(Math.abs(diff), p - 2) * grad / Sleef64Exp.pow(dist, p - 1);
    }
}
