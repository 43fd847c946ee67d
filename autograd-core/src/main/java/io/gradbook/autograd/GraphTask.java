// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import java.util.ArrayList;
import java.util.Arrays;

/**
 * One backward run's execution (PyTorch's GraphTask): the ready queue, the captured gradients and the gradients the
 * run owns, over the {@link NodeTask}s that {@link Engine} planned. Each step of a node is a method of its own
 * sized for the JIT: {@link #evaluate} (one node), {@link #call} (the node with its hooks), {@link #passOn} (its
 * outputs into the next nodes' buffers and the ready queue), {@link #accumulate} (one gradient into a buffer).
 * What most runs never do (hooks, anomaly mode, autograd.grad's captures, a gradient of another shape or dtype,
 * two gradients meeting, the errors) is out of line, so the compiled hot path and its profile stay small.
 */
final class GraphTask {
    private final boolean keepGraph;
    private final boolean createGraph;
    private final Edge[] captures;
    private final Tensor[] captured;
    private final ReadyQueue ready = new ReadyQueue();
    /** Whether this run may own gradients (OwnedGrads.possible). */
    private final boolean recycle;
    /**
     * Gradients only this run holds: added into in place, their arrays recycled once consumed (OwnedGrads); set up
     * at the first node with a large input, so a backward of small tensors costs nothing more.
     */
    private OwnedGrads owned;

    GraphTask(boolean keepGraph, boolean createGraph, Edge[] captures) {
        this.keepGraph = keepGraph;
        this.createGraph = createGraph;
        this.captures = captures;
        this.captured = captures == null ? new Tensor[0] : new Tensor[captures.length];
        this.recycle = OwnedGrads.possible(createGraph);
    }

    /** Seeds the roots' buffers, runs every node as it becomes ready, and returns the captured gradients. */
    Tensor[] execute(Edge[] roots, NodeTask[] rootTasks, Tensor[] rootGrads) {
        try (var mode = GradMode.set(createGraph)) {
            for (int i = 0; i < roots.length; i++) {
                if (roots[i].isValid() && rootGrads[i] != null) accumulate(rootTasks[i], roots[i].inputNr(), rootGrads[i]);
            }
            for (NodeTask r : rootTasks) {
                if (r.dependencies == 0 && !r.queued) enqueue(r);
            }
            NodeTask t;
            while ((t = ready.poll()) != null) {
                if (Thread.interrupted()) throw new TorchException.BackwardInterrupted();
                evaluate(t);
            }
        } finally {
            if (owned != null) owned.end();
        }
        return captured;
    }

    private void enqueue(NodeTask t) {
        t.queued = true;
        ready.add(t);
    }

    /** One ready node: its captures, then (if it must run) the node itself and its outputs passed on. */
    private void evaluate(NodeTask t) {
        Tensor[] grads = t.takeBuffer();
        if (t.captureSlots != null) capture(t, grads);
        if (!t.mustRun) return;
        Node node = t.node;
        if (owned == null && recycle && OwnedGrads.large(node)) owned = OwnedGrads.start();
        if (owned != null) owned.beforeCall();
        Tensor[] outputs = AnomalyMode.isEnabled() ? callUnderAnomalyMode(node, grads) : call(node, grads);
        if (!keepGraph) node.releaseSavedTensors();
        if (owned != null) owned.afterCall(node, grads, outputs);
        passOn(t, outputs);
    }

    /** autograd.grad: the gradients arriving at a captured edge are the result, handed out of the run. */
    private void capture(NodeTask t, Tensor[] grads) {
        for (int i : t.captureSlots) {
            captured[i] = grads[captures[i].inputNr()];
            if (owned != null) owned.giveUp(captured[i]);
        }
    }

    private Tensor[] callUnderAnomalyMode(Node node, Tensor[] grads) {
        return AnomalyMode.call(node, () -> call(node, grads));
    }

