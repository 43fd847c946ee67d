// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

/**
 * float64 {@code native_batch_norm} and its backward as PyTorch 1.13's CPU kernels compute them
 * ({@code aten/src/ATen/native/cpu/batch_norm_kernel.cpp}, {@code Normalization.cpp}), bit for bit, on a
 * contiguous (N, C, L) input ({@code image} = L, 1 for (N, C)). An input with L = 1 takes PyTorch's channels-last
 * kernels (its "NC11 is also channels last"): per-channel double buffers row by row. L &gt; 1 takes the contiguous
 * kernels: per channel a double sum, and in backward 4-lane reductions per plane added into doubles. The
 * steps the AVX2 build fuses into one multiply-add ({@code x * alpha + beta}, {@code bias - mean * alpha}, the
 * squared deviations and dot products accumulated, {@code dy - grad_mean - (x - mean) * k}) are {@link Math#fma};
 * each choice was measured against PyTorch (oracle/norms.json).
 *
 * <p>Single-threaded by contract: the channels-last kernels keep one buffer row per intra-op thread, so PyTorch's
 * results there depend on its thread count; these are the one-thread results.
 */
public final class BatchNorm64 {
    private BatchNorm64() {}

    /**
     * {@code batch_norm_cpu_collect_stats}: per channel the mean and the sum of squared deviations from it
     * (rounded to float64 as PyTorch stores them).
     */
    public static void collectStats(double[] x, int off, int nBatch, int channels, int image, double[] mean, double[] varSum) {
        long count = (long) nBatch * image;
        if (image == 1) {
            double[] buf = new double[channels];
            for (int i = 0; i < nBatch; i++) for (int c = 0; c < channels; c++) buf[c] = x[off + i * channels + c] + buf[c];
            for (int c = 0; c < channels; c++) mean[c] = (double) ((0.0 + buf[c]) / count);
            java.util.Arrays.fill(buf, 0.0);
            for (int i = 0; i < nBatch; i++) {
                for (int c = 0; c < channels; c++) {
                    double d = x[off + i * channels + c] - mean[c];
                    buf[c] = Math.fma(d, d, buf[c]);
                }
            }
            for (int c = 0; c < channels; c++) varSum[c] = (double) (0.0 + buf[c]);
            return;
        }
        for (int c = 0; c < channels; c++) {
            double sum = 0;
            for (int n = 0; n < nBatch; n++) {
                int base = off + (n * channels + c) * image;
                for (int i = 0; i < image; i++) sum += x[base + i];
            }
            double m = (double) (sum / count);
            mean[c] = m;
            double vs = 0;
            for (int n = 0; n < nBatch; n++) {
                int base = off + (n * channels + c) * image;
                for (int i = 0; i < image; i++) {
                    double d = x[base + i] - m;
                    vs += d * d;
                }
            }
            varSum[c] = (double) vs;
        }
    }

    /**
     * {@code batch_norm_cpu_update_stats_template} after the stats: save_invstd = 1 / sqrt(var_sum / n + eps) in
     * double; running stats (null if not tracked) move by momentum in float64, the variance unbiased
     * ({@code var_sum / (n - 1)}). Measured: neither step is fused in float64.
     */
    public static void updateStats(double[] mean, double[] varSum, long count, double momentum, double eps, double[] saveInvstd,
                                   double[] runningMean, double[] runningVar) {
        for (int c = 0; c < mean.length; c++) {
            saveInvstd[c] = (double) (1 / Math.sqrt((double) (varSum[c] / (double) count) + eps));
            double mf = (double) momentum;
            if (runningMean != null) runningMean[c] = mf * mean[c] + (1 - mf) * runningMean[c];
            if (runningVar != null) {
                double unbiased = varSum[c] / (double) (count - 1);
                runningVar[c] = mf * unbiased + (1 - mf) * runningVar[c];
            }
        }
    }

