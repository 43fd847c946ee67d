// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradbook.autograd.Tensor;
import io.gradbook.autograd.Torch;
import io.gradbook.kernel.runtime.Notebook;
import io.gradbook.kernel.runtime.Plot;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class PlotSvgTest {
    private static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void functionAndItsAutogradDerivative() throws Exception {
        Plot p = Notebook.plot(x -> x.pow(2).mul(x.exp()), -3, 3);
        assertEquals(2, p.series().size());
        Plot.Series f = p.series().get(0), df = p.series().get(1);
        assertEquals(201, f.x().length);
        for (int i = 0; i < f.x().length; i++) {
            double x = f.x()[i];
            assertEquals(x * x * Math.exp(x), f.y()[i], 1e-9 * Math.max(1, Math.abs(f.y()[i])));
            assertEquals(2 * x * Math.exp(x) + x * x * Math.exp(x), df.y()[i], 1e-9 * Math.max(1, Math.abs(df.y()[i])));
        }
        String svg = p.svg();
        parse(svg);
        assertEquals(svg, Notebook.plot(x -> x.pow(2).mul(x.exp()), -3, 3).svg(), "the same plot draws the same bytes");
        assertTrue(svg.contains(">f(x)</text>") && svg.contains(">f'(x) (autograd)</text>"), "legend names both curves");
        assertTrue(p.toString().startsWith("<Plot: f(x) (201 points, y in [0, "), p.toString());
    }

    @Test
    void ticksAreNiceAndInsideThePicture() throws Exception {
        Plot p = Notebook.figure().line(new double[] {0, 1, 2, 3}, new double[] {0.1, 0.25, 0.3, 0.7}, "a").title("t").xlabel("x").ylabel("y");
        String svg = p.svg();
        parse(svg);
        // y ticks at multiples of 0.1, written without float noise
        assertTrue(svg.contains(">0.3</text>") && !svg.contains("0.30000000000000004"), svg);
        Matcher m = Pattern.compile("<text x=\"(-?[0-9.]+)\" y=\"(-?[0-9.]+)\"").matcher(svg);
        while (m.find()) {
            double x = Double.parseDouble(m.group(1)), y = Double.parseDouble(m.group(2));
            assertTrue(x >= 0 && x <= p.width() && y >= 0 && y <= p.height(), "text at " + x + "," + y + " outside the picture");
        }
    }

    @Test
    void nonFiniteValuesBreakTheLine() {
        Plot p = Notebook.plot(new double[] {1, 2, Double.NaN, 4, 5, Double.POSITIVE_INFINITY, 7});
        String svg = p.svg();
        assertEquals(2, count(svg, "<polyline"), "two runs of two points; the lone 7 is no line");
    }

    @Test
    void logAxisLeavesOutNonPositiveValuesAndTicksPowersOfTen() throws Exception {
        Plot p = Notebook.plot(List.of(10.0, 1.0, 0.1, 0.0, 0.01, 0.001)).logY();
        String svg = p.svg();
        parse(svg);
        assertTrue(svg.contains(">0.001</text>") && svg.contains(">10</text>"), svg);
        assertEquals(2, count(svg, "<polyline"));
    }

    @Test
    void scatterAndMismatchedSeries() {
        Tensor x = Torch.arange(5.), y = x.pow(2);
        String svg = Notebook.scatterPlot(x, y).svg();
        assertEquals(5, count(svg, "<circle"));
        assertThrows(IllegalArgumentException.class, () -> Notebook.figure().line(new double[] {1, 2}, new double[] {1}, "bad"));
        assertThrows(IllegalArgumentException.class, () -> Notebook.plot(t -> t.sum(), -1, 1));
        assertThrows(IllegalArgumentException.class, () -> Notebook.plot(t -> t, 1, -1));
    }

    @Test
    void emptyPlotStillDraws() throws Exception {
        parse(Notebook.figure().svg());
        assertFalse(Notebook.figure().svg().contains("<polyline"));
        assertEquals("<Plot: empty>", Notebook.figure().toString());
    }

    @Test
    void tickText() {
        assertEquals("0", PlotSvg.tick(0));
        assertEquals("0.25", PlotSvg.tick(0.25));
        assertEquals("-3", PlotSvg.tick(-3));
        assertEquals("1e+05", PlotSvg.tick(1e5));
        assertEquals("1e-04", PlotSvg.tick(1e-4));
        assertEquals("2.5e-04", PlotSvg.tick(2.5e-4));
        assertEquals("0.001", PlotSvg.tick(1e-3));
    }

    private static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) n++;
        return n;
    }
}
