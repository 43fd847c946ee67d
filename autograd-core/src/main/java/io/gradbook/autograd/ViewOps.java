// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import java.util.Arrays;

/**
 * Ops that return views sharing the input's memory (view, reshape when possible, t, transpose, permute, select,
 * slice, unsqueeze, squeeze, expand), plus clone/contiguous/unbind. Each view remembers how to rebuild itself
 * from its base, which is how an in-place write into a view rewrites the base's history (CopySlices).
 */
final class ViewOps {
    private ViewOps() {}

    private static final Tensor[] NONE = new Tensor[0];

    static Tensor view(Tensor a, int[] requested) {
        int[] shape = Shape.infer(requested, a.numel());
        int[] strides = computeStride(a.shapeArray(), a.strides, shape);
        if (strides == null) {
            throw new TorchException.RuntimeError("view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead.");
        }
        return viewNode("ViewBackward0", a, shape, strides, a.offset, t -> t.view(shape));
    }

    /** reshape: a view when the strides allow it (ReshapeAliasBackward0), else a copy (UnsafeViewBackward0). */
    static Tensor reshape(Tensor a, int[] requested) {
        int[] shape = Shape.infer(requested, a.numel());
        // always computeStride, as view_impl and reshape do: a contiguous tensor whose size-1 dims have other strides
        // (a transposed [3, 7, 1]) keeps them in the view (fuzz seed 3354: [21, 1] strides (1, 7), so mv's 't' path)
        int[] strides = computeStride(a.shapeArray(), a.strides, shape);
        if (strides != null) return viewNode("ReshapeAliasBackward0", a, shape, strides, a.offset, t -> t.reshape(shape));
        return unsafeView(clone(a), shape);
    }

    /** A contiguous tensor re-shaped over the same memory, recorded as PyTorch's _unsafe_view (reshape's copy path, matmul's folding). */
    static Tensor unsafeView(Tensor t, int[] shape) {
        int[] inShape = t.shapeArray().clone();
        boolean whole = t.offset == 0 && t.isContiguous() && t.storage.length() == t.numel();
        Tensor out = Tensor.wrap(whole ? t.storage : t.contiguousCopy().storage, shape);
        return Graph.record("UnsafeViewBackward0", out, new Tensor[] {t}, NONE, false, (g, s, n) -> new Tensor[] {g.reshape(inShape)});
    }

    private static Tensor viewNode(String name, Tensor a, int[] shape, int[] strides, int offset, java.util.function.UnaryOperator<Tensor> replay) {
        int[] inShape = a.shapeArray().clone();
        Tensor out = a.makeView(offset, shape, strides, replay);
        return Graph.record(name, out, new Tensor[] {a}, NONE, false, (g, s, n) -> new Tensor[] {g.reshape(inShape)});
    }

    /** PyTorch's computeStride: strides for viewing (oldShape, oldStrides) as newShape, or null if impossible. */
    static int[] computeStride(int[] oldShape, int[] oldStrides, int[] newShape) {
        if (oldShape.length == 0 || Shape.numel(oldShape) == 0) return Shape.contiguousStrides(newShape);
        int[] newStrides = new int[newShape.length];
        int viewD = newShape.length - 1;
        int chunkBaseStride = oldStrides[oldStrides.length - 1];
        long tensorNumel = 1, viewNumel = 1;
        for (int tensorD = oldShape.length - 1; tensorD >= 0; tensorD--) {
            tensorNumel *= oldShape[tensorD];
            if (tensorD == 0 || oldShape[tensorD - 1] != 1 && oldStrides[tensorD - 1] != tensorNumel * chunkBaseStride) {
                while (viewD >= 0 && (viewNumel < tensorNumel || newShape[viewD] == 1)) {
                    newStrides[viewD] = (int) (viewNumel * chunkBaseStride);
                    viewNumel *= newShape[viewD];
                    viewD--;
                }
                if (viewNumel != tensorNumel) return null;
                if (tensorD > 0) {
                    chunkBaseStride = oldStrides[tensorD - 1];
                    tensorNumel = 1;
                    viewNumel = 1;
                }
            }
        }
        return viewD == -1 ? newStrides : null;
    }

