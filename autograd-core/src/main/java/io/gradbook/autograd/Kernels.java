// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * The compatibility layer of the numeric loops, computing in double: element-wise maps and zips of lambdas with
 * broadcasting, reductions of groups over dims, and the double matrix product. It keeps code written against the
 * double-only engine working on any storage (values are read as doubles and results rounded to the dtype); the
 * engine's own ops run the typed loops of {@link Elementwise}, {@link SumKernels} and {@link Products}, which do
 * not call per-element lambdas.
 */
final class Kernels {
    private Kernels() {}

    static Tensor map(Tensor a, DType out, DoubleUnaryOperator f) {
        double[] v = a.values();
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) r[i] = out.round(f.applyAsDouble(v[i]));
        return laidOut(r, a.shapeArray().clone(), out, a);
    }

    /**
     * As {@link #map}, for an op with a Python scalar operand (fmod(x, 3)): the scalar is a wrapped 0-dim operand, so
     * TensorIterator has no fast setup and sorts the dims (OutputLayout.sorted: a size-1 dim's stride differs, fuzz
     * more 4948).
     */
    static Tensor mapWithScalar(Tensor a, DType out, DoubleUnaryOperator f) {
        double[] v = a.values();
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) r[i] = out.round(f.applyAsDouble(v[i]));
        int[] shape = a.shapeArray().clone(), strides = OutputLayout.sorted(shape, a);
        if (strides == null) return Tensor.wrap(r, shape, out);
        Tensor t = OutputLayout.empty(shape, strides, out);
        t.writeValues(r);
        return t;
    }

    /** Row-major values {@code r} in a tensor laid out as PyTorch lays out an element-wise result of {@code inputs}. */
    static Tensor laidOut(double[] r, int[] shape, DType dtype, Tensor... inputs) {
        int[] strides = OutputLayout.strides(shape, inputs);
        if (strides == null) return Tensor.wrap(r, shape, dtype);
        Tensor t = OutputLayout.empty(shape, strides, dtype);
        t.writeValues(r);
        return t;
    }

    static Tensor zip(Tensor a, Tensor b, DType out, DoubleBinaryOperator f) {
        int[] sa = a.shapeArray(), sb = b.shapeArray();
        if (java.util.Arrays.equals(sa, sb)) {
            double[] va = a.values(), vb = b.values();
            double[] r = new double[va.length];
            for (int i = 0; i < va.length; i++) r[i] = out.round(f.applyAsDouble(va[i], vb[i]));
            return laidOut(r, sa.clone(), out, a, b);
        }
        int[] shape = Shape.broadcast(sa, sb);
        double[] va = broadcastValues(a, shape), vb = broadcastValues(b, shape);
        double[] r = new double[va.length];
        for (int i = 0; i < va.length; i++) r[i] = out.round(f.applyAsDouble(va[i], vb[i]));
        return laidOut(r, shape, out, a, b);
    }

    /** The values of {@code t} expanded to {@code shape}, row-major. */
    static double[] broadcastValues(Tensor t, int[] shape) {
        return expandRaw(t, shape).values();
    }

    /** A history-free strided view of {@code t} expanded to {@code shape} (stride 0 on broadcast dims). */
    static Tensor expandRaw(Tensor t, int[] shape) {
        int[] ts = t.shapeArray();
        int[] strides = new int[shape.length];
        int lead = shape.length - ts.length;
        for (int i = 0; i < shape.length; i++) {
            int j = i - lead;
            strides[i] = j < 0 || ts[j] == 1 && shape[i] != 1 ? 0 : t.strides[j];
        }
        return raw(t, t.offset, shape, strides);
    }

    static Tensor raw(Tensor t, int offset, int[] shape, int[] strides) {
        return new Tensor(t.storage, offset, shape, strides, t.dtype(), t.version, null, null);
    }

    /** Values with dims permuted by {@code perm} (output dim i is input dim perm[i]), row-major. */
    static double[] permutedValues(Tensor t, int[] perm) {
        int[] s = t.shapeArray();
        int[] shape = new int[perm.length], strides = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            shape[i] = s[perm[i]];
            strides[i] = t.strides[perm[i]];
        }
        return raw(t, t.offset, shape, strides).values();
    }

    /** A reduction over the dims marked in {@code reduce}: each output element sees its group of values. */
    interface GroupReducer {
        double apply(double[] values, int from, int count);
    }

    static Tensor reduce(Tensor t, boolean[] reduce, boolean keepdim, DType out, GroupReducer f) {
        int rank = t.dim();
        int[] s = t.shapeArray();
        int[] perm = new int[rank];
        int k = 0;
        for (int d = 0; d < rank; d++) if (!reduce[d]) perm[k++] = d;
        int kept = k;
        for (int d = 0; d < rank; d++) if (reduce[d]) perm[k++] = d;
        double[] v = permutedValues(t, perm);
        int group = 1;
        for (int d = 0; d < rank; d++) if (reduce[d]) group *= s[d];
        int groups = group == 0 ? Shape.numel(outShape(s, reduce, false)) : v.length / group;
        double[] r = new double[groups];
        for (int g = 0; g < groups; g++) r[g] = out.round(f.apply(v, g * group, group));
        return Tensor.wrap(r, outShape(s, reduce, keepdim), out);
    }

    /** The dims a reduction mask marks, in order. */
    static int[] dimsOf(boolean[] mask) {
        int k = 0;
        for (boolean m : mask) if (m) k++;
        int[] d = new int[k];
        k = 0;
        for (int i = 0; i < mask.length; i++) if (mask[i]) d[k++] = i;
        return d;
    }

    static int[] outShape(int[] s, boolean[] reduce, boolean keepdim) {
        int n = 0;
        for (int d = 0; d < s.length; d++) if (!reduce[d] || keepdim) n++;
        int[] o = new int[n];
        int k = 0;
        for (int d = 0; d < s.length; d++) {
            if (!reduce[d]) o[k++] = s[d];
            else if (keepdim) o[k++] = 1;
        }
        return o;
    }

    static double sum(double[] v, int from, int n) {
        double acc = 0;
        for (int i = from; i < from + n; i++) acc += v[i];
        return acc;
    }
}
