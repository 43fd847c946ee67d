// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import io.gradbook.autograd.math.BatchNorm32;
import io.gradbook.autograd.math.BatchNorm64;
import io.gradbook.autograd.math.LayerNorm32;
import io.gradbook.autograd.math.LayerNorm64;

/**
 * {@code native_layer_norm}, {@code native_batch_norm} and their backward kernels on the tensors' own float32 or
 * float64 arrays, in PyTorch 1.13's CPU order (the array kernels are {@code math.LayerNorm32/64} and
 * {@code math.BatchNorm32/64}). The nn layer's autograd node calls these; inputs are made contiguous first, as
 * PyTorch's kernels require. Every method returns null where the dtypes are not one float dtype throughout, so the
 * caller can keep its generic path.
 *
 * <pre>
 * jshell&gt; Norms.nativeLayerNorm(tensor(1f, 2f, 3f), new int[] {3}, null, null, 1e-5)[0]
 * $1 ==&gt; tensor([-1.2247,  0.0000,  1.2247])
 * </pre>
 */
public final class Norms {
    private Norms() {}

    /** The kernels apply: x is float32 or float64 and every other tensor given has its dtype. */
    public static boolean supports(Tensor x, Tensor... others) {
        if (x.dtype() != DType.FLOAT32 && x.dtype() != DType.FLOAT64) return false;
        for (Tensor t : others) if (t != null && t.dtype() != x.dtype()) return false;
        return true;
    }

    private static boolean f32(Tensor t) {
        return t.dtype() == DType.FLOAT32;
    }

    private static Tensor dense(Tensor t) {
        return t == null ? null : t.isContiguous() ? t : t.contiguousCopy();
    }

    private static float[] fa(Tensor t) {
        return t == null ? null : ((Storage.FloatStorage) t.storage).a;
    }

    private static double[] da(Tensor t) {
        return t == null ? null : ((Storage.DoubleStorage) t.storage).a;
    }

    private static int off(Tensor t) {
        return t == null ? 0 : t.offset;
    }

    private static Tensor wrap(float[] v, int... shape) {
        return Tensor.wrap(new Storage.FloatStorage(v), shape);
    }

    private static Tensor wrap(double[] v, int... shape) {
        return Tensor.wrap(new Storage.DoubleStorage(v), shape);
    }

    /** The mean/rstd shape of native_layer_norm: the leading dims, then a 1 for each normalized dim. */
    private static int[] statShape(int[] xShape, int k) {
        int[] s = xShape.clone();
        for (int i = s.length - k; i < s.length; i++) s[i] = 1;
        return s;
    }

    /**
     * {@code torch.native_layer_norm(x, normalized_shape, weight, bias, eps)}: {y, mean, rstd}, mean and rstd
     * shaped as x with 1 for each normalized dim. The caller has checked the shapes.
     */
    public static Tensor[] nativeLayerNorm(Tensor x, int[] normalizedShape, Tensor weight, Tensor bias, double eps) {
        if (!supports(x, weight, bias)) return null;
        try (var ignored = GradMode.set(false)) {
            x = dense(x);
            weight = dense(weight);
            bias = dense(bias);
        }
        int n = 1;
        for (int s : normalizedShape) n *= s;
        int rows = n == 0 ? 0 : x.numel() / n;
        int[] shape = x.shapeArray(), stat = statShape(shape, normalizedShape.length);
        if (f32(x)) {
            float[] y = new float[x.numel()], mean = new float[rows], rstd = new float[rows];
            if (n > 0) LayerNorm32.forward(fa(x), off(x), fa(weight), off(weight), fa(bias), off(bias), rows, n, (float) eps, y, 0, mean, rstd);
            return new Tensor[] {wrap(y, shape), wrap(mean, stat), wrap(rstd, stat)};
        }
        double[] y = new double[x.numel()], mean = new double[rows], rstd = new double[rows];
        if (n > 0) LayerNorm64.forward(da(x), off(x), da(weight), off(weight), da(bias), off(bias), rows, n, eps, y, 0, mean, rstd);
        return new Tensor[] {wrap(y, shape), wrap(mean, stat), wrap(rstd, stat)};
    }

