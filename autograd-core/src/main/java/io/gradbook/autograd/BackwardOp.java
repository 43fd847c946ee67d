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
        // a kernel may hand back one of its inputs or a view (an expanded zero, a passed-through grad): the node
        // needs a tensor of its own to stamp
        boolean alias = out.gradFn() != null || out.isView();
        for (Tensor in : inputs) alias |= in == out;
        if (alias) out = out.contiguousCopy();
        return Graph.record(name, out, inputs, save, false, rule);
    }
}
