// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import io.gradbook.autograd.math.VecReduce;

/**
 * max/min (all elements; over a dim with indices), amax/amin over dims, argmax/argmin, on the tensors' own arrays
 * as PyTorch 1.13's CPU kernels compute them. {@code x.max()}: {@code reduce_all_kernel_vec} over the contiguous
 * input (VecReduce.all). {@code x.max(dim)}: {@code compare_base_kernel} per output, the first element then
 * {@code if (!(v <= best))} along the dim, stopping at the first NaN, so the first of ties wins. amax/amin:
 * {@code binary_kernel_reduce_vec} (VecReduce.reduce). argmax/argmin: ArgMaxOps, which picks the same index as
 * max(dim) (first NaN, else first of the largest). Integer and bool dtypes exactly in long; float16 through
 * float32 (max and min are exact in either).
 */
final class ExtremeOps {
    private ExtremeOps() {}

    private static String op(boolean max) {
        return max ? "max" : "min";
    }

    private static boolean typed(DType t) {
        return t == DType.FLOAT32 || t == DType.FLOAT64;
    }

    private static boolean integral(DType t) {
        return t == DType.INT64 || t == DType.INT32 || t == DType.BOOL;
    }

    // ---- x.max() / x.min() -------------------------------------------------------------------------------------

    /** max() / min() of all elements: nodes MaxBackward1 / MinBackward1 (evenly_distribute_backward). */
    static Tensor all(Tensor a, boolean max) {
        if (a.numel() == 0) {
            throw new TorchException.RuntimeError(op(max) + "(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.");
        }
        Tensor out = allValue(a, max);
        return Graph.record(max ? "MaxBackward1" : "MinBackward1", out, new Tensor[] {a}, new Tensor[] {a}, true,
                (g, s, n) -> new Tensor[] {SelectingBackward.evenlyDistribute(g, s[0], s[1])});
    }

    private static Tensor allValue(Tensor a, boolean max) {
        DType dt = a.dtype();
        if (typed(dt)) {
            Tensor c = a.isContiguous() ? a : Kernels.raw(a, a.offset, a.shapeArray(), a.strides).contiguous();
            if (dt == DType.FLOAT32) {
                float r = VecReduce.all(((Storage.FloatStorage) c.storage).a, c.offset, c.numel(), max);
                return Tensor.wrap(new Storage.FloatStorage(new float[] {r}), Shape.SCALAR);
            }
            double r = VecReduce.all(((Storage.DoubleStorage) c.storage).a, c.offset, c.numel(), max);
            return Tensor.wrap(new Storage.DoubleStorage(new double[] {r}), Shape.SCALAR);
        }
        return groups(a, ReductionOps.dimsMask(a.dim(), null), false, max);
    }

    // ---- amax / amin ---------------------------------------------------------------------------------------------

    /** amax/amin over dims (none: all): nodes AmaxBackward0 / AminBackward0, the gradient shared among ties. */
    static Tensor amax(Tensor a, int[] dims, boolean keepdim, boolean max) {
        String name = max ? "amax" : "amin";
        boolean[] mask = ReductionOps.dimsMask(a.dim(), dims);
        if (a.numel() == 0) {
            if (dims == null || dims.length == 0) {
                throw new TorchException.RuntimeError(name + "(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.");
            }
            for (int d = 0; d < a.dim(); d++) {
                if (mask[d] && a.size(d) == 0) throw new TorchException.IndexError(name + "(): Expected reduction dim " + d + " to have non-zero size.");
            }
        }
        int[] shape = a.shapeArray().clone();
        Tensor out = reduceVec(a, mask, keepdim, max ? VecReduce.MAX : VecReduce.MIN);
        if (out == null) out = groups(a, mask, keepdim, max);
        return Graph.record(max ? "AmaxBackward0" : "AminBackward0", out, new Tensor[] {a}, new Tensor[] {a}, true, (g, s, n) -> {
            // scale_grad_by_count: (grad / mask.sum(dims, true)) * mask, mask = (result == self)
            Tensor hit = ReductionOps.expandBack(s[1], shape, mask, keepdim).eq(s[0]);
            Tensor gk = ReductionOps.expandBack(g, shape, mask, keepdim);
            return new Tensor[] {gk.div(hit.sum(Kernels.dimsOf(mask), true).expand(shape)).mul(hit)};
        });
    }

    /** binary_kernel_reduce_vec of float32/float64 over the marked dims, or null for other dtypes. */
    static Tensor reduceVec(Tensor a, boolean[] mask, boolean keepdim, int op) {
        DType dt = a.dtype();
        if (!typed(dt)) return null;
        int[] outShape = Kernels.outShape(a.shapeArray(), mask, keepdim);
        int n = Shape.numel(outShape);
        int[] dims = Kernels.dimsOf(mask);
        if (dt == DType.FLOAT32) {
            float[] dst = new float[n];
            VecReduce.reduce(((Storage.FloatStorage) a.storage).a, a.offset, a.shapeArray(), a.strides, dims, op, dst, 0);
            return Tensor.wrap(new Storage.FloatStorage(dst), outShape);
        }
        double[] dst = new double[n];
        VecReduce.reduce(((Storage.DoubleStorage) a.storage).a, a.offset, a.shapeArray(), a.strides, dims, op, dst, 0);
        return Tensor.wrap(new Storage.DoubleStorage(dst), outShape);
    }

