// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

/** Products: dot, mv, mm, bmm, addmm and matmul's dispatch among them, with PyTorch's shape errors. */
final class LinalgOps {
    private LinalgOps() {}

    private static void sameDType(Tensor a, Tensor b) {
        if (a.dtype() != b.dtype()) {
            throw new TorchException.RuntimeError("expected scalar type " + TensorPrinter.typeName(a.dtype()) + " but found " + TensorPrinter.typeName(b.dtype()));
        }
    }

    static Tensor dot(Tensor a, Tensor b) {
        if (a.dim() != 1 || b.dim() != 1) {
            throw new TorchException.RuntimeError("1D tensors expected, but got " + a.dim() + "D and " + b.dim() + "D tensors");
        }
        if (a.numel() != b.numel()) {
            throw new TorchException.RuntimeError("inconsistent tensor size, expected tensor [" + a.numel() + "] and src [" + b.numel() + "] to have the same number of elements, but got " + a.numel() + " and " + b.numel() + " elements respectively");
        }
        if (a.dtype() != b.dtype()) {
            throw new TorchException.RuntimeError("dot : expected both vectors to have same dtype, but found " + TensorPrinter.typeName(a.dtype()) + " and " + TensorPrinter.typeName(b.dtype()));
        }
        Tensor out = a.dtype() == DType.FLOAT32 || a.dtype() == DType.FLOAT64 ? Products.dot(a, b)
                : a.dtype().isFloatingPoint()
                ? Products.mm(a, b, 1, a.numel(), 1, Shape.SCALAR)
                : Tensor.wrap(new double[] {dotInDouble(a, b)}, Shape.SCALAR, a.dtype());
        return Graph.record("DotBackward0", out, new Tensor[] {a, b}, new Tensor[] {Graph.recording(b) ? a : null, Graph.recording(a) ? b : null}, false,
                (g, s, n) -> new Tensor[] {n[0] ? s[1].mul(g) : null, n[1] ? s[0].mul(g) : null});
    }

    private static double dotInDouble(Tensor a, Tensor b) {
        double[] va = a.values(), vb = b.values();
        double acc = 0;
        for (int i = 0; i < va.length; i++) acc += va[i] * vb[i];
        return acc;
    }

    static Tensor mv(Tensor m, Tensor v) {
        if (m.dim() != 2 || v.dim() != 1 || m.size(1) != v.size(0)) {
            if (m.dim() == 2 && v.dim() == 1) {
                throw new TorchException.RuntimeError("size mismatch, got " + m.size(0) + ", " + m.size(0) + "x" + m.size(1) + "," + v.size(0));
            }
            throw new TorchException.RuntimeError("vector + matrix @ vector expected, got 1, " + m.dim() + ", " + v.dim());
        }
        sameDType(m, v);
        int rows = m.size(0), cols = m.size(1);
        Tensor out = Products.mv(m, v, rows, cols);
        return Graph.record("MvBackward0", out, new Tensor[] {m, v}, new Tensor[] {Graph.recording(v) ? m : null, Graph.recording(m) ? v : null}, false,
                (g, s, n) -> new Tensor[] {n[0] ? g.unsqueeze(1).mul(s[1].unsqueeze(0)) : null, n[1] ? s[0].t().mv(g) : null});
    }

    static Tensor mm(Tensor a, Tensor b) {
        if (a.dim() != 2) throw new TorchException.RuntimeError("self must be a matrix");
        if (b.dim() != 2) throw new TorchException.RuntimeError("mat2 must be a matrix");
        checkMultipliable(a, b);
        sameDType(a, b);
        int m = a.size(0), k = a.size(1), n = b.size(1);
        Tensor out = Products.mm(a, b, m, k, n);
        boolean aColumns = columnMajor(a), bColumns = columnMajor(b);
        return Graph.record("MmBackward0", out, new Tensor[] {a, b}, new Tensor[] {Graph.recording(b) ? a : null, Graph.recording(a) ? b : null}, false,
                (g, s, nd) -> new Tensor[] {nd[0] ? mat1Backward(g, s[1], aColumns) : null, nd[1] ? mat2Backward(g, s[0], bColumns) : null});
    }

