// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import java.util.List;

/** Joining tensors: cat and stack, with gradients split back to each input. */
final class ShapeOps {
    private ShapeOps() {}

    static Tensor cat(List<Tensor> tensors, int dim) {
        if (tensors.isEmpty()) throw new TorchException.RuntimeError("torch.cat(): expected a non-empty list of Tensors");
        // PyTorch still skips 1-d empty tensors (legacy): cat([zeros(0), x]) is x; they only take part in the dtype
        Tensor first = tensors.get(0);
        for (Tensor t : tensors) {
            if (!skippedByCat(t)) {
                first = t;
                break;
            }
        }
        int d = Shape.wrapDim(dim, first.dim());
        int[] shape = first.shapeArray().clone();
        DType dt = first.dtype();
        int total = 0;
        for (int i = 0; i < tensors.size(); i++) {
            Tensor t = tensors.get(i);
            if (skippedByCat(t) && t != first) {
                dt = DType.promote(dt, t.dtype());
                continue;
            }
            if (t.dim() != first.dim()) {
                throw new TorchException.RuntimeError("Tensors must have same number of dimensions: got " + first.dim() + " and " + t.dim());
            }
            for (int k = 0; k < shape.length; k++) {
                if (k != d && t.size(k) != shape[k]) {
                    throw new TorchException.RuntimeError("Sizes of tensors must match except in dimension " + d + ". Expected size " + shape[k] + " but got size " + t.size(k) + " for tensor number " + i + " in the list.");
                }
            }
            total += t.size(d);
            dt = DType.promote(dt, t.dtype());
        }
        shape[d] = total;
        Tensor out = Tensor.empty(shape, dt);
        int[] sizes = new int[tensors.size()];
        try (var ignored = GradMode.set(false)) {
            int at = 0;
            for (int i = 0; i < tensors.size(); i++) {
                Tensor t = tensors.get(i);
                if (skippedByCat(t) && t != first) continue;
                sizes[i] = t.size(d);
                Elementwise.copyInto(out.slice(d, at, at + sizes[i], 1), t);
                at += sizes[i];
            }
        }
        return Graph.record("CatBackward0", out, tensors.toArray(new Tensor[0]), null, false, (g, s, n) -> {
            Tensor[] parts = new Tensor[sizes.length];
            int at = 0;
            for (int i = 0; i < sizes.length; i++) {
                Tensor t = tensors.get(i);
                if (n[i]) parts[i] = skippedByCat(t) && sizes[i] == 0 && t.dim() != g.dim() ? Tensor.empty(new int[] {0}, g.dtype()) : g.slice(d, at, at + sizes[i], 1);
                at += sizes[i];
            }
            return parts;
        });
    }

    private static boolean skippedByCat(Tensor t) {
        return t.dim() == 1 && t.size(0) == 0;
    }

    static Tensor stack(List<Tensor> tensors, int dim) {
        if (tensors.isEmpty()) throw new TorchException.RuntimeError("stack expects a non-empty TensorList");
        int[] shape0 = tensors.get(0).shapeArray();
        for (int i = 1; i < tensors.size(); i++) {
            if (!java.util.Arrays.equals(tensors.get(i).shapeArray(), shape0)) {
                throw new TorchException.RuntimeError("stack expects each tensor to be equal size, but got " + Shape.str(shape0) + " at entry 0 and " + Shape.str(tensors.get(i).shapeArray()) + " at entry " + i);
            }
        }
        int d = Shape.wrapDim(dim, shape0.length + 1);
        Tensor[] expanded = new Tensor[tensors.size()];
        Tensor out;
        try (var ignored = GradMode.set(false)) {
            for (int i = 0; i < expanded.length; i++) expanded[i] = tensors.get(i).unsqueeze(d);
            out = cat(java.util.Arrays.asList(expanded), d);
        }
        return Graph.record("StackBackward0", out, tensors.toArray(new Tensor[0]), null, false, (g, s, n) -> {
            Tensor[] parts = new Tensor[tensors.size()];
            for (int i = 0; i < parts.length; i++) if (n[i]) parts[i] = g.select(d, i);
            return parts;
        });
    }
}
