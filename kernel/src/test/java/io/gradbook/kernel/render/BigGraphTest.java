// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel.render;

import static io.gradbook.autograd.Torch.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradbook.autograd.Tensor;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;

/** Huge graphs: drawn up to the cap nearest the output, the rest counted in one box; renderers stop on interrupt. */
class BigGraphTest {
    private static Tensor chain(int steps) {
        Tensor y = ones(2).requiresGrad_();
        for (int i = 0; i < steps; i++) y = y.mul(1.0);
        return y;
    }

    private static int boxes(String svg) {
        return svg.split("<g class=\"node\"", -1).length - 1;
    }

    @Test
    void aLongChainDrawsTheNodesNearestTheOutputAndCountsTheRest() throws Exception {
        GraphPicture p = GraphPicture.of(chain(20_000));
        String svg = p.svg();
        assertEquals(1 + GraphPicture.DEFAULT_MAX_NODES + 1, boxes(svg), "output, the cap's nodes, the note");
        assertEquals(19_501, p.hiddenNodeCount(), "20,000 MulBackward0 and one AccumulateGrad, 500 drawn");
        assertTrue(svg.contains("… 19,501 more nodes not drawn") && svg.contains("MulBackward0 ×19,500, AccumulateGrad ×1")
                && svg.contains("draw(t, maxNodes) draws more than 500"), "the note says what is left out and how to draw it");
        assertTrue(svg.length() < 400_000, "a few hundred KB: " + svg.length());
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        String text = p.toString();
        assertTrue(text.endsWith("#501 … 19,501 more nodes not drawn  MulBackward0 ×19,500, AccumulateGrad ×1 draw(t, maxNodes) draws more than 500\n"), text.substring(text.length() - 300));
        assertTrue(text.contains("#500 MulBackward0  saved: [Float []]\n      -> #501 … 19,501 more nodes not drawn\n"), "the last drawn node leads to the note");
    }

    @Test
    void theCapIsTheCallersAndAGraphUnderItIsDrawnWhole() {
        Tensor y = chain(300);
        GraphPicture whole = GraphPicture.of(t -> null, 301, y);
        assertEquals(0, whole.hiddenNodeCount());
        assertEquals(1 + 301, boxes(whole.svg()));
        assertTrue(!whole.svg().contains("not drawn") && !whole.svg().contains("nodes not drawn"), "no note, no legend entry");
        GraphPicture capped = GraphPicture.of(t -> null, 300, y);
        assertEquals(1, capped.hiddenNodeCount());
        assertTrue(capped.svg().contains("… 1 more node not drawn") && capped.svg().contains("AccumulateGrad ×1"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GraphPicture.of(t -> null, 0, y));
        assertTrue(e.getMessage().startsWith("draw: maxNodes must be at least 1, got 0\nHint:"), e.getMessage());
    }

    @Test
    void aWideGraphCountsItsHiddenKindsAndDrawsOneArrowPerNodeToTheNote() {
        Tensor x = ones(2).requiresGrad_();
        List<Tensor> parts = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) parts.add(i % 2 == 0 ? x.mul(i) : x.add(i));
        GraphPicture p = GraphPicture.of(t -> null, 100, stack(parts).sum());
        // SumBackward0, StackBackward0 and 98 of the 5,000 inputs are drawn; 4,902 inputs and the leaf are not
        assertEquals(4_903, p.hiddenNodeCount());
        assertTrue(p.toString().contains("AddBackward0 ×2,451, MulBackward0 ×2,451, AccumulateGrad ×1"), p.toString());
        // output→Sum, Sum→Stack, Stack→98 inputs; one arrow to the note from Stack and from each drawn input
        assertEquals(1 + 1 + 98 + 1 + 98, p.edgeCount());
    }

    @Test
    void anInterruptStopsLayoutAndTextForm() throws Exception {
        GraphPicture p = GraphPicture.of(t -> null, 1_000_000, chain(5_000));
        Thread.currentThread().interrupt();
        try {
            assertThrows(Interrupts.Stopped.class, p::svg);
            assertThrows(Interrupts.Stopped.class, p::toString);
        } finally {
            Thread.interrupted();
        }
        assertTrue(p.svg().contains("AccumulateGrad"), "drawn in full once the interrupt is cleared");
    }
}
