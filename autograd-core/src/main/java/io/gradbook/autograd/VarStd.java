// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

/**
 * var / std of float32 and float64 tensors as PyTorch 1.13's CPU kernels compute them (ReduceOps.cpp), on the
 * tensor's own array. One output element: {@code std_var_all_cpu}, the dtype's own mean (the cascade sum, then the
 * division) widened to double, then {@code (x - mean)^2} summed in double in TensorIterator's order (an expanded,
 * stride-0 dim keeps its logical place; each 2-D block of the coalesced dims from 0.0, the blocks' sums then added), divided by
 * {@code max(0, n - correction)}, the square root taken in double, rounded once to the dtype. Several output
 * elements: {@code WelfordOps} in double per output over its reduced elements in the reduction iterator's order
 * ({@code ReductionPlan.reducedDimsFastestFirst}; wide fuzz seed 14663: an expanded reduced dim) (its m2 update one
 * fused multiply-add, as the AVX2-compiled kernel has it; measured: without it float64 results were 1 ULP off), the same division
 * ({@code n - correction} or 0 when not above it) and rounding. Single-threaded (PyTorch's one-thread order; its
 * parallel split starts at 32,768 elements per output).
 */
final class VarStd {
    private VarStd() {}

    /** The result, or null where the dtype or an empty input leaves it to the generic path. */
    static Tensor compute(Tensor a, boolean[] mask, int correction, boolean keepdim, boolean std) {
        DType dt = a.dtype();
        if ((dt != DType.FLOAT32 && dt != DType.FLOAT64) || a.numel() == 0) return null;
        int rank = a.dim();
        int[] shape = a.shapeArray(), strides = a.strides;
        int outCount = 1;
        for (int d = 0; d < rank; d++) if (!mask[d]) outCount *= shape[d];
        int[] outShape = Kernels.outShape(shape, mask, keepdim);
        boolean f32 = dt == DType.FLOAT32;
        float[] fa = f32 ? ((Storage.FloatStorage) a.storage).a : null;
        double[] da = f32 ? null : ((Storage.DoubleStorage) a.storage).a;
        if (outCount == 1) {
            double mean;
            try (var ignored = GradMode.set(false)) {
                mean = ReductionOps.mean(a).item();
            }
            int[] order = OutputLayout.inputOrder(a);
            double sum = f32 ? squaredDeviations(fa, null, a.offset, shape, strides, order, mean)
                    : squaredDeviations(null, da, a.offset, shape, strides, order, mean);
            double var = sum / Math.max(0, a.numel() - correction);
            double r = std ? Math.sqrt(var) : var;
            return f32 ? Tensor.wrap(new Storage.FloatStorage(new float[] {(float) r}), outShape)
                    : Tensor.wrap(new Storage.DoubleStorage(new double[] {r}), outShape);
        }
        // kept dims in row-major order give the output's index; reduced dims in memory order give each sum's order
        int[] kept = new int[rank], keptSize = new int[rank];
        int nk = 0;
        for (int d = 0; d < rank; d++) if (!mask[d]) { kept[nk] = d; keptSize[nk++] = shape[d]; }
        // the reduction iterator's order of the reduced dims (outermost first here): an expanded dim keeps its place
        int[] fastest = io.gradbook.autograd.math.ReductionPlan.reducedDimsFastestFirst(shape, strides, mask);
        int[] reducedOrder = new int[fastest.length];
        for (int i = 0; i < fastest.length; i++) reducedOrder[i] = fastest[fastest.length - 1 - i];
        float[] fo = f32 ? new float[outCount] : null;
        double[] dOut = f32 ? null : new double[outCount];
        int[] idx = new int[nk];
        for (int o = 0; o < outCount; o++) {
            int base = a.offset;
            for (int k = 0; k < nk; k++) base += idx[k] * strides[kept[k]];
            double[] w = {0, 0, 0}; // mean, m2, n
            forEach(shape, strides, reducedOrder, base, pos -> {
                double x = f32 ? fa[pos] : da[pos];
                double nf = w[2] + 1;
                double delta = x - w[0];
                double newMean = w[0] + delta / nf;
                w[1] = Math.fma(delta, x - newMean, w[1]); // the AVX2 build's compiler contracts m2 + delta * new_delta
                w[0] = newMean;
                w[2] = nf;
            });
            double divisor = w[2] > correction ? w[2] - correction : 0;
            double var = w[1] / divisor;
            double r = std ? Math.sqrt(var) : var;
            if (f32) fo[o] = (float) r;
            else dOut[o] = r;
            for (int k = nk - 1; k >= 0; k--) {
                if (++idx[k] < keptSize[k]) break;
                idx[k] = 0;
            }
        }
        return f32 ? Tensor.wrap(new Storage.FloatStorage(fo), outShape) : Tensor.wrap(new Storage.DoubleStorage(dOut), outShape);
    }

