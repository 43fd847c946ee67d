// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import static io.gradbook.autograd.Torch.*;

import io.gradbook.autograd.math.Float32BinaryCrossEntropy;

/**
 * The element-wise losses (mse, binary cross entropy on probabilities and on logits) with every option, each
 * one node with PyTorch's name, its forward written with the float32/float64 Tensor ops in the order of PyTorch
 * 1.13's kernel and its backward PyTorch's formula. {@code F} and the {@code Torch} shortcuts both come here, so
 * the shortcuts compute what the modules compute (they used to reduce in double).
 */
final class PointwiseLosses {
    private PointwiseLosses() {}

    /** Loss.cpp's {@code EPSILON}, a float constant: float64's bce gradient divides by at least float(1e-12) too. */
    private static final double EPSILON = (float) 1e-12;

    /** {@code F.mse_loss(x, y, reduction)}: (x - y)^2, reduced. */
    static Tensor mseLoss(Tensor input, Tensor target, String reduction) {
        LossReduction.check(reduction);
        // PyTorch: (x - y)^2 elementwise, then the reduction; backward norm * (x - y) * grad, norm = 2 (/ N for mean)
        return Composite.record("MseLossBackward0", in -> {
            Tensor d = in[0].sub(in[1]);
            Tensor sq = d.mul(d);
            // 1.13's mse kernel is one TensorIterator over (input, target): its layout, which a product of the
            // difference with itself can miss on size-1 dims (fuzz case more 158), and which orders the reduction
            int[] want = OutputLayout.strides(sq.shapeArray(), in[0], in[1]);
            if (!java.util.Arrays.equals(sq.stride(), want == null ? Shape.contiguousStrides(sq.shapeArray()) : want)) {
                sq = OutputLayout.laidOut(sq.contiguous(), in[0], in[1]);
            }
            return LossReduction.apply(sq, reduction);
        }, (g, in, needs) -> {
            // N counts the broadcast loss elements: F.mse_loss broadcasts input and target before the loss
            double norm = reduction.equals("mean") ? 2.0 / Shape.numel(Shape.broadcast(in[0].shapeArray(), in[1].shapeArray())) : 2.0;
            // 1.13: mse_loss_backward(grad, self, target) and, for the target, mse_loss_backward(grad, target, self)
            LossBackwards.Kernel k = (go, a, b) -> a.sub(b).mul(norm).mul(go);
            return new Tensor[] {needs[0] ? LossBackwards.mse(g, in[0], in[1], reduction, k) : null,
                    needs[1] ? LossBackwards.mse(g, in[1], in[0], reduction, k) : null};
        }, input, target);
    }

    /** {@code F.binary_cross_entropy(p, y, weight, reduction)}: -(y log p + (1 - y) log(1 - p)), logs clamped at -100. */
    static Tensor binaryCrossEntropy(Tensor input, Tensor target, Tensor weight, String reduction) {
        LossReduction.check(reduction);
        if (!input.shape().equals(target.shape())) {
            throw new TorchException.ValueError("Using a target size (" + target.shape() + ") that is different to the input size (" + input.shape() + ") is deprecated. Please ensure they have the same size.");
        }
        // 1.13's kernel checks (x >= 0) && (x <= 1) per element, so a NaN probability raises too (fuzz case more 3780)
        if (!input.ge(0).all() || !input.le(1).all()) throw new TorchException.RuntimeError("all elements of input should be between 0 and 1");
        return Composite.record("BinaryCrossEntropyBackward0", in -> {
            Tensor loss;
            if (in[0].dtype() == DType.FLOAT32 && in[1].dtype() == DType.FLOAT32) {
                float[] x = in[0].contiguous().toFloatArray(), y = in[1].contiguous().toFloatArray(), r = new float[x.length];
                Float32BinaryCrossEntropy.loss(x, y, r, r.length);
                loss = Torch.tensor(r).reshape(in[0].shapeArray());
            } else {
                loss = in[1].sub(1).mul(in[0].rsub(1).log().clampMin(-100)).sub(in[1].mul(in[0].log().clampMin(-100)));
            }
            // 1.13 writes the loss into empty_like(input): a transposed input's loss is laid out as the input, and the
            // mean / sum then add it in that memory order (fuzz cases more 1313, 4818, 5609, 6588: 1-4 ulp before)
            loss = OutputLayout.likeSelf(loss, in[0]);
            if (weight != null) loss = loss.mul(weight);
            return LossReduction.apply(loss, reduction);
        }, (g, in, needs) -> {
            Tensor gx = null;
            if (needs[0]) {
                LossBackwards.Kernel k = (go, x, y) -> {
                    Tensor r = go.mul(x.sub(y)).div(x.rsub(1).mul(x).clampMin(EPSILON));
                    if (weight != null) r = r.mul(weight);
                    return reduction.equals("mean") ? r.div((long) x.numel()) : r;
                };
                // with a weight, 1.13's node has the weight as a fourth input, which this one lacks: the plain form
                gx = weight == null ? LossBackwards.binaryCrossEntropy(g, in[0], in[1], reduction, k) : k.apply(g, in[0], in[1]);
            }
            return new Tensor[] {gx, needs[1] ? targetBackward(g, in[0], in[1], weight, reduction) : null};
        }, input, target);
    }

