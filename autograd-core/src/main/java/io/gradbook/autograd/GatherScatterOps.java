// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import java.util.ArrayList;
import java.util.List;

/**
 * Reading and writing by index or mask: gather, scatter, scatter_add, index_select, index_add, masked_fill,
 * masked_select, and the forms of where. Each gather-like op's gradient is its scatter-like twin and the other
 * way round, all recorded, so double backward works.
 */
final class GatherScatterOps {
    private GatherScatterOps() {}

    private static final Tensor[] NONE = new Tensor[0];

    // ---- gather / scatter ----------------------------------------------------------------------------------------

    private static void checkIndex(String op, Tensor x, int d, Tensor index, Tensor src) {
        // scatter_add shares scatter's checks and their texts in PyTorch ("scatter(): ...")
        String name = op.equals("gather") ? "gather" : "scatter";
        if (index.dtype() != DType.INT64) throw new TorchException.RuntimeError(name + "(): Expected dtype int64 for index");
        if (src != null && src.dtype() != x.dtype()) throw new TorchException.RuntimeError(name + "(): Expected self.dtype to be equal to src.dtype");
        if (index.dim() != x.dim() && !(index.dim() <= 1 && x.dim() <= 1)) {
            throw new TorchException.RuntimeError("Index tensor must have the same number of dimensions as " + (op.equals("gather") ? "input" : "self") + " tensor");
        }
        boolean scatter = !op.equals("gather");
        for (int k = 0; k < index.dim(); k++) {
            boolean tooBig = k != d && index.size(k) > x.size(k), srcTooSmall = src != null && index.size(k) > src.size(k);
            if (!scatter && tooBig) {
                throw new TorchException.RuntimeError("Size does not match at dimension " + k + " expected index " + Shape.str(index.shapeArray()) + " to be smaller than self " + Shape.str(x.shapeArray()) + " apart from dimension " + d);
            }
            if (scatter && (tooBig || srcTooSmall)) {
                throw new TorchException.RuntimeError("Expected index " + Shape.str(index.shapeArray()) + " to be smaller than self " + Shape.str(x.shapeArray()) + " apart from dimension " + d
                        + (src == null ? "" : " and to be smaller size than src " + Shape.str(src.shapeArray())));
            }
        }
    }

    /**
     * For every element of {@code index} (row-major), its position in a row-major tensor of {@code shape} with
     * the coordinate along {@code d} replaced by the index value; and, when {@code srcShape} is given, its
     * position in that tensor (index and src line up element by element).
     */
    private static int[][] positions(int[] shape, int d, Tensor index, int[] srcShape) {
        int[] is = index.shapeArray();
        double[] iv = index.values();
        int[] strides = Shape.contiguousStrides(shape);
        int[] srcStrides = srcShape == null ? null : Shape.contiguousStrides(srcShape);
        int[] idxStrides = Shape.contiguousStrides(is);
        int size = shape.length == 0 ? 1 : shape[d];
        int[] at = new int[iv.length], src = new int[iv.length];
        for (int p = 0; p < iv.length; p++) {
            long k = (long) iv[p];
            // unlike indexing, gather and scatter take no negative indices
            if (k < 0 || k >= size) throw new TorchException.RuntimeError("index " + k + " is out of bounds for dimension " + d + " with size " + size);
            int rem = p, pos = 0, spos = 0;
            for (int j = 0; j < is.length; j++) {
                int c = rem / idxStrides[j];
                rem %= idxStrides[j];
                pos += (j == d ? (int) k : c) * strides[j];
                if (srcStrides != null) spos += c * srcStrides[j];
            }
            at[p] = shape.length == 0 ? 0 : pos;
            src[p] = spos;
        }
        return new int[][] {at, src};
    }

    static Tensor gather(Tensor x, int dim, Tensor index) {
        int d = Shape.wrapDim(dim, x.dim());
        checkIndex("gather", x, d, index, null);
        int[] pos = positions(x.shapeArray(), d, index, null)[0];
        double[] xv = x.values();
        double[] r = new double[pos.length];
        for (int p = 0; p < pos.length; p++) r[p] = xv[pos[p]];
        Tensor out = Tensor.wrap(r, index.shapeArray().clone(), x.dtype());
        int[] shape = x.shapeArray().clone();
        return Graph.record("GatherBackward0", out, new Tensor[] {x}, null, false,
                (g, s, n) -> new Tensor[] {scatterAdd(zeros(shape, g.dtype()), d, index, g)});
    }

    private static Tensor zeros(int[] shape, DType dt) {
        return Tensor.wrap(new double[Shape.numel(shape)], shape.clone(), dt);
    }

