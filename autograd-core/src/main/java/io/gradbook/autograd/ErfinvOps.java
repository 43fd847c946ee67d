// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import io.gradbook.autograd.math.Erfinv;

/**
 * {@code torch.erfinv}: the inverse error function, forward kernel beside its gradient rule. Every element is
 * PyTorch's scalar calc_erfinv ({@link Erfinv}), so the layout of the input does not change a bit; an integer
 * input is converted to float32 first, float16 has no CPU kernel and raises PyTorch's error.
 */
final class ErfinvOps {
    private ErfinvOps() {}

    // derivatives.yaml: 0.5 * sqrt(M_PI) * exp(self.erfinv().pow(2)) * grad, the constant folded in double
    private static final double HALF_SQRT_PI = 0.5 * Math.sqrt(Math.PI);

    static Tensor erfinv(Tensor a) {
        DType dt = Promotion.floatOf(a.dtype());
        if (dt == DType.FLOAT16) throw UnaryOp.noHalfKernel("erfinv_vml_cpu");
        Tensor out = dt == DType.FLOAT32 ? Kernels.map(a, dt, v -> Erfinv.erfinv((float) v)) : Kernels.map(a, dt, Erfinv::erfinv);
        // the rule recomputes erfinv from the input, as PyTorch's does (it saves self, not the result)
        return Graph.record("ErfinvBackward0", out, new Tensor[] {a}, new Tensor[] {a}, false,
                (g, s, n) -> new Tensor[] {erfinv(s[0]).pow(2L).exp().mul(HALF_SQRT_PI).mul(g)});
    }
}
