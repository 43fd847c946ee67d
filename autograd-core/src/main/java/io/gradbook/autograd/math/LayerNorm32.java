// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

/**
 * float32 {@code native_layer_norm} and its backward as PyTorch 1.13's AVX2 CPU kernels compute them
 * ({@code aten/src/ATen/native/cpu/layer_norm_kernel.cpp} and {@code moments_utils.h}), bit for bit, on rows of
 * {@code n} contiguous elements. Where the AVX2 build's compiler fused {@code a * b + c} into one multiply-add
 * (the affine forward, the gamma gradient, the dot products' accumulation, the backward's coefficients and
 * {@code b * x} in dX) this is {@link Math#fma}; the moments' Welford steps are not fused. Each choice was
 * measured against PyTorch (oracle/norms.json; the other choices differed in hundreds of values).
 *
 * <p>Single-threaded by contract: PyTorch's gamma/beta gradients go through one buffer row per intra-op thread, so
 * they depend on its thread count; these are the one-thread results ({@code torch.set_num_threads(1)}).
 */
public final class LayerNorm32 {
    private LayerNorm32() {}

    /** Lanes of one AVX2 {@code Vectorized<float>}. */
    static final int LANES = 8;
    /** {@code kChunkSize}: vectors per Welford chunk before the cascade merges it. */
    static final int CHUNK = 16;
    private static final float[] INV = new float[CHUNK];

    static {
        for (int i = 0; i < CHUNK; i++) INV[i] = 1f / (float) (i + 1);
    }

    /**
     * {@code RowwiseMoments}: mean and biased variance of {@code x[off .. off + n)}. Each lane runs Welford over
     * chunks of 16 vectors, the chunks merge pairwise in a cascade (a binary counter of partial moments), the
     * remainder past the last full vector runs scalar Welford, and the 8 lanes are merged into it in lane order.
     * Writes {mean, var} into {@code out}.
     */
    public static void moments(float[] x, int off, int n, float[] out) {
        int nv = n / LANES;
        int m = (nv + CHUNK - 1) / CHUNK;
        int depth = ceilLog2(m);
        int slots = Math.max(depth, 1);
        long[] m0s = new long[slots];
        float[][] m1s = new float[slots][LANES], m2s = new float[slots][LANES];
        float[] m1v = new float[LANES], m2v = new float[LANES];
        for (int i = 0; i < m; i++) {
            int base = off + i * CHUNK * LANES;
            int cnt = Math.min(CHUNK, nv - i * CHUNK);
            java.util.Arrays.fill(m1v, 0f);
            java.util.Arrays.fill(m2v, 0f);
            for (int j = 0; j < cnt; j++) {
                float c = INV[j];
                for (int l = 0; l < LANES; l++) {
                    float xv = x[base + j * LANES + l];
                    float delta = xv - m1v[l];
                    m1v[l] = m1v[l] + delta * c;
                    m2v[l] = m2v[l] + delta * (xv - m1v[l]);
                }
            }
            m0s[0] = addMomentsVec(cnt, m1v, m2v, m0s[0], m1s[0], m2s[0]);
            long mask = i + 1;
            for (int j = 1; j < depth && (mask & 1) == 0; j++) {
                m0s[j] = addMomentsVec(m0s[j - 1], m1s[j - 1], m2s[j - 1], m0s[j], m1s[j], m2s[j]);
                m0s[j - 1] = 0;
                java.util.Arrays.fill(m1s[j - 1], 0f);
                java.util.Arrays.fill(m2s[j - 1], 0f);
                mask >>= 1;
            }
        }
        for (int i = 1; i < depth; i++) m0s[0] = addMomentsVec(m0s[i], m1s[i], m2s[i], m0s[0], m1s[0], m2s[0]);
        long m0 = 0;
        float m1 = 0, m2 = 0;
        for (int i = nv * LANES; i < n; i++) {
            float xv = x[off + i];
            float delta = xv - m1;
            ++m0;
            m1 += delta / (float) m0;
            m2 = m2 + delta * (xv - m1);
        }
        for (int l = 0; l < LANES; l++) {
            // AddMoments(n, m1_arr[l], m2_arr[l], m0, m1, m2)
            long nn = m0 + nv;
            float c = nn == 0 ? 0f : (float) nv / (float) nn;
            float delta = m1s[0][l] - m1;
            m1 = m1 + c * delta;
            m2 = m2 + (m2s[0][l] + delta * delta * c * (float) m0);
            m0 = nn;
        }
        out[0] = m1;
        out[1] = m2 / (float) n;
    }