    /** scatter / scatter_add / scatter with a value: a copy of x with src's elements written (or added) at index. */
    private static Tensor scatterKernel(Tensor x, int d, Tensor index, Tensor src, double value, boolean add) {
        int[][] pp = positions(x.shapeArray(), d, index, src == null ? null : src.shapeArray());
        double[] r = x.values().clone();
        double[] sv = src == null ? null : src.values();
        DType dt = x.dtype();
        for (int p = 0; p < pp[0].length; p++) {
            double v = sv == null ? value : sv[pp[1][p]];
            r[pp[0][p]] = dt.round(add ? r[pp[0][p]] + v : v);
        }
        return Tensor.wrap(r, x.shapeArray().clone(), dt);
    }

    static Tensor scatter(Tensor x, int dim, Tensor index, Tensor src) {
        int d = Shape.wrapDim(dim, x.dim());
        checkIndex("scatter", x, d, index, src);
        Tensor out = scatterKernel(x, d, index, src, 0, false);
        return Graph.record("ScatterBackward0", out, new Tensor[] {x, src}, null, false, (g, s, n) -> new Tensor[] {
            n[0] ? scatter(g, d, index, 0.0) : null, n[1] ? gather(g, d, index) : null});
    }

    static Tensor scatter(Tensor x, int dim, Tensor index, double value) {
        int d = Shape.wrapDim(dim, x.dim());
        checkIndex("scatter", x, d, index, null);
        Tensor out = scatterKernel(x, d, index, null, value, false);
        return Graph.record("ScatterBackward1", out, new Tensor[] {x}, null, false, (g, s, n) -> new Tensor[] {scatter(g, d, index, 0.0)});
    }

    static Tensor scatterAdd(Tensor x, int dim, Tensor index, Tensor src) {
        int d = Shape.wrapDim(dim, x.dim());
        checkIndex("scatter_add", x, d, index, src);
        Tensor out = scatterKernel(x, d, index, src, 0, true);
        return Graph.record("ScatterAddBackward0", out, new Tensor[] {x, src}, null, false, (g, s, n) -> new Tensor[] {
            n[0] ? g : null, n[1] ? gather(g, d, index) : null});
    }

    // ---- index_select / index_add ----------------------------------------------------------------------------

    private static int[] checkedIndices(Tensor index, int size) {
        if (index.dim() > 1) throw new TorchException.IndexError("index_select(): Index is supposed to be a vector");
        if (index.dtype() != DType.INT64 && index.dtype() != DType.INT32) {
            throw new TorchException.RuntimeError("index_select(): Expected dtype int32 or int64 for index");
        }
        double[] iv = index.values();
        int[] out = new int[iv.length];
        for (int i = 0; i < iv.length; i++) {
            long k = (long) iv[i];
            if (k < 0 || k >= size) throw new TorchException.IndexError("index out of range in self");
            out[i] = (int) k;
        }
        return out;
    }

    static Tensor indexSelect(Tensor x, int dim, Tensor index) {
        int d = Shape.wrapDim(dim, x.dim());
        int[] shape = x.shapeArray();
        int[] picked = checkedIndices(index, x.dim() == 0 ? 1 : shape[d]);
        int[] outShape = shape.clone();
        if (outShape.length > 0) outShape[d] = picked.length;
        ScanOps.Along in = new ScanOps.Along(shape, d), out = new ScanOps.Along(outShape, d);
        double[] xv = x.values();
        double[] r = new double[Shape.numel(outShape)];
        for (int o = 0; o < out.outer; o++) {
            for (int k = 0; k < picked.length; k++) {
                for (int i = 0; i < out.inner; i++) r[out.at(o, k, i)] = xv[in.at(o, picked[k], i)];
            }
        }
        Tensor result = Tensor.wrap(r, outShape, x.dtype());
        int[] inShape = shape.clone();
        return Graph.record("IndexSelectBackward0", result, new Tensor[] {x}, null, false,
                (g, s, n) -> new Tensor[] {indexAdd(zeros(inShape, g.dtype()), d, index, g, 1)});
    }

