// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel.render;

import io.gradbook.kernel.runtime.Plot;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws a {@link Plot} as SVG: axes with "nice" ticks (1, 2, 5 × 10^k; powers of ten on log axes), grid, lines as
 * polylines broken at non-finite points, dots for scatter series, a legend, title and axis labels. Pure string
 * building with fixed number formatting, so the same plot is the same bytes (notebooks diff; tests compare).
 * Sizes are in CSS pixels with 12 px text, readable at 100% and in print.
 */
public final class PlotSvg {
    private PlotSvg() {}

    /** matplotlib's default cycle ("tab10"), which students know from PyTorch courses. */
    private static final String[] COLOURS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};
    private static final int FONT = 12, LEFT = 64, RIGHT = 16, TOP_TITLE = 30, TOP = 12, BOTTOM = 44;
    /** Average glyph width of 12 px sans-serif text, to size the legend box without a font. */
    private static final double CHAR_W = 6.8;

    public static String render(Plot p) {
        int w = p.width(), h = p.height();
        int top = p.title().isEmpty() ? TOP : TOP_TITLE;
        int left = p.yLabel().isEmpty() ? LEFT - 16 : LEFT;
        int bottom = p.xLabel().isEmpty() ? BOTTOM - 16 : BOTTOM;
        double px0 = left, px1 = w - RIGHT, py0 = top, py1 = h - bottom;
        Axis xa = Axis.of(p.series(), true, p.isLogX()), ya = Axis.of(p.series(), false, p.isLogY());

        StringBuilder sb = new StringBuilder(4096);
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"gradbook-plot\" width=\"").append(w).append("\" height=\"").append(h)
                .append("\" viewBox=\"0 0 ").append(w).append(' ').append(h).append("\" font-family=\"sans-serif\" font-size=\"").append(FONT).append("\">\n");
        sb.append("<rect x=\"0\" y=\"0\" width=\"").append(w).append("\" height=\"").append(h).append("\" fill=\"#ffffff\"/>\n");
        if (!p.title().isEmpty()) {
            sb.append("<text x=\"").append(num((px0 + px1) / 2)).append("\" y=\"20\" text-anchor=\"middle\" font-size=\"14\" font-weight=\"bold\" fill=\"#222\">")
                    .append(escape(p.title())).append("</text>\n");
        }
        // grid and ticks
        sb.append("<g stroke=\"#e4e4e4\" stroke-width=\"1\">\n");
        for (double t : xa.ticks) sb.append(line(xa.map(t, px0, px1), py0, xa.map(t, px0, px1), py1));
        for (double t : ya.ticks) sb.append(line(px0, ya.map(t, py1, py0), px1, ya.map(t, py1, py0)));
        sb.append("</g>\n<g fill=\"#333\">\n");
        for (double t : xa.ticks) {
            sb.append("<text x=\"").append(num(xa.map(t, px0, px1))).append("\" y=\"").append(num(py1 + 16)).append("\" text-anchor=\"middle\">").append(xa.label(t)).append("</text>\n");
        }
        for (double t : ya.ticks) {
            sb.append("<text x=\"").append(num(px0 - 6)).append("\" y=\"").append(num(ya.map(t, py1, py0) + 4)).append("\" text-anchor=\"end\">").append(ya.label(t)).append("</text>\n");
        }
        sb.append("</g>\n");
        sb.append("<rect x=\"").append(num(px0)).append("\" y=\"").append(num(py0)).append("\" width=\"").append(num(px1 - px0)).append("\" height=\"").append(num(py1 - py0))
                .append("\" fill=\"none\" stroke=\"#555\" stroke-width=\"1\"/>\n");
        if (!p.xLabel().isEmpty()) {
            sb.append("<text x=\"").append(num((px0 + px1) / 2)).append("\" y=\"").append(num(h - 8.0)).append("\" text-anchor=\"middle\" fill=\"#222\">").append(escape(p.xLabel())).append("</text>\n");
        }
        if (!p.yLabel().isEmpty()) {
            double cy = (py0 + py1) / 2;
            sb.append("<text x=\"14\" y=\"").append(num(cy)).append("\" text-anchor=\"middle\" fill=\"#222\" transform=\"rotate(-90 14 ").append(num(cy)).append(")\">")
                    .append(escape(p.yLabel())).append("</text>\n");
        }
        // series, clipped to the plot area
        sb.append("<clipPath id=\"").append(clipId(p)).append("\"><rect x=\"").append(num(px0)).append("\" y=\"").append(num(py0)).append("\" width=\"")
                .append(num(px1 - px0)).append("\" height=\"").append(num(py1 - py0)).append("\"/></clipPath>\n");
        sb.append("<g clip-path=\"url(#").append(clipId(p)).append(")\">\n");
        List<Plot.Series> all = p.series();
        for (int s = 0; s < all.size(); s++) {
            Plot.Series ser = all.get(s);
            String colour = COLOURS[s % COLOURS.length];
            if (ser.style() == Plot.Style.LINE) {
                for (String pts : polylines(ser, xa, ya, px0, px1, py0, py1)) {
                    sb.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"1.8\" stroke-linejoin=\"round\" points=\"").append(pts).append("\"/>\n");
                }
            } else {
                sb.append("<g fill=\"").append(colour).append("\" fill-opacity=\"0.8\">");
                for (int i = 0; i < ser.x().length; i++) {
                    if (!xa.shows(ser.x()[i]) || !ya.shows(ser.y()[i])) continue;
                    sb.append("<circle cx=\"").append(num(xa.map(ser.x()[i], px0, px1))).append("\" cy=\"").append(num(ya.map(ser.y()[i], py1, py0))).append("\" r=\"2.6\"/>");
                }
                sb.append("</g>\n");
            }
        }
        sb.append("</g>\n");
        legend(sb, all, xa, ya, px0, px1, py0, py1);
        return sb.append("</svg>").toString();
    }

    /** The legend in the corner that hides the fewest points (matplotlib's "best", corners only). */
    private static void legend(StringBuilder sb, List<Plot.Series> all, Axis xa, Axis ya, double px0, double px1, double py0, double py1) {
        List<Integer> named = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) if (!all.get(i).label().isEmpty()) named.add(i);
        if (named.isEmpty()) return;
        int longest = 0;
        for (int i : named) longest = Math.max(longest, all.get(i).label().length());
        double boxW = 34 + longest * CHAR_W, boxH = 8 + 18 * named.size();
        double[][] corners = {{px1 - boxW - 8, py0 + 8}, {px0 + 8, py0 + 8}, {px0 + 8, py1 - boxH - 8}, {px1 - boxW - 8, py1 - boxH - 8}};
        double x0 = corners[0][0], y0 = corners[0][1];
        long fewest = Long.MAX_VALUE;
        for (double[] c : corners) {
            long hidden = 0;
            for (Plot.Series ser : all) {
                for (int i = 0; i < ser.x().length; i++) {
                    if (!xa.shows(ser.x()[i]) || !ya.shows(ser.y()[i])) continue;
                    double x = xa.map(ser.x()[i], px0, px1), y = ya.map(ser.y()[i], py1, py0);
                    if (x >= c[0] - 4 && x <= c[0] + boxW + 4 && y >= c[1] - 4 && y <= c[1] + boxH + 4) hidden++;
                }
            }
            if (hidden < fewest) {
                fewest = hidden;
                x0 = c[0];
                y0 = c[1];
            }
        }
        sb.append("<g class=\"legend\">\n<rect x=\"").append(num(x0)).append("\" y=\"").append(num(y0)).append("\" width=\"").append(num(boxW)).append("\" height=\"").append(num(boxH))
                .append("\" fill=\"#ffffff\" fill-opacity=\"0.9\" stroke=\"#bbb\"/>\n");
        for (int k = 0; k < named.size(); k++) {
            int i = named.get(k);
            String colour = COLOURS[i % COLOURS.length];
            double cy = y0 + 13 + 18 * k;
            if (all.get(i).style() == Plot.Style.LINE) sb.append("<line x1=\"").append(num(x0 + 6)).append("\" y1=\"").append(num(cy)).append("\" x2=\"").append(num(x0 + 24)).append("\" y2=\"").append(num(cy)).append("\" stroke=\"").append(colour).append("\" stroke-width=\"2\"/>");
            else sb.append("<circle cx=\"").append(num(x0 + 15)).append("\" cy=\"").append(num(cy)).append("\" r=\"3\" fill=\"").append(colour).append("\"/>");
            sb.append("<text x=\"").append(num(x0 + 30)).append("\" y=\"").append(num(cy + 4)).append("\" fill=\"#222\">").append(escape(all.get(i).label())).append("</text>\n");
        }
        sb.append("</g>\n");
    }

    /** Runs of consecutive drawable points as SVG point lists: a non-finite value (or ≤ 0 on a log axis) breaks the line. */
    private static List<String> polylines(Plot.Series s, Axis xa, Axis ya, double px0, double px1, double py0, double py1) {
        List<String> runs = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int count = 0;
        for (int i = 0; i <= s.x().length; i++) {
            boolean ok = i < s.x().length && xa.shows(s.x()[i]) && ya.shows(s.y()[i]);
            if (ok) {
                if (count > 0) cur.append(' ');
                cur.append(num(xa.map(s.x()[i], px0, px1))).append(',').append(num(ya.map(s.y()[i], py1, py0)));
                count++;
            } else {
                if (count > 1) runs.add(cur.toString());
                cur.setLength(0);
                count = 0;
            }
        }
        return runs;
    }

    /** One axis: its data range widened to nice ticks. */
    private static final class Axis {
        final boolean log;
        final double lo, hi;
        final List<Double> ticks = new ArrayList<>();
        final double step;

        private Axis(boolean log, double lo, double hi, double step) {
            this.log = log;
            this.lo = lo;
            this.hi = hi;
            this.step = step;
        }

        /** The data range with 5% margins on each side (as matplotlib), ticks at nice values inside it. */
        static Axis of(List<Plot.Series> series, boolean isX, boolean log) {
            double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
            for (Plot.Series s : series) {
                for (double v : isX ? s.x() : s.y()) {
                    if (!Double.isFinite(v) || log && v <= 0) continue;
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
            if (log) {
                if (lo > hi) {
                    lo = 1;
                    hi = 10;
                }
                double a = Math.log10(lo), b = Math.log10(hi);
                if (a == b) {
                    a -= 0.5;
                    b += 0.5;
                }
                double m = (b - a) * 0.05;
                Axis axis = new Axis(true, a - m, b + m, 1);
                int every = (int) Math.max(1, Math.ceil((b - a) / 8));
                for (double e = Math.ceil(a - m); e <= b + m + 1e-9; e += every) axis.ticks.add(Math.pow(10, e));
                return axis;
            }
            if (lo > hi) {
                lo = 0;
                hi = 1;
            }
            if (lo == hi) {
                double pad = lo == 0 ? 1 : Math.abs(lo) * 0.1;
                lo -= pad;
                hi += pad;
            }
            double m = (hi - lo) * 0.05;
            double step = niceStep((hi - lo) / 6);
            Axis axis = new Axis(false, lo - m, hi + m, step);
            for (long k = (long) Math.ceil((lo - m) / step); k * step <= hi + m + step * 1e-9; k++) axis.ticks.add(k * step);
            return axis;
        }

        boolean shows(double v) {
            return Double.isFinite(v) && (!log || v > 0);
        }

        /** Data value to pixel, between p0 (at lo) and p1 (at hi); lo and hi are log10 values on a log axis. */
        double map(double v, double p0, double p1) {
            double u = log ? Math.log10(v) : v;
            return p0 + (u - lo) / (hi - lo) * (p1 - p0);
        }

        String label(double tick) {
            return escape(tick(!log && Math.abs(tick) < step * 1e-9 ? 0 : tick));
        }
    }

    /** A tick's text: short, fixed format (no locale, no float noise such as 0.30000000000000004). */
    public static String tick(double v) {
        if (v == 0) return "0";
        double a = Math.abs(v);
        if (a >= 1e5 || a < 1e-3) {
            String s = String.format(Locale.ROOT, "%.2e", v);
            // 1.00e+05 → 1e+05, 2.50e-04 → 2.5e-04
            return s.replaceAll("\\.?0+e", "e");
        }
        String s = String.format(Locale.ROOT, "%.6f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /** 1, 2 or 5 times a power of ten, the first not below raw. */
    static double niceStep(double raw) {
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5, 10}) if (m * p >= raw * (1 - 1e-9)) return m * p;
        return 10 * p;
    }

    private static String clipId(Plot p) {
        // stable per plot content, distinct between plots on one page
        return "gbclip" + Integer.toHexString((p.toString() + p.width() + "x" + p.height()).hashCode());
    }

    private static String line(double x1, double y1, double x2, double y2) {
        return "<line x1=\"" + num(x1) + "\" y1=\"" + num(y1) + "\" x2=\"" + num(x2) + "\" y2=\"" + num(y2) + "\"/>\n";
    }

    /** Pixel coordinates with one decimal: enough for the eye, and the same bytes every run. */
    static String num(double v) {
        long tenths = Math.round(v * 10);
        if (tenths % 10 == 0) return Long.toString(tenths / 10);
        return (tenths < 0 ? "-" : "") + Math.abs(tenths) / 10 + "." + Math.abs(tenths) % 10;
    }

    /** Text for HTML or SVG: the five special characters escaped. */
    public static String escapeHtml(String s) {
        return escape(s);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