    /** {@code AddMomentsVec}: merges (m0Add, m1Add, m2Add) into (m0, m1, m2) lane by lane; returns the new m0. */
    private static long addMomentsVec(long m0Add, float[] m1Add, float[] m2Add, long m0, float[] m1, float[] m2) {
        long nn = m0 + m0Add;
        float c = nn == 0 ? 0f : (float) m0Add / (float) nn;
        float fm0 = (float) m0;
        for (int l = 0; l < LANES; l++) {
            float delta = m1Add[l] - m1[l];
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
    public static void forward(float[] x, int xOff, float[] gamma, int gOff, float[] beta, int bOff, int rows, int n,
                               float eps, float[] y, int yOff, float[] mean, float[] rstd) {
        float[] mv = new float[2];
        for (int i = 0; i < rows; i++) {
            int xo = xOff + i * n, yo = yOff + i * n;
            moments(x, xo, n, mv);
            float r = 1f / (float) Math.sqrt(mv[1] + eps);
            float scale = r, bias = -r * mv[0];
            for (int j = 0; j < n; j++) {
                float g = gamma == null ? 1f : gamma[gOff + j];
                float b = beta == null ? 0f : beta[bOff + j];
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
    public static void backward(float[] dy, float[] x, int xOff, float[] mean, float[] rstd, float[] gamma, int gOff,
                                int rows, int n, float[] dx, float[] dgamma, float[] dbeta) {
        float scale = 1f / (float) n;
        float[] dgBuf = dgamma == null ? null : new float[n], dbBuf = dbeta == null ? null : new float[n];
        for (int i = 0; i < rows; i++) {
            int o = i * n, xo = xOff + i * n;
            if (dgBuf != null) {
                float a = rstd[i], b = -a * mean[i];
                for (int j = 0; j < n; j++) dgBuf[j] = Math.fma(dy[o + j], Math.fma(a, x[xo + j], b), dgBuf[j]);
            }
            if (dbBuf != null) for (int j = 0; j < n; j++) dbBuf[j] = dbBuf[j] + dy[o + j];
            if (dx != null) {
                float ds, db;
                if (gamma == null) {
                    ds = dotAll(dy, o, x, xo, null, 0, n);
                    db = sumAll(dy, o, n);
                } else {
                    ds = dotAll(dy, o, x, xo, gamma, gOff, n);
                    db = dotAll(dy, o, gamma, gOff, null, 0, n);
                }
                float a = rstd[i];
                float b = Math.fma(db, mean[i], -ds) * a * a * a * scale;
                float c = Math.fma(-b, mean[i], -(db * a * scale));
                for (int j = 0; j < n; j++) {
                    // a * dy * gamma + b * x + c: the compiler fuses b * x into the sum of the first two terms
                    float ady = a * dy[o + j];
                    dx[o + j] = Math.fma(b, x[xo + j], gamma == null ? ady : ady * gamma[gOff + j]) + c;
                }
            }
        }
        if (dgamma != null) for (int j = 0; j < n; j++) dgamma[j] = 0f + dgBuf[j];
        if (dbeta != null) for (int j = 0; j < n; j++) dbeta[j] = 0f + dbBuf[j];
    }

    /**
     * {@code vec::map2_reduce_all(x * y)} or {@code map3_reduce_all(x * y * z)} with +: the first vector's products
     * rounded, then {@code acc = fma(x * y, z, acc)} (or {@code fma(x, y, acc)}) lane by lane, the tail into its
     * lanes, then the lane tree; under 8 elements the rounded products summed in order.
     */
    static float dotAll(float[] a, int ao, float[] b, int bo, float[] c, int co, int n) {
        if (n < LANES) {
            float acc = prod(a, ao, b, bo, c, co, 0);
            for (int i = 1; i < n; i++) acc = acc + prod(a, ao, b, bo, c, co, i);
            return acc;
        }
        float[] acc = new float[LANES];
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

    private static float prod(float[] a, int ao, float[] b, int bo, float[] c, int co, int i) {
        float p = a[ao + i] * b[bo + i];
        return c == null ? p : p * c[co + i];
    }

    /** {@code vec::reduce_all} with +. */
    static float sumAll(float[] a, int ao, int n) {
        if (n < LANES) {
            float acc = a[ao];
            for (int i = 1; i < n; i++) acc = acc + a[ao + i];
            return acc;
        }
        float[] acc = new float[LANES];
        System.arraycopy(a, ao, acc, 0, LANES);
        for (int d = LANES; d < n; d += LANES) {
            int lanes = Math.min(LANES, n - d);
            for (int l = 0; l < lanes; l++) acc[l] = acc[l] + a[ao + d + l];
        }
        return tree(acc);
    }

    /** VecReduceAllSIMD (AVX2): halves, then pairs of pairs, then neighbours; lane 0's result. */
    static float tree(float[] v) {
        float w0 = v[0] + v[4], w1 = v[1] + v[5], w2 = v[2] + v[6], w3 = v[3] + v[7];
        float x0 = w0 + w2, x1 = w1 + w3;
        return x0 + x1;
    }
}