    /**
     * {@code batch_norm_cpu_kernel}: y = x * alpha + beta per channel, alpha = invstd * weight, beta = bias -
     * mean * alpha; training uses the batch mean/invstd, evaluation the running mean and 1 / sqrt(running_var + eps).
     */
    public static void transform(double[] x, int off, int nBatch, int channels, int image, double[] weight, double[] bias,
                                 double[] mean, double[] invstd, double[] runningMean, double[] runningVar, boolean train, double eps, double[] y) {
        double[] alpha = new double[channels], beta = new double[channels];
        for (int c = 0; c < channels; c++) {
            double m, is;
            if (train) {
                m = mean[c];
                is = invstd[c];
            } else {
                m = runningMean[c];
                is = 1.0 / (double) Math.sqrt(runningVar[c] + (double) eps);
            }
            double w = weight == null ? 1.0 : weight[c], b = bias == null ? 0.0 : bias[c];
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
    public static void backward(double[] dy, double[] x, int off, int nBatch, int channels, int image, double[] weight,
                                double[] runningMean, double[] runningVar, double[] saveMean, double[] saveInvstd, boolean train, double eps,
                                double[] dx, double[] dweight, double[] dbias) {
        long count = (long) nBatch * image;
        double[] mean = new double[channels], invstd = new double[channels];
        for (int c = 0; c < channels; c++) {
            mean[c] = train ? saveMean[c] : runningMean[c];
            invstd[c] = train ? saveInvstd[c] : (double) (1 / Math.sqrt(runningVar[c] + eps));
        }
        double[] sum = new double[channels], dotp = new double[channels];
        if (image == 1) {
            for (int i = 0; i < nBatch; i++) {
                for (int c = 0; c < channels; c++) {
                    int p = i * channels + c;
                    sum[c] = sum[c] + dy[p];
                    double d = x[off + p] - mean[c];
                    dotp[c] = Math.fma(d, dy[p], dotp[c]);
                }
            }
            for (int c = 0; c < channels; c++) {
                sum[c] = (double) (0.0 + sum[c]);
                dotp[c] = (double) (0.0 + dotp[c]);
            }
            // measured: the full 4-lane vectors fuse dy - grad_mean - (x - mean) * k, the channels past them do not
            int body = channels - channels % LayerNorm64.LANES;
            if (dx != null) {
                for (int i = 0; i < nBatch; i++) {
                    for (int c = 0; c < channels; c++) {
                        int p = i * channels + c;
                        double w = weight == null ? 1.0 : weight[c];
                        if (train) {
                            double k = dotp[c] * invstd[c] * invstd[c] / (double) count;
                            double gradMean = sum[c] / (double) count;
                            dx[p] = (c < body ? gradDx(dy[p], gradMean, x[off + p] - mean[c], k) : dy[p] - gradMean - (x[off + p] - mean[c]) * k) * invstd[c] * w;
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
            double w = weight == null ? 1.0 : weight[c];
            double s = 0, dp = 0;
            for (int n = 0; n < nBatch; n++) {
                int base = (n * channels + c) * image;
                s += LayerNorm64.sumAll(dy, base, image);
                dp += centeredDot(x, off + base, mean[c], dy, base, image);
            }
            if (dx != null) {
                if (train) {
                    double k = (double) dp * invstd[c] * invstd[c] / (double) count;
                    double gradMean = (double) (s / count);
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
            if (dweight != null) dweight[c] = (double) (dp * invstd[c]);
            if (dbias != null) dbias[c] = (double) s;
        }
    }

    /** dy - grad_mean - (x - mean) * k. */
    private static double gradDx(double dy, double gradMean, double centered, double k) {
        return Math.fma(-centered, k, dy - gradMean);
    }

    /** {@code vec::map2_reduce_all((x - mean) * dy, +)}: as {@link LayerNorm64#dotAll} with x - mean. */
    static double centeredDot(double[] x, int xo, double mean, double[] dy, int dyo, int n) {
        if (n < LayerNorm64.LANES) {
            double acc = (x[xo] - mean) * dy[dyo];
            for (int i = 1; i < n; i++) acc = acc + (x[xo + i] - mean) * dy[dyo + i];
            return acc;
        }
        double[] acc = new double[LayerNorm64.LANES];
        for (int l = 0; l < LayerNorm64.LANES; l++) acc[l] = (x[xo + l] - mean) * dy[dyo + l];
        for (int d = LayerNorm64.LANES; d < n; d += LayerNorm64.LANES) {
            int lanes = Math.min(LayerNorm64.LANES, n - d);
            for (int l = 0; l < lanes; l++) {
                double c = x[xo + d + l] - mean;
                acc[l] = Math.fma(c, dy[dyo + d + l], acc[l]);
            }
        }
        return LayerNorm64.tree(acc);
    }
}
