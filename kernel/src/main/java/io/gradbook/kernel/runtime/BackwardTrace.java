// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel.runtime;

import io.gradbook.autograd.AccumulateGrad;
import io.gradbook.autograd.Autograd;
import io.gradbook.autograd.Edge;
import io.gradbook.autograd.Node;
import io.gradbook.autograd.RemovableHandle;
import io.gradbook.autograd.SavedTensor;
import io.gradbook.autograd.Tensor;
import io.gradbook.kernel.render.GraphPicture;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A backward pass recorded step by step, for {@code stepBackward(loss)}: the engine itself runs it (the real
 * {@code backward()} or {@code Autograd.grad}), and a pre-hook and a post-hook on every node of the graph note, in
 * the order the engine runs them, what gradient arrives at each node, what it sends to each input, which hooks ran,
 * which saved tensors were freed and what each leaf's {@code .grad} became. The hooks are removed afterwards.
 * Values are kept as PyTorch's printed text at the moment they were seen, so later changes cannot alter a step.
 * <p>A huge pass (a 20,000-step loop) is not recorded whole, as {@code draw()} does not draw it whole: the first
 * {@link #DEFAULT_MAX_STEPS} steps (those nearest the output) are kept and the rest only counted by kind, for a note
 * that says how to see more (20,000 steps were 7.4 MB of text and HTML that no front end shows usefully).
 */
public final class BackwardTrace {
    /** One node's turn in the backward pass; {@code leaf} is the variable of an AccumulateGrad step, else null. */
    public record Step(int number, String node, int box, List<String> arriving, List<String> sends, String rule,
                       int userHooks, int savedFreed, String leafGrad, Tensor leaf) {}

    private final String title;
    private final GraphPicture before;
    private final List<Step> steps = new ArrayList<>();
    private final List<Tensor> grads = new ArrayList<>();
    /** Steps past the cap, by node name, in the order their kinds first ran. */
    private final Map<String, Integer> leftOut = new java.util.LinkedHashMap<>();
    private final int maxSteps;
    private int started;

    /** Steps recorded when no cap is given: as many as draw() draws nodes. */
    public static final int DEFAULT_MAX_STEPS = GraphPicture.DEFAULT_MAX_NODES;

    private BackwardTrace(String title, GraphPicture before, int maxSteps) {
        this.title = title;
        this.before = before;
        this.maxSteps = maxSteps;
    }

    private static int checkMaxSteps(int maxSteps) {
        if (maxSteps < 1) throw new IllegalArgumentException("stepBackward: maxSteps must be at least 1, got " + maxSteps
                + "\nHint: stepBackward(loss) shows the first " + DEFAULT_MAX_STEPS + " steps; stepBackward(loss, n) shows n.");
        return maxSteps;
    }

    /** Runs {@code output.backward(gradient, retainGraph)} under the trace. */
    static BackwardTrace backward(Tensor output, Tensor gradient, boolean retainGraph) {
        return backward(output, gradient, retainGraph, DEFAULT_MAX_STEPS);
    }

    /** The same, recording at most {@code maxSteps} steps (the rest are counted by kind). */
    static BackwardTrace backward(Tensor output, Tensor gradient, boolean retainGraph, int maxSteps) {
        checkMaxSteps(maxSteps);
        requireGraph(output);
        BackwardTrace t = new BackwardTrace("backward of " + output, GraphPicture.of(Notebook.variableNames(), output), maxSteps);
        t.record(output, retainGraph, () -> output.backward(gradient, retainGraph));
        return t;
    }

    /** Runs {@code Autograd.grad(output, inputs)} under the trace; its result is {@link #grads()}. */
    static BackwardTrace grad(Tensor output, boolean retainGraph, Tensor... inputs) {
        requireGraph(output);
        BackwardTrace t = new BackwardTrace("autograd.grad of " + output, GraphPicture.of(Notebook.variableNames(), output), DEFAULT_MAX_STEPS);
        t.record(output, retainGraph, () -> t.grads.addAll(Autograd.grad(List.of(output), List.of(inputs), null, retainGraph, false, false)));
        return t;
    }

    private static void requireGraph(Tensor output) {
        if (output.gradFn() == null) {
            throw new io.gradbook.autograd.TorchException.RuntimeError("element 0 of tensors does not require grad and does not have a grad_fn");
        }
    }

    private void record(Tensor output, boolean retainGraph, Runnable pass) {
        List<Node> nodes = reachable(output.gradFn());
        List<RemovableHandle> handles = new ArrayList<>();
        Map<Node, Step> open = new IdentityHashMap<>();
        Map<Node, Integer> userHooks = new IdentityHashMap<>();
        for (Node n : nodes) userHooks.put(n, n.preHookCount());
        try {
            for (Node n : nodes) {
                handles.add(n.registerPrehook(gradOutputs -> {
                    if (++started > maxSteps) {
                        // past the cap: counted, and no gradient printed (printing is most of a step's cost)
                        leftOut.merge(n.name(), 1, Integer::sum);
                        return;
                    }
                    List<String> arriving = new ArrayList<>();
                    for (Tensor g : gradOutputs) arriving.add(g == null ? "None" : g.toString());
                    int saved = 0;
                    for (SavedTensor s : n.savedTensors()) if (!s.isReleased()) saved++;
                    open.put(n, new Step(steps.size() + 1, n.name(), before.boxOf(n), arriving, List.of(), Rules.of(n.name()),
                            userHooks.get(n), retainGraph ? 0 : saved, null, null));
                }));
                handles.add(n.registerHook((gradInputs, gradOutputs) -> {
                    Step s = open.remove(n);
                    if (s == null) return;
                    List<String> sends = new ArrayList<>();
                    List<Edge> next = n.nextFunctions();
                    for (int i = 0; i < next.size(); i++) {
                        Edge e = next.get(i);
                        Tensor g = i < gradInputs.size() ? gradInputs.get(i) : null;
                        if (e.node() == null) continue;
                        sends.add("→ " + e.node().name() + " (input " + i + "): " + (g == null ? "None" : g.toString()));
                    }
                    String leafGrad = null;
                    Tensor leaf = null;
                    if (n instanceof AccumulateGrad acc) {
                        leaf = acc.variable();
                        Tensor g = leaf.grad();
                        leafGrad = g == null ? "None" : g.toString();
                    }
                    steps.add(new Step(steps.size() + 1, s.node(), s.box(), s.arriving(), sends, s.rule(), s.userHooks(), s.savedFreed(), leafGrad, leaf));
                }));
            }
            pass.run();
        } finally {
            for (RemovableHandle h : handles) h.remove();
        }
    }

    /** Every node reachable from root through next_functions, without recursion. */
    private static List<Node> reachable(Node root) {
        List<Node> out = new ArrayList<>();
        Map<Node, Boolean> seen = new IdentityHashMap<>();
        ArrayDeque<Node> todo = new ArrayDeque<>();
        todo.add(root);
        seen.put(root, true);
        while (!todo.isEmpty()) {
            Node n = todo.poll();
            out.add(n);
            for (Edge e : n.nextFunctions()) {
                if (e.node() != null && seen.put(e.node(), true) == null) todo.add(e.node());
            }
        }
        return out;
    }

    public String title() {
        return title;
    }

    /** The graph as it was before the pass (saved tensors present, leaves' grads as they were). */
    public GraphPicture graph() {
        return before;
    }

    public List<Step> steps() {
        return List.copyOf(steps);
    }

    /** Every step the engine ran, the recorded ones and those past the cap. */
    public int totalSteps() {
        return steps.size() + stepsLeftOut();
    }

    /** Steps past the cap: counted, not recorded (0 when the whole pass is recorded). */
    public int stepsLeftOut() {
        int n = 0;
        for (int c : leftOut.values()) n += c;
        return n;
    }

    /**
     * What was left out, by kind, and how to see more: "… 19,501 more steps not shown (MulBackward0 ×19,500,
     * AccumulateGrad ×1); stepBackward(loss, maxSteps) shows more than 500". Null when nothing was.
     */
    public String leftOutNote() {
        int n = stepsLeftOut();
        if (n == 0) return null;
        StringBuilder kinds = new StringBuilder();
        int k = 0;
        for (Map.Entry<String, Integer> e : leftOut.entrySet()) {
            if (k++ == 6) {
                kinds.append(String.format(java.util.Locale.ROOT, ", and %,d more kinds", leftOut.size() - 6));
                break;
            }
            kinds.append(kinds.length() > 0 ? ", " : "").append(String.format(java.util.Locale.ROOT, "%s ×%,d", e.getKey(), e.getValue()));
        }
        String note = String.format(java.util.Locale.ROOT, "… %,d more step%s not shown (%s)", n, n == 1 ? "" : "s", kinds);
        // stepGrad has no cap of its own to raise
        return grads.isEmpty() && title.startsWith("backward of ")
                ? note + String.format(java.util.Locale.ROOT, "; stepBackward(loss, maxSteps) shows more than %,d", maxSteps) : note;
    }

    /** The gradients of the {@code Autograd.grad} form (empty for backward). */
    public List<Tensor> grads() {
        return List.copyOf(grads);
    }

    /** The steps as a numbered text list (what text-only and untrusted front ends show). */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(title.replace('\n', ' ')).append(": ").append(totalSteps()).append(" steps, in the engine's order");
        if (stepsLeftOut() > 0) sb.append(String.format(java.util.Locale.ROOT, "; the first %,d are shown", steps.size()));
        sb.append('\n');
        for (Step s : steps) {
            sb.append(s.number()).append(". ").append(s.node());
            if (!s.rule().isEmpty()) sb.append("   [").append(s.rule()).append(']');
            sb.append('\n');
            if (s.userHooks() > 0) sb.append("   ").append(s.userHooks()).append(" hook").append(s.userHooks() > 1 ? "s" : "").append(" ran first\n");
            for (String a : s.arriving()) sb.append("   receives ").append(indent(a)).append('\n');
            for (String out : s.sends()) sb.append("   ").append(indent(out)).append('\n');
            if (s.leafGrad() != null) sb.append("   leaf .grad is now ").append(indent(s.leafGrad())).append('\n');
            if (s.savedFreed() > 0) sb.append("   frees ").append(s.savedFreed()).append(" saved tensor").append(s.savedFreed() > 1 ? "s" : "").append('\n');
        }
        if (stepsLeftOut() > 0) sb.append(leftOutNote()).append('\n');
        return sb.toString().stripTrailing();
    }

    private static String indent(String s) {
        return s.replace("\n", "\n      ");
    }

    /** Each backward rule as a formula a student can read next to the numbers (PyTorch's derivatives.yaml). */
    static final class Rules {
        private Rules() {}

        private static final Map<String, String> RULES = Map.ofEntries(
                Map.entry("AddBackward0", "self: grad, other: grad·alpha"),
                Map.entry("SubBackward0", "self: grad, other: -grad·alpha"),
                Map.entry("RsubBackward1", "self: -grad"),
                Map.entry("MulBackward0", "self: grad·other, other: grad·self"),
                Map.entry("DivBackward0", "self: grad/other, other: -grad·self/other²"),
                Map.entry("NegBackward0", "self: -grad"),
                Map.entry("PowBackward0", "self: grad·exponent·self^(exponent-1)"),
                Map.entry("PowBackward1", "self: grad·exponent·self^(exponent-1), exponent: grad·result·ln(self)"),
                Map.entry("ExpBackward0", "self: grad·result"),
                Map.entry("LogBackward0", "self: grad/self"),
                Map.entry("SqrtBackward0", "self: grad/(2·result)"),
                Map.entry("SinBackward0", "self: grad·cos(self)"),
                Map.entry("CosBackward0", "self: -grad·sin(self)"),
                Map.entry("TanhBackward0", "self: grad·(1-result²)"),
                Map.entry("SigmoidBackward0", "self: grad·result·(1-result)"),
                Map.entry("ReluBackward0", "self: grad·(result > 0)"),
                Map.entry("AbsBackward0", "self: grad·sign(self)"),
                Map.entry("SumBackward0", "self: grad expanded to self's shape"),
                Map.entry("SumBackward1", "self: grad expanded over the summed dims"),
                Map.entry("MeanBackward0", "self: grad/numel, expanded to self's shape"),
                Map.entry("MeanBackward1", "self: grad/n over the reduced dims, expanded"),
                Map.entry("MmBackward0", "self: grad·mat2ᵀ, mat2: selfᵀ·grad"),
                Map.entry("MvBackward0", "self: grad ⊗ vec, vec: selfᵀ·grad"),
                Map.entry("DotBackward0", "self: grad·tensor, tensor: grad·self"),
                Map.entry("TBackward0", "self: gradᵀ"),
                Map.entry("ViewBackward0", "self: grad reshaped to self's shape"),
                Map.entry("ReshapeAliasBackward0", "self: grad reshaped to self's shape"),
                Map.entry("ExpandBackward0", "self: grad summed over the expanded dims"),
                Map.entry("SelectBackward0", "self: zeros with grad at the selected index"),
                Map.entry("SliceBackward0", "self: zeros with grad in the slice"),
                Map.entry("CopySlices", "base: grad with the written slice's gradient routed through the in-place op"),
                Map.entry("AccumulateGrad", "leaf.grad += grad"));

        static String of(String node) {
            return RULES.getOrDefault(node, "");
        }
    }
}
