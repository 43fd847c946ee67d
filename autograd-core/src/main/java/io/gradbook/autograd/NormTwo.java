// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

/**
 * The 2-norm of float32/float64 tensors as PyTorch 1.13's CPU kernel computes it (ReduceOpsKernel.cpp,
 * norm_kernel_tensor_iterator_impl), on the tensor's own array, in the dtype. When the reduced elements of each
 * output are one contiguous run (the whole of a dense tensor, in memory order; or trailing contiguous dims) a
 * float32 norm is the vectorized last-dim kernel: 8 lane accumulators {@code acc = fma(x, x, acc)} over the full
 * vectors (the AVX2 build's compiler fuses the multiply-add), lane 0 plus lanes 1..7 in turn, then the tail
 * {@code acc += x * x}: unfused in groups of 4, fused for the last 0-3 (lastDimFloat), then sqrt. float64 and other layouts: NormTwoOps, {@code acc = fma(x, x, acc)} in
 * reduction order, then sqrt (fused or not gave the same bits on every case measured).
 */
final class NormTwo {
    private NormTwo() {}

    /** The norm, or null where the dtype or an empty input leaves it to the generic path. */
    static Tensor compute(Tensor a, boolean[] mask, boolean keepdim) {
        DType dt = a.dtype();
        if ((dt != DType.FLOAT32 && dt != DType.FLOAT64) || a.numel() == 0) return null;
        boolean f32 = dt == DType.FLOAT32;
        int rank = a.dim();
        int[] shape = a.shapeArray(), strides = a.strides;
        int[] outShape = Kernels.outShape(shape, mask, keepdim);
        boolean all = true;
        for (int d = 0; d < rank; d++) all &= mask[d] || shape[d] == 1;
        if (all && isDense(shape, strides)) {
            double r = f32 ? lastDimFloat(((Storage.FloatStorage) a.storage).a, a.offset, a.numel())
                    : sequentialRun(((Storage.DoubleStorage) a.storage).a, a.offset, a.numel());
            return wrap(f32, new double[] {r}, outShape);
        }
        // reduced dims forming one contiguous run per output in memory (trailing ones, or leading ones of a transposed
        // input: PyTorch's TensorIterator orders dims by stride, so they are its inner reduction either way)
        Integer[] reduced = new Integer[rank];
        int k = 0;
        for (int d = 0; d < rank; d++) if (mask[d] && shape[d] != 1) reduced[k++] = d;
        Integer[] inner = java.util.Arrays.copyOf(reduced, k);
        java.util.Arrays.sort(inner, (x, y) -> Integer.compare(strides[x], strides[y]));
        boolean trailing = k > 0;
        int run = 1;
        for (int d : inner) {
            if (strides[d] != run) trailing = false;
            run *= shape[d];
        }
        int[] bases = io.gradbook.autograd.math.OutputBases.of(a.offset, shape, strides, mask);
        // NormTwoOps walks each output's elements in the reduction iterator's order (reduced dims by stride, fastest
        // first), not row-major: wide fuzz seeds 29162 and 30626 (two dims of a permuted input, 5 and 2 ulp)
        int[] order = io.gradbook.autograd.math.ReductionPlan.reducedDimsFastestFirst(shape, strides, mask);
        double[] out = new double[bases.length];
        for (int o = 0; o < bases.length; o++) {
            int base = bases[o];
            if (trailing) {
                out[o] = f32 ? lastDimFloat(((Storage.FloatStorage) a.storage).a, base, run) : sequentialRun(((Storage.DoubleStorage) a.storage).a, base, run);
            } else {
                out[o] = sequential(a, f32, base, shape, strides, order);
            }
        }
        return wrap(f32, out, outShape);
    }

    private static double lastDimFloat(float[] v, int off, int n) {
        float[] acc = new float[8];
        int d = 0;
        for (; d < n - n % 8; d += 8) {
            for (int j = 0; j < 8; j++) acc[j] = Math.fma(v[off + d + j], v[off + d + j], acc[j]);
        }
        float b = acc[0];
        for (int j = 1; j < 8; j++) b = b + acc[j];
        // the scalar tail as the AVX2 build compiled it: unrolled by 4 with the four squares in one vector multiply
        // (unfused, added in turn), the last 0-3 elements fused; this model matches 1.13 on 3,900 random rows of
        // 1-39 elements, where "all unfused" or "all fused" each missed 4% (rows with a tail of 4-7)
        for (; n - d >= 4; d += 4) {
            for (int j = 0; j < 4; j++) b += v[off + d + j] * v[off + d + j];
        }
        for (; d < n; d++) b = Math.fma(v[off + d], v[off + d], b);
        return (float) Math.sqrt(b);
    }

    /** float64 goes through NormTwoOps in every layout (measured: the lane kernel's results differ from 1.13's). */
    private static double sequentialRun(double[] v, int off, int n) {
        double acc = 0;
        for (int i = 0; i < n; i++) acc = Math.fma(v[off + i], v[off + i], acc);
        return Math.sqrt(acc);
    }

    /** NormTwoOps over one output's reduced elements, {@code order}'s dims (the iterator's, fastest first). */
    private static double sequential(Tensor a, boolean f32, int base, int[] shape, int[] strides, int[] order) {
        int m = order.length;
        int[] idx = new int[m];
        float fa = 0;
        double da = 0;
        float[] fv = f32 ? ((Storage.FloatStorage) a.storage).a : null;
        double[] dv = f32 ? null : ((Storage.DoubleStorage) a.storage).a;
        int pos = base;
        while (true) {
            if (f32) fa = Math.fma(fv[pos], fv[pos], fa);
            else da = Math.fma(dv[pos], dv[pos], da);
            int k = 0;
            for (; k < m; k++) {
                int d = order[k];
                pos += strides[d];
                if (++idx[k] < shape[d]) break;
                pos -= strides[d] * shape[d];
                idx[k] = 0;
            }
            if (k >= m) break;
        }
        return f32 ? (float) Math.sqrt(fa) : Math.sqrt(da);
    }

    /** Strides that are a permutation of a contiguous layout's: the elements fill numel() slots without gaps. */
    private static boolean isDense(int[] shape, int[] strides) {
        int n = shape.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        java.util.Arrays.sort(order, (x, y) -> Integer.compare(strides[x], strides[y]));
        int expect = 1;
        for (int i = 0; i < n; i++) {
            int d = order[i];
            if (shape[d] == 1) continue;
            if (strides[d] != expect) return false;
            expect *= shape[d];
        }
        return true;
    }

    private static Tensor wrap(boolean f32, double[] v, int[] shape) {
        if (!f32) return Tensor.wrap(new Storage.DoubleStorage(v), shape);
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) f[i] = (float) v[i];
        return Tensor.wrap(new Storage.FloatStorage(f), shape);
    }
}