    static Tensor indexAdd(Tensor x, int dim, Tensor index, Tensor src, double alpha) {
        int d = Shape.wrapDim(dim, x.dim());
        int[] shape = x.shapeArray();
        int[] picked = checkedIndices(index, x.dim() == 0 ? 1 : shape[d]);
        if (src.dtype() != x.dtype()) {
            throw new TorchException.RuntimeError("index_add_(): self (" + TensorPrinter.typeName(x.dtype()) + ") and source ("
                    + TensorPrinter.typeName(src.dtype()) + ") must have the same scalar type");
        }
        int[] expect = shape.clone();
        if (expect.length > 0) expect[d] = picked.length;
        if (!java.util.Arrays.equals(expect, src.shapeArray()) && !(src.dim() == 0 && picked.length == 1 && x.dim() <= 1)) {
            // PyTorch's message names the first clashing dimension of the slices (dim d removed)
            if (src.dim() == expect.length && expect.length > 0) Shape.broadcast(ViewOps.remove(expect, d), ViewOps.remove(src.shapeArray(), d));
            throw new TorchException.RuntimeError("index_add_(): Source/destination tensor must have same slice shapes. Destination slice shape: " + Shape.str(expect) + " at dimension " + d + " and source slice shape: " + Shape.str(src.shapeArray()) + " at dimension 0.");
        }
        DType dt = x.dtype();
        ScanOps.Along in = new ScanOps.Along(shape, d), from = new ScanOps.Along(expect, d);
        double[] r = x.values().clone(), sv = src.values();
        for (int o = 0; o < from.outer; o++) {
            for (int k = 0; k < picked.length; k++) {
                for (int i = 0; i < from.inner; i++) {
                    int p = in.at(o, picked[k], i);
                    r[p] = dt.round(r[p] + alpha * sv[from.at(o, k, i)]);
                }
            }
        }
        Tensor out = Tensor.wrap(r, shape.clone(), dt);
        int[] srcShape = src.shapeArray().clone();
        return Graph.record("IndexAddBackward0", out, new Tensor[] {x, src}, null, false, (g, s, n) -> {
            Tensor gs = null;
            if (n[1]) {
                // PyTorch: maybe_multiply(grad.index_select(dim, index).expand_as(source), alpha): an ExpandBackward0
                // node even at the same shape, and a C++ Scalar product (MulBackward1)
                gs = indexSelect(g, d, index);
                if (srcShape.length == 0) gs = gs.reshape(srcShape);
                else gs = gs.expand(srcShape);
                if (alpha != 1) gs = PointwiseOps.mulScalarNode(gs, alpha);
            }
            return new Tensor[] {n[0] ? g : null, gs};
        });
    }

    // ---- masks -------------------------------------------------------------------------------------------------

    static Tensor maskedFill(Tensor x, Tensor mask, double value) {
        int[] shape = Shape.broadcast(mask.shapeArray(), x.shapeArray());
        double[] xv = Kernels.broadcastValues(x, shape), mv = Kernels.broadcastValues(mask, shape);
        // PyTorch still takes a non-bool mask of 0s and 1s (deprecated), and refuses any other value
        if (mask.dtype() != DType.BOOL) for (double m : mv) if (m != 0 && m != 1) throw new TorchException.RuntimeError("Mask tensor can take 0 and 1 values only");
        DType dt = x.dtype();
        double v = dt.round(value);
        double[] r = new double[xv.length];
        for (int i = 0; i < r.length; i++) r[i] = mv[i] != 0 ? v : xv[i];
        Tensor out = Tensor.wrap(r, shape, dt);
        Tensor m = mask.detach();
        return Graph.record("MaskedFillBackward0", out, new Tensor[] {x}, null, false, (g, s, n) -> new Tensor[] {maskedFill(g, m, 0.0)});
    }

    /**
     * masked_fill with a 0-dim tensor value: node MaskedFillBackward1, the value's gradient summed over the mask
     * (masked_fill_backward: {@code grad.masked_select(mask).sum()}, which sums the selected elements alone).
     */
    static Tensor maskedFill(Tensor x, Tensor mask, Tensor value) {
        if (value.dim() != 0) {
            throw new TorchException.RuntimeError("masked_fill_ only supports a 0-dimensional value tensor, but got tensor with " + value.dim() + " dimension(s).");
        }
        Tensor out;
        try (var ignored = GradMode.set(false)) {
            out = maskedFill(x, mask, value.item());
        }
        Tensor m = mask.detach();
        return Graph.record("MaskedFillBackward1", out, new Tensor[] {x, value}, null, false, (g, s, n) -> new Tensor[] {
            n[0] ? maskedFill(g, m, 0.0) : null,
            n[1] ? maskedSelect(g, m.expand(g.shapeArray())).sum() : null});
    }

    static Tensor maskedSelect(Tensor x, Tensor mask) {
        if (mask.dtype() != DType.BOOL) throw new TorchException.RuntimeError("masked_select: expected BoolTensor or ByteTensor for mask");
        int[] shape = Shape.broadcast(mask.shapeArray(), x.shapeArray());
        double[] xv = Kernels.broadcastValues(x, shape), mv = Kernels.broadcastValues(mask, shape);
        int count = 0;
        for (double m : mv) if (m != 0) count++;
        double[] r = new double[count];
        for (int i = 0, k = 0; i < mv.length; i++) if (mv[i] != 0) r[k++] = xv[i];
        Tensor out = Tensor.wrap(r, new int[] {count}, x.dtype());
        Tensor m = mask.detach();
        int[] st = OutputLayout.strides(shape, x);
        int[] layout = st == null ? Shape.contiguousStrides(shape) : st;
        return Graph.record("MaskedSelectBackward0", out, new Tensor[] {x}, null, false,
                (g, s, n) -> new Tensor[] {maskedScatterIntoZeros(g, m, shape, layout)});
    }