    /**
     * std_var_all_cpu's sum of (x - mean)^2 in double: TensorIterator's coalesced dims (innermost first), each 2-D
     * block of the two innermost summed from 0.0 by serial_for_each's loop, the blocks' sums added in order (so
     * an input of 3 or more dims that do not merge sums in parts, not in one accumulator). {@code order}: the
     * iterator's dims innermost first (reorder_dimensions: an expanded, stride-0 dim stays where it is, so the 33
     * copies of an unsqueezed and expanded [33, 8] are the outer loop, not the inner; wide fuzz seed 7284).
     */
    private static double squaredDeviations(float[] fa, double[] da, int base, int[] shape, int[] strides, int[] order, double mean) {
        int[] cs = new int[order.length], cst = new int[order.length];
        int n = 0;
        for (int i = 0; i < order.length; i++) {
            int d = order[i];
            if (shape[d] == 1) continue;
            if (shape[d] == 0) return 0;
            if (n > 0 && strides[d] == cst[n - 1] * cs[n - 1]) {
                cs[n - 1] *= shape[d];
                continue;
            }
            cs[n] = shape[d];
            cst[n++] = strides[d];
        }
        int size0 = n > 0 ? cs[0] : 1, stride0 = n > 0 ? cst[0] : 0, size1 = n > 1 ? cs[1] : 1, stride1 = n > 1 ? cst[1] : 0;
        int[] idx = new int[Math.max(n, 2)];
        double total = 0;
        while (true) {
            int pos = base;
            for (int k = 2; k < n; k++) pos += idx[k] * cst[k];
            double local = 0;
            for (int i = 0; i < size1; i++) {
                int row = pos + i * stride1;
                for (int j = 0; j < size0; j++) {
                    int p = row + j * stride0;
                    double dx = (fa != null ? fa[p] : da[p]) - mean;
                    local += dx * dx;
                }
            }
            total += local;
            int k = 2;
            for (; k < n; k++) {
                if (++idx[k] < cs[k]) break;
                idx[k] = 0;
            }
            if (k >= n) return total;
        }
    }

    private interface PosVisitor {
        void visit(int pos);
    }

    private static void forEach(int[] shape, int[] strides, int[] order, int base, PosVisitor v) {
        int m = order.length;
        if (m == 0) {
            v.visit(base);
            return;
        }
        int[] idx = new int[m];
        int inner = order[m - 1], innerSize = shape[inner], innerStride = strides[inner];
        for (int d : order) if (shape[d] == 0) return;
        while (true) {
            int pos = base;
            for (int k = 0; k < m - 1; k++) pos += idx[k] * strides[order[k]];
            for (int i = 0; i < innerSize; i++) v.visit(pos + i * innerStride);
            int k = m - 2;
            for (; k >= 0; k--) {
                if (++idx[k] < shape[order[k]]) break;
                idx[k] = 0;
            }
            if (k < 0) return;
        }
    }
}
