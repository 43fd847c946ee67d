// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Forward-mode (tangent) rules, keyed by the node name of the op's backward rule ({@code MulBackward0}), as
 * PyTorch's derivatives.yaml pairs {@code result:} with each backward formula. An op without an entry gets its
 * tangent from its backward rule by the double-backward trick (Note [Tangent propagation] in
 * {@link ForwardGrad}), which is exact for every op but costs a small backward pass; an entry here is the fast
 * path. Op files may add their own with {@link #register}.
 *
 * <p>Each rule returns one tangent per output; a null input tangent stands for zeros.
 */
final class TangentRules {
    private TangentRules() {}

    @FunctionalInterface
    interface Rule {
        Tensor[] apply(Context c);
    }

    private static final Map<String, Rule> RULES = new ConcurrentHashMap<>();

    static void register(String nodeName, Rule rule) {
        RULES.put(nodeName, rule);
    }

    static Rule get(String nodeName) {
        return RULES.get(nodeName);
    }

    /** What a tangent rule sees: the op's inputs (primals), their tangents, its outputs and its backward rule. */
    static final class Context {
        final Tensor[] outs, inputs, tangents, save;
        private final boolean saveOutput;
        private final FunctionNode.Rule rule;

        Context(Tensor[] outs, Tensor[] inputs, Tensor[] tangents, Tensor[] save, boolean saveOutput, FunctionNode.Rule rule) {
            this.outs = outs;
            this.inputs = inputs;
            this.tangents = tangents;
            this.save = save;
            this.saveOutput = saveOutput;
            this.rule = rule;
        }

        /** Input i without history (null for a Python-scalar operand). */
        Tensor primal(int i) {
            return inputs[i] == null ? null : inputs[i].detach();
        }

        Tensor tangent(int i) {
            return tangents[i];
        }

        Tensor out() {
            return outs[0].detach();
        }

        /** The i-th tensor the op saved (a scalar operand is saved as a 0-dim tensor). */
        Tensor saved(int i) {
            return save[i].detach();
        }

        /** The op's own backward rule applied to {@code grads} (needs: the inputs that carry a tangent). */
        Tensor[] backward(Tensor... grads) {
            int n = (save == null ? 0 : save.length) + (saveOutput ? 1 : 0);
            Tensor[] saved = new Tensor[n];
            for (int i = 0; save != null && i < save.length; i++) saved[i] = save[i] == null ? null : save[i].detach();
            if (saveOutput) saved[n - 1] = outs[0].detach();
            boolean[] needs = new boolean[inputs.length];
            for (int i = 0; i < needs.length; i++) needs[i] = tangents[i] != null;
            return rule.apply(grads, saved, needs);
        }
    }

    private static Tensor[] one(Tensor t) {
        return new Tensor[] {t};
    }

    /** Sum of a (possibly null) term and another. */
    private static Tensor plus(Tensor a, Tensor b) {
        return a == null ? b : b == null ? a : a.add(b);
    }

    /**
     * For element-wise ops: the partial derivatives at every (broadcast) position are the backward rule applied to
     * ones, and the tangent is their sum weighted by the input tangents. Used where a constant of the op (add's
     * alpha, pow's exponent) lives only in its rule.
     */
    static Tensor[] pointwise(Context c) {
        Tensor[] d = c.backward(PointwiseOps.zerosLike(c.outs[0]).add(1L));
        Tensor t = null;
        for (int i = 0; i < c.inputs.length; i++) {
            if (c.tangent(i) != null && d[i] != null) t = plus(t, d[i].mul(c.tangent(i)));
        }
        return one(t);
    }

    /** A bilinear op (mm, mv, dot, bmm): d(a b) = da b + a db. */
    private static Rule bilinear(java.util.function.BinaryOperator<Tensor> op) {
        return c -> {
            Tensor t = null;
            if (c.tangent(0) != null) t = op.apply(c.tangent(0), c.primal(1));
            if (c.tangent(1) != null) t = plus(t, op.apply(c.primal(0), c.tangent(1)));
            return one(t);
        };
    }

    static {
        // 1.13 has no forward-AD formula for _cdist_forward (its first gradient's derivative is not implemented either)
        // nor for _euclidean_dist (cdist's p = 2 path for more than 25 rows)
        register("CdistBackward0", c -> {
            throw new TorchException.NotImplementedError("Trying to use forward AD with _cdist_forward that does not support it because it has not been implemented yet.\nPlease file an issue to PyTorch at https://github.com/pytorch/pytorch/issues/new?template=feature-request.yml so that we can prioritize its implementation.\nNote that forward AD support for some operators require PyTorch to be built with TorchScript and for JIT to be enabled. If the environment var PYTORCH_JIT=0 is set or if the library is not built with TorchScript, some operators may no longer be used with forward AD.");
        });
        register("EuclideanDistBackward0", c -> {
            throw new TorchException.NotImplementedError("Trying to use forward AD with _euclidean_dist that does not support it because it has not been implemented yet.\nPlease file an issue to PyTorch at https://github.com/pytorch/pytorch/issues/new?template=feature-request.yml so that we can prioritize its implementation.\nNote that forward AD support for some operators require PyTorch to be built with TorchScript and for JIT to be enabled. If the environment var PYTORCH_JIT=0 is set or if the library is not built with TorchScript, some operators may no longer be used with forward AD.");
        });
        register("AddBackward0", TangentRules::pointwise);
        register("SubBackward0", TangentRules::pointwise);
        register("SubBackward1", TangentRules::pointwise);
        register("PowBackward0", TangentRules::pointwise);
        register("PowBackward1", TangentRules::pointwise);
        register("MulBackward0", c -> {
            if (c.inputs[1] == null) return one(c.tangent(0).mul(c.saved(0)));
            Tensor t = null;
            if (c.tangent(0) != null) t = c.tangent(0).mul(c.primal(1));
            if (c.tangent(1) != null) t = plus(t, c.primal(0).mul(c.tangent(1)));
            return one(t);
        });
        register("DivBackward0", c -> {
            if (c.inputs[1] == null) return one(c.tangent(0).div(c.saved(0)));
            Tensor b = c.primal(1);
            Tensor t = null;
            if (c.tangent(0) != null) t = c.tangent(0).div(b);
            if (c.tangent(1) != null) t = plus(t, c.out().mul(c.tangent(1)).div(b).neg());
            return one(t);
        });
        register("ExpBackward0", c -> one(c.tangent(0).mul(c.out())));
        register("LogBackward0", c -> one(c.tangent(0).div(c.primal(0))));
        register("SinBackward0", c -> one(c.tangent(0).mul(c.primal(0).cos())));
        register("CosBackward0", c -> one(c.tangent(0).mul(c.primal(0).sin()).neg()));
        register("TanhBackward0", c -> one(c.tangent(0).mul(c.out().pow(2L).rsub(1L))));
        register("SigmoidBackward0", c -> one(c.tangent(0).mul(c.out().mul(c.out().rsub(1L)))));
        register("ReluBackward0", c -> one(c.tangent(0).mul(c.out().gt(0.0))));
        register("MmBackward0", bilinear(Tensor::mm));
        register("MvBackward0", bilinear(Tensor::mv));
        register("DotBackward0", bilinear(Tensor::dot));
        register("BmmBackward0", bilinear(Tensor::bmm));
        register("SumBackward0", c -> one(c.tangent(0).sum()));
        register("MeanBackward0", c -> one(c.tangent(0).mean()));
    }
}
