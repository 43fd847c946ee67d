// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

/**
 * float64 {@code native_layer_norm} and its backward as PyTorch 1.13's AVX2 CPU kernels compute them
 * ({@code aten/src/ATen/native/cpu/layer_norm_kernel.cpp} and {@code moments_utils.h}), bit for bit, on rows of
 * {@code n} contiguous elements. Where the AVX2 build's compiler fused {@code a * b + c} into one multiply-add
 * (the affine forward, the gamma gradient, the dot products' accumulation, the backward's coefficients and
 * {@code b * x} in dX) this is {@link Math#fma}; the moments' Welford steps are not fused. Each choice was
 * measured against PyTorch (oracle/norms.json; the other choices differed in hundreds of values).
 *
 * <p>Single-threaded by contract: PyTorch's gamma/beta gradients go through one buffer row per intra-op thread, so
 * they depend on its thread count; these are the one-thread results ({@code torch.set_num_threads(1)}).
 */
public final class LayerNorm64 {
    private LayerNorm64() {}

    /** Lanes of one AVX2 {@code Vectorized<double>}. */
    static final int LANES = 4;
    /** {@code kChunkSize}: vectors per Welford chunk before the cascade merges it. */
    static final int CHUNK = 16;
    private static final double[] INV = new double[CHUNK];

    static {
        for (int i = 0; i < CHUNK; i++) INV[i] = 1.0 / (double) (i + 1);
    }

    /**
     * {@code RowwiseMoments}: mean and biased variance of {@code x[off .. off + n)}. Each lane runs Welford over
     * chunks of 16 vectors, the chunks merge pairwise in a cascade (a binary counter of partial moments), the
     * remainder past the last full vector runs scalar Welford, and the 4 lanes are merged into it in lane order.
     * Writes {mean, var} into {@code out}.
     */
    public static void moments(double[] x, int off, int n, double[] out) {
        int nv = n / LANES;
        int m = (nv + CHUNK - 1) / CHUNK;
        int depth = ceilLog2(m);
        int slots = Math.max(depth, 1);
        long[] m0s = new long[slots];
        double[][] m1s = new double[slots][LANES], m2s = new double[slots][LANES];
        double[] m1v = new double[LANES], m2v = new double[LANES];
        for (int i = 0; i < m; i++) {
            int base = off + i * CHUNK * LANES;
            int cnt = Math.min(CHUNK, nv - i * CHUNK);
            java.util.Arrays.fill(m1v, 0.0);
            java.util.Arrays.fill(m2v, 0.0);
            for (int j = 0; j < cnt; j++) {
                double c = INV[j];
                for (int l = 0; l < LANES; l++) {
                    double xv = x[base + j * LANES + l];
                    double delta = xv - m1v[l];
                    m1v[l] = m1v[l] + delta * c;
                    m2v[l] = m2v[l] + delta * (xv - m1v[l]);
                }
            }
            m0s[0] = addMomentsVec(cnt, m1v, m2v, m0s[0], m1s[0], m2s[0]);
            long mask = i + 1;
            for (int j = 1; j < depth && (mask & 1) == 0; j++) {
                m0s[j] = addMomentsVec(m0s[j - 1], m1s[j - 1], m2s[j - 1], m0s[j], m1s[j], m2s[j]);
                m0s[j - 1] = 0;
                java.util.Arrays.fill(m1s[j - 1], 0.0);
                java.util.Arrays.fill(m2s[j - 1], 0.0);
                mask >>= 1;
            }
        }
        for (int i = 1; i < depth; i++) m0s[0] = addMomentsVec(m0s[i], m1s[i], m2s[i], m0s[0], m1s[0], m2s[0]);
        long m0 = 0;
        double m1 = 0, m2 = 0;
        for (int i = nv * LANES; i < n; i++) {
            double xv = x[off + i];
            double delta = xv - m1;
            ++m0;
            m1 += delta / (double) m0;
            m2 = m2 + delta * (xv - m1);
        }
        for (int l = 0; l < LANES; l++) {
            // AddMoments(n, m1_arr[l], m2_arr[l], m0, m1, m2)
            long nn = m0 + nv;
            double c = nn == 0 ? 0.0 : (double) nv / (double) nn;
            double delta = m1s[0][l] - m1;
            m1 = m1 + c * delta;
            m2 = m2 + (m2s[0][l] + delta * delta * c * (double) m0);
            m0 = nn;
        }
        out[0] = m1;
        out[1] = m2 / (double) n;
    }

    /** {@code AddMomentsVec}: merges (m0Add, m1Add, m2Add) into (m0, m1, m2) lane by lane; returns the new m0. */
    private static long addMomentsVec(long m0Add, double[] m1Add, double[] m2Add, long m0, double[] m1, double[] m2) {
        long nn = m0 + m0Add;
        double c = nn == 0 ? 0.0 : (double) m0Add / (double) nn;
        double fm0 = (double) m0;
        for (int l = 0; l < LANES; l++) {
            double delta = m1Add[l] - m1[l];
            m1[l] = m1[l] + c * delta;
            m2[l] = m2[l] + (m2Add[l] + delta * delta * c * fm0);
        }
        return nn;
    }

    static int ceilLog2(long v) {
        return v <= 1 ? 0 : 64 - Long.numberOfLeadingZeros(v - 1);
    }

