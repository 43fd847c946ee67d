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
            // zeros that division is undefined, so those gradients are computed directly (first order only).
            if (!hasZero(input)) return new Tensor[] {reverseCumsum(g.mul(result), d).div(input)};
            return new Tensor[] {cumprodGradWithZeros(g, input, d)};
        });
    }

    private static boolean hasZero(Tensor t) {
        for (double v : t.values()) if (v == 0) return true;
        return false;
    }

    /** grad_i = sum over k >= i of g_k * prod_{j <= k, j != i} x_j, in O(n^2) per line. */
    private static Tensor cumprodGradWithZeros(Tensor g, Tensor x, int d) {
        double[] gv = g.values(), xv = x.values();
        double[] r = new double[xv.length];
        Along a = new Along(x.shapeArray(), d);
        for (int o = 0; o < a.outer; o++) {
            for (int i = 0; i < a.inner; i++) {
                for (int k = 0; k < a.length; k++) {
                    double sum = 0;
                    for (int m = k; m < a.length; m++) {
                        double prod = 1;
                        for (int j = 0; j <= m; j++) if (j != k) prod *= xv[a.at(o, j, i)];
                        sum += gv[a.at(o, m, i)] * prod;
                    }
                    r[a.at(o, k, i)] = x.dtype().round(sum);
                }
            }
        }
        return Tensor.wrap(r, x.shapeArray().clone(), x.dtype());
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
     * d prod / d x_i = prod / x_i when no factor is zero; otherwise the product of the other factors of the same
     * group (nonzero only at a group's single zero), computed directly.
     */
    private static Tensor prodGrad(Tensor g, Tensor x, Tensor result, Integer dim) {
        if (!hasZero(x)) return g.mul(result).div(x);
        double[] xv = x.values();
        double[] r = new double[xv.length];
        if (dim == null) {
            for (int i = 0; i < xv.length; i++) {
                double p = 1;
                for (int j = 0; j < xv.length; j++) if (j != i) p *= xv[j];
                r[i] = p;
            }
        } else {
            Along a = new Along(x.shapeArray(), dim);
            for (int o = 0; o < a.outer; o++) {
                for (int i = 0; i < a.inner; i++) {
                    for (int k = 0; k < a.length; k++) {
                        double p = 1;
                        for (int j = 0; j < a.length; j++) if (j != k) p *= xv[a.at(o, j, i)];
                        r[a.at(o, k, i)] = p;
                    }
                }
            }
        }
        return g.mul(Tensor.wrap(r, x.shapeArray().clone(), x.dtype()));
    }
}