    /** PyTorch's test in mm_mat1_backward / mm_mat2_backward: strides (1, rows), a transposed contiguous matrix. */
    private static boolean columnMajor(Tensor t) {
        return t.strides[0] == 1 && t.strides[1] == t.size(0);
    }

    /** mm_mat1_backward: a column-major mat1 gets its gradient as (mat2 @ grad^T)^T, column-major, else grad @ mat2^T. */
    private static Tensor mat1Backward(Tensor g, Tensor mat2, boolean columnMajor) {
        return columnMajor ? mat2.mm(g.t()).t() : g.mm(mat2.t());
    }

    /** mm_mat2_backward: a column-major mat2 gets (grad^T @ mat1)^T, else mat1^T @ grad. */
    private static Tensor mat2Backward(Tensor g, Tensor mat1, boolean columnMajor) {
        return columnMajor ? g.t().mm(mat1).t() : mat1.t().mm(g);
    }

    private static void checkMultipliable(Tensor a, Tensor b) {
        if (a.size(1) != b.size(0)) {
            throw new TorchException.RuntimeError("mat1 and mat2 shapes cannot be multiplied (" + a.size(0) + "x" + a.size(1) + " and " + b.size(0) + "x" + b.size(1) + ")");
        }
    }

    static Tensor bmm(Tensor a, Tensor b) {
        if (a.dim() != 3) throw new TorchException.RuntimeError("batch1 must be a 3D tensor");
        if (b.dim() != 3) throw new TorchException.RuntimeError("batch2 must be a 3D tensor");
        int batch = a.size(0), m = a.size(1), k = a.size(2), n = b.size(2);
        if (b.size(0) != batch || b.size(1) != k) {
            throw new TorchException.RuntimeError("Expected size for first two dimensions of batch2 tensor to be: [" + batch + ", " + k + "] but got: [" + b.size(0) + ", " + b.size(1) + "].");
        }
        sameDType(a, b);
        Tensor out = Products.bmm(a, b, batch, m, k, n);
        return Graph.record("BmmBackward0", out, new Tensor[] {a, b}, new Tensor[] {a, b}, false,
                (g, s, nd) -> new Tensor[] {nd[0] ? g.bmm(s[1].transpose(1, 2)) : null, nd[1] ? s[0].transpose(1, 2).bmm(g) : null});
    }

    /** {@code bias + a @ b} in one node (AddmmBackward0), as {@code F.linear} records it. */
    static Tensor addmm(Tensor bias, Tensor a, Tensor b) {
        checkMultipliable(a, b);
        int m = a.size(0), k = a.size(1), n = b.size(1);
        sameDType(a, b);
        Tensor out;
        try (var ignored = GradMode.set(false)) {
            boolean blas = (a.dtype() == DType.FLOAT32 || a.dtype() == DType.FLOAT64) && bias.dtype() == a.dtype()
                    && Shape.expandableTo(bias.shapeArray(), new int[] {m, n});
            // the bias copied into C, the product accumulated onto it (BLAS's beta = 1), as PyTorch's addmm
            out = blas ? AddmmCall.run(bias, a, b, m, k, n)
                    : Elementwise.binary(BinaryOp.ADD, Products.mm(a, b, m, k, n), bias, a.dtype(), 1);
        }
        boolean aColumns = columnMajor(a), bColumns = columnMajor(b);
        return Graph.record("AddmmBackward0", out, new Tensor[] {bias, a, b}, new Tensor[] {a, b}, false,
                (g, s, nd) -> new Tensor[] {nd[0] ? g : null, nd[1] ? mat1Backward(g, s[1], aColumns) : null, nd[2] ? mat2Backward(g, s[0], bColumns) : null});
    }