    /**
     * Forward over {@code rows} rows of {@code n}: y, and per row mean and rstd = 1 / sqrt(var + eps). The affine
     * step is {@code (x * rstd + (-rstd * mean)) * gamma + beta}, both steps fused; gamma/beta may be null.
     */
    public static void forward(double[] x, int xOff, double[] gamma, int gOff, double[] beta, int bOff, int rows, int n,
                               double eps, double[] y, int yOff, double[] mean, double[] rstd) {
        double[] mv = new double[2];
        for (int i = 0; i < rows; i++) {
            int xo = xOff + i * n, yo = yOff + i * n;
            moments(x, xo, n, mv);
            double r = 1.0 / Math.sqrt(mv[1] + eps);
            double scale = r, bias = -r * mv[0];
            for (int j = 0; j < n; j++) {
                double g = gamma == null ? 1.0 : gamma[gOff + j];
                double b = beta == null ? 0.0 : beta[bOff + j];
                y[yo + j] = Math.fma(Math.fma(x[xo + j], scale, bias), g, b);
            }
            mean[i] = mv[0];
            rstd[i] = r;
        }
    }

    /**
     * Backward: dX (if {@code dx} is not null), dgamma and dbeta (if not null) from dY, X, mean, rstd and gamma
     * (null: ones), all rows of {@code n} contiguous elements starting at offset 0 except where given.
     */
    public static void backward(double[] dy, double[] x, int xOff, double[] mean, double[] rstd, double[] gamma, int gOff,
                                int rows, int n, double[] dx, double[] dgamma, double[] dbeta) {
        double scale = 1.0 / (double) n;
        double[] dgBuf = dgamma == null ? null : new double[n], dbBuf = dbeta == null ? null : new double[n];
        for (int i = 0; i < rows; i++) {
            int o = i * n, xo = xOff + i * n;
            if (dgBuf != null) {
                double a = rstd[i], b = -a * mean[i];
                for (int j = 0; j < n; j++) dgBuf[j] = Math.fma(dy[o + j], Math.fma(a, x[xo + j], b), dgBuf[j]);
            }
            if (dbBuf != null) for (int j = 0; j < n; j++) dbBuf[j] = dbBuf[j] + dy[o + j];
            if (dx != null) {
                double ds, db;
                if (gamma == null) {
                    ds = dotAll(dy, o, x, xo, null, 0, n);
                    db = sumAll(dy, o, n);
                } else {
                    ds = dotAll(dy, o, x, xo, gamma, gOff, n);
                    db = dotAll(dy, o, gamma, gOff, null, 0, n);
                }
                double a = rstd[i];
                double b = Math.fma(db, mean[i], -ds) * a * a * a * scale;
                double c = Math.fma(-b, mean[i], -(db * a * scale));
                for (int j = 0; j < n; j++) {
                    // a * dy * gamma + b * x + c: the compiler fuses b * x into the sum of the first two terms
                    double ady = a * dy[o + j];
                    dx[o + j] = Math.fma(b, x[xo + j], gamma == null ? ady : ady * gamma[gOff + j]) + c;
                }
            }
        }
        if (dgamma != null) for (int j = 0; j < n; j++) dgamma[j] = 0.0 + dgBuf[j];
        if (dbeta != null) for (int j = 0; j < n; j++) dbeta[j] = 0.0 + dbBuf[j];
    }

    /**
     * {@code vec::map2_reduce_all(x * y)} or {@code map3_reduce_all(x * y * z)} with +: the first vector's products
     * rounded, then {@code acc = fma(x * y, z, acc)} (or {@code fma(x, y, acc)}) lane by lane, the tail into its
     * lanes, then the lanes in order; under 4 elements the rounded products summed in order.
     */
    static double dotAll(double[] a, int ao, double[] b, int bo, double[] c, int co, int n) {
        if (n < LANES) {
            double acc = prod(a, ao, b, bo, c, co, 0);
            for (int i = 1; i < n; i++) acc = acc + prod(a, ao, b, bo, c, co, i);
            return acc;
        }
        double[] acc = new double[LANES];
        for (int l = 0; l < LANES; l++) acc[l] = prod(a, ao, b, bo, c, co, l);
        int d = LANES;
        for (; d < n; d += LANES) {
            int lanes = Math.min(LANES, n - d);
            for (int l = 0; l < lanes; l++) {
                int i = d + l;
                acc[l] = c == null ? Math.fma(a[ao + i], b[bo + i], acc[l]) : Math.fma(a[ao + i] * b[bo + i], c[co + i], acc[l]);
            }
        }
        return tree(acc);
    }

    private static double prod(double[] a, int ao, double[] b, int bo, double[] c, int co, int i) {
        double p = a[ao + i] * b[bo + i];
        return c == null ? p : p * c[co + i];
    }

    /** {@code vec::reduce_all} with +. */
    static double sumAll(double[] a, int ao, int n) {
        if (n < LANES) {
            double acc = a[ao];
            for (int i = 1; i < n; i++) acc = acc + a[ao + i];
            return acc;
        }
        double[] acc = new double[LANES];
        System.arraycopy(a, ao, acc, 0, LANES);
        for (int d = LANES; d < n; d += LANES) {
            int lanes = Math.min(LANES, n - d);
            for (int l = 0; l < lanes; l++) acc[l] = acc[l] + a[ao + d + l];
        }
        return tree(acc);
    }

    /** The generic {@code vec_reduce_all} (no AVX2 shuffle tree for double): lane 0 plus lanes 1..3 in turn. */
    static double tree(double[] v) {
        return ((v[0] + v[1]) + v[2]) + v[3];
    }
}
