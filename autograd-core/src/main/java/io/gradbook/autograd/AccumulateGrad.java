// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

/**
 * The node behind every leaf that requires grad: it adds the arriving gradient into the leaf's {@code .grad}.
 * A leaf has one such node for its whole life, so using it twice gives the same object in
 * {@code next_functions}, and {@link #variable()} is the very leaf tensor.
 */
public final class AccumulateGrad extends Node {
    private final Tensor variable;

    AccumulateGrad(Tensor variable) {
        super(new Edge[0], new int[][] {variable.shapeArray()}, new DType[] {variable.dtype()}, 1, Long.MAX_VALUE);
        this.variable = variable;
    }

    /** The leaf tensor this node accumulates into (PyTorch's {@code .variable}, same object). */
    public Tensor variable() {
        return variable;
    }

    /** {@code AccumulateGrad}, the Python type name; PyTorch's {@code name()} is {@link #qualifiedName()}. */
    @Override
    public String name() {
        return "AccumulateGrad";
    }

    /** What PyTorch's {@code node.name()} returns for this node. */
    public String qualifiedName() {
        return "torch::autograd::AccumulateGrad";
    }

    @Override
    Tensor[] apply(Tensor[] gradOutputs) {
        Tensor g = gradOutputs[0];
        if (g == null) return new Tensor[0];
        boolean createGraph = GradMode.isEnabled();
        Tensor current = variable.gradUnchecked();
        if (current == null) {
            variable.setGradUnchecked(createGraph ? OutputLayout.cloneObeyContract(g, variable) : OutputLayout.gradLayoutCopy(g.detach(), variable));
        } else if (createGraph || current.requiresGrad()) {
            variable.setGradUnchecked(current.add(g));
        } else {
            try (var ignored = GradMode.set(false)) {
                current.add_(g);
            }
        }
        return new Tensor[0];
    }
}
