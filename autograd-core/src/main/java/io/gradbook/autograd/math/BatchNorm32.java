// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

/**
 * float32 {@code native_batch_norm} and its backward as PyTorch 1.13's CPU kernels compute them
 * ({@code aten/src/ATen/native/cpu/batch_norm_kernel.cpp}, {@code Normalization.cpp}), bit for bit, on a
 * contiguous (N, C, L) input ({@code image} = L, 1 for (N, C)). An input with L = 1 takes PyTorch's channels-last
 * kernels (its "NC11 is also channels last"): per-channel float buffers row by row. L &gt; 1 takes the contiguous
 * kernels: per channel a double sum, and in backward 8-lane float reductions per plane added into doubles. The
 * steps the AVX2 build fuses into one multiply-add ({@code x * alpha + beta}, {@code bias - mean * alpha}, the
 * squared deviations and dot products accumulated, {@code dy - grad_mean - (x - mean) * k}) are {@link Math#fma};
 * each choice was measured against PyTorch (oracle/norms.json).
 *
 * <p>Single-threaded by contract: the channels-last kernels keep one buffer row per intra-op thread, so PyTorch's
 * results there depend on its thread count; these are the one-thread results.
 */
public final class BatchNorm32 {
    private BatchNorm32() {}

    /**
     * {@code batch_norm_cpu_collect_stats}: per channel the mean and the sum of squared deviations from it
     * (rounded to float32 as PyTorch stores them).
     */
    public static void collectStats(float[] x, int off, int nBatch, int channels, int image, float[] mean, float[] varSum) {
        long count = (long) nBatch * image;
        if (image == 1) {
            float[] buf = new float[channels];
            for (int i = 0; i < nBatch; i++) for (int c = 0; c < channels; c++) buf[c] = x[off + i * channels + c] + buf[c];
            for (int c = 0; c < channels; c++) mean[c] = (float) ((0.0 + buf[c]) / count);
            java.util.Arrays.fill(buf, 0f);
            for (int i = 0; i < nBatch; i++) {
                for (int c = 0; c < channels; c++) {
                    float d = x[off + i * channels + c] - mean[c];
                    buf[c] = Math.fma(d, d, buf[c]);
                }
            }
            for (int c = 0; c < channels; c++) varSum[c] = (float) (0.0 + buf[c]);
            return;
        }
        for (int c = 0; c < channels; c++) {
            double sum = 0;
            for (int n = 0; n < nBatch; n++) {
                int base = off + (n * channels + c) * image;
                for (int i = 0; i < image; i++) sum += x[base + i];
            }
            float m = (float) (sum / count);
            mean[c] = m;
            double vs = 0;
            for (int n = 0; n < nBatch; n++) {
                int base = off + (n * channels + c) * image;
                for (int i = 0; i < image; i++) {
                    float d = x[base + i] - m;
                    vs += d * d;
                }
            }
            varSum[c] = (float) vs;
        }
    }

    /**
     * {@code batch_norm_cpu_update_stats_template} after the stats: save_invstd = 1 / sqrt(var_sum / n + eps) in
     * double; running stats (null if not tracked) move by momentum in float32, the variance unbiased
     * ({@code var_sum / (n - 1)}). Measured: the running variance's step is fused, the running mean's is not.
     */
    public static void updateStats(float[] mean, float[] varSum, long count, double momentum, double eps, float[] saveInvstd,
                                   float[] runningMean, float[] runningVar) {
        for (int c = 0; c < mean.length; c++) {
            saveInvstd[c] = (float) (1 / Math.sqrt((double) (varSum[c] / (float) count) + eps));
            float mf = (float) momentum;
            if (runningMean != null) runningMean[c] = mf * mean[c] + (1 - mf) * runningMean[c];
            if (runningVar != null) {
                float unbiased = varSum[c] / (float) (count - 1);
                runningVar[c] = Math.fma(mf, unbiased, (1 - mf) * runningVar[c]);
            }
        }
    }

    /**
     * {@code batch_norm_cpu_kernel}: y = x * alpha + beta per channel, alpha = invstd * weight, beta = bias -
     * mean * alpha; training uses the batch mean/invstd, evaluation the running mean and 1 / sqrt(running_var + eps).
     */
    public static void transform(float[] x, int off, int nBatch, int channels, int image, float[] weight, float[] bias,
                                 float[] mean, float[] invstd, float[] runningMean, float[] runningVar, boolean train, double eps, float[] y) {
        float[] alpha = new float[channels], beta = new float[channels];
        for (int c = 0; c < channels; c++) {
            float m, is;
            if (train) {
                m = mean[c];
                is = invstd[c];
            } else {
                m = runningMean[c];
                is = 1f / (float) Math.sqrt(runningVar[c] + (float) eps);
            }
            float w = weight == null ? 1f : weight[c], b = bias == null ? 0f : bias[c];
            alpha[c] = is * w;
            beta[c] = Math.fma(-m, alpha[c], b);
        }
        for (int n = 0; n < nBatch; n++) {
            for (int c = 0; c < channels; c++) {
                int base = (n * channels + c) * image;
                for (int i = 0; i < image; i++) {
                    y[base + i] = Math.fma(x[off + base + i], alpha[c], beta[c]);
                }
            }
        }
    }

