// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import java.util.function.IntBinaryOperator;

/**
 * nanmedian (of all elements, and along a dim with indices) and mode (along a dim), choosing among equal values as
 * PyTorch 1.13.1's CPU kernels do (oracle/more_selection.json): nanmedian partitions with libstdc++'s
 * std::nth_element ({@link StdSort}) under an order that puts NaN after every number, mode std::sorts the line by
 * value alone and takes the last of the first most frequent run. The values carry the gradient as median's do
 * (NanmedianBackward0 shares it among the elements equal to the result, NanmedianBackward1 and ModeBackward0 send
 * it to the chosen index).
 */
final class NanmedianMode {
    private NanmedianMode() {}

    /**
     * nanmedian(): the lower median of the non-NaN elements, NaN when all are NaN; an empty input gives NaN cast to
     * the dtype (at::full({}, NaN).to(dtype): int64/int32's minimum, bool's true).
     */
    static Tensor nanmedian(Tensor x) {
        return ofAll(x, true);
    }

    /**
     * median() of all elements: NaN if any element is (wide fuzz seed 9999 showed which of 0.0 and -0.0 lands in the
     * middle is libstdc++'s: a sort put -0.0 first), else the same partition as nanmedian; node MedianBackward0.
     */
    static Tensor median(Tensor x) {
        return ofAll(x, false);
    }

    /**
     * 1.13's median_impl(self, ignore_nan) of all elements: std::nth_element with operator&lt; (NaN after every number
     * where NaN is ignored) over self.clone(), so over x's memory order, which decides where equal values (0.0 and
     * -0.0, NaNs) land. The gradient is shared among the elements equal to the result.
     */
    private static Tensor ofAll(Tensor x, boolean ignoreNan) {
        // an empty input's NaN still goes through the autograd node (fuzz more 9215: 1.13 records NanmedianBackward0)
        if (x.numel() == 0) return Graph.record(ignoreNan ? "NanmedianBackward0" : "MedianBackward0", emptyNaN(x.dtype()), new Tensor[] {x}, new Tensor[] {x}, true,
                (g, s, nd) -> new Tensor[] {SelectingBackward.evenlyDistribute(g, s[0], s[1])});
        if (ignoreNan) refuse(x, "median_cpu");
        else if (x.dtype() == DType.BOOL) throw UnaryOp.noKernel("median_cpu", DType.BOOL);
        int n = x.numel();
        boolean integral = !x.dtype().isFloatingPoint();
        // median_impl partitions self.clone(): a dense input keeps its strides there (preserve_format)
        int[] at = memoryOffsets(x);
        double[] v = integral ? null : new double[n];
        long[] lv = integral ? new long[n] : null;
        if (integral) {
            long[] l = x.toLongArray();
            for (int i = 0; i < n; i++) lv[at[i]] = l[i];
        } else {
            double[] d = x.values();
            for (int i = 0; i < n; i++) v[at[i]] = d[i];
        }
        int nan = 0;
        for (int i = 0; i < n && !integral; i++) if (Double.isNaN(v[i])) nan++;
        Tensor out;
        if (!ignoreNan && nan > 0) {
            out = Tensor.wrap(new double[] {Double.NaN}, Shape.SCALAR, x.dtype());
        } else {
            int[] pos = iota(n);
            IntBinaryOperator less = integral ? (p, q) -> lv[p] < lv[q] ? 1 : 0
                    : (p, q) -> v[p] < v[q] || Double.isNaN(v[q]) && !Double.isNaN(v[p]) ? 1 : 0;
            // C++'s truncating division: all NaN gives (-1) / 2 == 0
            int nth = (n - nan - 1) / 2;
            StdSort.nthElement(pos, 0, nth, n, less);
            out = integral ? IntegerKernels.of(new long[] {lv[pos[nth]]}, Shape.SCALAR, x.dtype())
                    : Tensor.wrap(new double[] {v[pos[nth]]}, Shape.SCALAR, x.dtype());
        }
        return Graph.record(ignoreNan ? "NanmedianBackward0" : "MedianBackward0", out, new Tensor[] {x}, new Tensor[] {x}, true,
                (g, s, nd) -> new Tensor[] {SelectingBackward.evenlyDistribute(g, s[0], s[1])});
    }

    /** nanmedian(dim): per line, the lower median of its non-NaN values (ties by index), or a NaN if all are. */
    static ValuesIndices nanmedian(Tensor x, int dim, boolean keepdim) {
        int d = checkedDim(x, dim, "median()");
        refuse(x, "median_out");
        int[][] order = lines(x, d, (key, lkey, line, n) -> {
            if (lkey != null) {
                StdSort.nthElement(line, 0, (n - 1) / 2, n, (p, q) -> lkey[p] < lkey[q] || lkey[p] == lkey[q] && p < q ? 1 : 0);
                return line[(n - 1) / 2];
            }
            int nan = 0;
            for (int j = 0; j < n; j++) if (Double.isNaN(key[j])) nan++;
            int nth = (n - nan - 1) / 2;
            StdSort.nthElement(line, 0, nth, n, (p, q) -> key[p] < key[q] || key[p] == key[q] && p < q
                    || Double.isNaN(key[q]) && !Double.isNaN(key[p]) ? 1 : 0);
            return line[nth];
        });
        return SortingOps.selected("nanmedian", "NanmedianBackward1", x, d, SortingOps.take(x, d, order, 1), keepdim);
    }