    /**
     * masked_select's backward, 1.13's {@code zeros_like(input, preserve).masked_scatter_(mask, grad)}: the zeros laid
     * out as the input (dense strides {@code layout}), and masked_scatter_'s serial loop takes grad's elements in
     * that tensor's memory order, not its logical order: for a transposed input the gradient lands permuted, as
     * PyTorch 1.13 computes it (fuzz case more 906).
     */
    private static Tensor maskedScatterIntoZeros(Tensor g, Tensor mask, int[] shape, int[] layout) {
        double[] gv = g.values(), mv = Kernels.broadcastValues(mask, shape);
        int n = mv.length;
        double[] r = new double[n];
        // the zeros' elements in memory order (pos), each with its row-major index (logical) into the mask
        MemoryOrderWalk w = MemoryOrderWalk.of(new Tensor(new Storage.DoubleStorage(r), 0, shape.clone(), layout.clone(),
                DType.FLOAT64, new VersionCounter(), null, null));
        for (int i = 0, k = 0; i < n; i++, w.step()) if (mv[w.logical] != 0) r[w.pos] = gv[k++];
        Storage storage = Tensor.wrap(r, new int[] {n}, g.dtype()).storage;
        Tensor out = new Tensor(storage, 0, shape.clone(), layout.clone(), g.dtype(), new VersionCounter(), null, null);
        // zeros_like(input).masked_scatter_(mask, grad): the zeros are its self (no edge), grad its source
        return Graph.record("MaskedScatterBackward0", out, new Tensor[] {null, g}, null, false, (gg, s, nd2) -> new Tensor[] {null, maskedSelect(gg, mask)});
    }

    // ---- where -------------------------------------------------------------------------------------------------

    /** {@code torch.where(cond, x, 0.)}: the Python number is wrapped as a 0-dim tensor (shown as (None, 0)). */
    static Tensor where(Tensor cond, Tensor x, double other) {
        return PointwiseOps.where(cond, x, Scalar.of(other).wrapped(x.dtype().isFloatingPoint() ? x.dtype() : DType.DEFAULT_FLOAT));
    }

    static Tensor where(Tensor cond, double self, Tensor y) {
        return PointwiseOps.where(cond, Scalar.of(self).wrapped(y.dtype().isFloatingPoint() ? y.dtype() : DType.DEFAULT_FLOAT), y);
    }

    /** {@code torch.where(cond, 1., 0.)}: two Python numbers give a float32 tensor. */
    static Tensor where(Tensor cond, double self, double other) {
        return PointwiseOps.where(cond, Scalar.of(self).wrapped(DType.DEFAULT_FLOAT), Scalar.of(other).wrapped(DType.DEFAULT_FLOAT));
    }

    /** {@code torch.where(cond)}: the indices of the set elements, one int64 tensor per dimension (nonzero as a tuple). */
    static PyTuple<Tensor> where(Tensor cond) {
        Tensor nz = nonzero(cond);
        int n = nz.size(0), rank = cond.dim();
        double[] v = nz.values();
        List<Tensor> out = new ArrayList<>();
        for (int d = 0; d < Math.max(rank, 1); d++) {
            double[] col = new double[n];
            for (int i = 0; i < n; i++) col[i] = rank == 0 ? 0 : v[i * rank + d];
            out.add(Tensor.wrap(col, new int[] {n}, DType.INT64));
        }
        return PyTuple.copyOf(out);
    }

    /** {@code torch.nonzero(x)}: an (n, dim) int64 tensor of the coordinates of the nonzero elements. */
    static Tensor nonzero(Tensor x) {
        double[] v = x.values();
        int[] shape = x.shapeArray();
        int[] strides = Shape.contiguousStrides(shape);
        List<int[]> hits = new ArrayList<>();
        for (int p = 0; p < v.length; p++) {
            if (v[p] == 0) continue;
            int[] c = new int[shape.length];
            int rem = p;
            for (int j = 0; j < shape.length; j++) {
                c[j] = rem / strides[j];
                rem %= strides[j];
            }
            hits.add(c);
        }
        // 1.13 writes the [n, dim] result column by column: strides (1, n) (so a copy or a cast of it keeps them)
        int n = hits.size();
        long[] r = new long[n * shape.length];
        for (int i = 0; i < n; i++) for (int j = 0; j < shape.length; j++) r[j * n + i] = hits.get(i)[j];
        return new Tensor(new Storage.LongStorage(r), 0, new int[] {n, shape.length}, new int[] {1, n}, DType.INT64, new VersionCounter(), null, null);
    }
}
