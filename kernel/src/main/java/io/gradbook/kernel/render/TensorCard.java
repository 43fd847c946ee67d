// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel.render;

import io.gradbook.autograd.Edge;
import io.gradbook.autograd.Node;
import io.gradbook.autograd.Tensor;

/**
 * The HTML card of a tensor (PyTorch's own text of it, shape, dtype, the autograd facts, the gradient) and of a
 * graph node. Every element carries its whole style inline (margins, padding, borders, backgrounds, alignment),
 * so the notebook's table and pre rules (zebra rows, hover, centring, padding) cannot reach in; colours come
 * from the page (currentColor and translucent greys), so it reads in light and dark themes and in exported HTML.
 * Untrusted, a front end strips the styles and what is left still reads: a heading, the text, a table.
 */
final class TensorCard {
    private TensorCard() {}

    private static final String BOX = "display:inline-block;box-sizing:border-box;max-width:100%;overflow-x:auto;border:1px solid rgba(127,127,127,.45);border-radius:6px;padding:6px 10px;margin:2px 0;"
            + "font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,'DejaVu Sans Mono',monospace;font-size:12px;line-height:1.4;color:inherit;background:rgba(127,127,127,.07);text-align:left";
    private static final String HEAD = "margin:0 0 4px 0;padding:0;opacity:.8";
    private static final String PRE = "margin:0;padding:0;border:0;background:transparent;color:inherit;font:inherit;line-height:inherit;white-space:pre;overflow:visible;text-align:left";
    private static final String TABLE = "border-collapse:collapse;border:0;margin:4px 0 0 0;padding:0;color:inherit;font:inherit;table-layout:auto;background:transparent;width:auto";
    private static final String TR = "background:transparent;border:0";
    private static final String KEY = "opacity:.7;padding:1px 10px 1px 0;margin:0;border:0;text-align:left;vertical-align:top;font-weight:normal;background:transparent;line-height:inherit;white-space:nowrap";
    private static final String VALUE = "padding:1px 0;margin:0;border:0;text-align:left;vertical-align:top;background:transparent;line-height:inherit";

    static String html(Tensor t) {
        StringBuilder sb = new StringBuilder("<div class=\"gradbook-tensor\" style=\"" + BOX + "\">");
        sb.append("<div style=\"" + HEAD + "\"><b>Tensor</b> ").append(escape(GraphPicture.shapeText(t))).append(" · ").append(escape(t.dtype().toString())).append("</div>");
        sb.append(pre(t.toString()));
        sb.append("<table style=\"" + TABLE + "\"><tbody>");
        row(sb, "requires_grad", text(t.requiresGrad() ? "True" : "False"));
        row(sb, "is_leaf", text(t.isLeaf() ? "True" : "False"));
        Node fn = t.gradFn();
        if (fn != null) {
            StringBuilder next = new StringBuilder();
            for (Edge e : fn.nextFunctions()) {
                if (next.length() > 0) next.append(", ");
                next.append(e.node() == null ? "None" : e.node().name());
            }
            row(sb, "grad_fn", text(fn.name() + (next.length() > 0 ? "  →  " + next : "")));
        }
        // only where PyTorch keeps a gradient: reading it on other non-leaves would warn
        Tensor g = t.isLeaf() || t.retainsGrad() ? t.grad() : null;
        if (g != null) row(sb, "grad", pre(g.toString()));
        sb.append("</tbody></table></div>");
        return sb.toString();
    }

    static String nodeHtml(Node n) {
        StringBuilder sb = new StringBuilder("<div class=\"gradbook-node\" style=\"" + BOX + "\"><div style=\"" + HEAD + "\"><b>").append(escape(n.name())).append("</b></div>");
        sb.append("<table style=\"" + TABLE + "\"><tbody>");
        int i = 0;
        for (Edge e : n.nextFunctions()) row(sb, "next_functions[" + i++ + "]", text((e.node() == null ? "None" : e.node().name()) + ", " + e.inputNr()));
        if (n.savedTensors().size() > 0) {
            boolean freed = n.savedTensors().stream().allMatch(s -> s.isReleased());
            row(sb, "saved", text(n.savedTensors().size() + " tensor(s)" + (freed ? " (freed by backward)" : "")));
        }
        return sb.append("</tbody></table></div>").toString();
    }

    private static String pre(String text) {
        return "<pre style=\"" + PRE + "\">" + escape(text) + "</pre>";
    }

    private static String text(String s) {
        return escape(s);
    }

    private static void row(StringBuilder sb, String key, String valueHtml) {
        sb.append("<tr style=\"" + TR + "\"><th style=\"" + KEY + "\">").append(escape(key)).append("</th><td style=\"" + VALUE + "\">").append(valueHtml).append("</td></tr>");
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
