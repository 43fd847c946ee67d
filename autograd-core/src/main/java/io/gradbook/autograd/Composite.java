// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * For library code (the nn package): an op written as a composite of Tensor ops that PyTorch records as ONE
 * node ({@code MseLossBackward0}, {@code NativeLayerNormBackward0}, ...), so {@code grad_fn}, {@code next_functions}
 * and graph pictures read as in PyTorch. The composite runs on detached aliases of the inputs; the node's
 * backward differentiates it with {@link Autograd#grad}. First-order gradients are exact; a second backward
 * through such a node sees the gradient as computed from the aliases, not from the original inputs.
 *
 * <pre>
 * jshell> Composite.record("MseLossBackward0", in -> in[0].sub(in[1]).pow(2).mean(), x, y).gradFn()
 * &lt;MseLossBackward0 object at 0x...&gt;
 * </pre>
 */
public final class Composite {
    private Composite() {}

    private static final Tensor[] NONE = new Tensor[0];

    /** {@code f(inputs)}, recorded as one node named {@code nodeName} whose inputs are {@code inputs} (nulls allowed). */
    public static Tensor record(String nodeName, Function<Tensor[], Tensor> f, Tensor... inputs) {
        if (!Graph.recording(inputs)) return f.apply(inputs);
        Tensor[] aliases = new Tensor[inputs.length];
        List<Tensor> wrt = new ArrayList<>();
        int[] slot = new int[inputs.length];
        Arrays.fill(slot, -1);
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i] == null) continue;
            aliases[i] = inputs[i].detach();
            if (inputs[i].requiresGrad()) {
                aliases[i].requiresGrad_(true);
                slot[i] = wrt.size();
                wrt.add(aliases[i]);
            }
        }
        Tensor y;
        try (var ignored = GradMode.set(true)) {
            y = f.apply(aliases);
        }
        Tensor out = y.detach();
        if (!y.requiresGrad()) return out;
        return Graph.record(nodeName, out, inputs, NONE, false, (g, s, needs) -> {
            List<Tensor> grads = Autograd.grad(List.of(y), wrt, List.of(g), true, GradMode.isEnabled(), true);
            Tensor[] r = new Tensor[inputs.length];
            for (int i = 0; i < inputs.length; i++) if (slot[i] >= 0 && needs[i]) r[i] = grads.get(slot[i]);
            return r;
        });
    }
    /** {@code t * s} as ATen's C++ composites write it (a Scalar product, not a Python scalar's): node MulBackward1. */
    public static Tensor mulScalar(Tensor t, double s) {
        return PointwiseOps.mulScalarNode(t, s);
    }

    /**
     * ATen's {@code t.index_put_({mask}, 0.0)} on a fresh t (cross_entropy's ignored label-smoothing terms): zeros where
     * mask is set, node IndexPutBackward0 (the value's edge None), whose gradient is the same op on the grad.
     */
    public static Tensor indexPutZero(Tensor t, Tensor mask) {
        Tensor out;
        try (var ignored = GradMode.set(false)) {
            out = GatherScatterOps.maskedFill(t, mask, 0.0);
        }
        Tensor m = mask.detach();
        return Graph.record("IndexPutBackward0", out, new Tensor[] {t, null}, null, false, (g, s, n) -> new Tensor[] {indexPutZero(g, m), null});
    }

    /** A node's gradient formula: the gradient of each input (null where not needed) from the output's gradient. */
    @FunctionalInterface
    public interface Backward {
        Tensor[] apply(Tensor grad, Tensor[] inputs, boolean[] needsGrad);
    }

    /**
     * {@code forward(inputs)} computed without recording, then recorded as one node named {@code nodeName} with
     * {@code backward} as its gradient formula (written with Tensor ops, so create_graph differentiates it again).
     * The inputs are saved for backward, with the version check of any saved tensor.
     */
    public static Tensor record(String nodeName, Function<Tensor[], Tensor> forward, Backward backward, Tensor... inputs) {
        Tensor out;
        try (var ignored = GradMode.set(false)) {
            out = forward.apply(inputs);
        }
        boolean alias = out.gradFn() != null || out.isView();
        for (Tensor in : inputs) alias |= in == out;
        if (alias) out = out.contiguousCopy();
        return Graph.record(nodeName, out, inputs, inputs, false, (g, s, needs) -> backward.apply(g, s, needs));
    }

    /**
     * For a {@link Backward} whose kernel has no graph of its own: the gradients of {@code formula(saved)} (the same
     * op as Tensor ops) for the inputs {@code needs} asks for, with a graph, so a create_graph backward can be
     * differentiated again.
     */
    public static Tensor[] formulaGrad(Tensor grad, Tensor[] saved, boolean[] needs, Function<Tensor[], Tensor> formula) {
        List<Tensor> wrt = new ArrayList<>();
        int[] slot = new int[saved.length];
        Arrays.fill(slot, -1);
        for (int i = 0; i < saved.length; i++) {
            if (saved[i] != null && needs[i] && saved[i].requiresGrad()) {
                slot[i] = wrt.size();
                wrt.add(saved[i]);
            }
        }
        Tensor[] r = new Tensor[saved.length];
        if (wrt.isEmpty()) return r;
        Tensor y = formula.apply(saved);
        List<Tensor> grads = Autograd.grad(List.of(y), wrt, List.of(grad), true, true, true);
        for (int i = 0; i < saved.length; i++) if (slot[i] >= 0) r[i] = grads.get(slot[i]);
        return r;
    }
}
