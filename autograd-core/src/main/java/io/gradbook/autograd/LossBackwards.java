// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

/**
 * The element-wise losses' backward functions as PyTorch 1.13 records them under create_graph ({@link BackwardOp}):
 * {@code mse_loss_backward(grad_output, self, target)}, {@code huber_loss_backward}, {@code smooth_l1_loss_backward},
 * {@code binary_cross_entropy_backward}, each one node over (grad_output, self, target) with derivatives.yaml's
 * double-backward formulas (FunctionsManual.cpp's {@code *_double_backward}, {@code *_double_backward_grad_output}),
 * written with the same Tensor ops in the same order. As in 1.13, the target's first gradient of mse, huber and
 * smooth_l1 is the same backward op with self and target swapped, not the negated self gradient (a zero difference
 * then keeps its +0). {@code norm} is the reduction's factor (1 / numel for mean, else 1; mse's 2 / numel or 2).
 */
final class LossBackwards {
    private LossBackwards() {}

    /** The backward kernel of one loss: grad_output, self, target to self's gradient. */
    @FunctionalInterface
    interface Kernel {
        Tensor apply(Tensor gradOutput, Tensor self, Tensor target);
    }

    /** The double backward's self gradient for {@code g = grad * grad_output} (the target's is its negation). */
    @FunctionalInterface
    interface SelfRule {
        Tensor apply(Tensor g, Tensor self, Tensor target);
    }

    /**
     * {@code kernel(g, self, target)} as node {@code name}(grad_output, self, target). grad_output's gradient is
     * 1.13's {@code *_double_backward_grad_output}: the op on the incoming gradient (reduction none), else
     * {@code (op(ones_like(grad_output), self, target) * grad).sum()}.
     */
    static Tensor apply(String name, Tensor g, Tensor self, Tensor target, String reduction, Kernel kernel, SelfRule selfRule) {
        // an efficient-zero grad_output (sgn's gradient, say) reaches 1.13's *_loss_backward kernels through the
        // ZeroTensor fallback as ordinary +0.0 zeros, so the kernel's products give their signed zeros (fuzz more 3537:
        // huber_loss_backward's -norm * grad * delta is -0.0 where x <= -delta)
        return BackwardOp.record(name, new Tensor[] {g, self, target}, new Tensor[] {g, self, target},
                () -> kernel.apply(EfficientZeros.materialized(g), self, target), (gg, s, n) -> {
            Tensor go = s[0], x = s[1], t = s[2];
            Tensor gOut = null, gSelf = null, gTarget = null;
            if (n[0]) {
                gOut = reduction.equals("none") ? apply(name, gg, x, t, reduction, kernel, selfRule)
                        : apply(name, Torch.onesLike(go), x, t, reduction, kernel, selfRule).mul(gg).sum();
            }
            if (n[1] || n[2]) {
                Tensor d = selfRule.apply(gg.mul(go), x, t);
                gSelf = n[1] ? d : null;
                gTarget = n[2] ? d.neg() : null;
            }
            return new Tensor[] {gOut, gSelf, gTarget};
        });
    }

    /**
     * 1.13's mse_loss_backward, huber_loss_backward, smooth_l1_loss_backward and l1_loss_backward write into
     * {@code zeros_like(self, LEGACY_CONTIGUOUS_MEMORY_FORMAT)}: a row-major gradient whatever the operands' strides,
     * which orders the sum an expanded or broadcast operand's gradient then takes (fuzz cases more 654, 5793, 1355:
     * 1-3 ulp with the transposed layout the Tensor-op formula gave).
     */
    private static Kernel contiguous(Kernel kernel) {
        return (go, a, b) -> kernel.apply(go, a, b).contiguous();
    }

    /** {@code t / numel} as 1.13's {@code grad_input /= input.numel()} for the mean (a C++ Scalar division: DivBackward1). */
    private static Tensor mean(Tensor t, String reduction, Tensor self) {
        return reduction.equals("mean") ? PointwiseOps.divScalarNode(t, self.numel()) : t;
    }