    static Tensor t(Tensor a) {
        if (a.dim() > 2) throw new TorchException.RuntimeError("t() expects a tensor with <= 2 dimensions, but self is " + a.dim() + "D");
        if (a.dim() < 2) {
            return Graph.record("TBackward0", a.makeView(a.offset, a.shapeArray().clone(), a.strides.clone(), Tensor::t), new Tensor[] {a}, NONE, false, (g, s, n) -> new Tensor[] {g.t()});
        }
        Tensor out = a.makeView(a.offset, new int[] {a.size(1), a.size(0)}, new int[] {a.strides[1], a.strides[0]}, Tensor::t);
        return Graph.record("TBackward0", out, new Tensor[] {a}, NONE, false, (g, s, n) -> new Tensor[] {g.t()});
    }

    static Tensor transpose(Tensor a, int d0, int d1) {
        int r = a.dim();
        int x = Shape.wrapDim(d0, r), y = Shape.wrapDim(d1, r);
        if (r == 0) return Graph.record("TransposeBackward0", a.makeView(a.offset, new int[0], new int[0], t -> t.transpose(d0, d1)), new Tensor[] {a}, NONE, false, (g, s, n) -> new Tensor[] {g});
        int[] shape = a.shapeArray().clone(), strides = a.strides.clone();
        swap(shape, x, y);
        swap(strides, x, y);
        Tensor out = a.makeView(a.offset, shape, strides, t -> t.transpose(d0, d1));
        return Graph.record("TransposeBackward0", out, new Tensor[] {a}, NONE, false, (g, s, n) -> new Tensor[] {g.transpose(x, y)});
    }

    private static void swap(int[] v, int i, int j) {
        int tmp = v[i];
        v[i] = v[j];
        v[j] = tmp;
    }

    static Tensor permute(Tensor a, int[] dims) {
        int r = a.dim();
        if (dims.length != r) {
            throw new TorchException.RuntimeError("permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = " + r + " is not equal to len(dims) = " + dims.length);
        }
        int[] perm = new int[r], inverse = new int[r];
        boolean[] seen = new boolean[r];
        int[] shape = new int[r], strides = new int[r];
        for (int i = 0; i < r; i++) {
            perm[i] = Shape.wrapDim(dims[i], r);
            if (seen[perm[i]]) throw new TorchException.RuntimeError("permute(): duplicate dims are not allowed.");
            seen[perm[i]] = true;
            shape[i] = a.size(perm[i]);
            strides[i] = a.strides[perm[i]];
            inverse[perm[i]] = i;
        }
        Tensor out = a.makeView(a.offset, shape, strides, t -> t.permute(perm));
        return Graph.record("PermuteBackward0", out, new Tensor[] {a}, NONE, false, (g, s, n) -> new Tensor[] {g.permute(inverse)});
    }

    static Tensor select(Tensor a, int dim, int index) {
        if (a.dim() == 0) throw new TorchException.IndexError("select() cannot be applied to a 0-dim tensor.");
        int d = Shape.wrapDim(dim, a.dim());
        int size = a.size(d);
        if (index < -size || index >= size) {
            throw new TorchException.IndexError("index " + index + " is out of bounds for dimension " + d + " with size " + size);
        }
        int i = index < 0 ? index + size : index;
        int[] shape = remove(a.shapeArray(), d), strides = remove(a.strides, d);
        int[] inShape = a.shapeArray().clone();
        Tensor out = a.makeView(a.offset + i * a.strides[d], shape, strides, t -> t.select(d, i));
        return Graph.record("SelectBackward0", out, new Tensor[] {a}, NONE, false,
                (g, s, n) -> new Tensor[] {IndexingOps.embed("SelectBackwardBackward0", g, inShape, t -> t.select(d, i))});
    }

    /** {@code a[start:end:step]} along {@code dim}, with Python's clamping of out-of-range bounds. */
    static Tensor slice(Tensor a, int dim, int start, int end, int step) {
        if (step <= 0) throw new TorchException.ValueError("step must be greater than zero");
        int d = Shape.wrapDim(dim, a.dim());
        int size = a.size(d);
        int s0 = clampIndex(start, size), e0 = clampIndex(end, size);
        int len = e0 <= s0 ? 0 : (e0 - s0 + step - 1) / step;
        int[] shape = a.shapeArray().clone(), strides = a.strides.clone();
        shape[d] = len;
        strides[d] = a.strides[d] * step;
        int[] inShape = a.shapeArray().clone();
        Tensor out = a.makeView(a.offset + s0 * a.strides[d], shape, strides, t -> t.slice(d, s0, e0, step));
        return Graph.record("SliceBackward0", out, new Tensor[] {a}, NONE, false,
                (g, s, n) -> new Tensor[] {IndexingOps.embed("SliceBackwardBackward0", g, inShape, t -> t.slice(d, s0, e0, step))});
    }

