// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

/**
 * One node's part in one backward run ({@link Engine}): PyTorch's per-node dependency count, its InputBuffer and
 * whether it must run, in one object that the planning passes make once per reachable node. Its {@link #next} holds
 * the tasks of the node's edges, resolved while the graph is walked, so the run itself looks nothing up in a map:
 * passing a gradient on is an array read, a counter decrement and a heap insert.
 *
 * <p>Per run, never shared: a nested or concurrent backward over the same nodes plans tasks of its own.
 */
final class NodeTask {
    final Node node;
    /** {@link Node#sequenceNr}, read by the ready queue's comparisons. */
    final long sequenceNr;
    /** The task of each of the node's edges, index for index with {@link Node#next}; null where the edge is None. */
    final NodeTask[] next;
    /** Edges from nodes that will run and have not run yet: the node is ready at 0. */
    int dependencies;
    /** Whether the node is called (all of them for backward(); for autograd.grad only those above a capture). */
    boolean mustRun;
    /** Whether it went into the ready queue (once only; several roots may name the same node). */
    boolean queued;
    /** The gradients arrived so far, one per input slot (PyTorch's InputBuffer); null until the first one. */
    Tensor[] buffer;
    /** autograd.grad: the indices of the captures that read this node's buffer, ascending; null for none. */
    int[] captureSlots;
    /** The depth-first walk's next edge to visit ({@link Engine}'s planning only). */
    int cursor;

    NodeTask(Node node) {
        this.node = node;
        this.sequenceNr = node.sequenceNr;
        this.next = new NodeTask[node.next.length];
    }

    /** The input buffer for this node's run, handed over (the task lets go of it), or empty slots if none came. */
    Tensor[] takeBuffer() {
        Tensor[] grads = buffer;
        buffer = null;
        return grads != null ? grads : new Tensor[node.numOutputs];
    }

    /** The buffer to add a gradient into, made on the first one. */
    Tensor[] bufferForAdd() {
        Tensor[] grads = buffer;
        return grads != null ? grads : (buffer = new Tensor[node.numOutputs]);
    }

    void addCaptureSlot(int i) {
        int[] old = captureSlots;
        int[] slots = old == null ? new int[1] : java.util.Arrays.copyOf(old, old.length + 1);
        slots[slots.length - 1] = i;
        captureSlots = slots;
    }
}