    /**
     * 1.13's binary_cross_entropy_target_backward: {@code (1. - self).log_().sub_(self.log())}, then in place times
     * grad, times the weight, and divided by the target's numel for the mean (the oracle tells this form from
     * {@code -logit(self)}, which rounds otherwise, and from a negated difference, whose zeros are -0).
     */
    private static Tensor targetBackward(Tensor g, Tensor self, Tensor target, Tensor weight, String reduction) {
        Tensor t = self.rsub(1.0).log_().sub_(self.log()).mul_(g);
        if (weight != null) t = t.mul_(weight);
        // 1.13's div_(numel) is a C++ Scalar division: DivBackward1 under create_graph (out of place here: t is fresh)
        if (reduction.equals("mean")) t = PointwiseOps.divScalarNode(t, target.numel());
        return t;
    }

    /**
     * {@code F.binary_cross_entropy_with_logits(x, y, weight, reduction, pos_weight)}: PyTorch's stable form,
     * {@code (1 - y) x + lw (log(exp(-m) + exp(-x - m)) + m)} with {@code m = max(-x, 0)}, {@code lw = 1 + (pw - 1) y}.
     */
    static Tensor binaryCrossEntropyWithLogits(Tensor input, Tensor target, Tensor weight, String reduction, Tensor posWeight) {
        LossReduction.check(reduction);
        if (!input.shape().equals(target.shape())) {
            throw new TorchException.ValueError("Target size (" + target.shape() + ") must be the same as input size (" + input.shape() + ")");
        }
        return Composite.record("BinaryCrossEntropyWithLogitsBackward0", in -> {
            Tensor x = in[0], y = in[1];
            Tensor maxVal = x.neg().clampMin(0);
            Tensor lse = maxVal.neg().exp().add(x.neg().sub(maxVal).exp()).log();
            Tensor loss;
            if (posWeight != null) {
                Tensor logWeight = posWeight.sub(1).mul(y).add(1);
                loss = y.rsub(1).mul(x).add(logWeight.mul(lse.add(maxVal)));
            } else {
                loss = y.rsub(1).mul(x).add(maxVal).add(lse);
            }
            if (weight != null) loss = loss.mul(weight);
            return LossReduction.apply(loss, reduction);
        }, (g, in, needs) -> {
            Tensor x = in[0], y = in[1], gx;
            if (posWeight != null) {
                Tensor t = posWeight.mul(y);
                gx = t.add(1).sub(y).mul(x.sigmoid()).sub(t).mul(g);
            } else {
                gx = x.sigmoid().sub(y).mul(g);
            }
            if (weight != null) gx = gx.mul(weight);
            // 1.13's C++ grad_input / input.numel(): a Scalar division, DivBackward1 under create_graph
            if (reduction.equals("mean")) gx = PointwiseOps.divScalarNode(gx, x.numel());
            Tensor gy = null;
            if (needs[1]) {
                // PyTorch: log_sigmoid(-x) - pos_weight * log_sigmoid(x), or -x, times the output's gradient
                gy = posWeight != null ? x.neg().sigmoid().log().sub(x.sigmoid().log().mul(posWeight)).mul(g) : x.neg().mul(g);
                if (weight != null) gy = gy.mul(weight);
                if (reduction.equals("mean")) gy = PointwiseOps.divScalarNode(gy, x.numel());
            }
            return new Tensor[] {needs[0] ? gx : null, gy};
        }, input, target);
    }

