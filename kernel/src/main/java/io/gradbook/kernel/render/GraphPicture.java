// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel.render;

import io.gradbook.autograd.AccumulateGrad;
import io.gradbook.autograd.Edge;
import io.gradbook.autograd.Node;
import io.gradbook.autograd.SavedTensor;
import io.gradbook.autograd.Tensor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A picture of the backward graph behind some tensors, drawn as SVG in pure Java (no Graphviz, no JavaScript),
 * so exported HTML and PDF keep it: the outputs at the top, their grad_fn nodes, down to the leaves'
 * AccumulateGrad nodes. Values are PyTorch's own text; leaves and outputs carry the names of the session's
 * variables that hold them. The layout ({@link GraphLayout}) depends only on the graph, so the same graph draws
 * the same bytes. {@link #toString()} is the plain-text form shown where the SVG cannot be (untrusted notebooks,
 * consoles).
 *
 * <p>A huge graph (a 20,000-step loop) is not drawn whole: the {@link #DEFAULT_MAX_NODES} nodes nearest the outputs
 * (breadth first, so the last steps of a loop) are, and one dashed box stands for the rest, counting them by kind,
 * with the call that draws more. The picture of 20,000 nodes was 11 MB of SVG that no front end shows usefully;
 * capped, the SVG stays a few hundred KB and drawing it well under a second. Layout and SVG are made when first
 * asked for (the kernel renders a cell's result on a thread an interrupt stops), and every loop over boxes
 * checks the interrupt flag ({@link Interrupts}).
 */
public final class GraphPicture {
    /** How many autograd nodes {@code draw(t)} draws; {@code draw(t, maxNodes)} changes it. */
    public static final int DEFAULT_MAX_NODES = 500;
    /** Tensors whose PyTorch text is at most this many lines of at most {@link #MAX_CHARS} are shown in full. */
    private static final int MAX_LINES = 5, MAX_CHARS = 40;
    static final java.util.Set<String> VIEW_NODES = java.util.Set.of("ViewBackward0", "ReshapeAliasBackward0", "TBackward0",
            "TransposeBackward0", "PermuteBackward0", "SelectBackward0", "SliceBackward0", "UnsqueezeBackward0", "SqueezeBackward0",
            "SqueezeBackward1", "SqueezeBackward3", "ExpandBackward0", "UnbindBackward0", "UnsafeViewBackward0", "AsStridedBackward0");

    /** Kinds of boxes, each with one legend colour. */
    enum Kind {
        OUTPUT("output tensor", "#cfe3ff", "#2f5e9e"),
        FUNCTION("backward node", "#e8e8e8", "#555555"),
        VIEW("view node", "#efe3ff", "#6a4a9c"),
        COPY("CopySlices (in-place into a view)", "#ffe0cc", "#a0522d"),
        LEAF("AccumulateGrad → leaf", "#d6f5d6", "#2e7d32"),
        MORE("nodes not drawn", "#ffffff", "#999999");

        final String label, fill, stroke;

        Kind(String label, String fill, String stroke) {
            this.label = label;
            this.fill = fill;
            this.stroke = stroke;
        }
    }

    /** One box: its text lines (the first is the title) and, once laid out, its place. */
    static final class Box {
        final int id;
        final Kind kind;
        final String title;
        final List<String> lines = new ArrayList<>();
        int layer, order;
        double x, y, width, height;
        final boolean dummy;

        Box(int id, Kind kind, String title) {
            this.id = id;
            this.kind = kind;
            this.title = title;
            this.dummy = false;
            lines.add(title);
        }

        /** A routing point of a long edge: it takes a slot in its layer so no box sits where the edge passes. */
        Box(int id, int layer) {
            this.id = id;
            this.kind = null;
            this.title = "";
            this.layer = layer;
            this.dummy = true;
        }
    }

    /** An edge of the graph: from a node to the node of its input; labelled only where the node has several. */
    record Arrow(Box from, Box to, String label, int inputNr) {}

    final List<Box> boxes = new ArrayList<>();
    final List<Arrow> arrows = new ArrayList<>();
    /** Each drawn node's box number: the SVG group {@code <g id="nK">} of node n is K = boxOf(n). */
    private final Map<Node, Integer> boxOfNode = new IdentityHashMap<>();
    private final Function<Object, String> names;
    private final int maxNodes;
    /** Autograd nodes drawn, and those left out (counted, not drawn). */
    private int drawnNodes, hiddenNodes;
    private volatile String svg;

    private GraphPicture(Function<Object, String> names, int maxNodes) {
        this.names = names;
        this.maxNodes = maxNodes;
    }

    /** The graph behind {@code outputs}: their grad_fn nodes down to the leaves' AccumulateGrad nodes. */
    public static GraphPicture of(Tensor... outputs) {
        return of(t -> null, outputs);
    }

    /** The same, naming tensors by {@code names} (the session's variables; null for a tensor no variable holds). */
    public static GraphPicture of(Function<Object, String> names, Tensor... outputs) {
        return of(names, DEFAULT_MAX_NODES, outputs);
    }

    /**
     * The same, drawing at most {@code maxNodes} autograd nodes, those nearest the outputs; one box counts the rest.
     *
     * <pre>
     * jshell&gt; var y = x; for (int i = 0; i &lt; 20000; i++) y = y.mul(1.0);
     * jshell&gt; draw(y, 100)   // 100 MulBackward0 boxes, then "… 19,901 more nodes not drawn"
     * </pre>
     */
    public static GraphPicture of(Function<Object, String> names, int maxNodes, Tensor... outputs) {
        if (maxNodes < 1) throw new IllegalArgumentException("draw: maxNodes must be at least 1, got " + maxNodes
                + "\nHint: draw(t) draws the " + DEFAULT_MAX_NODES + " nodes nearest the output; draw(t, n) draws n.");
        GraphPicture p = new GraphPicture(names, maxNodes);
        p.build(outputs);
        return p;
    }

    private String nameOf(Tensor t) {
        String n = names.apply(t);
        return n == null || n.isEmpty() ? null : n;
    }

    private void build(Tensor[] outputs) {
        Map<Node, Box> nodeBoxes = new IdentityHashMap<>();
        Map<Node, Boolean> hidden = new IdentityHashMap<>();
        ArrayDeque<Node> queue = new ArrayDeque<>();
        for (int i = 0; i < outputs.length; i++) {
            Tensor t = outputs[i];
            String name = nameOf(t);
            Box out = new Box(boxes.size(), Kind.OUTPUT, name != null ? name : outputs.length > 1 ? "output " + i : "output");
            describeTensor(out, t, "");
            boxes.add(out);
            Node fn = t.gradFn();
            if (fn == null) {
                out.lines.add(t.requiresGrad() ? "a leaf: no grad_fn" : "no grad_fn: requires_grad=False");
                continue;
            }
            Box fb = nodeBoxes.get(fn);
            if (fb == null && !hidden.containsKey(fn)) {
                fb = visit(fn, nodeBoxes, hidden);
                (fb == null ? hiddenQueue : queue).add(fn);
            }
            if (fb == null) frontier.add(out);
            else arrows.add(new Arrow(out, fb, "", 0));
        }
        while (!queue.isEmpty()) {
            Interrupts.check();
            Node n = queue.poll();
            Box from = nodeBoxes.get(n);
            List<Edge> next = n.nextFunctions();
            long drawn = next.stream().filter(e -> e.node() != null).count();
            boolean toMore = false;
            for (int i = 0; i < next.size(); i++) {
                Edge e = next.get(i);
                if (e.node() == null) continue;
                Box to = nodeBoxes.get(e.node());
                if (to == null && !hidden.containsKey(e.node())) {
                    to = visit(e.node(), nodeBoxes, hidden);
                    (to == null ? hiddenQueue : queue).add(e.node());
                }
                if (to == null) {
                    // every input past the cap leads to the one box that counts them: one arrow per node
                    if (!toMore) frontier.add(from);
                    toMore = true;
                    continue;
                }
                // which of the node's inputs this edge serves (next_functions[i]): said only when several are drawn
                arrows.add(new Arrow(from, to, drawn > 1 ? "[" + i + "]" : "", e.inputNr()));
            }
        }
        // the nodes past the cap: walked (not drawn) only to count them by kind for the note
        while (!hiddenQueue.isEmpty()) {
            Interrupts.check();
            for (Edge e : hiddenQueue.poll().nextFunctions()) {
                if (e.node() == null || nodeBoxes.containsKey(e.node()) || hidden.containsKey(e.node())) continue;
                hidden.put(e.node(), Boolean.TRUE);
                hiddenQueue.add(e.node());
            }
        }
        if (!frontier.isEmpty()) {
            Box more = moreBox(hidden.keySet());
            for (Box from : frontier) arrows.add(new Arrow(from, more, "", 0));
        }
    }

    private final ArrayDeque<Node> hiddenQueue = new ArrayDeque<>();
    /** The boxes with an input past the cap: each gets one arrow to the box that counts those. */
    private final List<Box> frontier = new ArrayList<>();

    /** A node seen for the first time: its box while the cap allows, else null (and it is counted as hidden). */
    private Box visit(Node n, Map<Node, Box> nodeBoxes, Map<Node, Boolean> hidden) {
        if (drawnNodes >= maxNodes) {
            hidden.put(n, Boolean.TRUE);
            return null;
        }
        drawnNodes++;
        Box b = newNodeBox(n);
        nodeBoxes.put(n, b);
        return b;
    }

    /** The box that stands for the nodes past the cap: "… 19,501 more nodes not drawn", their kinds, how to draw more. */
    private Box moreBox(java.util.Set<Node> hidden) {
        hiddenNodes = hidden.size();
        Map<String, Integer> kinds = new java.util.HashMap<>();
        for (Node n : hidden) kinds.merge(n.name(), 1, Integer::sum);
        List<Map.Entry<String, Integer>> byCount = new ArrayList<>(kinds.entrySet());
        byCount.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        Box moreBox = new Box(boxes.size(), Kind.MORE, String.format(java.util.Locale.ROOT, "… %,d more node%s not drawn", hiddenNodes, hiddenNodes == 1 ? "" : "s"));
        // the kinds, a few to a line, at most four lines
        StringBuilder line = new StringBuilder();
        int full = 0, k = 0;
        for (; k < byCount.size(); k++) {
            String item = String.format(java.util.Locale.ROOT, "%s ×%,d", byCount.get(k).getKey(), byCount.get(k).getValue());
            if (line.length() > 0 && line.length() + 2 + item.length() > 56) {
                if (full == 3) break;
                moreBox.lines.add(line.append(',').toString());
                line.setLength(0);
                full++;
            }
            line.append(line.length() > 0 ? ", " : "").append(item);
        }
        if (k < byCount.size()) line.append(String.format(java.util.Locale.ROOT, ", and %,d more kinds", byCount.size() - k));
        moreBox.lines.add(line.toString());
        moreBox.lines.add(String.format(java.util.Locale.ROOT, "draw(t, maxNodes) draws more than %,d", maxNodes));
        boxes.add(moreBox);
        return moreBox;
    }

    private Box newNodeBox(Node n) {
        Kind kind = n instanceof AccumulateGrad ? Kind.LEAF : "CopySlices".equals(n.name()) ? Kind.COPY : VIEW_NODES.contains(n.name()) ? Kind.VIEW : Kind.FUNCTION;
        Box b = new Box(boxes.size(), kind, n.name());
        if (n instanceof AccumulateGrad) {
            Tensor leaf = ((AccumulateGrad) n).variable();
            String name = nameOf(leaf);
            describeTensor(b, leaf, name == null ? "leaf " : name + ": leaf ");
            Tensor g = leaf.grad();
            if (g == null) {
                b.lines.add("grad: None");
            } else {
                List<String> values = valueLines(g);
                if (values == null) b.lines.add("grad: " + shapeText(g));
                else {
                    b.lines.add("grad:");
                    b.lines.addAll(values);
                }
            }
        } else {
            List<SavedTensor> saved = n.savedTensors();
            if (!saved.isEmpty()) {
                boolean freed = saved.stream().allMatch(SavedTensor::isReleased);
                StringBuilder s = new StringBuilder("saved: ");
                for (int i = 0; i < saved.size(); i++) {
                    if (i > 0) s.append(", ");
                    s.append(saved.get(i).description().replace("torch.", "").replace("Tensor", ""));
                }
                b.lines.add(s.toString());
                if (freed) b.lines.add("saved tensors freed");
            }
        }
        int hooks = n.preHookCount() + n.postHookCount();
        if (hooks > 0) b.lines.add(hooks + " hook" + (hooks > 1 ? "s" : ""));
        boxes.add(b);
        boxOfNode.put(n, b.id);
        return b;
    }

    /** Shape and dtype on one line, then the values as PyTorch prints them when they are few. */
    private static void describeTensor(Box b, Tensor t, String prefix) {
        b.lines.add(prefix + shapeText(t) + " " + t.dtype().toString().replace("torch.", ""));
        List<String> values = valueLines(t);
        if (values != null) b.lines.addAll(values);
    }

    /** {@code [3, 3]} from {@code torch.Size([3, 3])}. */
    static String shapeText(Tensor t) {
        String s = t.shape().toString();
        return s.substring("torch.Size(".length(), s.length() - 1);
    }

    /**
     * PyTorch's text of the values without {@code tensor(...)} around them (its line breaks and alignment kept),
     * or null when that would not fit a box.
     */
    static List<String> valueLines(Tensor t) {
        if (t.numel() == 0) return null;
        String repr = t.detach().toString();
        if (!repr.startsWith("tensor(") || !repr.endsWith(")")) return null;
        String[] rows = repr.substring("tensor(".length(), repr.length() - 1).split("\n");
        if (rows.length > MAX_LINES) return null;
        List<String> out = new ArrayList<>();
        for (String r : rows) {
            String line = r.startsWith("       ") ? r.substring("       ".length()) : r;
            if (line.length() > MAX_CHARS) return null;
            out.add(line);
        }
        return out;
    }

    /** The number K of the SVG group {@code <g id="nK">} that draws node n, or -1 if n is not in the picture. */
    public int boxOf(Node n) {
        return boxOfNode.getOrDefault(n, -1);
    }

    /** The SVG, laid out when first asked for (the kernel asks on a thread an interrupt stops). */
    public String svg() {
        String s = svg;
        if (s == null) svg = s = GraphLayout.draw(this);
        return s;
    }

    public int nodeCount() {
        return boxes.size();
    }

    /** Autograd nodes left out of the picture by its cap (0 when all are drawn). */
    public int hiddenNodeCount() {
        return hiddenNodes;
    }

    public int edgeCount() {
        return arrows.size();
    }

    /** The edges as "Parent -> Child:inputNr" by node name (for tests). */
    List<String> edgeNames() {
        List<String> out = new ArrayList<>();
        for (Arrow a : arrows) if (a.from.kind != Kind.OUTPUT) out.add(a.from.title + " -> " + a.to.title + ":" + a.inputNr);
        return out;
    }

    /**
     * The plain-text form: each box on one line (numbered, so shared nodes read as such), followed by the boxes
     * its edges lead to, from the outputs down to the leaves. Arrows are grouped once, so it is linear in the graph.
     */
    @Override
    public String toString() {
        Map<Box, List<Arrow>> byFrom = new IdentityHashMap<>();
        for (Arrow a : arrows) byFrom.computeIfAbsent(a.from, k -> new ArrayList<>()).add(a);
        StringBuilder sb = new StringBuilder("autograd graph, from the output down to the leaves:\n");
        for (Box b : boxes) {
            Interrupts.check();
            sb.append("  #").append(b.id).append(' ').append(b.title);
            for (int i = 1; i < b.lines.size(); i++) sb.append(i == 1 ? "  " : " ").append(b.lines.get(i).strip());
            StringBuilder to = new StringBuilder();
            for (Arrow a : byFrom.getOrDefault(b, List.of())) {
                to.append(to.length() == 0 ? "" : ", ").append('#').append(a.to.id).append(' ').append(a.to.title).append(a.label.isEmpty() ? "" : " " + a.label);
            }
            if (to.length() > 0) sb.append("\n      -> ").append(to);
            sb.append('\n');
        }
        return sb.toString();
    }
}
