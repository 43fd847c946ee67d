// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A node of the backward graph ({@code grad_fn}): it takes the gradients of its forward outputs and returns the
 * gradients of its forward inputs, which the engine sends along {@link #nextFunctions()}.
 *
 * <pre>
 * jshell> var x = ones(2).requiresGrad_(); x.mul(2).gradFn()
 * &lt;MulBackward0 object at 0x1b6d3586&gt;
 * </pre>
 */
public abstract class Node {
    private static final AtomicLong SEQUENCE = new AtomicLong();

    /** Creation order; the engine runs ready nodes with the highest number first, as PyTorch does. */
    final long sequenceNr;
    final Edge[] next;
    /** The shape and dtype of each forward input, to validate (and un-broadcast) returned gradients. */
    final int[][] inputShapes;
    final DType[] inputDTypes;
    final int numOutputs;
    /** The stack of the forward call that made this node, kept only under anomaly mode ({@link AnomalyMode}). */
    final Throwable forwardTrace = AnomalyMode.captureTrace();
    private final List<PreHook> preHooks = new ArrayList<>(1);
    private final List<PostHook> postHooks = new ArrayList<>(1);

    Node(Edge[] next, int[][] inputShapes, DType[] inputDTypes, int numOutputs, long sequenceNr) {
        this.next = next;
        this.inputShapes = inputShapes;
        this.inputDTypes = inputDTypes;
        this.numOutputs = numOutputs;
        this.sequenceNr = sequenceNr;
    }

    static long nextSequenceNr() {
        return SEQUENCE.getAndIncrement();
    }

    /** PyTorch's class name for this node: {@code MulBackward0}, {@code AccumulateGrad}, {@code CopySlices}. */
    public abstract String name();

    /** The edges to the nodes that receive this node's output gradients, one per forward input. */
    public PyTuple<Edge> nextFunctions() {
        return PyTuple.of(next);
    }

    /** Computes the gradients of the forward inputs from those of the forward outputs (nulls are zeros). */
    abstract Tensor[] apply(Tensor[] gradOutputs);

    /** Frees saved tensors after a backward pass that did not retain the graph. */
    void releaseSavedTensors() {}

    /** The tensors this node keeps for its backward rule (for pictures and teaching); empty when none. */
    public List<SavedTensor> savedTensors() {
        return List.of();
    }

    /**
     * Registers a hook run before this node with the gradients of its outputs; it may return replacements
     * (or null to keep them).
     */
    public RemovableHandle registerReplacingPrehook(PreHook hook) {
        preHooks.add(hook);
        return () -> preHooks.remove(hook);
    }

    /** Registers a pre-hook that looks at the gradients of this node's outputs (a tuple, as PyTorch passes). */
    public RemovableHandle registerPrehook(Consumer<List<Tensor>> hook) {
        return registerReplacingPrehook(grads -> {
            hook.accept(PyTuple.of(grads));
            return null;
        });
    }

    /**
     * Registers a hook run after this node with (gradients of its inputs, gradients of its outputs); it may
     * return replacements for the input gradients (or null to keep them).
     */
    public RemovableHandle registerReplacingHook(PostHook hook) {
        postHooks.add(hook);
        return () -> postHooks.remove(hook);
    }

    /** Registers a hook that looks at (input gradients, output gradients) after this node ran; both print as tuples. */
    public RemovableHandle registerHook(java.util.function.BiConsumer<List<Tensor>, List<Tensor>> hook) {
        return registerReplacingHook((in, out) -> {
            hook.accept(PyTuple.of(in), PyTuple.of(out));
            return null;
        });
    }

    /** How many pre-hooks are registered (tensor hooks and retain_grad included), for pictures of the graph. */
    public int preHookCount() {
        return preHooks.size();
    }

    /** How many post-hooks are registered. */
    public int postHookCount() {
        return postHooks.size();
    }

    List<PreHook> preHooks() {
        return preHooks;
    }

    List<PostHook> postHooks() {
        return postHooks;
    }

    /** Python's default object repr, as print() shows it: {@code <MulBackward0 object at 0x7f3a...>}. */
    @Override
    public String toString() {
        return "<" + name() + " object at " + address() + ">";
    }

    /** A stable pseudo address standing in for CPython's id(). */
    public String address() {
        return "0x" + Integer.toHexString(System.identityHashCode(this));
    }

    /** A hook on a node's output gradients. */
    @FunctionalInterface
    public interface PreHook {
        Tensor[] apply(Tensor[] gradOutputs);
    }

    /** A hook on a node's input gradients, given its output gradients. */
    @FunctionalInterface
    public interface PostHook {
        Tensor[] apply(Tensor[] gradInputs, Tensor[] gradOutputs);
    }
}
