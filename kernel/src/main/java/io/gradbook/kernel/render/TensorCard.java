// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel.render;

import io.gradbook.autograd.Edge;
import io.gradbook.autograd.Node;
import io.gradbook.autograd.Tensor;

/**
 * The HTML card of a tensor (values as a table for 1-D and 2-D, shape, dtype, autograd facts, the gradient) and
 * of a graph node. Plain HTML with inline styles that inherit the page's colours, so it reads in light and dark
 * themes and in exported HTML without JavaScript.
 */
final class TensorCard {
    private TensorCard() {}

    private static final int MAX_ROWS = 12, MAX_COLS = 12;
    private static final String BOX = "display:inline-block;border:1px solid rgba(127,127,127,.45);border-radius:6px;padding:6px 10px;margin:2px 0;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px;line-height:1.35;color:inherit;background:rgba(127,127,127,.06)";
    private static final String KEY = "opacity:.7;padding-right:8px;text-align:left;font-weight:normal";
    private static final String CELL = "padding:1px 6px;text-align:right;border-bottom:1px solid rgba(127,127,127,.2)";

    static String html(Tensor t) {
        StringBuilder sb = new StringBuilder("<div class=\"gradbook-tensor\" style=\"" + BOX + "\">");
        sb.append("<div style=\"margin-bottom:4px\"><b>Tensor</b> ").append(escape(t.shape().toString())).append(" · ").append(t.dtype()).append("</div>");
        sb.append(values(t));
        sb.append("<table style=\"border-collapse:collapse;margin-top:4px\">");
        row(sb, "requires_grad", t.requiresGrad() ? "True" : "False");
        row(sb, "is_leaf", t.isLeaf() ? "True" : "False");
        Node fn = t.gradFn();
        if (fn != null) {
            StringBuilder next = new StringBuilder();
            for (Edge e : fn.nextFunctions()) {
                if (next.length() > 0) next.append(", ");
                next.append(e.node() == null ? "None" : e.node().name()).append(':').append(e.inputNr());
            }
            row(sb, "grad_fn", fn.name() + (next.length() > 0 ? "  →  " + next : ""));
        }
        // only where PyTorch keeps a gradient: reading it on other non-leaves would warn
        Tensor g = t.isLeaf() || t.retainsGrad() ? t.grad() : null;
        if (g != null) row(sb, "grad", g.toString());
        sb.append("</table></div>");
        return sb.toString();
    }

    private static String values(Tensor t) {
        if (t.dim() > 2 || t.numel() == 0) return "<pre style=\"margin:0;font:inherit\">" + escape(t.toString()) + "</pre>";
        Tensor v = t.detach();
        int rows = t.dim() == 2 ? t.size(0) : 1, cols = t.dim() == 0 ? 1 : t.size(t.dim() - 1);
        double[] values = v.toDoubleArray();
        StringBuilder sb = new StringBuilder("<table style=\"border-collapse:collapse\">");
        for (int r = 0; r < rows; r++) {
            if (rows > MAX_ROWS && r == MAX_ROWS / 2) {
                sb.append("<tr><td style=\"" + CELL + "\" colspan=\"").append(Math.min(cols, MAX_COLS + 1)).append("\">⋮</td></tr>");
                r = rows - MAX_ROWS / 2;
            }
            sb.append("<tr>");
            for (int c = 0; c < cols; c++) {
                if (cols > MAX_COLS && c == MAX_COLS / 2) {
                    sb.append("<td style=\"" + CELL + "\">…</td>");
                    c = cols - MAX_COLS / 2;
                }
                sb.append("<td style=\"" + CELL + "\">").append(format(values[r * cols + c], t)).append("</td>");
            }
            sb.append("</tr>");
        }
        return sb.append("</table>").toString();
    }

    private static String format(double x, Tensor t) {
        if (!t.isFloatingPoint()) return t.dtype().toString().equals("torch.bool") ? (x != 0 ? "True" : "False") : Long.toString((long) x);
        if (Double.isNaN(x) || Double.isInfinite(x)) return Double.toString(x);
        return Math.abs(x) >= 1e5 || (x != 0 && Math.abs(x) < 1e-4) ? String.format("%.4e", x) : String.format("%.4f", x);
    }

    static String nodeHtml(Node n) {
        StringBuilder sb = new StringBuilder("<div class=\"gradbook-node\" style=\"" + BOX + "\"><b>").append(escape(n.name())).append("</b>");
        sb.append("<table style=\"border-collapse:collapse;margin-top:4px\">");
        int i = 0;
        for (Edge e : n.nextFunctions()) row(sb, "next_functions[" + i++ + "]", (e.node() == null ? "None" : e.node().name()) + ", " + e.inputNr());
        if (n.savedTensors().size() > 0) {
            boolean freed = n.savedTensors().stream().allMatch(s -> s.isReleased());
            row(sb, "saved", n.savedTensors().size() + " tensor(s)" + (freed ? " (freed by backward)" : ""));
        }
        return sb.append("</table></div>").toString();
    }

    private static void row(StringBuilder sb, String key, String value) {
        sb.append("<tr><th style=\"" + KEY + "\">").append(escape(key)).append("</th><td style=\"text-align:left;white-space:pre\">").append(escape(value)).append("</td></tr>");
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
