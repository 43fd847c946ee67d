// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.gradbook.autograd.nn.F;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * cross_entropy with label_smoothing under create_graph against PyTorch 1.13.1 ({@code oracle/smoothing_graph.json},
 * {@code make_smoothing_graph.py}): the loss's graph and the whole graph behind its first gradient (a 0-dim grad
 * output that requires grad), node by node with None edges, for float32/float64, every reduction, with and without
 * weight and ignored targets; the first gradient and the second gradients of x and of the grad output bit for bit
 * (the grad output's through nll_loss_backward's rule for its grad: {@code nll_loss(grad, target, weight, ...)}).
 */
class SmoothingGraphOracleTest {
    private static final JsonNode ROOT = OracleFiles.json("smoothing_graph.json");

    private static void walk(Node fn, int depth, List<String> out) {
        out.add(depth + " " + (fn == null ? "None" : fn.name()));
        if (fn == null) return;
        for (Edge e : fn.nextFunctions()) walk(e == null ? null : e.node(), depth + 1, out);
    }

    private static List<String> recorded(JsonNode graph) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : graph) out.add(n.get(0).asInt() + " " + n.get(1).asText());
        return out;
    }

    @TestFactory
    List<DynamicTest> graphsAndGradientsAsPyTorch() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : ROOT.get("cases")) {
            String name = c.get("dtype").asText() + " " + c.get("reduction").asText() + (c.get("weight").isNull() ? "" : " weight")
                    + " ignore_index " + c.get("ignore_index").asInt();
            tests.add(DynamicTest.dynamicTest(name, () -> {
                Tensor x = OracleFiles.tensor(c.get("x")).requiresGrad_(true);
                Tensor t = OracleFiles.tensor(c.get("target"));
                Tensor w = c.get("weight").isNull() ? null : OracleFiles.tensor(c.get("weight"));
                Tensor loss = F.crossEntropy(x, t, w, c.get("ignore_index").asLong(), c.get("reduction").asText(), 0.1);
                List<String> lossGraph = new ArrayList<>();
                walk(loss.gradFn(), 0, lossGraph);
                assertEquals(recorded(c.get("loss_graph")), lossGraph, name + " loss graph");
                Tensor v = OracleFiles.tensor(c.get("v")).requiresGrad_(true);
                Tensor g = Autograd.grad(List.of(loss), List.of(x), List.of(v), true, true, false).get(0);
                List<String> graph = new ArrayList<>();
                walk(g.gradFn(), 0, graph);
                assertEquals(recorded(c.get("graph")), graph, name + " graph of the first gradient");
                OracleFiles.assertSameBits(OracleFiles.tensor(c.get("g")), g, name + " g");
                List<Tensor> second = Autograd.grad(List.of(g.mul(OracleFiles.tensor(c.get("w2"))).sum()), List.of(x, v), null, false, false, true);
                OracleFiles.assertSameBits(OracleFiles.tensor(c.get("gx")), second.get(0), name + " second gradient of x");
                OracleFiles.assertSameBits(OracleFiles.tensor(c.get("gv")), second.get(1), name + " second gradient of v");
            }));
        }
        return tests;
    }
}
