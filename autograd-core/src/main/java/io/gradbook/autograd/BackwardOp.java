// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import java.util.function.Supplier;

/**
 * A first gradient as PyTorch 1.13 computes it when its backward builds a graph (create_graph): the op's own backward
 * function ({@code tanh_backward}, {@code mse_loss_backward}, {@code hardtanh_backward}, ...) is an op like any other,
 * recorded as one node {@code <Op>BackwardBackward0} whose inputs are that function's tensor arguments (grad_output
 * first) and whose gradients are derivatives.yaml's double-backward formulas. Its value is the backward kernel's
 * either way, so a gradient taken with create_graph has the bits of one taken without.
 * <p>
 * Without a graph being built (create_graph=False: grad mode is off during backward) the kernel runs as it always
 * did and nothing is recorded. ThresholdBackward, NllLoss, the softmax ops and the padding/view ops record their
 * backward ops the same way, each by hand.
 */
final class BackwardOp {
    private BackwardOp() {}

    /**
     * {@code kernel}'s value, recorded as node {@code name} over {@code inputs} (saving {@code save}, nulls where a
     * formula does not read them) when grad mode is on and some input requires grad; the kernel always runs with
     * grad mode off, so it records nothing itself and may take its in-place and fused paths.
     */
    static Tensor record(String name, Tensor[] inputs, Tensor[] save, Supplier<Tensor> kernel, Graph.Rule1 rule) {
        if (!GradMode.isEnabled()) return kernel.get();
        Tensor out;
        try (var ignored = GradMode.set(false)) {
            out = kernel.get();
        }
        return Graph.record(name, own(out, inputs), inputs, save, false, rule);
    }

    /** The same for a backward function with several outputs (prelu_backward's input and weight gradients); nulls allowed. */
    static Tensor[] recordMulti(String name, Tensor[] inputs, Tensor[] save, Supplier<Tensor[]> kernel, FunctionNode.Rule rule) {
        if (!GradMode.isEnabled()) return kernel.get();
        Tensor[] outs;
        try (var ignored = GradMode.set(false)) {
            outs = kernel.get();
        }
        for (int i = 0; i < outs.length; i++) if (outs[i] != null) outs[i] = own(outs[i], inputs);
        return Graph.recordMulti(name, outs, inputs, save, false, rule);
    }

    /**
     * A kernel may hand back one of its inputs or a view (an expanded zero, a passed-through grad): the node needs a
     * tensor of its own to stamp.
     */
    private static Tensor own(Tensor out, Tensor[] inputs) {
        boolean alias = out.gradFn() != null || out.isView();
        for (Tensor in : inputs) alias |= in == out;
        return alias ? out.contiguousCopy() : out;
    }
}
