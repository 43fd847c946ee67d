// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel.runtime;

import io.gradbook.kernel.render.PlotSvg;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * A progress bar over {@code 0 .. n-1} that updates in place (tqdm's notebook bar): done/total, rate and time left.
 *
 * <pre>
 * jshell> for (int step : progress(1000)) { ... }
 *  100%|██████████| 1000/1000 [00:02&lt;00:00, 476.19it/s]
 * </pre>
 */
public final class Progress extends LiveDisplay implements Iterable<Integer> {
    private static final int BAR = 10;
    private final int total;
    private final String description;
    private int done;
    private long started;

    Progress(int total, String description) {
        if (total < 0) throw new IllegalArgumentException("progress needs a non-negative count, got " + total);
        this.total = total;
        this.description = description == null ? "" : description;
    }

    @Override
    public Iterator<Integer> iterator() {
        started = System.nanoTime();
        done = 0;
        changed();
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                // the previous step finished when the loop asks for the next one
                if (next > done) {
                    done = next;
                    changed();
                }
                return next < total;
            }

            @Override
            public Integer next() {
                if (next >= total) throw new NoSuchElementException();
                return next++;
            }
        };
    }

    /** Steps finished so far. */
    public int done() {
        return done;
    }

    /** tqdm's line: {@code  40%|████      | 40/100 [00:01<00:01, 39.50it/s]}. */
    @Override
    public String toString() {
        double elapsed = started == 0 ? 0 : (System.nanoTime() - started) / 1e9;
        double rate = elapsed > 0 ? done / elapsed : 0;
        double frac = total == 0 ? 1 : (double) done / total;
        int filled = (int) Math.floor(frac * BAR);
        String bar = "█".repeat(filled) + " ".repeat(BAR - filled);
        String left = rate > 0 ? clock((total - done) / rate) : "?";
        String prefix = description.isEmpty() ? "" : description + ": ";
        return String.format(Locale.ROOT, "%s%3.0f%%|%s| %d/%d [%s<%s, %s]", prefix, frac * 100, bar, done, total, clock(elapsed), left,
                rate > 0 ? String.format(Locale.ROOT, rate >= 1 ? "%.2fit/s" : "%.2fs/it", rate >= 1 ? rate : 1 / rate) : "?it/s");
    }

    private static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String.format(Locale.ROOT, "%02d:%02d", s / 60, s % 60);
    }

    @Override
    public Map<String, String> bundle() {
        double pct = total == 0 ? 100 : 100.0 * done / total;
        String text = toString();
        Map<String, String> b = new LinkedHashMap<>();
        b.put("text/plain", text);
        b.put("text/html", "<div class=\"gradbook-progress\" style=\"font-family:monospace;font-size:12px\">"
                + "<progress value=\"" + done + "\" max=\"" + Math.max(total, 1) + "\" style=\"width:320px;vertical-align:middle\"></progress> "
                + PlotSvg.escapeHtml(text.substring(text.indexOf('|', text.indexOf('|') + 1) + 1).trim()) + String.format(Locale.ROOT, " (%.0f%%)", pct) + "</div>");
        return b;
    }
}