    private static int clampIndex(int i, int size) {
        if (i < 0) i += size;
        return Math.max(0, Math.min(i, size));
    }

    static Tensor unsqueeze(Tensor a, int dim) {
        int d = Shape.wrapDim(dim, a.dim() + 1);
        int[] shape = insert(a.shapeArray(), d, 1);
        int stride = d >= a.dim() ? 1 : a.strides[d] * a.size(d);
        int[] strides = insert(a.strides, d, stride);
        Tensor out = a.makeView(a.offset, shape, strides, t -> t.unsqueeze(d));
        return Graph.record("UnsqueezeBackward0", out, new Tensor[] {a}, NONE, false, (g, s, n) -> new Tensor[] {g.squeeze(d)});
    }

    static Tensor squeeze(Tensor a) {
        int[] inShape = a.shapeArray().clone();
        int k = 0;
        for (int s : inShape) if (s != 1) k++;
        int[] shape = new int[k], strides = new int[k];
        k = 0;
        for (int i = 0; i < inShape.length; i++) {
            if (inShape[i] != 1) {
                shape[k] = inShape[i];
                strides[k++] = a.strides[i];
            }
        }
        Tensor out = a.makeView(a.offset, shape, strides, Tensor::squeeze);
        // 1.13's unsqueeze_to(grad, self.sizes()): one unsqueeze per size-1 dim, in order, and grad itself where there
        // is none (under create_graph UnsqueezeBackward0 nodes or the grad's own node, not a reshape's: fuzz more 8721)
        return Graph.record("SqueezeBackward0", out, new Tensor[] {a}, NONE, false, (g, s, n) -> {
            Tensor r = g;
            for (int d = 0; d < inShape.length; d++) if (inShape[d] == 1) r = r.unsqueeze(d);
            return new Tensor[] {r};
        });
    }

    static Tensor squeeze(Tensor a, int dim) {
        return squeezeNamed(a, dim, "SqueezeBackward1");
    }

    /** squeeze(dim) under a given node name (matmul's 1-D @ 2-D path shows SqueezeBackward3 in PyTorch 1.13). */
    static Tensor squeezeNamed(Tensor a, int dim, String name) {
        if (a.dim() == 0) return Graph.record(name, a.makeView(a.offset, new int[0], new int[0], t -> t.squeeze(dim)), new Tensor[] {a}, NONE, false, (g, s, n) -> new Tensor[] {g});
        int d = Shape.wrapDim(dim, a.dim());
        if (a.size(d) != 1) return Graph.record(name, a.makeView(a.offset, a.shapeArray().clone(), a.strides.clone(), t -> t.squeeze(d)), new Tensor[] {a}, NONE, false, (g, s, n) -> new Tensor[] {g});
        Tensor out = a.makeView(a.offset, remove(a.shapeArray(), d), remove(a.strides, d), t -> t.squeeze(d));
        return Graph.record(name, out, new Tensor[] {a}, NONE, false, (g, s, n) -> new Tensor[] {g.unsqueeze(d)});
    }

