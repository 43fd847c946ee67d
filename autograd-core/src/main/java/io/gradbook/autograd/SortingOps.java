// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

/**
 * Ordering and selection: sort, argsort, topk, kthvalue, median, argmax/argmin. Values carry the gradient, which
 * goes back to where each value was taken from (a recorded scatter, so it differentiates again); indices are
 * int64 and never require grad.
 */
final class SortingOps {
    private SortingOps() {}

    /** PyTorch orders NaN above every number, so it comes last ascending and first descending. */
    private static int compare(double a, double b) {
        boolean na = Double.isNaN(a), nb = Double.isNaN(b);
        if (na || nb) return na == nb ? 0 : na ? 1 : -1;
        return Double.compare(a == 0 ? 0.0 : a, b == 0 ? 0.0 : b);
    }

    /** How each line's positions are ordered: as PyTorch 1.13's CPU kernel for the op leaves them. */
    private enum Order {
        /** sort/argsort: std::sort (equal values in libstdc++'s order, StdSort). */
        SORT,
        /** topk: std::partial_sort when k * 64 <= n, else std::nth_element at k - 1 and std::sort of the k - 1 before. */
        TOPK,
        /** kthvalue: quick_select_template at k - 1 (QuickSelect); the chosen position is moved to the front. */
        KTH,
        /**
         * median(dim): the first NaN if there is one, else std::nth_element with ties broken by index, which is the
         * stable order's element (n - 1) / 2; moved to the front.
         */
        MEDIAN
    }

    /** Per line along {@code d}: the positions, ordered as {@code how} says (k: topk's count, kthvalue's k). */
    private static int[][] order(Tensor x, int d, boolean descending, Order how, int k) {
        // integers compare as int64: beyond 2^53 two different values can be the same double
        boolean integral = !x.dtype().isFloatingPoint();
        double[] v = integral ? null : x.values();
        long[] lv = integral ? x.toLongArray() : null;
        ScanOps.Along a = new ScanOps.Along(x.shapeArray(), d);
        int[][] out = new int[a.outer * a.inner][];
        double[] key = new double[a.length];
        long[] lkey = new long[a.length];
        java.util.function.IntBinaryOperator cmp = integral ? (p, q) -> Long.compare(lkey[p], lkey[q]) : (p, q) -> compare(key[p], key[q]);
        // PyTorch's KeyValueCompAsc/Desc and topk's lambdas: NaN above every number, -0.0 and 0.0 equal
        java.util.function.IntBinaryOperator greater = integral ? (p, q) -> lkey[p] > lkey[q] ? 1 : 0
                : (p, q) -> Double.isNaN(key[p]) && !Double.isNaN(key[q]) || key[p] > key[q] ? 1 : 0;
        java.util.function.IntBinaryOperator less = descending ? greater
                : (integral ? (p, q) -> lkey[p] < lkey[q] ? 1 : 0 : (p, q) -> !Double.isNaN(key[p]) && Double.isNaN(key[q]) || key[p] < key[q] ? 1 : 0);
        int[] tmp = new int[a.length];
        int n = a.length;
        for (int o = 0; o < a.outer; o++) {
            for (int i = 0; i < a.inner; i++) {
                int[] line = new int[n];
                for (int j = 0; j < n; j++) {
                    line[j] = j;
                    if (integral) lkey[j] = lv[a.at(o, j, i)];
                    else key[j] = v[a.at(o, j, i)];
                }
                switch (how) {
                    case SORT -> StdSort.sort(line, 0, n, less);
                    case TOPK -> {
                        // k == 0: nothing is taken, nothing to order
                        if (k == 0) break;
                        if ((long) k * 64 <= n) StdSort.partialSort(line, 0, k, n, less);
                        else {
                            StdSort.nthElement(line, 0, k - 1, n, less);
                            StdSort.sort(line, 0, k - 1, less);
                        }
                    }
                    case KTH -> {
                        // quick_select_template's gt_or_nan is the ascending order's "greater"
                        QuickSelect.select(line, k - 1, greater);
                        swap(line, 0, k - 1);
                    }
                    case MEDIAN -> {
                        int nan = -1;
                        for (int j = 0; j < n && !integral; j++) if (Double.isNaN(key[j])) { nan = j; break; }
                        if (nan >= 0) line[0] = nan;
                        else {
                            mergeSort(line, tmp, cmp, 0, n, false);
                            line[0] = line[(n - 1) / 2];
                        }
                    }
                }
                out[o * a.inner + i] = line;
            }
        }
        return out;
    }

