// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

/**
 * The element-wise activations' backward functions as PyTorch 1.13 records them under create_graph ({@link BackwardOp}):
 * {@code tanh_backward(grad_output, output)}, {@code sigmoid_backward}, {@code hardtanh_backward(grad_output, self)}, ...
 * Each node's inputs are (grad_output, self or result); grad_output's gradient is the same backward op applied to
 * the incoming gradient (so a third derivative records it again), and the other input's is derivatives.yaml's formula,
 * written with the same Tensor ops in the same order as 1.13's C++ (FunctionsManual.cpp), so the bits agree:
 * zeros_like(grad) for the piecewise-linear ones (hardtanh, hardshrink, softshrink, hardsigmoid, threshold, leaky_relu).
 */
final class ActivationBackwards {
    private ActivationBackwards() {}

    /** The backward kernel: grad_output and the saved input (or result) to the input's gradient. */
    @FunctionalInterface
    interface Kernel {
        Tensor apply(Tensor gradOutput, Tensor self);
    }

    /** The gradient for the saved input (or result): the incoming gradient, grad_output, the saved tensor. */
    @FunctionalInterface
    interface SelfRule {
        Tensor apply(Tensor grad, Tensor gradOutput, Tensor self);
    }

    /** {@code kernel(g, x)} as node {@code name}(grad_output, x); {@code self} null: x's gradient is zeros_like(grad). */
    static Tensor apply(String name, Tensor g, Tensor x, Kernel kernel, SelfRule self) {
        return BackwardOp.record(name, new Tensor[] {g, x}, new Tensor[] {self == null ? null : g, x}, () -> kernel.apply(g, x), (gg, s, n) -> new Tensor[] {
            n[0] ? apply(name, gg, s[1], kernel, self) : null,
            n[1] ? (self == null ? Torch.zerosLike(gg) : self.apply(gg, s[0], s[1])) : null});
    }

    /**
     * A backward op 1.13 has no derivative for (hardsigmoid_backward): its node is {@code NotImplemented}, over
     * (grad_output, self), and differentiating it raises 1.13's error.
     */
    static Tensor notDifferentiable(String aten, Tensor g, Tensor x, Kernel kernel) {
        return BackwardOp.record("NotImplemented", new Tensor[] {g, x}, null, () -> kernel.apply(g, x), (gg, s, n) -> {
            throw new TorchException.RuntimeError("derivative for aten::" + aten + " is not implemented");
        });
    }

    /** tanh_backward(grad, y) = grad * (1 - y*y); y's gradient {@code grad * (-2 * y * grad_output)}. */
    static Tensor tanh(Tensor g, Tensor y, Kernel kernel) {
        return apply("TanhBackwardBackward0", g, y, kernel, (gg, go, out) -> gg.mul(out.mul(-2.0).mul(go)));
    }

    /** sigmoid_backward(grad, y) = grad * (1 - y) * y; y's gradient {@code grad * grad_output * (-2 * y + 1)}. */
    static Tensor sigmoid(Tensor g, Tensor y, Kernel kernel) {
        return apply("SigmoidBackwardBackward0", g, y, kernel, (gg, go, out) -> gg.mul(go).mul(out.mul(-2L).add(1L)));
    }

    /** 1.13's hardswish double backward: {@code where(-3 < x & x < 3, grad * grad_output / 3.0, 0)}. */
    static Tensor hardswish(Tensor g, Tensor x, Kernel kernel) {
        return apply("HardswishBackwardBackward0", g, x, kernel, (gg, go, s) ->
                PointwiseOps.where(s.gt(-3.0).logicalAnd(s.lt(3.0)), gg.mul(go).div(3.0), Torch.zeros(s.dtype())));
    }

    /**
     * elu_backward's node (elu, selu, celu; is_result false): x's gradient 1.13's elu_double_backward,
     * {@code elu_backward(grad * grad_output * input_scale, ..., x) * (x < 0)}, the mask a 0/1 tensor of grad's dtype.
     */
    static Tensor elu(Tensor g, Tensor x, double inputScale, Kernel kernel) {
        return apply("EluBackwardBackward0", g, x, kernel, (gg, go, s) -> {
            Tensor inner = elu(gg.mul(go).mul(inputScale), s, inputScale, kernel);
            return inner.mul(s.lt(0.0).to(gg.dtype()));
        });
    }

