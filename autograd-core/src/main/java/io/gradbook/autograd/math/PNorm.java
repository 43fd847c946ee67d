// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

/**
 * {@code x.norm(p, dims)} for p other than 2 as PyTorch 1.13's CPU kernel computes it
 * ({@code norm_kernel_cpu_impl}: {@code binary_kernel_reduce} with NormZeroOps, NormOneOps, AbsMaxOps, AbsMinOps or
 * NormOps), bit for bit, single-threaded: one accumulator per output in the dtype (float32 accumulates in float, the
 * CPU {@code opmath_type}), the reduced elements visited in TensorIterator's order (reduced dims by input stride,
 * {@link ReductionPlan}), then the projection. General p: {@code acc + powf(|x|, p)}, then
 * {@code powf(acc, 1f / p)} with glibc's powf (float64: pow).
 *
 * <pre>
 * jshell&gt; float[] out = new float[1]; PNorm.norm(new float[] {3f, -4f}, 0, new int[] {2}, new int[] {1}, new int[] {0}, 1, out, 0); out[0]
 * $2 ==&gt; 7.0
 * </pre>
 */
public final class PNorm {
    private PNorm() {}

    /** The orders of the reduced elements and the base offset of each output (row-major over the kept dims). */
    private static final class Walk {
        final int[] rShape, rStride, bases;

        Walk(int srcOff, int[] shape, int[] strides, int[] reduceDims) {
            ReductionPlan p = ReductionPlan.of(shape, strides, reduceDims);
            int k = 0;
            while (k < p.shape.length && p.outStride[k] == 0) k++;
            rShape = java.util.Arrays.copyOf(p.shape, k);
            rStride = java.util.Arrays.copyOf(p.inStride, k);
            bases = OutputBases.of(srcOff, shape, strides, ReductionPlan.reducedMask(shape.length, reduceDims));
        }
    }

    /** The float32 p-norm over {@code reduceDims} of a strided view, row-major over the kept dims into dst. */
    public static void norm(float[] src, int srcOff, int[] shape, int[] strides, int[] reduceDims, double p, float[] dst, int dstOff) {
        Walk w = new Walk(srcOff, shape, strides, reduceDims);
        int nd = w.rShape.length;
        float fp = (float) p, inv = 1f / fp;
        int[] idx = new int[nd];
        for (int o = 0; o < w.bases.length; o++) {
            float acc = p == Double.NEGATIVE_INFINITY ? Float.POSITIVE_INFINITY : 0f;
            int pos = w.bases[o];
            java.util.Arrays.fill(idx, 0);
            while (true) {
                float a = Math.abs(src[pos]);
                if (p == 0) acc = acc + (src[pos] == 0f ? 0f : 1f);
                else if (p == 1) acc = acc + a;
                else if (p == Double.POSITIVE_INFINITY) acc = acc != acc ? acc : a != a ? a : Math.max(acc, a);
                else if (p == Double.NEGATIVE_INFINITY) acc = acc != acc ? acc : a != a ? a : Math.min(acc, a);
                else acc = acc + Glibc.powf(a, fp);
                int d = 0;
                for (; d < nd; d++) {
                    pos += w.rStride[d];
                    if (++idx[d] < w.rShape[d]) break;
                    pos -= w.rStride[d] * w.rShape[d];
                    idx[d] = 0;
                }
                if (d == nd) break;
            }
            boolean plain = p == 0 || p == 1 || Double.isInfinite(p);
            dst[dstOff + o] = plain ? acc : Glibc.powf(acc, inv);
        }
    }

    /** The float64 p-norm: the same walk, accumulating in double, {@code pow(acc, 1.0 / p)} at the end. */
    public static void norm(double[] src, int srcOff, int[] shape, int[] strides, int[] reduceDims, double p, double[] dst, int dstOff) {
        Walk w = new Walk(srcOff, shape, strides, reduceDims);
        int nd = w.rShape.length;
        double inv = 1.0 / p;
        int[] idx = new int[nd];
        for (int o = 0; o < w.bases.length; o++) {
            double acc = p == Double.NEGATIVE_INFINITY ? Double.POSITIVE_INFINITY : 0.0;
            int pos = w.bases[o];
            java.util.Arrays.fill(idx, 0);
            while (true) {
                double a = Math.abs(src[pos]);
                if (p == 0) acc = acc + (src[pos] == 0.0 ? 0.0 : 1.0);
                else if (p == 1) acc = acc + a;
                else if (p == Double.POSITIVE_INFINITY) acc = acc != acc ? acc : a != a ? a : Math.max(acc, a);
                else if (p == Double.NEGATIVE_INFINITY) acc = acc != acc ? acc : a != a ? a : Math.min(acc, a);
                else acc = acc + Glibc64Pow.pow(a, p);
                int d = 0;
                for (; d < nd; d++) {
                    pos += w.rStride[d];
                    if (++idx[d] < w.rShape[d]) break;
                    pos -= w.rStride[d] * w.rShape[d];
                    idx[d] = 0;
                }
                if (d == nd) break;
            }
            boolean plain = p == 0 || p == 1 || Double.isInfinite(p);
            dst[dstOff + o] = plain ? acc : Glibc64Pow.pow(acc, inv);
        }
    }
}
