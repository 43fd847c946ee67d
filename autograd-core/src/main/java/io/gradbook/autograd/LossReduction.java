// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

/**
 * A loss's {@code reduction} argument ("none", "mean", "sum"), checked with PyTorch's text and applied: one place
 * for the engine's losses and {@code nn.F}'s (PyTorch's {@code torch.nn._reduction}).
 */
public final class LossReduction {
    private LossReduction() {}

    public static void check(String reduction) {
        if (!reduction.equals("none") && !reduction.equals("mean") && !reduction.equals("sum")) {
            throw new TorchException.ValueError(reduction + " is not a valid value for reduction");
        }
    }

    /** The element-wise {@code loss} reduced as {@code reduction} says. */
    public static Tensor apply(Tensor loss, String reduction) {
        check(reduction);
        switch (reduction) {
            case "mean": return loss.mean();
            case "sum": return loss.sum();
            default: return loss;
        }
    }
}
