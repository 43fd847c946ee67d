// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel.render;

import static io.gradbook.autograd.Torch.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gradbook.autograd.Tensor;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** The graph picture: well-formed SVG, byte-identical for the same graph, and the nodes and edges PyTorch has. */
class GraphPictureTest {
    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static Tensor seed004() {
        manualSeed(0);
        Tensor x = rand(3, 3).requiresGrad_();
        Tensor y = rand(3, 3).requiresGrad_();
        return x.pow(2).add(y.pow(3));
    }

    @Test
    void svgIsWellFormedAndDeterministic() throws Exception {
        String a = GraphPicture.of(seed004()).svg();
        String b = GraphPicture.of(seed004()).svg();
        assertEquals(a, b, "the same graph draws the same bytes");
        Document d = parse(a);
        assertEquals("svg", d.getDocumentElement().getLocalName());
        assertEquals(5 + 1, a.split("<g class=\"node\"", -1).length - 1, "output + Add + 2 Pow + 2 AccumulateGrad");
        assertTrue(a.contains("AccumulateGrad → leaf"), "legend under the graph");
        assertTrue(!a.contains("view node") && !a.contains("CopySlices"), "the legend lists only the kinds shown");
    }

    /** The names in a next_functions repr from the reference: [(name or None, input_nr), ...]. */
    private static List<String> names(String nextFunctions) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("\\((?:<(\\w+) (?:object )?at 0x[0-9a-fA-F]+>|None), (\\d+)\\)").matcher(nextFunctions);
        while (m.find()) out.add((m.group(1) == null ? "None" : m.group(1)) + ":" + m.group(2));
        return out;
    }

    @Test
    void seedNotebookGraphHasPyTorchsNodesAndEdges() throws Exception {
        Path testdata = Path.of(System.getProperty("gradbook.testdata", "../testdata"));
        JsonNode ref = new ObjectMapper().readTree(testdata.resolve("reference/ref-004.expect.json").toFile());
        String addNext = null, powNext = null;
        for (JsonNode c : ref) {
            if ("004-h".equals(c.path("seed_in").asText())) addNext = c.get("result_text").asText();
            if ("004-i".equals(c.path("seed_in").asText())) powNext = c.get("result_text").asText();
        }
        assertEquals(List.of("PowBackward0:0", "PowBackward0:0"), names(addNext));
        assertEquals(List.of("AccumulateGrad:0"), names(powNext));
        GraphPicture p = GraphPicture.of(seed004());
        assertEquals(List.of("AddBackward0 -> PowBackward0:0", "AddBackward0 -> PowBackward0:0", "PowBackward0 -> AccumulateGrad:0", "PowBackward0 -> AccumulateGrad:0"),
                p.edgeNames(), p.toString());
        assertEquals(6, p.nodeCount());
        assertEquals(5, p.edgeCount(), "grad_fn + 2 Pow edges + 2 leaf edges");
    }

    /** Every edge of the graph behind {@code t}, as "Parent -> Child:inputNr", found by walking next_functions. */
    private static java.util.Set<String> edgesByNextFunctions(Tensor t) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        java.util.ArrayDeque<io.gradbook.autograd.Node> todo = new java.util.ArrayDeque<>(List.of(t.gradFn()));
        java.util.Set<io.gradbook.autograd.Node> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        while (!todo.isEmpty()) {
            var n = todo.poll();
            if (!seen.add(n)) continue;
            for (var e : n.nextFunctions()) {
                if (e.node() == null) continue;
                out.add(n.name() + " -> " + e.node().name() + ":" + e.inputNr());
                todo.add(e.node());
            }
        }
        return out;
    }

    /** The same edges as the picture draws them. */
    private static java.util.Set<String> edgesInPicture(GraphPicture p) {
        return new java.util.TreeSet<>(p.edgeNames());
    }

    @Test
    void everyNotebookGraphShowsExactlyTheNextFunctionsEdges() {
        manualSeed(0);
        List<Tensor> graphs = new ArrayList<>();
        Tensor b = rand(1).requiresGrad_(), w = rand(1).requiresGrad_();
        graphs.add(w.mul(ones(1)).add(b)); // seed 000: z = w * x + b
        Tensor a = ones(2, 1).requiresGrad_(), c = ones(2, 1).requiresGrad_();
        graphs.add(a.mul(2).add(c)); // seed 001: c = 2a + b
        Tensor x = randn(3).requiresGrad_(), y = randn(3).requiresGrad_(), z = randn(3).requiresGrad_();
        graphs.add(x.add(y).dot(z)); // seed 002: l = (x + y) . z
        Tensor wt = randn(5, 3).requiresGrad_(), bt = randn(3).requiresGrad_();
        graphs.add(binaryCrossEntropyWithLogits(matmul(ones(5), wt).add(bt), zeros(3))); // seed 003: the loss
        graphs.add(seed004()); // seed 004: z = x^2 + y^3
        Tensor v = zeros(3);
        v.set(0, x.sum());
        graphs.add(v); // CopySlices
        for (Tensor g : graphs) {
            assertEquals(edgesByNextFunctions(g), edgesInPicture(GraphPicture.of(g)), GraphPicture.of(g).toString());
        }
    }

    @Test
    void showsSavedTensorsFreedHooksAndCopySlices() {
        Tensor x = ones(3).requiresGrad_();
        Tensor y = x.exp();
        y.registerHook(g -> { });
        Tensor z = zeros(3);
        z.set(0, y.sum());
        String before = GraphPicture.of(z).toString();
        assertTrue(before.contains("CopySlices") && before.contains("saved: ") && before.contains("1 hook"), before);
        z.backward(ones(3));
        String after = GraphPicture.of(z).toString();
        assertTrue(after.contains("saved tensors freed"), after);
        assertTrue(after.contains("grad: [2.7183, 2.7183, 2.7183]"), after);
    }

    @Test
    void largeGraphsDraw() throws Exception {
        Tensor x = ones(2).requiresGrad_();
        Tensor y = x;
        for (int i = 0; i < 500; i++) y = i % 2 == 0 ? y.mul(1.01) : y.add(x);
        GraphPicture p = GraphPicture.of(y);
        assertTrue(p.nodeCount() > 500);
        parse(p.svg());
    }
}