    /** elu_backward's node with is_result true (elu_, selu_, celu_): y's gradient {@code grad * grad_output * input_scale * (y < 0)}. */
    static Tensor eluOfResult(Tensor g, Tensor y, double inputScale, Kernel kernel) {
        return apply("EluBackwardBackward0", g, y, kernel, (gg, go, s) -> gg.mul(go).mul(inputScale).mul(s.lt(0.0).to(gg.dtype())));
    }

    /**
     * softplus_backward's node: x's gradient 1.13's softplus_double_backward,
     * {@code sigmoid_backward(grad * grad_output, (x * beta).sigmoid()) * (x * beta < threshold) * beta}.
     */
    static Tensor softplus(Tensor g, Tensor x, double beta, double threshold, Kernel kernel) {
        return apply("SoftplusBackwardBackward0", g, x, kernel, (gg, go, s) -> {
            Tensor xb = s.mul(beta), z = xb.sigmoid();
            Tensor sb = sigmoid(gg.mul(go), z, ActivationBackwards::sigmoidKernel);
            return sb.mul(xb.lt(threshold).to(gg.dtype())).mul(beta);
        });
    }

    /** log_sigmoid_backward's node: x's gradient 1.13's log_sigmoid_double_backward, {@code g * (z - 1) * z}, z = sigmoid(x), g = grad * grad_output. */
    static Tensor logSigmoid(Tensor g, Tensor x, Kernel kernel) {
        return apply("LogSigmoidBackwardBackward0", g, x, kernel, (gg, go, s) -> {
            Tensor z = s.sigmoid();
            return gg.mul(go).mul(z.sub(1L)).mul(z);
        });
    }

    /** gelu_backward's node over (grad_output, self): self's gradient 1.13's gelu_double_backward. */
    static Tensor gelu(Tensor g, Tensor x, boolean tanh, Kernel kernel) {
        return apply("GeluBackwardBackward0", g, x, kernel, (gg, go, s) -> gg.mul(go).mul(tanh ? geluTanhSecond(s) : geluSecond(s)));
    }

    private static final double GELU_BETA = (2 / Math.sqrt(Math.PI)) * Math.sqrt(0.5) * 0.5; // M_2_SQRTPI * M_SQRT1_2 * 0.5

    /** gelu''(x), the tanh form, op for op as 1.13's gelu_double_backward (C++ Scalar products: one rounding each). */
    private static Tensor geluTanhSecond(Tensor x) {
        Tensor inner = x.add(x.pow(3L).mul(ActivationOps.K_KAPPA)).mul(ActivationOps.K_BETA);
        Tensor tanhInner = inner.tanh(), sechInner = inner.cosh().reciprocal();
        Tensor f = x.mul(0.5);
        Tensor g = tanhInner.mul(tanhInner).rsub(1L);
        Tensor h = x.mul(3 * ActivationOps.K_KAPPA).mul(x).add(1L).mul(ActivationOps.K_BETA);
        Tensor fPrimeGh = g.mul(0.5).mul(h);
        Tensor gPrime = sechInner.mul(2L).mul(sechInner.neg().mul(tanhInner)).mul(h);
        Tensor gPrimeFh = f.mul(h).mul(gPrime);
        Tensor hPrime = x.mul(6 * ActivationOps.K_KAPPA).mul(ActivationOps.K_BETA);
        Tensor hPrimeFg = f.mul(g).mul(hPrime);
        return fPrimeGh.add(fPrimeGh).add(gPrimeFh).add(hPrimeFg);
    }

    /** gelu''(x), the erf form: {@code 2 pdf - x^2 pdf}, pdf = kBeta * exp(-0.5 x^2). */
    private static Tensor geluSecond(Tensor x) {
        Tensor sq = x.mul(x);
        Tensor pdf = sq.mul(-0.5).exp().mul(GELU_BETA);
        return pdf.mul(2L).sub(sq.mul(pdf));
    }

    /** PyTorch's sigmoid_backward kernel, {@code (grad * (1 - y)) * y} in that order (PointwiseOps.sigmoid's rule). */
    static Tensor sigmoidKernel(Tensor g, Tensor y) {
        return g.mul(y.rsub(1L)).mul(y);
    }
}