    /**
     * {@code batch_norm_cpu_backward_kernel}: dx (null: not wanted), dweight and dbias (null: not wanted) from dy;
     * mean/invstd as in {@link #transform}.
     */
    public static void backward(float[] dy, float[] x, int off, int nBatch, int channels, int image, float[] weight,
                                float[] runningMean, float[] runningVar, float[] saveMean, float[] saveInvstd, boolean train, double eps,
                                float[] dx, float[] dweight, float[] dbias) {
        long count = (long) nBatch * image;
        float[] mean = new float[channels], invstd = new float[channels];
        for (int c = 0; c < channels; c++) {
            mean[c] = train ? saveMean[c] : runningMean[c];
            invstd[c] = train ? saveInvstd[c] : (float) (1 / Math.sqrt(runningVar[c] + eps));
        }
        float[] sum = new float[channels], dotp = new float[channels];
        if (image == 1) {
            for (int i = 0; i < nBatch; i++) {
                for (int c = 0; c < channels; c++) {
                    int p = i * channels + c;
                    sum[c] = sum[c] + dy[p];
                    float d = x[off + p] - mean[c];
                    dotp[c] = Math.fma(d, dy[p], dotp[c]);
                }
            }
            for (int c = 0; c < channels; c++) {
                sum[c] = (float) (0.0 + sum[c]);
                dotp[c] = (float) (0.0 + dotp[c]);
            }
            if (dx != null) {
                for (int i = 0; i < nBatch; i++) {
                    for (int c = 0; c < channels; c++) {
                        int p = i * channels + c;
                        float w = weight == null ? 1f : weight[c];
                        if (train) {
                            float k = dotp[c] * invstd[c] * invstd[c] / (float) count;
                            float gradMean = sum[c] / (float) count;
                            dx[p] = gradDx(dy[p], gradMean, x[off + p] - mean[c], k) * invstd[c] * w;
                        } else {
                            dx[p] = dy[p] * invstd[c] * w;
                        }
                    }
                }
            }
            for (int c = 0; c < channels; c++) {
                if (dweight != null) dweight[c] = dotp[c] * invstd[c];
                if (dbias != null) dbias[c] = sum[c];
            }
            return;
        }
        for (int c = 0; c < channels; c++) {
            float w = weight == null ? 1f : weight[c];
            double s = 0, dp = 0;
            for (int n = 0; n < nBatch; n++) {
                int base = (n * channels + c) * image;
                s += LayerNorm32.sumAll(dy, base, image);
                dp += centeredDot(x, off + base, mean[c], dy, base, image);
            }
            if (dx != null) {
                if (train) {
                    float k = (float) dp * invstd[c] * invstd[c] / (float) count;
                    float gradMean = (float) (s / count);
                    for (int n = 0; n < nBatch; n++) {
                        int base = (n * channels + c) * image;
                        for (int i = 0; i < image; i++) dx[base + i] = gradDx(dy[base + i], gradMean, x[off + base + i] - mean[c], k) * invstd[c] * w;
                    }
                } else {
                    for (int n = 0; n < nBatch; n++) {
                        int base = (n * channels + c) * image;
                        for (int i = 0; i < image; i++) dx[base + i] = dy[base + i] * invstd[c] * w;
                    }
                }
            }
            if (dweight != null) dweight[c] = (float) (dp * invstd[c]);
            if (dbias != null) dbias[c] = (float) s;
        }
    }

    /** dy - grad_mean - (x - mean) * k. */
    private static float gradDx(float dy, float gradMean, float centered, float k) {
        return Math.fma(-centered, k, dy - gradMean);
    }

    /** {@code vec::map2_reduce_all((x - mean) * dy, +)}: as {@link LayerNorm32#dotAll} with x - mean. */
    static float centeredDot(float[] x, int xo, float mean, float[] dy, int dyo, int n) {
        if (n < LayerNorm32.LANES) {
            float acc = (x[xo] - mean) * dy[dyo];
            for (int i = 1; i < n; i++) acc = acc + (x[xo + i] - mean) * dy[dyo + i];
            return acc;
        }
        float[] acc = new float[LayerNorm32.LANES];
        for (int l = 0; l < LayerNorm32.LANES; l++) acc[l] = (x[xo + l] - mean) * dy[dyo + l];
        for (int d = LayerNorm32.LANES; d < n; d += LayerNorm32.LANES) {
            int lanes = Math.min(LayerNorm32.LANES, n - d);
            for (int l = 0; l < lanes; l++) {
                float c = x[xo + d + l] - mean;
                acc[l] = Math.fma(c, dy[dyo + d + l], acc[l]);
            }
        }
        return LayerNorm32.tree(acc);
    }
}