    /** The node's outputs into the buffers of the nodes its edges lead to; each of those that is now ready is queued. */
    private void passOn(NodeTask t, Tensor[] outputs) {
        Node node = t.node;
        NodeTask[] next = t.next;
        for (int i = 0; i < next.length; i++) {
            NodeTask child = next[i];
            if (child == null) continue;
            if (outputs != null && i < outputs.length && outputs[i] != null) {
                Tensor g = validate(node, i, outputs[i]);
                if (owned != null) owned.replaced(outputs[i], g);
                accumulate(child, node.next[i].inputNr(), g);
            }
            if (--child.dependencies == 0 && !child.queued) enqueue(child);
        }
    }

    /** A gradient into input slot {@code k} of a task's buffer (PyTorch's InputBuffer.add). */
    private void accumulate(NodeTask t, int k, Tensor g) {
        Tensor[] slot = t.bufferForAdd();
        // an efficient zero (EfficientZeros) is skipped next to another gradient, as PyTorch's engine adds it
        if (slot[k] == null || EfficientZeros.is(slot[k])) slot[k] = g;
        else if (!EfficientZeros.is(g)) slot[k] = sum(slot[k], g);
    }

    /** Two gradients meeting at one input slot. */
    private Tensor sum(Tensor old, Tensor g) {
        return owned != null ? owned.add(old, g) : old.add(g);
    }

    /** Pre-hooks (tensor hooks and node pre-hooks, in registration order), the node itself, then post-hooks. */
    private static Tensor[] call(Node node, Tensor[] grads) {
        if (!node.preHooks().isEmpty() || !node.postHooks().isEmpty()) return callWithHooks(node, grads);
        if (allNull(grads)) return null;
        Tensor[] outputs = node.apply(grads);
        if (outputs.length != node.next.length) throw wrongGradientCount(node, outputs);
        return outputs;
    }

    private static Tensor[] callWithHooks(Node node, Tensor[] grads) {
        for (Node.PreHook hook : new ArrayList<>(node.preHooks())) {
            Tensor[] replaced = hook.apply(grads);
            if (replaced != null) grads = replaced;
        }
        if (allNull(grads)) return null;
        Tensor[] outputs = node.apply(grads);
        if (outputs.length != node.next.length) throw wrongGradientCount(node, outputs);
        for (Node.PostHook hook : new ArrayList<>(node.postHooks())) {
            Tensor[] replaced = hook.apply(outputs, grads);
            if (replaced != null) outputs = replaced;
        }
        return outputs;
    }

    private static boolean allNull(Tensor[] grads) {
        for (Tensor g : grads) if (g != null) return false;
        return true;
    }

    private static TorchException.RuntimeError wrongGradientCount(Node node, Tensor[] outputs) {
        return new TorchException.RuntimeError("function " + node.name() + " returned an incorrect number of gradients (expected " + node.next.length + ", got " + outputs.length + ")");
    }

    /** The gradient for input {@code i} of {@code node}, brought to that input's shape and dtype. */
    private static Tensor validate(Node node, int i, Tensor grad) {
        Tensor g = grad;
        if (!Arrays.equals(g.shapeArray(), node.inputShapes[i])) g = reduceToInputShape(node, i, g);
        DType want = node.inputDTypes[i];
        if (g.dtype() != want && want.isFloatingPoint()) g = g.to(want);
        return g;
    }

    /** A broadcast gradient summed back to the input's shape, or the node's error when it cannot be. */
    private static Tensor reduceToInputShape(Node node, int i, Tensor g) {
        int[] expected = node.inputShapes[i];
        if (!Shape.expandableTo(expected, g.shapeArray())) {
            throw new TorchException.RuntimeError("Function " + node.name() + " returned an invalid gradient at index " + i + " - got " + Shape.str(g.shapeArray()) + " but expected shape compatible with " + Shape.str(expected));
        }
        return g.sumToSize(expected);
    }
}