    /**
     * {@code torch.native_layer_norm_backward}: {dx, dweight, dbias}, each null where {@code mask} leaves it out
     * (dweight and dbias also without a weight).
     */
    public static Tensor[] nativeLayerNormBackward(Tensor dy, Tensor x, int[] normalizedShape, Tensor mean, Tensor rstd, Tensor weight, boolean[] mask) {
        if (!supports(x, dy, mean, rstd, weight)) return null;
        try (var ignored = GradMode.set(false)) {
            dy = dense(dy);
            x = dense(x);
            weight = dense(weight);
            mean = dense(mean);
            rstd = dense(rstd);
        }
        int n = 1;
        for (int s : normalizedShape) n *= s;
        int rows = n == 0 ? 0 : x.numel() / n;
        boolean wantW = mask[1] && weight != null, wantB = mask[2] && weight != null;
        if (f32(x)) {
            float[] dx = mask[0] ? new float[x.numel()] : null, dw = wantW ? new float[n] : null, db = wantB ? new float[n] : null;
            float[] dyv = fa(dy), meanv = fa(mean), rstdv = fa(rstd);
            if (off(dy) != 0 || off(mean) != 0 || off(rstd) != 0) {
                dyv = java.util.Arrays.copyOfRange(dyv, off(dy), off(dy) + dy.numel());
                meanv = java.util.Arrays.copyOfRange(meanv, off(mean), off(mean) + rows);
                rstdv = java.util.Arrays.copyOfRange(rstdv, off(rstd), off(rstd) + rows);
            }
            if (n > 0) LayerNorm32.backward(dyv, fa(x), off(x), meanv, rstdv, fa(weight), off(weight), rows, n, dx, dw, db);
            return new Tensor[] {dx == null ? null : wrap(dx, x.shapeArray()), dw == null ? null : wrap(dw, weight.shapeArray()), db == null ? null : wrap(db, weight.shapeArray())};
        }
        double[] dx = mask[0] ? new double[x.numel()] : null, dw = wantW ? new double[n] : null, db = wantB ? new double[n] : null;
        double[] dyv = da(dy), meanv = da(mean), rstdv = da(rstd);
        if (off(dy) != 0 || off(mean) != 0 || off(rstd) != 0) {
            dyv = java.util.Arrays.copyOfRange(dyv, off(dy), off(dy) + dy.numel());
            meanv = java.util.Arrays.copyOfRange(meanv, off(mean), off(mean) + rows);
            rstdv = java.util.Arrays.copyOfRange(rstdv, off(rstd), off(rstd) + rows);
        }
        if (n > 0) LayerNorm64.backward(dyv, da(x), off(x), meanv, rstdv, da(weight), off(weight), rows, n, dx, dw, db);
        return new Tensor[] {dx == null ? null : wrap(dx, x.shapeArray()), dw == null ? null : wrap(dw, weight.shapeArray()), db == null ? null : wrap(db, weight.shapeArray())};
    }

    /** A contiguous float32 copy of t's values (null for null). */
    private static float[] floats(Tensor t) {
        if (t == null) return null;
        Tensor d = dense(t);
        return java.util.Arrays.copyOfRange(fa(d), off(d), off(d) + d.numel());
    }

    private static double[] doubles(Tensor t) {
        if (t == null) return null;
        Tensor d = dense(t);
        return java.util.Arrays.copyOfRange(da(d), off(d), off(d) + d.numel());
    }

