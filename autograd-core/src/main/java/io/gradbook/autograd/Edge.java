// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

/**
 * One entry of {@code next_functions}: the node that receives a gradient and which of its inputs it arrives at.
 * {@code node} is null where PyTorch shows {@code None} (an input that does not require grad).
 */
public final class Edge {
    static final Edge NONE = new Edge(null, 0);

    private final Node node;
    private final int inputNr;

    Edge(Node node, int inputNr) {
        this.node = node;
        this.inputNr = inputNr;
    }

    /**
     * The node the gradient flows to (the first element of PyTorch's {@code next_functions} pair); null for an
     * input that needs no gradient.
     */
    public Node node() {
        return node;
    }

    /** Which input of that node this edge feeds (the second element of the {@code next_functions} pair). */
    public int inputNr() {
        return inputNr;
    }

    boolean isValid() {
        return node != null;
    }

    /** {@code (<MulBackward0 object at 0x...>, 0)}, or {@code (None, 0)}. */
    @Override
    public String toString() {
        return "(" + (node == null ? "None" : node.toString()) + ", " + inputNr + ")";
    }
}