    static Tensor expand(Tensor a, int[] sizes) {
        int[] in = a.shapeArray();
        if (sizes.length < in.length) {
            throw new TorchException.RuntimeError("expand(torch.FloatTensor{" + Shape.str(in) + "}, size=" + Shape.str(sizes) + "): the number of sizes provided (" + sizes.length + ") must be greater or equal to the number of dimensions in the tensor (" + in.length + ")");
        }
        int[] shape = new int[sizes.length], strides = new int[sizes.length];
        int lead = sizes.length - in.length;
        for (int i = 0; i < sizes.length; i++) {
            int j = i - lead;
            int want = sizes[i];
            if (j < 0) {
                if (want < 0) throw new TorchException.RuntimeError("The expanded size of the tensor (" + want + ") isn't allowed in a leading, non-existing dimension " + i);
                shape[i] = want;
                strides[i] = 0;
            } else {
                if (want == -1) want = in[j];
                if (in[j] != want && in[j] != 1) {
                    throw new TorchException.RuntimeError("The expanded size of the tensor (" + want + ") must match the existing size (" + in[j] + ") at non-singleton dimension " + i + ".  Target sizes: " + Shape.str(sizes) + ".  Tensor sizes: " + Shape.str(in));
                }
                shape[i] = want;
                strides[i] = in[j] == want ? a.strides[j] : 0;
            }
        }
        // the shortcut skips Graph.record, so not while forward mode needs the tangent carried over
        if (Arrays.equals(shape, in) && Arrays.equals(strides, a.strides) && !Graph.recording(a) && !ForwardGrad.active()) return a.makeView(a.offset, shape, strides, t -> t.expand(shape));
        int[] inShape = in.clone();
        Tensor out = a.makeView(a.offset, shape, strides, t -> t.expand(shape));
        return Graph.record("ExpandBackward0", out, new Tensor[] {a}, NONE, false, (g, s, n) -> new Tensor[] {g.sumToSize(inShape)});
    }

    /** clone() keeps a dense input's strides (preserve_format: OutputLayout.preserve). */
    static Tensor clone(Tensor a) {
        return cloneAt(a, OutputLayout.preserve(a));
    }

    /** A recorded copy of a at {@code strides} (dense; null: row-major), as clone(memory_format=...) makes it. */
    static Tensor cloneAt(Tensor a, int[] strides) {
        Tensor out = OutputLayout.empty(a.shapeArray().clone(), strides, a.dtype());
        Elementwise.copyInto(out, a);
        return Graph.record("CloneBackward0", out, new Tensor[] {a}, NONE, false, (g, s, n) -> new Tensor[] {g});
    }

    /** contiguous(): a itself when row-major, else clone(memory_format=torch.contiguous_format). */
    static Tensor contiguous(Tensor a) {
        return a.isContiguous() ? a : cloneAt(a, null);
    }

    /** unbind(dim): views of each slice, all outputs of one UnbindBackward0 node. */
    static java.util.List<Tensor> unbind(Tensor a, int dim) {
        int d = Shape.wrapDim(dim, a.dim());
        int n = a.size(d);
        Tensor[] outs = new Tensor[n];
        try (var ignored = GradMode.set(false)) {
            for (int i = 0; i < n; i++) {
                final int idx = i;
                Tensor sel = select(a, d, i);
                outs[i] = a.makeView(sel.offset, sel.shapeArray(), sel.strides, t -> t.unbind(d).get(idx));
            }
        }
        int[] inShape = a.shapeArray().clone();
        DType dt = a.dtype();
        Graph.recordMulti("UnbindBackward0", outs, new Tensor[] {a}, NONE, false, (grads, s, nd) -> {
            int[] partShape = remove(inShape, d);
            Tensor[] parts = new Tensor[grads.length];
            for (int i = 0; i < grads.length; i++) parts[i] = grads[i] != null ? grads[i] : Tensor.empty(partShape, dt);
            return new Tensor[] {ShapeOps.stack(java.util.Arrays.asList(parts), d)};
        });
        markMultiOutput("UnbindBackward0", outs);
        return Tensor.listOf(outs);
    }

    /** Outputs that one recorded node returns as views may not be modified in place (PyTorch's MULTI_OUTPUT_NODE). */
    static void markMultiOutput(String node, Tensor[] outs) {
        for (int i = 0; i < outs.length; i++) if (outs[i].gradFn() != null) outs[i].markMultiOutputView(node, i);
    }

    static int[] remove(int[] v, int i) {
        int[] out = new int[v.length - 1];
        System.arraycopy(v, 0, out, 0, i);
        System.arraycopy(v, i + 1, out, i, v.length - i - 1);
        return out;
    }

    static int[] insert(int[] v, int i, int value) {
        int[] out = new int[v.length + 1];
        System.arraycopy(v, 0, out, 0, i);
        out[i] = value;
        System.arraycopy(v, i, out, i + 1, v.length - i);
        return out;
    }
}
