// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Runs a backward pass, iteratively (no recursion anywhere, so a chain of a million nodes is fine):
 * <ol>
 *   <li>walk the graph from the roots with an explicit stack, in post-order;</li>
 *   <li>mark which nodes must run (all of them for backward(); for autograd.grad only those on a path to an
 *       input) and count, per node, the edges that will deliver a gradient to it;</li>
 *   <li>run ready nodes from a queue ordered by sequence number (newest first; AccumulateGrad as soon as it is
 *       ready), summing gradients per input slot, validating each returned gradient against the input's shape
 *       (reducing broadcasts, or failing with the node's name), calling hooks in PyTorch's order, and freeing
 *       saved tensors unless the graph is retained.</li>
 * </ol>
 * The thread's interrupt flag is checked between nodes, so a kernel interrupt stops a long backward.
 */
final class Engine {
    private Engine() {}

    /**
     * @param roots      the output edges to start from
     * @param rootGrads  their gradients, already validated
     * @param captures   edges whose incoming gradient is returned instead of accumulated (autograd.grad), or null
     * @return the captured gradients (null where nothing arrived), or an empty array for backward()
     */
    static Tensor[] run(Edge[] roots, Tensor[] rootGrads, boolean keepGraph, boolean createGraph, Edge[] captures) {
        List<Node> postOrder = postOrder(roots);
        Map<Node, Boolean> mustRun = new IdentityHashMap<>();
        Map<Node, List<Integer>> captureSlots = new IdentityHashMap<>();
        if (captures != null) {
            for (int i = 0; i < captures.length; i++) {
                if (captures[i].isValid()) captureSlots.computeIfAbsent(captures[i].node(), k -> new ArrayList<>()).add(i);
            }
        }
        // A node runs if anything below it is wanted; children come before parents in post-order.
        int seen = 0;
        for (Node node : postOrder) {
            checkInterrupt(++seen);
            boolean run = captures == null;
            if (!run) {
                for (Edge e : node.next) {
                    if (e.isValid() && (mustRun.get(e.node()) == Boolean.TRUE || captureSlots.containsKey(e.node()))) {
                        run = true;
                        break;
                    }
                }
            }
            mustRun.put(node, run);
        }
        Map<Node, Integer> dependencies = new IdentityHashMap<>();
        for (Node node : postOrder) {
            checkInterrupt(++seen);
            if (mustRun.get(node) != Boolean.TRUE) continue;
            for (Edge e : node.next) if (e.isValid()) dependencies.merge(e.node(), 1, Integer::sum);
        }

        Tensor[] captured = captures == null ? new Tensor[0] : new Tensor[captures.length];
        Map<Node, Tensor[]> buffers = new IdentityHashMap<>();
        // gradients only this run holds: added into in place, their arrays recycled once consumed (OwnedGrads); set
        // up at the first node with a large input, so a backward of small tensors costs nothing more
        boolean recycle = OwnedGrads.possible(createGraph);
        OwnedGrads owned = null;
        try (var mode = GradMode.set(createGraph)) {
            for (int i = 0; i < roots.length; i++) accumulate(buffers, roots[i], rootGrads[i], owned);
            PriorityQueue<Node> ready = new PriorityQueue<>((a, b) -> Long.compare(b.sequenceNr, a.sequenceNr));
            Map<Node, Boolean> queued = new IdentityHashMap<>();
            for (Edge r : roots) {
                if (dependencies.getOrDefault(r.node(), 0) == 0 && queued.put(r.node(), true) == null) ready.add(r.node());
            }
            while (!ready.isEmpty()) {
                if (Thread.interrupted()) throw new TorchException.BackwardInterrupted();
                Node node = ready.poll();
                Tensor[] grads = buffers.remove(node);
                if (grads == null) grads = new Tensor[node.numOutputs];
                List<Integer> slots = captureSlots.get(node);
                if (slots != null) {
                    for (int i : slots) {
                        captured[i] = grads[captures[i].inputNr()];
                        if (owned != null) owned.giveUp(captured[i]);
                    }
                }
                if (mustRun.get(node) != Boolean.TRUE) continue;
                final Tensor[] in = grads;
                if (owned == null && recycle && OwnedGrads.large(node)) owned = OwnedGrads.start();
                if (owned != null) owned.beforeCall();
                Tensor[] outputs = AnomalyMode.isEnabled() ? AnomalyMode.call(node, () -> call(node, in, createGraph)) : call(node, grads, createGraph);
                if (!keepGraph) node.releaseSavedTensors();
                if (owned != null) owned.afterCall(node, in, outputs);
                for (int i = 0; i < node.next.length; i++) {
                    Edge e = node.next[i];
                    if (!e.isValid()) continue;
                    if (outputs != null && i < outputs.length && outputs[i] != null) {
                        Tensor g = validate(node, i, outputs[i]);
                        if (owned != null) owned.replaced(outputs[i], g);
                        accumulate(buffers, e, g, owned);
                    }
                    int left = dependencies.merge(e.node(), -1, Integer::sum);
                    if (left == 0 && queued.put(e.node(), true) == null) ready.add(e.node());
                }
            }
        } finally {
            if (owned != null) owned.end();
        }
        return captured;
    }

    /** Pre-hooks (tensor hooks and node pre-hooks, in registration order), the node itself, then post-hooks. */
    private static Tensor[] call(Node node, Tensor[] grads, boolean createGraph) {
        for (Node.PreHook hook : new ArrayList<>(node.preHooks())) {
            Tensor[] replaced = hook.apply(grads);
            if (replaced != null) grads = replaced;
        }
        boolean any = false;
        for (Tensor g : grads) any |= g != null;
        if (!any) return null;
        Tensor[] outputs = node.apply(grads);
        if (outputs.length != node.next.length) {
            throw new TorchException.RuntimeError("function " + node.name() + " returned an incorrect number of gradients (expected " + node.next.length + ", got " + outputs.length + ")");
        }
        for (Node.PostHook hook : new ArrayList<>(node.postHooks())) {
            Tensor[] replaced = hook.apply(outputs, grads);
            if (replaced != null) outputs = replaced;
        }
        return outputs;
    }

    /** The gradient for input {@code i} of {@code node}, brought to that input's shape and dtype. */
    private static Tensor validate(Node node, int i, Tensor grad) {
        int[] expected = node.inputShapes[i];
        Tensor g = grad;
        if (!Arrays.equals(g.shapeArray(), expected)) {
            if (!Shape.expandableTo(expected, g.shapeArray())) {
                throw new TorchException.RuntimeError("Function " + node.name() + " returned an invalid gradient at index " + i + " - got " + Shape.str(g.shapeArray()) + " but expected shape compatible with " + Shape.str(expected));
            }
            g = g.sumToSize(expected);
        }
        DType want = node.inputDTypes[i];
        if (g.dtype() != want && want.isFloatingPoint()) g = g.to(want);
        return g;
    }

    private static void accumulate(Map<Node, Tensor[]> buffers, Edge e, Tensor g, OwnedGrads owned) {
        if (!e.isValid() || g == null) return;
        Tensor[] slot = buffers.computeIfAbsent(e.node(), n -> new Tensor[n.numOutputs]);
        int k = e.inputNr();
        // an efficient zero (EfficientZeros) is skipped next to another gradient, as PyTorch's engine adds it
        if (slot[k] == null || EfficientZeros.is(slot[k])) slot[k] = g;
        else if (!EfficientZeros.is(g)) slot[k] = owned != null ? owned.add(slot[k], g) : slot[k].add(g);
    }

    /**
     * An interrupt (the kernel's, or Thread.interrupt) ends a backward in its set-up passes too: over a graph of
     * millions of nodes they take seconds, and on JDK 20+ nothing else can stop library code. Every 4096 steps.
     */
    private static void checkInterrupt(int step) {
        if ((step & 4095) == 0 && Thread.interrupted()) throw new TorchException.BackwardInterrupted();
    }

    /** Every node reachable from the roots, children before parents, by an explicit-stack DFS. */
    private static List<Node> postOrder(Edge[] roots) {
        List<Node> order = new ArrayList<>();
        Map<Node, Boolean> seen = new IdentityHashMap<>();
        ArrayDeque<Node> stack = new ArrayDeque<>();
        ArrayDeque<Integer> nextChild = new ArrayDeque<>();
        for (Edge r : roots) {
            if (!r.isValid() || seen.put(r.node(), true) != null) continue;
            stack.push(r.node());
            nextChild.push(0);
            while (!stack.isEmpty()) {
                checkInterrupt(order.size());
                Node top = stack.peek();
                int k = nextChild.pop();
                if (k < top.next.length) {
                    nextChild.push(k + 1);
                    Edge e = top.next[k];
                    if (e.isValid() && seen.put(e.node(), true) == null) {
                        stack.push(e.node());
                        nextChild.push(0);
                    }
                } else {
                    order.add(stack.pop());
                }
            }
        }
        return order;
    }
}