    private static void swap(int[] a, int i, int j) {
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
    }

    /** Stable merge sort of idx[from, to) by key (primitive arrays: no boxing for the common small lines). */
    private static void mergeSort(int[] idx, int[] tmp, java.util.function.IntBinaryOperator cmp, int from, int to, boolean descending) {
        if (to - from < 2) return;
        int mid = (from + to) >>> 1;
        mergeSort(idx, tmp, cmp, from, mid, descending);
        mergeSort(idx, tmp, cmp, mid, to, descending);
        int i = from, j = mid, k = from;
        while (i < mid && j < to) {
            int c = cmp.applyAsInt(idx[j], idx[i]);
            // take from the right only when strictly before the left: equal keys keep their order
            if (descending ? c > 0 : c < 0) tmp[k++] = idx[j++];
            else tmp[k++] = idx[i++];
        }
        while (i < mid) tmp[k++] = idx[i++];
        while (j < to) tmp[k++] = idx[j++];
        System.arraycopy(tmp, from, idx, from, to - from);
    }

    /** The first {@code k} of each sorted line: values (x's dtype) and int64 indices, dim keeping length k. */
    static Tensor[] take(Tensor x, int d, int[][] order, int k) {
        int[] shape = x.shapeArray();
        int[] outShape = shape.clone();
        if (outShape.length > 0) outShape[d] = k;
        ScanOps.Along in = new ScanOps.Along(shape, d), out = new ScanOps.Along(outShape, d);
        boolean integral = !x.dtype().isFloatingPoint();
        double[] v = integral ? null : x.values();
        long[] lv = integral ? x.toLongArray() : null;
        double[] rv = new double[Shape.numel(outShape)], ri = new double[rv.length];
        long[] lrv = integral ? new long[rv.length] : null;
        for (int o = 0; o < in.outer; o++) {
            for (int i = 0; i < in.inner; i++) {
                int[] line = order[o * in.inner + i];
                for (int j = 0; j < k; j++) {
                    if (integral) lrv[out.at(o, j, i)] = lv[in.at(o, line[j], i)];
                    else rv[out.at(o, j, i)] = v[in.at(o, line[j], i)];
                    ri[out.at(o, j, i)] = line[j];
                }
            }
        }
        Tensor values = integral ? IntegerKernels.of(lrv, outShape, x.dtype()) : Tensor.wrap(rv, outShape, x.dtype());
        return new Tensor[] {values, Tensor.wrap(ri, outShape.clone(), DType.INT64)};
    }

    private static ValuesIndices recorded(String op, String node, Tensor x, int d, Tensor[] vi) {
        int[] shape = x.shapeArray().clone();
        Tensor indices = vi[1];
        Graph.recordMulti(node, new Tensor[] {vi[0], null}, new Tensor[] {x}, null, false,
                (grads, s, n) -> new Tensor[] {SelectingBackward.valueSelecting(grads[0], d, indices, shape, true)});
        return new ValuesIndices(op, vi[0], indices);
    }

    static ValuesIndices sort(Tensor x, int dim, boolean descending) {
        int d = Shape.wrapDim(dim, x.dim());
        Tensor[] vi = keepLayout(take(x, d, order(x, d, descending, Order.SORT, 0), x.dim() == 0 ? 1 : x.size(d)), x);
        return recorded("sort", "SortBackward0", x, d, vi);
    }

    static Tensor argsort(Tensor x, int dim, boolean descending) {
        int d = Shape.wrapDim(dim, x.dim());
        return keepLayout(take(x, d, order(x, d, descending, Order.SORT, 0), x.dim() == 0 ? 1 : x.size(d)), x)[1];
    }

    /**
     * sort's meta function gives values and indices x's strides when x is dense, else infer_dense_strides of them
     * (empty_like's preserve_format), so {@code x.t().sort(1)} is laid out as x.t(); topk, kthvalue and median are
     * row-major.
     */
    private static Tensor[] keepLayout(Tensor[] vi, Tensor x) {
        int[] strides = OutputLayout.preserve(x);
        if (strides == null) return vi;
        Tensor[] out = new Tensor[vi.length];
        for (int i = 0; i < vi.length; i++) {
            out[i] = OutputLayout.emptyForWrite(vi[i].shapeArray().clone(), strides.clone(), vi[i].dtype());
            Elementwise.copyInto(out[i], vi[i]);
        }
        return out;
    }