    /** torch.matmul: dot, mv, mm, or a folded/batched product, with the node names PyTorch 1.13 records. */
    static Tensor matmul(Tensor a, Tensor b) {
        int da = a.dim(), db = b.dim();
        if (da == 0 || db == 0) {
            throw new TorchException.RuntimeError("both arguments to matmul need to be at least 1D, but they are " + da + "D and " + db + "D");
        }
        if (da == 1 && db == 1) return dot(a, b);
        if (da == 2 && db == 1) return mv(a, b);
        if (da == 1 && db == 2) {
            Tensor row = a.unsqueeze(0);
            checkMultipliable(row, b);
            return squeezeRowInPlace(mm(row, b));
        }
        if (da == 2 && db == 2) return mm(a, b);
        if (shouldFold(a, db) || shouldFold(b, da)) {
            // fold the larger operand's batch dims into rows: one mm or mv, then a view back (UnsafeViewBackward0);
            // a batched right operand is folded transposed, the product transposed back and made contiguous
            boolean transpose = db > da;
            Tensor t1 = transpose ? b.transpose(db - 2, db - 1) : a;
            Tensor t2 = !transpose ? b : da == 2 ? a.t() : a;
            int[] s1 = t1.shapeArray();
            int k = s1[s1.length - 1];
            int[] outShape = java.util.Arrays.copyOf(s1, s1.length - 1);
            int rows = Shape.numel(outShape);
            Tensor folded = t1.reshape(rows, k);
            if (t2.dim() == 1) return ViewOps.unsafeView(mv(folded, t2), outShape);
            outShape = java.util.Arrays.copyOf(outShape, outShape.length + 1);
            outShape[outShape.length - 1] = t2.size(1);
            checkMultipliable(folded, t2);
            Tensor out = ViewOps.unsafeView(mm(folded, t2), outShape);
            return transpose ? out.transpose(outShape.length - 2, outShape.length - 1).contiguous() : out;
        }
        // general batched case: broadcast the batch dims, then bmm
        Tensor a3 = da == 1 ? a.unsqueeze(0) : a;
        Tensor b3 = db == 1 ? b.unsqueeze(1) : b;
        int[] as = a3.shapeArray(), bs = b3.shapeArray();
        int[] batchA = java.util.Arrays.copyOf(as, as.length - 2), batchB = java.util.Arrays.copyOf(bs, bs.length - 2);
        int[] batch = Shape.broadcast(batchA, batchB);
        int n = Shape.numel(batch);
        int m = as[as.length - 2], k = as[as.length - 1], k2 = bs[bs.length - 2], p = bs[bs.length - 1];
        Tensor ae = a3.expand(concat(batch, m, k)).reshape(n, m, k);
        Tensor be = b3.expand(concat(batch, k2, p)).reshape(n, k2, p);
        Tensor prod = bmm(ae, be);
        int[] outShape = concat(batch, m, p);
        if (da == 1) outShape = ViewOps.remove(outShape, outShape.length - 2);
        if (db == 1) outShape = ViewOps.remove(outShape, outShape.length - 1);
        return ViewOps.unsafeView(prod, outShape);
    }

    /**
     * 1.13's {@code tensor1.unsqueeze(0).mm(tensor2).squeeze_(0)} on the fresh [1, n] product: the squeeze is in place,
     * so the result is that tensor itself, not a view (no base), at version 1, with SqueezeBackward3 over MmBackward0
     * (x @ w for a 1-D x, and F.linear's bias then added in place: version 2; fuzz cases more 30, 115)
     */
    private static Tensor squeezeRowInPlace(Tensor product) {
        product.version.bump();
        Tensor out = new Tensor(product.storage, product.offset, new int[] {product.size(1)}, new int[] {product.strides[1]},
                product.dtype(), product.version, null, null);
        return Graph.record("SqueezeBackward3", out, new Tensor[] {product}, new Tensor[0], false, (g, s, n) -> new Tensor[] {g.unsqueeze(0)});
    }

    /**
     * PyTorch's should_fold: an operand of 3+ dims times one of 1 or 2 dims is folded into one mm/mv, except a 3-D
     * one whose last two dims are transposed over a contiguous batch (times a matrix), which bmm takes without a copy.
     */
    private static boolean shouldFold(Tensor t, int otherDim) {
        int d = t.dim();
        if (d < 3 || (otherDim != 1 && otherDim != 2)) return false;
        return !(d == 3 && otherDim == 2 && t.strides[2] != 1 && t.strides[0] == t.size(1) * t.size(2));
    }

    private static int[] concat(int[] head, int x, int y) {
        int[] out = java.util.Arrays.copyOf(head, head.length + 2);
        out[head.length] = x;
        out[head.length + 1] = y;
        return out;
    }
}
