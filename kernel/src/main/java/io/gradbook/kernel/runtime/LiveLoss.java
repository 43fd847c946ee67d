// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel.runtime;

import io.gradbook.autograd.Tensor;
import io.gradbook.kernel.render.PlotSvg;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A loss curve that redraws in place while a training cell runs.
 *
 * <pre>
 * jshell> var live = liveLoss();
 * jshell> for (int step = 0; step &lt; 2000; step++) { ... live.add(step, loss.item()); }
 * </pre>
 */
public final class LiveLoss extends LiveDisplay {
    private final List<Double> steps = new ArrayList<>(), losses = new ArrayList<>();
    private final String title;
    private boolean logY;

    LiveLoss(String title) {
        this.title = title == null ? "" : title;
    }

    /** Records the loss at a step and redraws (throttled). */
    public LiveLoss add(double step, double loss) {
        steps.add(step);
        losses.add(loss);
        changed();
        return this;
    }

    /** Records the loss at the next step (0, 1, 2, ...). */
    public LiveLoss add(double loss) {
        return add(steps.size(), loss);
    }

    /** Records a one-element loss tensor ({@code live.add(step, loss)}). */
    public LiveLoss add(double step, Tensor loss) {
        return add(step, loss.item());
    }

    /** Draws the loss on a log axis, as long trainings are usually read. */
    public LiveLoss logY() {
        logY = true;
        changed();
        return this;
    }

    public List<Double> losses() {
        return List.copyOf(losses);
    }

    /** The curve so far as a plot. */
    public Plot plot() {
        double[] x = new double[steps.size()], y = new double[losses.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = steps.get(i);
            y[i] = losses.get(i);
        }
        Plot p = new Plot().line(x, y, "loss").xlabel("step").ylabel("loss").title(title);
        return logY ? p.logY() : p;
    }

    @Override
    public Map<String, String> bundle() {
        Map<String, String> b = new LinkedHashMap<>();
        b.put("text/plain", toString());
        b.put("text/html", "<div class=\"gradbook-live-loss\">" + plot().svg() + "<div style=\"font-family:monospace;font-size:12px\">" + PlotSvg.escapeHtml(toString()) + "</div></div>");
        return b;
    }

    @Override
    public String toString() {
        if (losses.isEmpty()) return "loss: no steps yet";
        int n = losses.size();
        return String.format(Locale.ROOT, "step %s: loss %.6g (%d point%s, min %.6g)", PlotSvg.tick(steps.get(n - 1)), losses.get(n - 1), n, n == 1 ? "" : "s",
                losses.stream().mapToDouble(Double::doubleValue).filter(Double::isFinite).min().orElse(Double.NaN));
    }
}