    /**
     * mode(dim): the line std::sorted by value alone (unstable: libstdc++'s order of equal values), then the run of
     * equal values with the highest count, the first such run on a tie (the smallest value), its last element's value
     * and index. Each NaN is a run of its own (NaN != NaN), -0.0 and 0.0 one run. Every dtype, bool and half too.
     */
    static ValuesIndices mode(Tensor x, int dim, boolean keepdim) {
        int d = checkedDim(x, dim, "mode()");
        int[][] order = lines(x, d, (key, lkey, line, n) -> {
            IntBinaryOperator less = lkey != null ? (p, q) -> lkey[p] < lkey[q] ? 1 : 0 : (p, q) -> key[p] < key[q] ? 1 : 0;
            StdSort.sort(line, 0, n, less);
            int mode = line[0];
            long run = 0, best = 0;
            for (int i = 0; i < n; i++) {
                run++;
                boolean last = i == n - 1 || (lkey != null ? lkey[line[i]] != lkey[line[i + 1]] : key[line[i]] != key[line[i + 1]]);
                if (last) {
                    if (run > best) {
                        mode = line[i];
                        best = run;
                    }
                    run = 0;
                }
            }
            return mode;
        });
        return SortingOps.selected("mode", "ModeBackward0", x, d, SortingOps.take(x, d, order, 1), keepdim);
    }

    /** One line's values (key for floating dtypes, lkey for the others) and positions 0..n-1: the chosen position. */
    private interface Chooser {
        int choose(double[] key, long[] lkey, int[] line, int n);
    }

    /** Per line along d: a one-element order holding the position {@code how} chooses. */
    private static int[][] lines(Tensor x, int d, Chooser how) {
        boolean integral = !x.dtype().isFloatingPoint();
        double[] v = integral ? null : x.values();
        long[] lv = integral ? x.toLongArray() : null;
        ScanOps.Along a = new ScanOps.Along(x.shapeArray(), d);
        int n = a.length;
        double[] key = integral ? null : new double[n];
        long[] lkey = integral ? new long[n] : null;
        int[][] out = new int[a.outer * a.inner][];
        for (int o = 0; o < a.outer; o++) {
            for (int i = 0; i < a.inner; i++) {
                for (int j = 0; j < n; j++) {
                    if (integral) lkey[j] = lv[a.at(o, j, i)];
                    else key[j] = v[a.at(o, j, i)];
                }
                out[o * a.inner + i] = new int[] {how.choose(key, lkey, iota(n), n)};
            }
        }
        return out;
    }

    /** The wrapped dim; a zero-length reduction dim is PyTorch's IndexError (an empty result along another dim is fine). */
    private static int checkedDim(Tensor x, int dim, String op) {
        int d = Shape.wrapDim(dim, x.dim());
        if (x.dim() > 0 && x.size(d) == 0) throw new TorchException.IndexError(op + ": Expected reduction dim " + d + " to have non-zero size.");
        return d;
    }

    /** median's CPU kernels have no Bool or Half instance. */
    private static void refuse(Tensor x, String kernel) {
        if (x.dtype() == DType.BOOL || x.dtype() == DType.FLOAT16) throw UnaryOp.noKernel(kernel, x.dtype());
    }

    private static Tensor emptyNaN(DType dt) {
        switch (dt) {
            case INT64: return IntegerKernels.of(new long[] {Long.MIN_VALUE}, Shape.SCALAR, dt);
            case INT32: return IntegerKernels.of(new long[] {Integer.MIN_VALUE}, Shape.SCALAR, dt);
            case BOOL: return IntegerKernels.of(new long[] {1}, Shape.SCALAR, dt);
            default: return Tensor.wrap(new double[] {Double.NaN}, Shape.SCALAR, dt);
        }
    }

    /** Where each element (in logical order) sits in x.clone(): preserve_format's strides, else row-major. */
    private static int[] memoryOffsets(Tensor x) {
        int[] shape = x.shapeArray();
        int[] strides = OutputLayout.preserve(x);
        if (strides == null) strides = Shape.contiguousStrides(shape);
        int n = x.numel();
        int[] at = new int[n];
        int[] idx = new int[shape.length];
        for (int i = 0; i < n; i++) {
            int off = 0;
            for (int k = 0; k < shape.length; k++) off += idx[k] * strides[k];
            at[i] = off;
            for (int k = shape.length - 1; k >= 0; k--) {
                if (++idx[k] < shape[k]) break;
                idx[k] = 0;
            }
        }
        return at;
    }

    private static int[] iota(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        return p;
    }
}
