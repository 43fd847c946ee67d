// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import io.gradbook.autograd.math.TorchBlas;

/**
 * A float32 or float64 {@code [bias +] a @ b} as PyTorch 1.13's addmm_impl_cpu_ computes it, so that the bits are
 * its bits: the result is a new row-major m x n tensor; which of a and b becomes BLAS's A, whether each goes in place
 * with a transpose flag or as a contiguous copy, and the leading dimensions follow that function's stride tests
 * line for line (a result with n == 1 is column-major to it, so its operands are not swapped), then cpublas's
 * normalize_last_dims; the call itself is {@link TorchBlas} (OpenBLAS, PyTorch's thread split). A bias is copied
 * into C first and the product accumulated onto it (beta 1), as addmm does.
 */
final class AddmmCall {
    private AddmmCall() {}

    /** {@code a (m x k) @ b (k x n)}, plus {@code bias} (broadcast to m x n) when not null; a and b 2-D views. */
    static Tensor run(Tensor bias, Tensor a, Tensor b, int m, int k, int n) {
        boolean f32 = a.dtype() == DType.FLOAT32;
        int[] shape = {m, n};
        // a fresh row-major C, as addmm's at::empty + copy_: clone() would keep an expanded bias's strides ((0, 1) for 1 x n)
        Tensor out = bias != null ? ViewOps.cloneAt(bias.expand(shape), null) : null;
        float[] cf = f32 ? (out != null ? ((Storage.FloatStorage) out.storage).a : new float[m * n]) : null;
        double[] cd = f32 ? null : out != null ? ((Storage.DoubleStorage) out.storage).a : new double[m * n];
        if (out == null) out = f32 ? Tensor.wrap(new Storage.FloatStorage(cf), shape) : Tensor.wrap(new Storage.DoubleStorage(cd), shape);
        into(a, b, m, k, n, bias != null, f32 ? cf : cd, 0);
        return out;
    }

    /**
     * The product into the row-major m x n block of {@code c} (a float[] or double[]) at {@code cOff}, accumulated
     * onto what it holds when {@code accumulate} (beta 1), else as beta 0 into a block that must hold +0.0 (both
     * callers pass a fresh array, which the JVM has zeroed: float32's split then does not zero it again,
     * {@link TorchBlas#sgemmIntoZeros}).
     */
    static void into(Tensor a, Tensor b, int m, int k, int n, boolean accumulate, Object c, int cOff) {
        boolean f32 = a.dtype() == DType.FLOAT32;
        if (m == 0 || n == 0 || k == 0) return; // PyTorch: an empty product leaves zeros (or the bias)
        // Cast result as matrix c: a contiguous m x n result has strides (n, 1), (1, 1) when n == 1
        boolean transC = n != 1;
        Tensor m1 = transC ? b : a, m2 = transC ? a : b;
        int bm = transC ? n : m, bn = transC ? m : n;
        int i0 = transC ? 1 : 0, i1 = transC ? 0 : 1;
        // Cast m1 as matrix a
        Operand oa = operand(m1, i0, i1, bm, k, transC, f32);
        Operand ob = operand(m2, i0, i1, k, bn, transC, f32);
        int lda = oa.ld, ldb = ob.ld, ldc = transC ? n : 1;
        // cpublas normalize_last_dims
        if (bn == 1) ldc = bm;
        if (oa.trans) { if (bm == 1) lda = k; } else if (k == 1) lda = bm;
        if (ob.trans) { if (k == 1) ldb = bn; } else if (bn == 1) ldb = k;
        if (f32 && accumulate) TorchBlas.sgemm(oa.trans, ob.trans, bm, bn, k, (float[]) oa.array, oa.offset, lda, (float[]) ob.array, ob.offset, ldb,
                1f, (float[]) c, cOff, ldc);
        else if (f32) TorchBlas.sgemmIntoZeros(oa.trans, ob.trans, bm, bn, k, (float[]) oa.array, oa.offset, lda, (float[]) ob.array, ob.offset, ldb,
                (float[]) c, cOff, ldc);
        else TorchBlas.dgemm(oa.trans, ob.trans, bm, bn, k, (double[]) oa.array, oa.offset, lda, (double[]) ob.array, ob.offset, ldb,
                accumulate ? 1.0 : 0.0, (double[]) c, cOff, ldc);
    }

    private record Operand(Object array, int offset, int ld, boolean trans) {}

    /**
     * PyTorch's cast of an operand of BLAS size rows x cols: in place untransposed when its (i0) stride is 1 and the
     * other reaches past a column, in place transposed when the other way round, else a contiguous copy (transposed
     * unless C is column-major to PyTorch).
     */
    private static Operand operand(Tensor t, int i0, int i1, int rows, int cols, boolean transC, boolean f32) {
        int s0 = t.strides[i0], s1 = t.strides[i1];
        Object data = f32 ? ((Storage.FloatStorage) t.storage).a : ((Storage.DoubleStorage) t.storage).a;
        if (s0 == 1 && s1 >= Math.max(1, rows)) return new Operand(data, t.offset, s1, false);
        if (s1 == 1 && s0 >= Math.max(1, cols)) return new Operand(data, t.offset, s0, true);
        // a row-major copy in t's own dims; PyTorch's lda = strides[(trans == transC) ? 1 : 0] is its row stride
        Object copy = f32 ? Elementwise.contiguousFloats(t) : Elementwise.contiguousDoubles(t);
        return new Operand(copy, 0, Math.max(1, t.size(1)), !transC);
    }
}