    /** {@code F.smooth_l1_loss(x, y, reduction, beta)}: 0.5 z^2 / beta below beta, z - 0.5 beta above (z = |x - y|). */
    static Tensor smoothL1Loss(Tensor input, Tensor target, String reduction, double beta) {
        if (beta < 0) throw new TorchException.RuntimeError("smooth_l1_loss does not support negative values for beta.");
        if (beta == 0) {
            // 1.13 computes l1_loss's value and l1_loss_backward's gradient, sub(x, y).sgn_().mul_(norm).mul_(grad), but
            // under smooth_l1_loss's own node (fuzz cases more 776, 1000: AbsBackward0 / MeanBackward0 before); its
            // value is l1_loss_out's sub_out into the result TensorIterator allocated for (input, target), then abs_ in
            // place (absInPlace), so the result keeps the binary op's strides where an out-of-place abs would have made a tensor
            // that is_contiguous but for a size-1 dim's stride row-major (fuzz more 6405: [11, 1] strides [1, 11])
            return Composite.record("SmoothL1LossBackward0", in -> LossReduction.apply(absInPlace(in[0].sub(in[1])), reduction), (g, in, needs) -> {
                double norm = reduction.equals("mean") ? 1.0 / in[0].numel() : 1.0;
                LossBackwards.Kernel k = (go, a, b) -> a.sub(b).sign().mul(norm).mul(go);
                return new Tensor[] {needs[0] ? LossBackwards.smoothL1(g, in[0], in[1], reduction, 0, k) : null,
                        needs[1] ? LossBackwards.smoothL1(g, in[1], in[0], reduction, 0, k) : null};
            }, input, target);
        }
        return Composite.record("SmoothL1LossBackward0", in -> {
            Tensor z = in[0].sub(in[1]).abs();
            return LossReduction.apply(where(z.lt(beta), z.mul(0.5).mul(z).div(beta), z.sub(0.5 * beta)), reduction);
        }, (g, in, needs) -> {
            double norm = reduction.equals("mean") ? 1.0 / in[0].numel() : 1.0;
            LossBackwards.Kernel k = (go, a, b) -> {
                Tensor gx = RobustLossBackward.apply(a, b, go, norm, beta, false);
                if (gx != null) return gx;
                Tensor x = a.sub(b);
                return where(x.le(-beta), go.mul(-norm).expandAs(x), where(x.ge(beta), go.mul(norm).expandAs(x), x.mul(norm).mul(go).div(beta)));
            };
            return new Tensor[] {needs[0] ? LossBackwards.smoothL1(g, in[0], in[1], reduction, beta, k) : null,
                    needs[1] ? LossBackwards.smoothL1(g, in[1], in[0], reduction, beta, k) : null};
        }, input, target);
    }

    /**
     * abs_ of a fresh difference as l1_loss_out writes it: the values of abs in the difference's own strides (an
     * out-of-place abs lays out a tensor that is_contiguous but for a size-1 dim's stride row-major), and no version
     * bump on the loss (1.13's result is written by the out= kernel, version 0).
     */
    private static Tensor absInPlace(Tensor diff) {
        Tensor a = diff.abs();
        if (java.util.Arrays.equals(a.strides, diff.strides)) return a;
        Tensor out = OutputLayout.emptyForWrite(diff.shapeArray().clone(), diff.strides.clone(), a.dtype());
        Elementwise.copyInto(out, a);
        return out;
    }

    /** {@code F.huber_loss(x, y, reduction, delta)}: 0.5 z^2 below delta, delta (z - 0.5 delta) above. */
    static Tensor huberLoss(Tensor input, Tensor target, String reduction, double delta) {
        return Composite.record("HuberLossBackward0", in -> {
            Tensor z = in[0].sub(in[1]).abs();
            // 1.13's huber_loss writes into empty_like(input) (preserve_format), then reduces: the loss keeps the
            // input's strides, size-1 dims included (fuzz more 8426: a [17, 1] input strided [1, 17])
            return LossReduction.apply(OutputLayout.likeSelf(where(z.lt(delta), z.mul(0.5).mul(z), z.sub(0.5 * delta).mul(delta)), in[0]), reduction);
        }, (g, in, needs) -> {
            double norm = reduction.equals("mean") ? 1.0 / in[0].numel() : 1.0;
            LossBackwards.Kernel k = (go, a, b) -> {
                Tensor gx = RobustLossBackward.apply(a, b, go, norm, delta, true);
                if (gx != null) return gx;
                Tensor x = a.sub(b);
                return where(x.le(-delta), go.mul(-norm).mul(delta).expandAs(x), where(x.ge(delta), go.mul(norm).mul(delta).expandAs(x), x.mul(norm).mul(go)));
            };
            return new Tensor[] {needs[0] ? LossBackwards.huber(g, in[0], in[1], reduction, delta, k) : null,
                    needs[1] ? LossBackwards.huber(g, in[1], in[0], reduction, delta, k) : null};
        }, input, target);
    }
}
