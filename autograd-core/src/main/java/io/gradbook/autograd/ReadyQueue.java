// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

/**
 * The engine's ready queue: a binary heap of tasks, highest {@link NodeTask#sequenceNr} first. It makes exactly the
 * comparisons and moves of {@code java.util.PriorityQueue} with the comparator {@code (a, b) -> Long.compare(
 * b.sequenceNr, a.sequenceNr)}, which the engine used before, so tasks of equal number (every AccumulateGrad has
 * Long.MAX_VALUE) still leave in the same order (ReadyQueueTest checks it against PriorityQueue). Why a copy: the
 * kernel's compiler directives keep the JDK's classes out of C2, so PriorityQueue ran as C1 code called from the
 * engine's compiled loop; this one is engine code, compiled with it.
 */
final class ReadyQueue {
    private NodeTask[] heap = new NodeTask[16];
    private int size;

    boolean isEmpty() {
        return size == 0;
    }

    void add(NodeTask t) {
        int k = size;
        if (k == heap.length) heap = java.util.Arrays.copyOf(heap, k * 2);
        size = k + 1;
        // sift up: t rises above each parent it strictly precedes
        NodeTask[] h = heap;
        while (k > 0) {
            int parent = (k - 1) >>> 1;
            NodeTask p = h[parent];
            if (t.sequenceNr <= p.sequenceNr) break;
            h[k] = p;
            k = parent;
        }
        h[k] = t;
    }

    /** The first task, or null when empty. */
    NodeTask poll() {
        if (size == 0) return null;
        NodeTask[] h = heap;
        NodeTask first = h[0];
        int n = --size;
        NodeTask x = h[n];
        h[n] = null;
        if (n > 0) {
            // sift down: x sinks below each child that strictly precedes it (the right child when it precedes the left)
            int k = 0;
            int half = n >>> 1;
            while (k < half) {
                int child = (k << 1) + 1;
                NodeTask c = h[child];
                int right = child + 1;
                if (right < n && h[right].sequenceNr > c.sequenceNr) c = h[child = right];
                if (c.sequenceNr <= x.sequenceNr) break;
                h[k] = c;
                k = child;
            }
            h[k] = x;
        }
        return first;
    }
}