    static ValuesIndices topk(Tensor x, int k, int dim, boolean largest) {
        int d = Shape.wrapDim(dim, x.dim());
        int n = x.dim() == 0 ? 1 : x.size(d);
        if (k < 0 || k > n) throw new TorchException.RuntimeError("selected index k out of range");
        noBoolKernel(x, "topk_cpu");
        Tensor[] vi = take(x, d, order(x, d, largest, Order.TOPK, k), k);
        return recorded("topk", "TopkBackward0", x, d, vi);
    }

    /** Drops dim d (or keeps it with length 1) from a result taken with one element per line. */
    private static Tensor[] squeezeDim(Tensor[] vi, int d, boolean keepdim, int rank) {
        if (keepdim || rank == 0) return vi;
        int[] s = ViewOps.remove(vi[0].shapeArray(), d);
        return new Tensor[] {Tensor.wrap(vi[0].values(), s, vi[0].dtype()), Tensor.wrap(vi[1].values(), s.clone(), DType.INT64)};
    }

    /** A result with one value per line: its gradient goes to the chosen position (keepdim handled). */
    static ValuesIndices selected(String op, String node, Tensor x, int d, Tensor[] line, boolean keepdim) {
        Tensor[] vi = squeezeDim(line, d, keepdim, x.dim());
        int[] shape = x.shapeArray().clone();
        Tensor indices = vi[1];
        Graph.recordMulti(node, new Tensor[] {vi[0], null}, new Tensor[] {x}, null, false,
                (grads, s, n) -> new Tensor[] {SelectingBackward.valueSelecting(grads[0], d, indices, shape, keepdim)});
        return new ValuesIndices(op, vi[0], indices);
    }

    static ValuesIndices kthvalue(Tensor x, int k, int dim, boolean keepdim) {
        int d = Shape.wrapDim(dim, x.dim());
        int n = x.dim() == 0 ? 1 : x.size(d);
        if (n == 0) throw new TorchException.IndexError("kthvalue(): Expected reduction dim " + d + " to have non-zero size.");
        if (k < 1 || k > n) throw new TorchException.RuntimeError("kthvalue(): selected number k out of range for dimension " + d);
        noBoolKernel(x, "kthvalue_cpu");
        Tensor[] line = take(x, d, order(x, d, false, Order.KTH, k), 1);
        return selected("kthvalue", "KthvalueBackward0", x, d, line, keepdim);
    }

    /** median(dim): the lower of the two middle values for an even count, or the first NaN, as PyTorch. */
    static ValuesIndices median(Tensor x, int dim, boolean keepdim) {
        int d = Shape.wrapDim(dim, x.dim());
        int n = x.dim() == 0 ? 1 : x.size(d);
        if (n == 0) throw new TorchException.IndexError("median(): Expected reduction dim " + d + " to have non-zero size.");
        noBoolKernel(x, "median_out");
        Tensor[] line = take(x, d, order(x, d, false, Order.MEDIAN, 0), 1);
        return selected("median", "MedianBackward1", x, d, line, keepdim);
    }

    /** PyTorch's selection kernels have no Bool instance: its dispatch error, after the argument checks. */
    private static void noBoolKernel(Tensor x, String kernel) {
        if (x.dtype() == DType.BOOL) throw UnaryOp.noKernel(kernel, DType.BOOL);
    }

    /** argmax() / argmin() of all elements: a 0-dim int64 index into the flattened tensor (first of ties; ExtremeOps). */
    static Tensor argExtreme(Tensor x, boolean max) {
        if (x.numel() > 0) refuseBool(x, max); // the meta check on an empty input comes first
        return ExtremeOps.arg(x, max);
    }

    /**
     * 1.13's argmax_argmin_impl: after the meta checks (dim range, a zero-size reduced dim), a reduced dim of size 1
     * is filled with zeros and an empty result runs no kernel, so a Bool input only meets the kernel's dispatch error
     * where the stub runs (wide fuzz seed 7543: argmin(-2) of a bool [1, 17]).
     */
    static Tensor argExtreme(Tensor x, int dim, boolean keepdim, boolean max) {
        if (x.dtype() == DType.BOOL && x.dim() > 0) {
            int size = x.size(Shape.wrapDim(dim, x.dim()));
            if (size <= 1 || x.numel() == 0) return ExtremeOps.arg(x.to(DType.INT64), dim, keepdim, max);
        }
        refuseBool(x, max);
        return ExtremeOps.arg(x, dim, keepdim, max);
    }

    /** argmax/argmin have no Bool kernel in PyTorch 1.13 (max/min do). */
    private static void refuseBool(Tensor x, boolean max) {
        noBoolKernel(x, max ? "argmax_cpu" : "argmin_cpu");
    }
}
