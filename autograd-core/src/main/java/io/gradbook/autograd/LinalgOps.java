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
        return Graph.record("MmBackward0", out, new Tensor[] {a, b}, new Tensor[] {Graph.recording(b) ? a : null, Graph.recording(a) ? b : null}, false,
                (g, s, nd) -> new Tensor[] {nd[0] ? g.mm(s[1].t()) : null, nd[1] ? s[0].t().mm(g) : null});
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
            // the product in the operands' dtype, then the bias added once (BLAS's beta = 1 accumulation)
            out = Elementwise.binary(BinaryOp.ADD, Products.mm(a, b, m, k, n), bias, a.dtype(), 1);
        }
        return Graph.record("AddmmBackward0", out, new Tensor[] {bias, a, b}, new Tensor[] {a, b}, false,
                (g, s, nd) -> new Tensor[] {nd[0] ? g : null, nd[1] ? g.mm(s[1].t()) : null, nd[2] ? s[0].t().mm(g) : null});
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
            return ViewOps.squeezeNamed(mm(row, b), 0, "SqueezeBackward3");
        }
        if (da == 2 && db == 2) return mm(a, b);
        if (da >= 3 && db <= 2) {
            // fold the batch dims into rows: one mm, then a view back (UnsafeViewBackward0)
            int[] as = a.shapeArray();
            int k = as[da - 1];
            Tensor b2 = db == 1 ? b.unsqueeze(1) : b;
            Tensor folded = a.reshape(-1, k);
            checkMultipliable(folded, b2);
            Tensor prod = mm(folded, b2);
            int[] outShape = as.clone();
            outShape[da - 1] = b2.size(1);
            if (db == 1) outShape = ViewOps.remove(outShape, da - 1);
            return ViewOps.unsafeView(prod, outShape);
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

    private static int[] concat(int[] head, int x, int y) {
        int[] out = java.util.Arrays.copyOf(head, head.length + 2);
        out[head.length] = x;
        out[head.length + 1] = y;
        return out;
    }
}