    /** mse_loss_backward's node: self's gradient 1.13's mse_loss_double_backward, {@code 2 * g} (/ numel for the mean). */
    static Tensor mse(Tensor g, Tensor self, Tensor target, String reduction, Kernel kernel) {
        return apply("MseLossBackwardBackward0", g, self, target, reduction, contiguous(kernel),
                (gg, x, t) -> mean(PointwiseOps.mulScalarNode(gg, 2), reduction, x));
    }

    /** huber_loss_backward's node: self's gradient {@code g * (|self - target| < delta)} (/ numel for the mean). */
    static Tensor huber(Tensor g, Tensor self, Tensor target, String reduction, double delta, Kernel kernel) {
        return apply("HuberLossBackwardBackward0", g, self, target, reduction, contiguous(kernel),
                (gg, x, t) -> mean(gg.mul(x.sub(t).abs().lt(delta)), reduction, x));
    }

    /** smooth_l1_loss_backward's node: self's gradient {@code g * (|self - target| < beta) / beta}, zeros for beta 0. */
    static Tensor smoothL1(Tensor g, Tensor self, Tensor target, String reduction, double beta, Kernel kernel) {
        return apply("SmoothL1LossBackwardBackward0", g, self, target, reduction, contiguous(kernel), (gg, x, t) -> {
            if (beta == 0) return Torch.zeros(gg.dtype(), gg.shapeArray());
            return mean(gg.mul(x.sub(t).abs().lt(beta).to(gg.dtype())).div(beta), reduction, x);
        });
    }

    /** 1.13's binary_cross_entropy eps, a double added to (and clamped at, for the target) in the tensor's dtype. */
    private static final double EPS = 1e-12;

    /**
     * binary_cross_entropy_backward's node over (grad_output, self, target) (no weight): 1.13's
     * binary_cross_entropy_double_backward{,_grad_output,_target}.
     */
    static Tensor binaryCrossEntropy(Tensor g, Tensor self, Tensor target, String reduction, Kernel kernel) {
        return BackwardOp.record("BinaryCrossEntropyBackwardBackward0", new Tensor[] {g, self, target}, new Tensor[] {g, self, target},
                () -> kernel.apply(g, self, target), (gg, s, n) -> {
            Tensor go = s[0], x = s[1], t = s[2];
            Tensor gOut = null, gSelf = null, gTarget = null;
            if (n[0]) {
                // (input - target) / ((input + eps) * (1 - input + eps)) * grad, summed (and / numel) when reduced
                Tensor ggO = x.sub(t).div(x.add(EPS).mul(x.rsub(1L).add(EPS))).mul(gg);
                gOut = reduction.equals("mean") ? PointwiseOps.divScalarNode(ggO, x.numel()).sum() : reduction.equals("sum") ? ggO.sum() : ggO;
            }
            if (n[1]) {
                // (x*x - 2*x*t + t) / ((x + eps)^2 * (1 - x + eps)^2) * (grad * grad_output)
                Tensor num = x.mul(x).sub(PointwiseOps.mulScalarNode(x, 2).mul(t)).add(t);
                Tensor gI = num.div(x.add(EPS).pow(2L).mul(x.rsub(1L).add(EPS).pow(2L))).mul(gg.mul(go));
                gSelf = mean(gI, reduction, x);
            }
            if (n[2]) {
                // -grad * grad_output / clamp_min((1 - self) * self, eps)
                Tensor denom = x.rsub(1L).mul(x);
                try (var ignored = GradMode.set(false)) {
                    denom = denom.clampMin(EPS);
                }
                Tensor res = gg.neg().mul(go).div(denom);
                gTarget = mean(res, reduction, t);
            }
            return new Tensor[] {gOut, gSelf, gTarget};
        });
    }
}
