// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel.render;

import io.gradbook.autograd.AccumulateGrad;
import io.gradbook.autograd.Edge;
import io.gradbook.autograd.Node;
import io.gradbook.autograd.SavedTensor;
import io.gradbook.autograd.Tensor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A picture of the backward graph behind some tensors, drawn as SVG in pure Java (no Graphviz, no JavaScript),
 * so exported HTML and PDF keep it. Layered top-down from the outputs to the leaves; the layout depends only on
 * the graph's structure, so the same graph draws the same bytes. {@link #toString()} is a text fallback.
 */
public final class GraphPicture {
    private static final int BOX_W = 190, LINE_H = 14, PAD = 6, GAP_X = 26, GAP_Y = 46, MARGIN = 16;
    private static final int SMALL = 6;
    private static final java.util.Set<String> VIEW_NODES = java.util.Set.of("ViewBackward0", "ReshapeAliasBackward0", "TBackward0",
            "TransposeBackward0", "PermuteBackward0", "SelectBackward0", "SliceBackward0", "UnsqueezeBackward0", "SqueezeBackward0",
            "SqueezeBackward1", "SqueezeBackward3", "ExpandBackward0", "UnbindBackward0", "UnsafeViewBackward0");

    /** Kinds of boxes, each with one legend colour. */
    private enum Kind {
        OUTPUT("output tensor", "#cfe3ff", "#2f5e9e"),
        FUNCTION("backward node", "#e8e8e8", "#555555"),
        VIEW("view node", "#efe3ff", "#6a4a9c"),
        COPY("CopySlices (in-place into a view)", "#ffe0cc", "#a0522d"),
        LEAF("AccumulateGrad → leaf", "#d6f5d6", "#2e7d32");

        final String label, fill, stroke;

        Kind(String label, String fill, String stroke) {
            this.label = label;
            this.fill = fill;
            this.stroke = stroke;
        }
    }

    private static final class Box {
        final int id;
        final Kind kind;
        final List<String> lines = new ArrayList<>();
        int layer, order;
        double x, y;
        int height;

        Box(int id, Kind kind) {
            this.id = id;
            this.kind = kind;
        }
    }

    private record Arrow(Box from, Box to, String label) {}

    private final List<Box> boxes = new ArrayList<>();
    private final List<Arrow> arrows = new ArrayList<>();
    private String svg;

    private GraphPicture() {}

    /** The graph behind {@code outputs}: their grad_fn nodes down to the leaves' AccumulateGrad nodes. */
    public static GraphPicture of(Tensor... outputs) {
        GraphPicture p = new GraphPicture();
        p.build(outputs);
        p.layout();
        return p;
    }

    private void build(Tensor[] outputs) {
        Map<Node, Box> nodeBoxes = new IdentityHashMap<>();
        ArrayDeque<Node> queue = new ArrayDeque<>();
        for (int i = 0; i < outputs.length; i++) {
            Tensor t = outputs[i];
            Box out = new Box(boxes.size(), Kind.OUTPUT);
            out.lines.add(outputs.length > 1 ? "output " + i : "output");
            describeTensor(out, t);
            boxes.add(out);
            Node fn = t.gradFn();
            if (fn == null && t.requiresGrad()) {
                out.lines.add("(a leaf)");
                continue;
            }
            if (fn == null) {
                out.lines.add("no grad_fn: requires_grad=False");
                continue;
            }
            Box fb = nodeBoxes.computeIfAbsent(fn, n -> {
                queue.add(n);
                return newNodeBox(n);
            });
            arrows.add(new Arrow(out, fb, "grad_fn"));
        }
        while (!queue.isEmpty()) {
            Node n = queue.poll();
            Box from = nodeBoxes.get(n);
            for (Edge e : n.nextFunctions()) {
                if (e.node() == null) continue;
                Box to = nodeBoxes.computeIfAbsent(e.node(), m -> {
                    queue.add(m);
                    return newNodeBox(m);
                });
                arrows.add(new Arrow(from, to, Integer.toString(e.inputNr())));
            }
        }
    }

