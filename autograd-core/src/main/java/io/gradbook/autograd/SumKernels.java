// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import io.gradbook.autograd.math.Float64Reduce;

/**
 * sum and mean over dims, by dtype: float32 and float64 in PyTorch's cascade order (the math package's
 * single-threaded sums), integer dtypes exactly in {@code long} (int64 beyond 2^53 included), float16 in double.
 */
final class SumKernels {
    private SumKernels() {}

    /** The sum (or mean) of {@code a} over the dims marked in {@code reduce}, in the result dtype {@code out}. */
    static Tensor sum(Tensor a, boolean[] reduce, boolean keepdim, DType out, boolean mean) {
        int[] shape = a.shapeArray();
        int[] outShape = Kernels.outShape(shape, reduce, keepdim);
        int count = 1;
        for (int d = 0; d < shape.length; d++) if (reduce[d]) count *= shape[d];
        if (a.dtype() == DType.FLOAT32 && out == DType.FLOAT32) {
            float[] src = ((Storage.FloatStorage) a.storage).a;
            float[] dst = new float[Shape.numel(outShape)];
            if (dst.length == 1 && a.isContiguous()) {
                dst[0] = FloatMath.sum(src, a.offset, count);
            } else if (dst.length > 0) {
                FloatMath.sum(src, a.offset, shape, a.strides, Kernels.dimsOf(reduce), dst, 0);
            }
            // PyTorch's mean is the float32 sum divided by the count (as a float)
            if (mean) for (int i = 0; i < dst.length; i++) dst[i] = dst[i] / (float) count;
            return Tensor.wrap(new Storage.FloatStorage(dst), outShape);
        }
        if (a.dtype() == DType.FLOAT64 && out == DType.FLOAT64) {
            double[] src = ((Storage.DoubleStorage) a.storage).a;
            double[] dst = new double[Shape.numel(outShape)];
            if (dst.length == 1 && a.isContiguous()) {
                dst[0] = Float64Reduce.sum(src, a.offset, count);
            } else if (dst.length > 0) {
                Float64Reduce.sum(src, a.offset, shape, a.strides, Kernels.dimsOf(reduce), dst, 0);
            }
            if (mean) for (int i = 0; i < dst.length; i++) dst[i] = dst[i] / count;
            return Tensor.wrap(new Storage.DoubleStorage(dst), outShape);
        }
        if (!out.isFloatingPoint()) return longSum(a, reduce, outShape, out);
        int n = count;
        return Kernels.reduce(a, reduce, keepdim, out, mean ? (v, f, c) -> Kernels.sum(v, f, c) / n : Kernels::sum);
    }


    /** Integer sums, exact: the kept dims outermost, the reduced ones innermost, read as longs. */
    private static Tensor longSum(Tensor a, boolean[] reduce, int[] outShape, DType out) {
        int rank = a.dim();
        int[] perm = new int[rank];
        int k = 0;
        for (int d = 0; d < rank; d++) if (!reduce[d]) perm[k++] = d;
        for (int d = 0; d < rank; d++) if (reduce[d]) perm[k++] = d;
        int[] s = a.shapeArray();
        int[] pshape = new int[rank], pstrides = new int[rank];
        for (int i = 0; i < rank; i++) {
            pshape[i] = s[perm[i]];
            pstrides[i] = a.strides[perm[i]];
        }
        long[] v = Kernels.raw(a, a.offset, pshape, pstrides).toLongArray();
        int groups = Shape.numel(outShape);
        int group = groups == 0 ? 0 : v.length / groups;
        long[] r = new long[groups];
        for (int g = 0; g < groups; g++) {
            long acc = 0;
            for (int i = g * group; i < (g + 1) * group; i++) acc += v[i];
            r[g] = acc;
        }
        Storage st = Storage.allocate(out, groups);
        for (int i = 0; i < groups; i++) st.setLong(i, r[i]);
        return Tensor.wrap(st, outShape);
    }
}
