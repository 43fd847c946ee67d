// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel.render;

import io.gradbook.kernel.render.GraphPicture.Arrow;
import io.gradbook.kernel.render.GraphPicture.Box;
import io.gradbook.kernel.render.GraphPicture.Kind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Lays out and draws a {@link GraphPicture} as SVG: layers by longest path from the outputs, long edges broken by
 * routing points that take a slot in each layer they cross, barycentre ordering, boxes placed under their parents.
 *
 * <p>Why nothing overflows or crosses: every box is as wide as its longest line at a monospace advance of
 * {@link #CHAR_W} per character, and every line is drawn with {@code textLength} of exactly that width, so a
 * browser whose monospace font is a little wider or narrower squeezes or stretches the glyphs instead of letting
 * them out of the box. Boxes of a layer share their top; an edge leaves its box straight down to the bottom of
 * the layer's band, crosses the gap between bands (where there are no boxes), and enters a box or a routing slot
 * straight down: no segment can pass under a box.
 */
final class GraphLayout {
    static final double FONT = 12, CHAR_W = FONT * 0.6, LINE_H = 16, PAD_X = 7, PAD_Y = 5;
    static final double GAP_X = 22, GAP_Y = 44, MARGIN = 12, SLOT_W = 6, LEGEND_FONT = 11;

    private GraphLayout() {}

    static String draw(GraphPicture p) {
        List<Box> all = new ArrayList<>(p.boxes);
        for (Box b : p.boxes) {
            int chars = 0;
            for (String l : b.lines) chars = Math.max(chars, l.codePointCount(0, l.length()));
            b.width = Math.ceil(chars * CHAR_W + 2 * PAD_X);
            b.height = Math.ceil(b.lines.size() * LINE_H + 2 * PAD_Y);
        }
        layer(p.boxes, p.arrows);
        // an arrow to the next layer is one segment; a longer one enters a lane of routing slots, one per layer it
        // crosses, that runs down into its target. Arrows into the same box share its lane, so a leaf used by every
        // step of a long loop costs one slot per layer (linear), not one per arrow and layer (quadratic).
        List<Box[]> segments = new ArrayList<>();
        Map<Box, Map<Integer, Box>> lanes = new IdentityHashMap<>();
        java.util.Set<List<Box>> seen = new java.util.HashSet<>();
        Map<List<Box>, String> labels = new java.util.HashMap<>();
        for (Arrow a : p.arrows) {
            Interrupts.check();
            Box to = a.to(), entry = to;
            if (a.from().layer + 1 < to.layer) {
                Map<Integer, Box> lane = lanes.computeIfAbsent(to, t -> new java.util.HashMap<>());
                // extend the lane upwards to the layer below this arrow's start; each slot is made once
                for (int l = to.layer - 1 - lane.size(); l > a.from().layer; l--) {
                    Box slot = new Box(-1, l);
                    slot.width = SLOT_W;
                    all.add(slot);
                    segments.add(new Box[] {slot, lane.isEmpty() ? to : lane.get(l + 1)});
                    lane.put(l, slot);
                }
                entry = lane.get(a.from().layer + 1);
            }
            List<Box> key = List.of(a.from(), entry);
            if (seen.add(key)) segments.add(new Box[] {a.from(), entry});
            // x.mul(x): two inputs, one drawn segment; its label names both
            if (!a.label().isEmpty()) labels.merge(key, a.label(), (x, y) -> x + " " + y);
        }
        int layers = all.stream().mapToInt(b -> b.layer).max().orElse(0) + 1;
        List<List<Box>> byLayer = new ArrayList<>();
        for (int i = 0; i < layers; i++) byLayer.add(new ArrayList<>());
        for (Box b : all) byLayer.get(b.layer).add(b);
        Map<Box, List<Box>> up = new IdentityHashMap<>(), down = new IdentityHashMap<>();
        for (Box b : all) {
            up.put(b, new ArrayList<>());
            down.put(b, new ArrayList<>());
        }
        for (Box[] seg : segments) {
            down.get(seg[0]).add(seg[1]);
            up.get(seg[1]).add(seg[0]);
        }
        order(byLayer, up, down);
        place(byLayer, up, down);
        double[] bandTop = new double[layers], bandBottom = new double[layers];
        double y = MARGIN;
        for (int l = 0; l < layers; l++) {
            double tallest = 0;
            for (Box b : byLayer.get(l)) {
                b.y = y;
                tallest = Math.max(tallest, b.height);
            }
            bandTop[l] = y;
            bandBottom[l] = y + tallest;
            y += tallest + GAP_Y;
        }
        double height = y - GAP_Y + MARGIN;
        double width = 0;
        for (Box b : all) width = Math.max(width, b.x + b.width + MARGIN);
        return render(p, segments, labels, bandTop, bandBottom, width, height);
    }

    /** Longest path from the outputs: every edge points one or more layers down. */
    private static void layer(List<Box> boxes, List<Arrow> arrows) {
        Map<Box, List<Box>> children = new IdentityHashMap<>();
        Map<Box, Integer> indegree = new IdentityHashMap<>();
        for (Box b : boxes) {
            children.put(b, new ArrayList<>());
            indegree.put(b, 0);
        }
        for (Arrow a : arrows) {
            children.get(a.from()).add(a.to());
            indegree.merge(a.to(), 1, Integer::sum);
        }
        ArrayDeque<Box> ready = new ArrayDeque<>();
        for (Box b : boxes) if (indegree.get(b) == 0) ready.add(b);
        while (!ready.isEmpty()) {
            Interrupts.check();
            Box b = ready.poll();
            for (Box c : children.get(b)) {
                c.layer = Math.max(c.layer, b.layer + 1);
                if (indegree.merge(c, -1, Integer::sum) == 0) ready.add(c);
            }
        }
    }

    /** Barycentre sweeps, down then up, to keep edges from crossing; ties keep the order boxes were found in. */
    private static void order(List<List<Box>> byLayer, Map<Box, List<Box>> up, Map<Box, List<Box>> down) {
        for (List<Box> layer : byLayer) for (int i = 0; i < layer.size(); i++) layer.get(i).order = i;
        for (int sweep = 0; sweep < 4; sweep++) {
            if (sweep % 2 == 0) for (int l = 1; l < byLayer.size(); l++) reorder(byLayer.get(l), up);
            else for (int l = byLayer.size() - 2; l >= 0; l--) reorder(byLayer.get(l), down);
        }
    }

    private static void reorder(List<Box> layer, Map<Box, List<Box>> neighbours) {
        Interrupts.check();
        Map<Box, Double> center = new IdentityHashMap<>();
        for (Box b : layer) {
            List<Box> ns = neighbours.get(b);
            center.put(b, ns.isEmpty() ? b.order : ns.stream().mapToInt(n -> n.order).average().orElse(b.order));
        }
        layer.sort(Comparator.<Box>comparingDouble(center::get).thenComparingInt(b -> b.order));
        for (int i = 0; i < layer.size(); i++) layer.get(i).order = i;
    }

    /**
     * x positions: each layer packed, then moved under the centre of its parents (down) and over its children
     * (up), keeping the order and the gaps. Packing from the left and from the right and taking the mean keeps
     * both sets of gaps, so boxes never overlap.
     */
    private static void place(List<List<Box>> byLayer, Map<Box, List<Box>> up, Map<Box, List<Box>> down) {
        for (List<Box> layer : byLayer) {
            double x = 0;
            for (Box b : layer) {
                b.x = x;
                x += b.width + GAP_X;
            }
        }
        for (int pass = 0; pass < 3; pass++) {
            for (int l = 1; l < byLayer.size(); l++) align(byLayer.get(l), up);
            for (int l = byLayer.size() - 2; l >= 0; l--) align(byLayer.get(l), down);
        }
        double min = Double.MAX_VALUE;
        for (List<Box> layer : byLayer) for (Box b : layer) min = Math.min(min, b.x);
        for (List<Box> layer : byLayer) for (Box b : layer) b.x += MARGIN - min;
    }

    private static void align(List<Box> layer, Map<Box, List<Box>> neighbours) {
        Interrupts.check();
        int n = layer.size();
        double[] want = new double[n], left = new double[n], right = new double[n];
        for (int i = 0; i < n; i++) {
            Box b = layer.get(i);
            List<Box> ns = neighbours.get(b);
            double c = ns.isEmpty() ? b.x + b.width / 2 : ns.stream().mapToDouble(o -> o.x + o.width / 2).average().orElse(0);
            want[i] = c - b.width / 2;
        }
        for (int i = 0; i < n; i++) left[i] = i == 0 ? want[i] : Math.max(want[i], left[i - 1] + layer.get(i - 1).width + GAP_X);
        for (int i = n - 1; i >= 0; i--) right[i] = i == n - 1 ? want[i] : Math.min(want[i], right[i + 1] - GAP_X - layer.get(i).width);
        for (int i = 0; i < n; i++) layer.get(i).x = (left[i] + right[i]) / 2;
    }

    private static String render(GraphPicture p, List<Box[]> segments, Map<List<Box>, String> labels, double[] bandTop, double[] bandBottom, double graphW, double graphH) {
        EnumSet<Kind> shown = EnumSet.noneOf(Kind.class);
        for (Box b : p.boxes) shown.add(b.kind);
        // the legend: only the kinds in this picture, wrapped into rows no wider than the graph (or one entry)
        List<List<Kind>> rows = new ArrayList<>();
        double legendW = Math.max(graphW - 2 * MARGIN, 0), rowW = 0;
        for (Kind k : shown) {
            double w = entryWidth(k);
            if (rows.isEmpty() || rowW + w > legendW && rowW > 0) {
                rows.add(new ArrayList<>());
                rowW = 0;
            }
            rows.get(rows.size() - 1).add(k);
            rowW += w;
        }
        double widest = graphW;
        for (List<Kind> row : rows) widest = Math.max(widest, 2 * MARGIN + row.stream().mapToDouble(GraphLayout::entryWidth).sum());
        double height = graphH + rows.size() * 18 + 4;
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"gradbook-graph\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\""
                + " style=\"max-width:100%%;height:auto\" font-family=\"DejaVu Sans Mono, Menlo, Consolas, Liberation Mono, monospace\" font-size=\"%.0f\" xml:space=\"preserve\">%n",
                widest, height, widest, height, FONT));
        s.append("<defs><marker id=\"gradbook-arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#888888\"/></marker></defs>\n");
        for (Box[] seg : segments) {
            Interrupts.check();
            edge(s, seg[0], seg[1], labels.get(List.of(seg[0], seg[1])), bandTop, bandBottom);
        }
        for (Box b : p.boxes) {
            Interrupts.check();
            box(s, b);
        }
        double ly = graphH;
        for (List<Kind> row : rows) {
            double lx = MARGIN;
            for (Kind k : row) {
                s.append(String.format(Locale.ROOT, "<g class=\"legend\"><rect x=\"%.1f\" y=\"%.1f\" width=\"12\" height=\"12\" rx=\"2\" fill=\"%s\" stroke=\"%s\"/>", lx, ly, k.fill, k.stroke));
                s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" fill=\"#888888\" font-size=\"%.0f\" textLength=\"%.1f\" lengthAdjust=\"spacingAndGlyphs\">%s</text></g>%n",
                        lx + 16, ly + 10, LEGEND_FONT, k.label.length() * LEGEND_FONT * 0.6, TensorCard.escape(k.label)));
                lx += entryWidth(k);
            }
            ly += 18;
        }
        return s.append("</svg>\n").toString();
    }

    private static double entryWidth(Kind k) {
        return 16 + k.label.length() * LEGEND_FONT * 0.6 + 18;
    }

    /**
     * One segment: straight down out of the box (or through the routing slot) to the bottom of its layer's band,
     * an S-curve across the gap, where there are no boxes, into the top of the next box or slot.
     */
    private static void edge(StringBuilder s, Box from, Box to, String label, double[] bandTop, double[] bandBottom) {
        double x = from.x + from.width / 2, y = from.dummy ? bandTop[from.layer] : from.y + from.height;
        double yb = bandBottom[from.layer], yt = bandTop[to.layer], nx = to.x + to.width / 2;
        StringBuilder d = new StringBuilder("M ").append(num(x)).append(' ').append(num(y));
        if (yb > y) d.append(" L ").append(num(x)).append(' ').append(num(yb));
        String mid = num((yb + yt) / 2);
        d.append(" C ").append(num(x)).append(' ').append(mid).append(' ').append(num(nx)).append(' ').append(mid).append(' ').append(num(nx)).append(' ').append(num(yt));
        s.append("<path class=\"edge\" d=\"").append(d).append("\" fill=\"none\" stroke=\"#888888\" stroke-width=\"1.3\"")
                .append(to.dummy ? "" : " marker-end=\"url(#gradbook-arrow)\"").append("/>\n");
        if (label != null) {
            s.append("<text class=\"edge-label\" x=\"").append(num(x + (nx - x) * 0.25 + 4)).append("\" y=\"").append(num(yb + (yt - yb) * 0.35 + 4))
                    .append("\" fill=\"#888888\" font-size=\"10\">").append(TensorCard.escape(label)).append("</text>\n");
        }
    }

    /** A coordinate with one decimal (String.format took most of a large picture's time). */
    static String num(double v) {
        long tenths = Math.round(v * 10);
        String sign = tenths < 0 ? "-" : "";
        tenths = Math.abs(tenths);
        return sign + (tenths / 10) + "." + (tenths % 10);
    }

    private static void box(StringBuilder s, Box b) {
        s.append("<g class=\"node\" id=\"n").append(b.id).append("\"><rect x=\"").append(num(b.x)).append("\" y=\"").append(num(b.y)).append("\" width=\"").append(num(b.width))
                .append("\" height=\"").append(num(b.height)).append("\" rx=\"5\" fill=\"").append(b.kind.fill).append("\" stroke=\"").append(b.kind.stroke).append("\" stroke-width=\"1.4\"")
                .append(b.kind == Kind.MORE ? " stroke-dasharray=\"5 3\"" : "").append("/>\n");
        for (int i = 0; i < b.lines.size(); i++) {
            String text = b.lines.get(i);
            double w = text.codePointCount(0, text.length()) * CHAR_W;
            s.append("<text x=\"").append(num(b.x + PAD_X)).append("\" y=\"").append(num(b.y + PAD_Y + LINE_H * (i + 1) - 4)).append("\" fill=\"#1a1a1a\" textLength=\"").append(num(w))
                    .append("\" lengthAdjust=\"spacingAndGlyphs\"").append(i == 0 ? " font-weight=\"bold\"" : "").append('>').append(TensorCard.escape(text)).append("</text>\n");
        }
        s.append("</g>\n");
    }
}
