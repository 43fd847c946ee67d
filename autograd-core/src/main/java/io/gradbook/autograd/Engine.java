// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a backward pass, iteratively (no recursion anywhere, so a chain of a million nodes is fine):
 * <ol>
 *   <li>walk the graph from the roots with an explicit stack, in post-order, making one {@link NodeTask} per node
 *       and resolving each edge to its task;</li>
 *   <li>mark which nodes must run (all of them for backward(); for autograd.grad only those on a path to an
 *       input) and count, per node, the edges that will deliver a gradient to it;</li>
 *   <li>run ready nodes from a queue ordered by sequence number (newest first; AccumulateGrad as soon as it is
 *       ready), summing gradients per input slot, validating each returned gradient against the input's shape
 *       (reducing broadcasts, or failing with the node's name), calling hooks in PyTorch's order, and freeing
 *       saved tensors unless the graph is retained ({@link GraphTask}).</li>
 * </ol>
 * The thread's interrupt flag is checked between nodes, so a kernel interrupt stops a long backward.
 *
 * <p>Each pass is a method of its own and the run's per-node steps are methods of {@link GraphTask}: the JIT then
 * compiles each as a unit of its own size, instead of one method holding every loop, whose on-stack replacement
 * compiled the whole per-node dispatch again (bench/RESULTS.md, fourteenth session).
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
        Map<Node, NodeTask> tasks = new IdentityHashMap<>();
        List<NodeTask> postOrder = postOrder(roots, tasks);
        if (captures != null) markCaptures(captures, tasks);
        int steps = markMustRun(postOrder, captures != null);
        countDependencies(postOrder, steps);
        NodeTask[] rootTasks = new NodeTask[roots.length];
        for (int i = 0; i < roots.length; i++) rootTasks[i] = tasks.get(roots[i].node());
        return new GraphTask(keepGraph, createGraph, captures).execute(roots, rootTasks, rootGrads);
    }

    /** The tasks of the capture edges' nodes learn which captures read them (a node no root reaches is never run). */
    private static void markCaptures(Edge[] captures, Map<Node, NodeTask> tasks) {
        for (int i = 0; i < captures.length; i++) {
            if (!captures[i].isValid()) continue;
            NodeTask t = tasks.get(captures[i].node());
            if (t != null) t.addCaptureSlot(i);
        }
    }

    /**
     * A node runs if anything below it is wanted; children come before parents in post-order.
     * @return the interrupt check's step count so far
     */
    private static int markMustRun(List<NodeTask> postOrder, boolean capturing) {
        int seen = 0;
        for (NodeTask t : postOrder) {
            checkInterrupt(++seen);
            boolean run = !capturing;
            if (!run) {
                for (NodeTask child : t.next) {
                    if (child != null && (child.mustRun || child.captureSlots != null)) {
                        run = true;
                        break;
                    }
                }
            }
            t.mustRun = run;
        }
        return seen;
    }

    /** Per node, the edges from nodes that will run. */
    private static void countDependencies(List<NodeTask> postOrder, int seen) {
        for (NodeTask t : postOrder) {
            checkInterrupt(++seen);
            if (!t.mustRun) continue;
            for (NodeTask child : t.next) if (child != null) child.dependencies++;
        }
    }

    /**
     * An interrupt (the kernel's, or Thread.interrupt) ends a backward in its set-up passes too: over a graph of
     * millions of nodes they take seconds, and on JDK 20+ nothing else can stop library code. Every 4096 steps.
     */
    private static void checkInterrupt(int step) {
        if ((step & 4095) == 0 && Thread.interrupted()) throw new TorchException.BackwardInterrupted();
    }

    /**
     * A task for every node reachable from the roots (into {@code tasks}), children before parents, by an
     * explicit-stack DFS; each task's {@link NodeTask#next} is filled in on the way.
     */
    private static List<NodeTask> postOrder(Edge[] roots, Map<Node, NodeTask> tasks) {
        List<NodeTask> order = new ArrayList<>();
        int done = 0;
        ArrayDeque<NodeTask> stack = new ArrayDeque<>();
        for (Edge r : roots) {
            if (!r.isValid() || tasks.containsKey(r.node())) continue;
            NodeTask root = new NodeTask(r.node());
            tasks.put(r.node(), root);
            stack.push(root);
            while (!stack.isEmpty()) {
                checkInterrupt(done);
                NodeTask top = stack.peek();
                int k = top.cursor;
                Edge[] edges = top.node.next;
                if (k < edges.length) {
                    top.cursor = k + 1;
                    Edge e = edges[k];
                    if (e.isValid()) {
                        NodeTask child = tasks.get(e.node());
                        if (child == null) {
                            child = new NodeTask(e.node());
                            tasks.put(e.node(), child);
                            stack.push(child);
                        }
                        top.next[k] = child;
                    }
                } else {
                    order.add(stack.pop());
                    done++;
                }
            }
        }
        return order;
    }
}
