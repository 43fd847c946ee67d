// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

/**
 * Records ops into the backward graph: decides whether an op is recorded (grad mode on and some input requires
 * grad), builds its node with the edges of its inputs, saves what its rule needs, and stamps the outputs.
 */
final class Graph {
    private Graph() {}

    /** A rule for a node with one output. */
    @FunctionalInterface
    interface Rule1 {
        Tensor[] apply(Tensor grad, Tensor[] saved, boolean[] needs);
    }

    /**
     * A binary op's two gradients in 1.13's order: its generated backward functions compute them in the alphabetical
     * order of derivatives.yaml's input names (load_derivatives.py sorts them), so {@code other} before {@code self}.
     * Under create_graph that order gives the gradients' nodes their sequence numbers, which decide the order a
     * second backward runs them in, so the order (and the layout of the sum) in which gradients meet in an input
     * buffer (fuzz cases wide 48016, 51455: a broadcast operand's summed second gradient, up to 28 ulp).
     */
    static Tensor[] otherFirst(boolean needSelf, java.util.function.Supplier<Tensor> self, boolean needOther, java.util.function.Supplier<Tensor> other) {
        Tensor o = needOther ? other.get() : null;
        return new Tensor[] {needSelf ? self.get() : null, o};
    }

    static boolean recording(Tensor... inputs) {
        if (!GradMode.isEnabled()) return false;
        for (Tensor t : inputs) if (t != null && t.requiresGrad()) return true;
        return false;
    }

    /** The edge that a gradient for {@code t} travels along: its grad_fn, its AccumulateGrad, or none. */
    static Edge edgeOf(Tensor t) {
        if (t == null) return Edge.NONE;
        if (t.gradFn() != null) return new Edge(t.gradFn(), t.outputNr);
        // only a leaf that requires grad itself accumulates: a view that requires grad through its base only (made
        // under no_grad) is a leaf with no accumulator, as in PyTorch
        if (t.accumulatesGrad()) return new Edge(t.gradAccumulator(), 0);
        return Edge.NONE;
    }

    /**
     * Records a one-output op. {@code inputs} may hold nulls for Python-scalar operands (shown as
     * {@code (None, 0)}); {@code save} lists the inputs the rule reads (null where not needed); with
     * {@code saveOutput} the output is saved last.
     */
    static Tensor record(String name, Tensor out, Tensor[] inputs, Tensor[] save, boolean saveOutput, Rule1 rule) {
        boolean forward = ForwardGrad.active();
        if (!forward && !recording(inputs)) return out;
        FunctionNode.Rule multi = (grads, saved, needs) -> rule.apply(grads[0], saved, needs);
        if (forward) ForwardGrad.propagate(name, new Tensor[] {out}, inputs, save, saveOutput, multi);
        if (!recording(inputs)) return out;
        recordNode(name, new Tensor[] {out}, inputs, save, saveOutput, multi);
        return out;
    }

    static Tensor[] recordMulti(String name, Tensor[] outs, Tensor[] inputs, Tensor[] save, boolean saveOutput, FunctionNode.Rule rule) {
        // forward-mode tangents first: they are needed whether or not reverse mode records (Note [Tangent propagation])
        if (ForwardGrad.active()) ForwardGrad.propagate(name, outs, inputs, save, saveOutput, rule);
        if (!recording(inputs)) return outs;
        return recordNode(name, outs, inputs, save, saveOutput, rule);
    }

    private static Tensor[] recordNode(String name, Tensor[] outs, Tensor[] inputs, Tensor[] save, boolean saveOutput, FunctionNode.Rule rule) {
        Edge[] next = new Edge[inputs.length];
        int[][] shapes = new int[inputs.length][];
        DType[] dtypes = new DType[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            next[i] = edgeOf(inputs[i]);
            shapes[i] = inputs[i] == null ? Shape.SCALAR : inputs[i].shapeArray();
            dtypes[i] = inputs[i] == null ? DType.FLOAT64 : inputs[i].dtype();
        }
        int nSaved = (save == null ? 0 : save.length) + (saveOutput ? 1 : 0);
        SavedTensor[] saved = new SavedTensor[nSaved];
        for (int i = 0; save != null && i < save.length; i++) saved[i] = SavedTensor.input(save[i]);
        FunctionNode node = new FunctionNode(name, next, shapes, dtypes, outs.length, saved, rule);
        for (int i = 0; i < outs.length; i++) {
            if (outs[i] != null) outs[i].setHistory(node, i);
        }
        if (saveOutput) saved[nSaved - 1] = SavedTensor.output(outs[0], node);
        return outs;
    }
}
