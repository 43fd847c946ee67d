// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import java.util.function.UnaryOperator;

/** Indexing: advanced indexing by index or mask tensors, and the "embed into zeros" ops that view backwards use. */
final class IndexingOps {
    private IndexingOps() {}

    /**
     * A zero tensor of {@code shape} with {@code g} written into the region {@code view} selects: the backward of
     * select and slice. Recorded itself (its backward is the view again), so double backward works.
     */
    static Tensor embed(String name, Tensor g, int[] shape, UnaryOperator<Tensor> view) {
        Tensor out = Tensor.empty(shape.clone(), g.dtype());
        try (var ignored = GradMode.set(false)) {
            Elementwise.copyInto(view.apply(out), g);
        }
        return Graph.record(name, out, new Tensor[] {g}, null, false, (gg, s, n) -> new Tensor[] {view.apply(gg)});
    }

    /** {@code a[index]} along dim 0 with an int64 index tensor, or {@code a[mask]} with a bool mask. */
    static Tensor index(Tensor a, Tensor index) {
        if (index.dtype() == DType.BOOL) return maskedSelect(a, index);
        if (index.dtype().isFloatingPoint()) throw new TorchException.IndexError("tensors used as indices must be long, int, byte or bool tensors");
        if (a.dim() == 0) throw new TorchException.IndexError("too many indices for tensor of dimension 0");
        int rows = a.size(0);
        int[] rest = ViewOps.remove(a.shapeArray(), 0);
        int inner = Shape.numel(rest);
        double[] av = a.values(), iv = index.values();
        int[] outShape = new int[index.dim() + rest.length];
        System.arraycopy(index.shapeArray(), 0, outShape, 0, index.dim());
        System.arraycopy(rest, 0, outShape, index.dim(), rest.length);
        int[] picked = new int[iv.length];
        double[] r = new double[iv.length * inner];
        for (int i = 0; i < iv.length; i++) {
            int k = (int) iv[i];
            if (k < -rows || k >= rows) throw new TorchException.IndexError("index " + k + " is out of bounds for dimension 0 with size " + rows);
            picked[i] = k < 0 ? k + rows : k;
            System.arraycopy(av, picked[i] * inner, r, i * inner, inner);
        }
        Tensor out = Tensor.wrap(r, outShape, a.dtype());
        int[] inShape = a.shapeArray().clone();
        return Graph.record("IndexBackward0", out, new Tensor[] {a}, null, false, (g, s, n) -> new Tensor[] {gatherBack(g, inShape, picked, inner)});
    }

    /** {@code x[mask]}: the mask covers the leading dims of x (all of them, or fewer: x[rows] picks whole rows). */
    private static Tensor maskedSelect(Tensor a, Tensor mask) {
        int md = mask.dim();
        for (int k = 0; k < md; k++) {
            if (k >= a.dim() || mask.size(k) != a.size(k)) {
                if (k >= a.dim()) throw new TorchException.IndexError("too many indices for tensor of dimension " + a.dim() + " (got " + md + ")");
                throw new TorchException.IndexError("The shape of the mask " + Shape.str(mask.shapeArray()) + " at index " + k + " does not match the shape of the indexed tensor " + Shape.str(a.shapeArray()) + " at index " + k);
            }
        }
        int[] rest = java.util.Arrays.copyOfRange(a.shapeArray(), md, a.dim());
        int inner = Shape.numel(rest);
        double[] av = a.values(), mv = mask.values();
        int count = 0;
        for (double m : mv) if (m != 0) count++;
        int[] picked = new int[count];
        double[] r = new double[count * inner];
        for (int i = 0, k = 0; i < mv.length; i++) {
            if (mv[i] != 0) {
                picked[k] = i;
                System.arraycopy(av, i * inner, r, k++ * inner, inner);
            }
        }
        int[] outShape = new int[1 + rest.length];
        outShape[0] = count;
        System.arraycopy(rest, 0, outShape, 1, rest.length);
        Tensor out = Tensor.wrap(r, outShape, a.dtype());
        int[] inShape = a.shapeArray().clone();
        return Graph.record("IndexBackward0", out, new Tensor[] {a}, null, false, (g, s, n) -> new Tensor[] {gatherBack(g, inShape, picked, inner)});
    }

    /** Adds rows of {@code g} back at the picked positions (repeated picks accumulate): index_put with accumulate. */
    private static Tensor gatherBack(Tensor g, int[] shape, int[] picked, int inner) {
        double[] gv = g.values();
        double[] r = new double[Shape.numel(shape)];
        for (int i = 0; i < picked.length; i++) {
            for (int j = 0; j < inner; j++) r[picked[i] * inner + j] += gv[i * inner + j];
        }
        Tensor out = Tensor.wrap(r, shape.clone(), g.dtype());
        int[] gShape = g.shapeArray().clone();
        return Graph.record("IndexPutBackward0", out, new Tensor[] {g}, null, false, (gg, s, n) -> {
            double[] v = gg.values();
            double[] back = new double[picked.length * inner];
            for (int i = 0; i < picked.length; i++) System.arraycopy(v, picked[i] * inner, back, i * inner, inner);
            return new Tensor[] {Tensor.wrap(back, gShape, gg.dtype())};
        });
    }
}
