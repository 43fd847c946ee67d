// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

/**
 * Running and whole products and sums along a dim: cumsum, cumprod, prod. Kernels walk one dim of the row-major
 * values (outer x length x inner); gradient rules are Tensor ops (flip + cumsum), so they differentiate again.
 */
final class ScanOps {
    private ScanOps() {}

    /** The position arithmetic of one dim of a row-major shape. */
    static final class Along {
        final int outer, length, inner;

        Along(int[] shape, int dim) {
            int o = 1, in = 1;
            for (int i = 0; i < dim; i++) o *= shape[i];
            for (int i = dim + 1; i < shape.length; i++) in *= shape[i];
            outer = o;
            length = shape.length == 0 ? 1 : shape[dim];
            inner = in;
        }

        int at(int o, int k, int i) {
            return (o * length + k) * inner + i;
        }
    }

    /** Integers and bools accumulate in int64, as PyTorch's cumsum/cumprod/prod do. */
    private static DType accumulated(DType t) {
        return t.isFloatingPoint() ? t : DType.INT64;
    }

    private static Tensor scan(Tensor x, int d, boolean product) {
        double[] v = x.values();
        double[] r = new double[v.length];
        DType dt = accumulated(x.dtype());
        Along a = new Along(x.shapeArray(), d);
        for (int o = 0; o < a.outer; o++) {
            for (int i = 0; i < a.inner; i++) {
                double acc = product ? 1 : 0;
                for (int k = 0; k < a.length; k++) {
                    int p = a.at(o, k, i);
                    acc = product ? acc * v[p] : acc + v[p];
                    r[p] = dt.round(acc);
                }
            }
        }
        return Tensor.wrap(r, x.shapeArray().clone(), dt);
    }

    /** The gradient of a cumulative sum: the reversed cumulative sum of the incoming gradient. */
    private static Tensor reverseCumsum(Tensor g, int d) {
        return g.flip(d).cumsum(d).flip(d);
    }

    static Tensor cumsum(Tensor x, int dim) {
        int d = Shape.wrapDim(dim, x.dim());
        Tensor out = scan(x, d, false);
        return Graph.record("CumsumBackward0", out, new Tensor[] {x}, null, false, (g, s, n) -> new Tensor[] {x.dim() == 0 ? g : reverseCumsum(g, d)});
    }

    static Tensor cumprod(Tensor x, int dim) {
        int d = Shape.wrapDim(dim, x.dim());
        Tensor out = scan(x, d, true);
        return Graph.record("CumprodBackward0", out, new Tensor[] {x}, new Tensor[] {x}, true, (g, s, n) -> {
            if (x.dim() == 0) return new Tensor[] {g};
            Tensor input = s[0], result = s[1];
            // d out_k / d x_i = out_k / x_i for k >= i: the reversed cumsum of g * out, divided by x. Where x has
            // zeros that division is undefined, and the gradient is built from products without x_i instead.
            if (!hasZero(input)) return new Tensor[] {reverseCumsum(g.mul(result), d).div(input)};
            return new Tensor[] {cumprodGradWithZeros(g, input, d)};
        });
    }

    private static boolean hasZero(Tensor t) {
        for (double v : t.values()) if (v == 0) return true;
        return false;
    }

    /**
     * grad_i = sum over k >= i of g_k * prod_{j <= k, j != i} x_j: for each i, the cumulative product of x with
     * x_i replaced by 1, weighted by g from position i on. O(n) cumprods, all Tensor ops, so it differentiates
     * again (PyTorch's cumprod_backward has the same meaning); taken only when x has zeros.
     */
    private static Tensor cumprodGradWithZeros(Tensor g, Tensor x, int d) {
        int n = x.size(d);
        int[] lineShape = new int[x.dim()];
        java.util.Arrays.fill(lineShape, 1);
        lineShape[d] = n;
        java.util.List<Tensor> parts = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] one = new double[n], later = new double[n];
            one[i] = 1;
            for (int k = i; k < n; k++) later[k] = 1;
            Tensor isI = Tensor.wrap(one, lineShape.clone(), DType.BOOL), fromI = Tensor.wrap(later, lineShape.clone(), DType.BOOL);
            Tensor withoutI = GatherScatterOps.where(isI, 1.0, x).cumprod(d);
            parts.add(g.mul(withoutI).mul(fromI).sum(new int[] {d}, true));
        }
        return ShapeOps.cat(parts, d);
    }

    /** prod() of all elements: node ProdBackward0. */
    static Tensor prod(Tensor x) {
        int[] shape = x.shapeArray().clone();
        Tensor out = Kernels.reduce(x, ReductionOps.dimsMask(x.dim(), null), false, accumulated(x.dtype()), ScanOps::product);
        return Graph.record("ProdBackward0", out, new Tensor[] {x}, new Tensor[] {x}, true,
                (g, s, n) -> new Tensor[] {prodGrad(g.expand(shape), s[0], s[1].expand(shape), null)});
    }

    /** prod(dim, keepdim): node ProdBackward1. */
    static Tensor prod(Tensor x, int dim, boolean keepdim) {
        int d = Shape.wrapDim(dim, x.dim());
        int[] shape = x.shapeArray().clone();
        boolean[] mask = ReductionOps.dimsMask(x.dim(), new int[] {d});
        Tensor out = Kernels.reduce(x, mask, keepdim, accumulated(x.dtype()), ScanOps::product);
        return Graph.record("ProdBackward1", out, new Tensor[] {x}, new Tensor[] {x}, true, (g, s, n) -> new Tensor[] {
            prodGrad(ReductionOps.expandBack(g, shape, mask, keepdim), s[0], ReductionOps.expandBack(s[1], shape, mask, keepdim), x.dim() == 0 ? null : d)});
    }

    private static double product(double[] v, int from, int count) {
        double p = 1;
        for (int i = from; i < from + count; i++) p *= v[i];
        return p;
    }

    /**
     * d prod / d x_i = prod / x_i when no factor of its group is zero; with one zero, the product of the other
     * factors at the zero and 0 elsewhere; with more, 0. Written with Tensor ops and where (zeros replaced by 1
     * before any division, so no 0/0 reaches the graph), so it differentiates again, as PyTorch's
     * prod_safe_zeros_backward.
     */
    private static Tensor prodGrad(Tensor g, Tensor x, Tensor result, Integer dim) {
        if (!hasZero(x)) return g.mul(result).div(x);
        int[] shape = x.shapeArray();
        Tensor nonzero = x.ne(0.0);
        Tensor safe = GatherScatterOps.where(nonzero, x, 1.0);
        Tensor zeros = x.eq(0.0);
        Tensor count = (dim == null ? zeros.sum() : zeros.sum(new int[] {dim}, true)).expand(shape);
        Tensor prodOfNonzero = (dim == null ? safe.prod() : safe.prod(dim, true)).expand(shape);
        Tensor none = PointwiseOps.zerosLike(g);
        Tensor atNonzero = PointwiseOps.where(count.eq(0.0), g.mul(result).div(safe), none);
        Tensor atZero = PointwiseOps.where(count.eq(1.0), g.mul(prodOfNonzero), none);
        return PointwiseOps.where(nonzero, atNonzero, atZero);
    }
}