    private Box newNodeBox(Node n) {
        Kind kind = n instanceof AccumulateGrad ? Kind.LEAF : "CopySlices".equals(n.name()) ? Kind.COPY : VIEW_NODES.contains(n.name()) ? Kind.VIEW : Kind.FUNCTION;
        Box b = new Box(boxes.size(), kind);
        b.lines.add(n.name());
        if (n instanceof AccumulateGrad) {
            Tensor leaf = ((AccumulateGrad) n).variable();
            b.lines.add("leaf:");
            describeTensor(b, leaf);
            Tensor g = leaf.grad();
            b.lines.add("grad: " + (g == null ? "None" : small(g)));
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
        return b;
    }

    private static void describeTensor(Box b, Tensor t) {
        b.lines.add("shape " + shapeText(t) + " " + t.dtype().toString().replace("torch.", ""));
        if (t.numel() <= SMALL) b.lines.add(small(t));
        if (t.requiresGrad() && t.isLeaf()) b.lines.add("requires_grad=True");
    }

    /** {@code [3, 3]} from {@code torch.Size([3, 3])}. */
    private static String shapeText(Tensor t) {
        String s = t.shape().toString();
        return s.substring("torch.Size(".length(), s.length() - 1);
    }

    /** Values of a small tensor on one line, or shape and dtype for a large one. */
    private static String small(Tensor t) {
        if (t.numel() > SMALL) return shapeText(t) + " " + t.dtype().toString().replace("torch.", "");
        double[] v = t.detach().toDoubleArray();
        StringBuilder sb = new StringBuilder(t.dim() == 0 ? "" : "[");
        for (int i = 0; i < v.length; i++) {
            if (i > 0) sb.append(", ");
            sb.append(t.isFloatingPoint() ? String.format(Locale.ROOT, "%.4g", v[i]) : Long.toString((long) v[i]));
        }
        return sb.append(t.dim() == 0 ? "" : "]").toString();
    }

    /** Longest-path layers from the outputs, then two barycentre sweeps to untangle each layer. */
    private void layout() {
        Map<Box, List<Box>> children = new IdentityHashMap<>(), parents = new IdentityHashMap<>();
        Map<Box, Integer> indegree = new IdentityHashMap<>();
        for (Box b : boxes) {
            children.put(b, new ArrayList<>());
            parents.put(b, new ArrayList<>());
            indegree.put(b, 0);
        }
        for (Arrow a : arrows) {
            children.get(a.from).add(a.to);
            parents.get(a.to).add(a.from);
            indegree.merge(a.to, 1, Integer::sum);
        }
        ArrayDeque<Box> ready = new ArrayDeque<>();
        for (Box b : boxes) if (indegree.get(b) == 0) ready.add(b);
        while (!ready.isEmpty()) {
            Box b = ready.poll();
            for (Box c : children.get(b)) {
                c.layer = Math.max(c.layer, b.layer + 1);
                if (indegree.merge(c, -1, Integer::sum) == 0) ready.add(c);
            }
        }
        int layers = boxes.stream().mapToInt(b -> b.layer).max().orElse(0) + 1;
        List<List<Box>> byLayer = new ArrayList<>();
        for (int i = 0; i < layers; i++) byLayer.add(new ArrayList<>());
        for (Box b : boxes) byLayer.get(b.layer).add(b);
        for (List<Box> layer : byLayer) for (int i = 0; i < layer.size(); i++) layer.get(i).order = i;
        for (int sweep = 0; sweep < 2; sweep++) {
            for (int l = 1; l < layers; l++) reorder(byLayer.get(l), parents);
        }
        for (Box b : boxes) b.height = PAD * 2 + LINE_H * b.lines.size();
        double y = MARGIN;
        int widest = byLayer.stream().mapToInt(List::size).max().orElse(1);
        double width = widest * (BOX_W + GAP_X) - GAP_X;
        for (List<Box> layer : byLayer) {
            double rowW = layer.size() * (BOX_W + GAP_X) - GAP_X;
            double x = MARGIN + (width - rowW) / 2;
            int tallest = 0;
            for (Box b : layer) {
                b.x = x;
                b.y = y;
                x += BOX_W + GAP_X;
                tallest = Math.max(tallest, b.height);
            }
            y += tallest + GAP_Y;
        }
        svg = render(width + 2 * MARGIN, y - GAP_Y + MARGIN);
    }

    private static void reorder(List<Box> layer, Map<Box, List<Box>> parents) {
        Map<Box, Double> center = new IdentityHashMap<>();
        for (Box b : layer) {
            List<Box> ps = parents.get(b);
            center.put(b, ps.isEmpty() ? b.order : ps.stream().mapToInt(p -> p.order).average().orElse(b.order));
        }
        layer.sort(Comparator.<Box>comparingDouble(center::get).thenComparingInt(b -> b.id));
        for (int i = 0; i < layer.size(); i++) layer.get(i).order = i;
    }

    private static double legendWidth() {
        double w = 0;
        for (Kind k : Kind.values()) w += 24 + 6.6 * k.label.length();
        return w + 2 * MARGIN;
    }

    private String render(double graphWidth, double height) {
        StringBuilder s = new StringBuilder();
        int legendH = 22;
        double width = Math.max(graphWidth, legendWidth());
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" font-family=\"Menlo, Consolas, monospace\" font-size=\"11\">%n",
                width, height + legendH, width, height + legendH));
        s.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#888888\"/></marker></defs>\n");
        for (Arrow a : arrows) {
            double x1 = a.from.x + BOX_W / 2.0, y1 = a.from.y + a.from.height, x2 = a.to.x + BOX_W / 2.0, y2 = a.to.y;
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#888888\" stroke-width=\"1.3\" marker-end=\"url(#arrow)\"/>%n", x1, y1, x2, y2));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" fill=\"#888888\" font-size=\"10\">%s</text>%n", (x1 + x2) / 2 + 4, (y1 + y2) / 2, TensorCard.escape(a.label)));
        }
        for (Box b : boxes) {
            s.append(String.format(Locale.ROOT, "<g id=\"n%d\"><rect x=\"%.1f\" y=\"%.1f\" width=\"%d\" height=\"%d\" rx=\"5\" fill=\"%s\" stroke=\"%s\" stroke-width=\"1.4\"/>%n",
                    b.id, b.x, b.y, BOX_W, b.height, b.kind.fill, b.kind.stroke));
            for (int i = 0; i < b.lines.size(); i++) {
                String text = b.lines.get(i);
                if (text.length() > 30) text = text.substring(0, 29) + "…";
                s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" fill=\"#1a1a1a\"%s>%s</text>%n",
                        b.x + PAD, b.y + PAD + LINE_H * (i + 1) - 3, i == 0 ? " font-weight=\"bold\"" : "", TensorCard.escape(text)));
            }
            s.append("</g>\n");
        }
        double lx = MARGIN;
        double ly = height + 6;
        for (Kind k : Kind.values()) {
            s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"12\" height=\"12\" rx=\"2\" fill=\"%s\" stroke=\"%s\"/>", lx, ly, k.fill, k.stroke));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" fill=\"#888888\">%s</text>%n", lx + 16, ly + 10, TensorCard.escape(k.label)));
            lx += 24 + 6.6 * k.label.length();
        }
        s.append("</svg>\n");
        return s.toString();
    }

    public String svg() {
        return svg;
    }

    public int nodeCount() {
        return boxes.size();
    }

    public int edgeCount() {
        return arrows.size();
    }

    /** The text fallback: one line per box, its arrows below it (arrows grouped once: linear in the graph's size). */
    @Override
    public String toString() {
        Map<Box, List<Arrow>> out = new IdentityHashMap<>();
        for (Arrow a : arrows) out.computeIfAbsent(a.from, k -> new ArrayList<>()).add(a);
        StringBuilder sb = new StringBuilder();
        for (Box b : boxes) {
            sb.append("n").append(b.id).append(' ').append(String.join(" | ", b.lines)).append('\n');
            for (Arrow a : out.getOrDefault(b, List.of())) sb.append("    -> n").append(a.to.id).append(" (").append(a.label).append(")\n");
        }
        return sb.toString();
    }
}
