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
        if (!accumulated(x.dtype()).isFloatingPoint()) return scanLong(x, d, product);
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

    /** An integer scan in int64, as PyTorch's (wrapping on overflow; exact beyond 2^53, where a double is not). */
    private static Tensor scanLong(Tensor x, int d, boolean product) {
        long[] v = x.toLongArray();
        long[] r = new long[v.length];
        Along a = new Along(x.shapeArray(), d);
        for (int o = 0; o < a.outer; o++) {
            for (int i = 0; i < a.inner; i++) {
                long acc = product ? 1 : 0;
                for (int k = 0; k < a.length; k++) {
                    int p = a.at(o, k, i);
                    acc = product ? acc * v[p] : acc + v[p];
                    r[p] = acc;
                }
            }
        }
        return IntegerKernels.of(r, x.shapeArray().clone(), accumulated(x.dtype()));
    }

    /** The gradient of a cumulative sum: the reversed cumulative sum of the incoming gradient. */
    private static Tensor reverseCumsum(Tensor g, int d) {
        return g.flip(d).cumsum(d).flip(d);
    }

    static Tensor cumsum(Tensor x, int dim) {
        int d = Shape.wrapDim(dim, x.dim());
        Tensor out = scan(x, d, false);
        // 1.13 fills a 0-dim result with self (no 0 + x: a -0.0 stays -0.0, fuzz 40263)
        if (x.dim() == 0 && x.isFloatingPoint() && out.dtype() == x.dtype()) out = Tensor.wrap(new double[] {x.storage.getDouble(x.offset)}, new int[0], x.dtype());
        // PyTorch's cumsum_backward returns grad itself for one element or a length-1 dim
        return Graph.record("CumsumBackward0", out, new Tensor[] {x}, null, false,
                (g, s, n) -> new Tensor[] {x.dim() == 0 || x.numel() <= 1 || x.size(d) == 1 ? g : reverseCumsum(g, d)});
    }

    static Tensor cumprod(Tensor x, int dim) {
        int d = Shape.wrapDim(dim, x.dim());
        Tensor out = scan(x, d, true);
        return Graph.record("CumprodBackward0", out, new Tensor[] {x}, new Tensor[] {x}, true, (g, s, n) -> {
            // PyTorch's cumprod_backward returns grad itself for one element or a length-1 dim (no g * out / x round trip)
            if (x.dim() == 0 || x.numel() <= 1 || x.size(d) == 1) return new Tensor[] {g};
            Tensor input = s[0], result = s[1];
            // d out_k / d x_i = out_k / x_i for k >= i: the reversed cumsum of g * out, divided by x. Where x has
            // zeros that division is undefined, and the gradient is built from products without x_i instead.
            if (!hasZero(input)) return new Tensor[] {reverseCumsum(g.mul(result), d).div(input)};
            if (!GradMode.isEnabled()) return new Tensor[] {cumprodGradFirstZero(g, input, result, d)};
            return new Tensor[] {cumprodGradWithZeros(g, input, d)};
        });
    }

    private static boolean hasZero(Tensor t) {
        for (double v : t.values()) if (v == 0) return true;
        return false;
    }

    /**
     * PyTorch 1.13's cumprod_backward where the input has zeros and no graph is being built, op for op: before the
     * first zero z1 of a line, the reversed cumsum of output * grad (zeroed from z1 on) divided by the input; at
     * z1, sum over k in [z1, z2) of grad_k times the cumprod of the input with ones outside (z1, z2), times
     * output[z1 - 1] (1 where z1 is the line's first element); zero everywhere else.
     */
    private static Tensor cumprodGradFirstZero(Tensor g, Tensor input, Tensor output, int d) {
        int[] shape = input.shapeArray().clone(), line = new int[shape.length];
        java.util.Arrays.fill(line, 1);
        line[d] = shape[d];
        Tensor w = output.mul(g);
        Tensor cumsum = input.eq(0.0).cumsum(d);
        Tensor before = cumsum.eq(0.0), run = cumsum.eq(1.0);
        Tensor beforeGrad = reverseCumsum(w.maskedFill(before.logicalNot(), 0), d).div(input);
        Tensor firstZero = run.logicalAnd(input.eq(0.0));
        // z1 itself (0 where a line has no zero, as max's index is there; first_zero_mask is then empty)
        Tensor z1 = GatherScatterOps.where(firstZero, Torch.arange((long) shape[d]).reshape(line), 0).sum(new int[] {d}, true).to(DType.INT64);
        Tensor between = run.logicalAnd(firstZero.logicalNot());
        Tensor prev = output.gather(d, z1.sub(1L).relu()).maskedFill(z1.eq(0.0), 1);
        Tensor atZero = input.maskedFill(between.logicalNot(), 1).cumprod(d).mul(g.maskedFill(cumsum.ne(1.0), 0))
                .sum(new int[] {d}, true).mul(prev);
        return PointwiseOps.where(before, beforeGrad, GatherScatterOps.where(firstZero, atZero.expand(shape), 0));
    }

    /**
     * PyTorch 1.13's cumprod_backward where the input has zeros and a graph is being built (its O(n^2) branch), op
     * for op: for each k, the products of the input without x_k (prod of the slice before k, times the cumprod of the
     * slice after it, after a ones column for k == 0), times grad from k on, summed over the dim; the columns
     * concatenated (wide fuzz seed 14135: another product order was 12 ulp off). All Tensor ops: differentiable again.
     */
    private static Tensor cumprodGradWithZeros(Tensor g, Tensor x, int d) {
        int n = x.size(d);
        int[] onesShape = x.shapeArray().clone();
        onesShape[d] = 1;
        Tensor ones = Torch.ones(g.dtype(), 1).expand(onesShape);
        Tensor gradInput = null;
        for (int k = 0; k < n; k++) {
            Tensor omitted;
            if (k == 0) {
                omitted = ShapeOps.cat(java.util.List.of(ones, x.slice(d, 1, n).cumprod(d)), d);
            } else if (k == n - 1) {
                omitted = x.slice(d, 0, k).prod(d, true);
            } else {
                Tensor until = x.slice(d, 0, k).prod(d, true);
                Tensor from = x.slice(d, k + 1, n).cumprod(d);
                omitted = ShapeOps.cat(java.util.List.of(until, until.expandAs(from).mul(from)), d);
            }
            Tensor column = g.slice(d, k, n).mul(omitted).sum(new int[] {d}, false).unsqueeze(d);
            gradInput = k == 0 ? column : ShapeOps.cat(java.util.List.of(gradInput, column), d);
        }
        return gradInput;
    }

    /** prod() of all elements: node ProdBackward0. */
    static Tensor prod(Tensor x) {
        int[] shape = x.shapeArray().clone();
        Tensor out = product(x, ReductionOps.dimsMask(x.dim(), null), false);
        return Graph.record("ProdBackward0", out, new Tensor[] {x}, new Tensor[] {x}, true, (g, s, n) -> {
            Tensor input = s[0], result = s[1];
            if (input.dim() == 0) return new Tensor[] {g};
            int zeros = zeroCount(input);
            if (zeros == 0) return new Tensor[] {g.mul(result.div(input))};
            // PyTorch's shortcut: two zeros or more and no graph being built give zeros
            if (zeros > 1 && !GradMode.isEnabled()) return new Tensor[] {PointwiseOps.zerosLike(input)};
            return new Tensor[] {safeZerosBackward(g, input.contiguous().reshape(-1), 0).reshape(shape)};
        });
    }

    /** prod(dim, keepdim): node ProdBackward1. */
    static Tensor prod(Tensor x, int dim, boolean keepdim) {
        int d = x.dim() == 0 ? 0 : Shape.wrapDim(dim, x.dim());
        boolean[] mask = ReductionOps.dimsMask(x.dim(), new int[] {d});
        Tensor out = product(x, mask, keepdim);
        return Graph.record("ProdBackward1", out, new Tensor[] {x}, new Tensor[] {x}, true, (g, s, n) -> {
            Tensor input = s[0], result = s[1];
            if (input.dim() == 0) return new Tensor[] {g};
            Tensor gk = keepdim ? g : g.unsqueeze(d), rk = keepdim ? result : result.unsqueeze(d);
            if (zeroCount(input) == 0) return new Tensor[] {gk.mul(rk.div(input))};
            return new Tensor[] {safeZerosBackward(gk, input, d)};
        });
    }

    /**
     * The product over the marked dims: float32/float64 by binary_kernel_reduce_vec in PyTorch's order
     * (VecReduce), integers and bools as wrapping int64 products (any order gives the same), float16 in double.
     */
    private static Tensor product(Tensor x, boolean[] mask, boolean keepdim) {
        Tensor out = ExtremeOps.reduceVec(x, mask, keepdim, io.gradbook.autograd.math.VecReduce.PROD);
        if (out != null) return out;
        DType dt = x.dtype();
        if (dt.isFloatingPoint()) return Kernels.reduce(x, mask, keepdim, dt, ScanOps::product);
        int[] outShape = Kernels.outShape(x.shapeArray(), mask, keepdim);
        long[] r = new long[Shape.numel(outShape)];
        int i = 0;
        for (long[] g : LongGroups.of(x, mask)) {
            long p = 1;
            for (long v : g) p *= v;
            r[i++] = p;
        }
        return Tensor.wrap(new Storage.LongStorage(r), outShape);
    }

    private static double product(double[] v, int from, int count) {
        double p = 1;
        for (int i = from; i < from + count; i++) p *= v[i];
        return p;
    }

    private static int zeroCount(Tensor t) {
        int n = 0;
        for (double v : t.values()) if (v == 0) n++;
        return n;
    }

    /**
     * prod_safe_zeros_backward: grad * (exclusive cumprod from the front * exclusive cumprod from the back), each
     * element's product of the others without dividing by it; Tensor ops, so it differentiates again.
     */
    private static Tensor safeZerosBackward(Tensor grad, Tensor inp, int dim) {
        int len = inp.size(dim);
        if (inp.numel() == 0) return grad.expand(inp.shapeArray());
        if (len == 1) return grad;
        int[] onesSize = inp.shapeArray().clone();
        onesSize[dim] = 1;
        Tensor ones = Torch.ones(inp.dtype(), onesSize);
        Tensor normal = ShapeOps.cat(java.util.List.of(ones, inp.narrow(dim, 0, len - 1)), dim).cumprod(dim);
        Tensor reverse = ShapeOps.cat(java.util.List.of(ones, inp.narrow(dim, 1, len - 1).flip(dim)), dim).cumprod(dim).flip(dim);
        return grad.mul(normal.mul(reverse));
    }
}
