// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel.runtime;

import io.gradbook.autograd.Tensor;
import io.gradbook.kernel.render.PlotSvg;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A 2-D plot: line and scatter series, axis labels, title, legend, linear or log axes. Shown as SVG when it is a
 * cell's value (or passed to {@code display}); the same plot always draws the same bytes, so notebooks diff and
 * export cleanly. Made by the cell helpers {@code plot(...)}, {@code scatterPlot(...)} and {@code figure()}.
 *
 * <pre>
 * jshell> plot(x -> x.pow(2).mul(x.exp()), -3, 3)       // f and f' (by autograd) over [-3, 3]
 * jshell> figure().line(xs, ys, "data").scatter(xs, noisy, "samples").title("fit").logY()
 * </pre>
 */
public final class Plot {
    /** How a series is drawn. */
    public enum Style { LINE, SCATTER }

    /** One named series of points; NaN or infinite values leave a gap. */
    public record Series(String label, double[] x, double[] y, Style style) {}

    private final List<Series> series = new ArrayList<>();
    private String title = "", xLabel = "", yLabel = "";
    private boolean logX, logY;
    private int width = 640, height = 400;

    Plot() {}

    /** Adds a line through (x[i], y[i]); tensors are flattened. */
    public Plot line(Tensor x, Tensor y, String label) {
        return add(label, values(x), values(y), Style.LINE);
    }

    /** Adds a line through (x[i], y[i]). */
    public Plot line(double[] x, double[] y, String label) {
        return add(label, x.clone(), y.clone(), Style.LINE);
    }

    /** Adds a line through (i, y[i]) — a loss curve, for instance. */
    public Plot line(List<? extends Number> y, String label) {
        double[] ys = new double[y.size()];
        for (int i = 0; i < ys.length; i++) ys[i] = y.get(i) == null ? Double.NaN : y.get(i).doubleValue();
        return add(label, indices(ys.length), ys, Style.LINE);
    }

    /** Adds points (x[i], y[i]) drawn as dots. */
    public Plot scatter(Tensor x, Tensor y, String label) {
        return add(label, values(x), values(y), Style.SCATTER);
    }

    /** Adds points (x[i], y[i]) drawn as dots. */
    public Plot scatter(double[] x, double[] y, String label) {
        return add(label, x.clone(), y.clone(), Style.SCATTER);
    }

    public Plot title(String t) {
        title = t == null ? "" : t;
        return this;
    }

    public Plot xlabel(String l) {
        xLabel = l == null ? "" : l;
        return this;
    }

    public Plot ylabel(String l) {
        yLabel = l == null ? "" : l;
        return this;
    }

    /** A logarithmic x axis (points with x ≤ 0 are left out). */
    public Plot logX() {
        logX = true;
        return this;
    }

    /** A logarithmic y axis (points with y ≤ 0 are left out), as loss curves are often drawn. */
    public Plot logY() {
        logY = true;
        return this;
    }

    /** The picture's size in CSS pixels (default 640 x 400). */
    public Plot size(int w, int h) {
        if (w < 160 || h < 120) throw new IllegalArgumentException("a plot needs at least 160 x 120 pixels, got " + w + " x " + h);
        width = w;
        height = h;
        return this;
    }

    public List<Series> series() {
        return Collections.unmodifiableList(series);
    }

    public String title() {
        return title;
    }

    public String xLabel() {
        return xLabel;
    }

    public String yLabel() {
        return yLabel;
    }

    public boolean isLogX() {
        return logX;
    }

    public boolean isLogY() {
        return logY;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The picture as a standalone SVG document. */
    public String svg() {
        return PlotSvg.render(this);
    }

    /** What a text-only front end shows: the series and their ranges. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("<Plot");
        if (!title.isEmpty()) sb.append(" '").append(title).append('\'');
        sb.append(": ");
        if (series.isEmpty()) return sb.append("empty>").toString();
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            if (i > 0) sb.append("; ");
            sb.append(s.label().isEmpty() ? "series " + (i + 1) : s.label()).append(" (").append(s.x().length).append(s.style() == Style.LINE ? " points" : " dots");
            double[] yr = range(s.y());
            if (yr != null) sb.append(", y in [").append(PlotSvg.tick(yr[0])).append(", ").append(PlotSvg.tick(yr[1])).append(']');
            sb.append(')');
        }
        return sb.append('>').toString();
    }

    private Plot add(String label, double[] x, double[] y, Style style) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y must have the same number of points, got " + x.length + " and " + y.length);
        }
        series.add(new Series(label == null ? "" : label, x, y, style));
        return this;
    }

    static double[] values(Tensor t) {
        return t.detach().toDoubleArray();
    }

    static double[] indices(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = i;
        return x;
    }

    private static double[] range(double[] v) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double d : v) {
            if (!Double.isFinite(d)) continue;
            lo = Math.min(lo, d);
            hi = Math.max(hi, d);
        }
        return lo > hi ? null : new double[] {lo, hi};
    }
}