    /**
     * {@code torch.native_batch_norm(x, weight, bias, running_mean, running_var, training, momentum, eps)} for a
     * (N, C) or (N, C, L) input: {y, save_mean, save_invstd} (both empty in evaluation). In training the running
     * stats (when given) are updated in place. The caller has checked the shapes.
     */
    public static Tensor[] nativeBatchNorm(Tensor x, Tensor weight, Tensor bias, Tensor runningMean, Tensor runningVar,
                                           boolean training, double momentum, double eps) {
        if (!supports(x, weight, bias, runningMean, runningVar)) return null;
        try (var ignored = GradMode.set(false)) {
            x = dense(x);
            int nBatch = x.size(0), channels = x.size(1), image = x.dim() > 2 ? x.size(2) : 1;
            long count = (long) nBatch * image;
            if (f32(x)) {
                float[] mean = new float[channels], invstd = new float[channels], y = new float[x.numel()];
                float[] rm = floats(runningMean), rv = floats(runningVar);
                if (training) {
                    float[] varSum = new float[channels];
                    BatchNorm32.collectStats(fa(x), off(x), nBatch, channels, image, mean, varSum);
                    BatchNorm32.updateStats(mean, varSum, count, momentum, eps, invstd, rm, rv);
                }
                BatchNorm32.transform(fa(x), off(x), nBatch, channels, image, floats(weight), floats(bias), mean, invstd,
                        rm, rv, training, eps, y);
                if (training && runningMean != null) runningMean.copy_(wrap(rm, channels));
                if (training && runningVar != null) runningVar.copy_(wrap(rv, channels));
                return new Tensor[] {wrap(y, x.shapeArray()), wrap(training ? mean : new float[0], training ? channels : 0),
                        wrap(training ? invstd : new float[0], training ? channels : 0)};
            }
            double[] mean = new double[channels], invstd = new double[channels], y = new double[x.numel()];
            double[] rm = doubles(runningMean), rv = doubles(runningVar);
            if (training) {
                double[] varSum = new double[channels];
                BatchNorm64.collectStats(da(x), off(x), nBatch, channels, image, mean, varSum);
                BatchNorm64.updateStats(mean, varSum, count, momentum, eps, invstd, rm, rv);
            }
            BatchNorm64.transform(da(x), off(x), nBatch, channels, image, doubles(weight), doubles(bias), mean, invstd,
                    rm, rv, training, eps, y);
            if (training && runningMean != null) runningMean.copy_(wrap(rm, channels));
            if (training && runningVar != null) runningVar.copy_(wrap(rv, channels));
            return new Tensor[] {wrap(y, x.shapeArray()), wrap(training ? mean : new double[0], training ? channels : 0),
                    wrap(training ? invstd : new double[0], training ? channels : 0)};
        }
    }

    /**
     * {@code torch.native_batch_norm_backward}: {dx, dweight, dbias}, each null where {@code mask} leaves it out
     * (dweight and dbias also without a weight). Training uses save_mean/save_invstd, evaluation the running stats.
     */
    public static Tensor[] nativeBatchNormBackward(Tensor dy, Tensor x, Tensor weight, Tensor runningMean, Tensor runningVar,
                                                   Tensor saveMean, Tensor saveInvstd, boolean training, double eps, boolean[] mask) {
        if (!supports(x, dy, weight, runningMean, runningVar)) return null;
        try (var ignored = GradMode.set(false)) {
            x = dense(x);
            int nBatch = x.size(0), channels = x.size(1), image = x.dim() > 2 ? x.size(2) : 1;
            boolean wantW = mask[1] && weight != null, wantB = mask[2] && weight != null;
            if (f32(x)) {
                float[] dx = mask[0] ? new float[x.numel()] : null, dw = wantW ? new float[channels] : null, db = wantB ? new float[channels] : null;
                BatchNorm32.backward(floats(dy), fa(x), off(x), nBatch, channels, image, floats(weight), floats(runningMean), floats(runningVar),
                        floats(saveMean), floats(saveInvstd), training, eps, dx, dw, db);
                return new Tensor[] {dx == null ? null : wrap(dx, x.shapeArray()), dw == null ? null : wrap(dw, channels), db == null ? null : wrap(db, channels)};
            }
            double[] dx = mask[0] ? new double[x.numel()] : null, dw = wantW ? new double[channels] : null, db = wantB ? new double[channels] : null;
            BatchNorm64.backward(doubles(dy), da(x), off(x), nBatch, channels, image, doubles(weight), doubles(runningMean), doubles(runningVar),
                    doubles(saveMean), doubles(saveInvstd), training, eps, dx, dw, db);
            return new Tensor[] {dx == null ? null : wrap(dx, x.shapeArray()), dw == null ? null : wrap(dw, channels), db == null ? null : wrap(db, channels)};
        }
    }
}