    /** Other dtypes: integers and bools exactly as longs, float16 in float32 and back (max and min are exact). */
    private static Tensor groups(Tensor a, boolean[] mask, boolean keepdim, boolean max) {
        DType dt = a.dtype();
        if (!integral(dt)) {
            Tensor r;
            try (var ignored = GradMode.set(false)) {
                Tensor f = a.to(DType.FLOAT32);
                r = reduceVec(f, mask, keepdim, max ? VecReduce.MAX : VecReduce.MIN);
            }
            return r.to(dt).detach();
        }
        int[] outShape = Kernels.outShape(a.shapeArray(), mask, keepdim);
        Storage st = Storage.allocate(dt, Shape.numel(outShape));
        int i = 0;
        for (long[] g : LongGroups.of(a, mask)) {
            long m = g[0];
            for (long v : g) m = max ? Math.max(m, v) : Math.min(m, v);
            st.setLong(i++, m);
        }
        return Tensor.wrap(st, outShape);
    }

    // ---- max(dim) / min(dim) and argmax / argmin ------------------------------------------------------------------

    /** max(dim) / min(dim): (values, indices); values carry node MaxBackward0 / MinBackward0. */
    static Tensor[] dim(Tensor a, int dim, boolean keepdim, boolean max) {
        Tensor[] vi = valuesIndices(a, dim, keepdim, max, op(max));
        int d = a.dim() == 0 ? 0 : Shape.wrapDim(dim, a.dim());
        int[] shape = a.shapeArray().clone();
        Graph.recordMulti(max ? "MaxBackward0" : "MinBackward0", new Tensor[] {vi[0], null}, new Tensor[] {a}, new Tensor[] {vi[1]}, false,
                (grads, s, n) -> new Tensor[] {SelectingBackward.valueSelecting(grads[0], d, s[0], shape, keepdim)});
        return vi;
    }

    /** argmax() / argmin() of all elements: the index into the flattened tensor, 0-dim int64. */
    static Tensor arg(Tensor a, boolean max) {
        String name = max ? "argmax" : "argmin";
        if (a.numel() == 0) throw new TorchException.IndexError(name + "(): Expected reduction dim to be specified for input.numel() == 0.");
        Tensor flat;
        try (var ignored = GradMode.set(false)) {
            flat = a.reshape(-1);
        }
        return valuesIndices(flat, 0, false, max, name)[1];
    }

    /** argmax(dim) / argmin(dim). */
    static Tensor arg(Tensor a, int dim, boolean keepdim, boolean max) {
        return valuesIndices(a, dim, keepdim, max, max ? "argmax" : "argmin")[1];
    }

    /** compare_base_kernel: per output the first element, replaced while {@code !(v <= best)} (min: >=), first NaN stops. */
    private static Tensor[] valuesIndices(Tensor a, int dim, boolean keepdim, boolean max, String name) {
        int rank = a.dim();
        int d = rank == 0 ? 0 : Shape.wrapDim(dim, rank);
        int[] shape = a.shapeArray();
        if (rank > 0 && shape[d] == 0) {
            throw new TorchException.IndexError(name + "(): Expected reduction dim " + d + " to have non-zero size.");
        }
        boolean[] mask = new boolean[rank];
        if (rank > 0) mask[d] = true;
        int[] outShape = Kernels.outShape(shape, mask, keepdim);
        int outN = Shape.numel(outShape);
        int len = rank == 0 ? 1 : shape[d], stride = rank == 0 ? 0 : a.strides[d];
        int[] bases = io.gradbook.autograd.math.OutputBases.of(a.offset, a.shapeArray(), a.strides, mask);
        long[] idx = new long[outN];
        DType dt = a.dtype();
        Storage values;
        if (dt == DType.FLOAT32) {
            float[] v = ((Storage.FloatStorage) a.storage).a, r = new float[outN];
            for (int o = 0; o < outN; o++) {
                int p = bases[o];
                float best = v[p];
                int at = 0;
                for (int i = 0; i < len; i++, p += stride) {
                    float x = v[p];
                    if (max ? !(x <= best) : !(x >= best)) {
                        best = x;
                        at = i;
                        if (x != x) break;
                    }
                }
                r[o] = best;
                idx[o] = at;
            }
            values = new Storage.FloatStorage(r);
        } else if (dt == DType.FLOAT64) {
            double[] v = ((Storage.DoubleStorage) a.storage).a, r = new double[outN];
            for (int o = 0; o < outN; o++) {
                int p = bases[o];
                double best = v[p];
                int at = 0;
                for (int i = 0; i < len; i++, p += stride) {
                    double x = v[p];
                    if (max ? !(x <= best) : !(x >= best)) {
                        best = x;
                        at = i;
                        if (x != x) break;
                    }
                }
                r[o] = best;
                idx[o] = at;
            }
            values = new Storage.DoubleStorage(r);
        } else {
            // other dtypes read element by element (exact for integers, bools and float16)
            values = Storage.allocate(dt, outN);
            boolean exact = integral(dt);
            for (int o = 0; o < outN; o++) {
                int p = bases[o];
                double best = a.storage.getDouble(p);
                long bestL = exact ? a.storage.getLong(p) : 0;
                int at = 0;
                for (int i = 0; i < len; i++, p += stride) {
                    if (exact) {
                        long x = a.storage.getLong(p);
                        if (max ? x > bestL : x < bestL) { bestL = x; at = i; }
                    } else {
                        double x = a.storage.getDouble(p);
                        if (max ? !(x <= best) : !(x >= best)) {
                            best = x;
                            at = i;
                            if (x != x) break;
                        }
                    }
                }
                if (exact) values.setLong(o, bestL); else values.setDouble(o, best);
                idx[o] = at;
            }
        }
        return new Tensor[] {Tensor.wrap(values, outShape), Tensor.wrap(new Storage.LongStorage(idx), outShape.clone())};
    }
}
