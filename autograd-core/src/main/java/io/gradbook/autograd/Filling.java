// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

/** The out-of-place forms of fill_/zero_/copy_, recorded with PyTorch's node names for those in-place ops. */
final class Filling {
    private Filling() {}

    /** zero_ records ZeroBackward0; fill_ with a Python scalar FillBackward2 (PyTorch's node for fill_.Scalar, any value, 0 too). */
    static Tensor fill(Tensor t, double value, boolean zero) {
        Tensor out = Torch.full(t.shapeArray(), value, t.dtype());
        return Graph.record(zero ? "ZeroBackward0" : "FillBackward2", out, new Tensor[] {t}, null, false,
                (g, s, n) -> new Tensor[] {PointwiseOps.zerosLike(g)});
    }

    /** {@code src} broadcast to {@code t}'s shape in {@code t}'s dtype; node CopyBackwards(self, src). */
    static Tensor copy(Tensor t, Tensor src) {
        if (!Shape.expandableTo(src.shapeArray(), t.shapeArray())) {
            throw new TorchException.RuntimeError("The size of tensor a (" + lastDim(t) + ") must match the size of tensor b (" + lastDim(src) + ") at non-singleton dimension " + (t.dim() - 1));
        }
        Tensor out = Tensor.empty(t.shapeArray().clone(), t.dtype());
        Elementwise.copyInto(out, src);
        // CopyBackwards::apply (torch/csrc/autograd/functions/tensor.cpp) hands src `grad->to(src_options)`: the
        // gradient in src's dtype, at the destination's shape; the engine's validate_outputs then sums it to src's
        // shape in that dtype (a float32 source of a float64 copy_: the broadcast sum runs in float32, fuzz seed 409)
        DType srcType = src.dtype();
        return Graph.record("CopyBackwards", out, new Tensor[] {t, src}, null, false,
                (g, s, n) -> new Tensor[] {n[0] ? PointwiseOps.zerosLike(g) : null,
                        n[1] ? (srcType.isFloatingPoint() && g.dtype() != srcType ? g.to(srcType) : g) : null});
    }

    private static int lastDim(Tensor t) {
        return t.dim() == 0 ? 1 : t.size(t.dim() - 1);
    }
}
