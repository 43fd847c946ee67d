// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The create_graph gradients of the selecting reductions against PyTorch 1.13.1 ({@code oracle/select_grad.json},
 * written by {@code make_select_grad.py}): for loss = (op(x)^2 * w).sum(), the first gradient's graph (node names
 * depth first: MaskedFillBackward1 over DivBackward0 for max()/min()/median(), ScatterBackward0 for the ops over a
 * dim, topk and sort) and the bits of the first and second derivatives, with ties and NaN.
 */
class SelectGradOracleTest {
    private static final JsonNode ROOT = OracleFiles.json("select_grad.json");

    private static UnaryOperator<Tensor> op(String name) {
        return switch (name) {
            case "max" -> Tensor::max;
            case "min" -> Tensor::min;
            case "median" -> Tensor::median;
            case "max_dim" -> x -> x.max(1).values();
            case "min_dim_keepdim" -> x -> x.min(0, true).values();
            case "median_dim" -> x -> x.median(1).values();
            case "median_dim_keepdim" -> x -> x.median(0, true).values();
            case "kthvalue" -> x -> x.kthvalue(2, 1).values();
            case "kthvalue_keepdim" -> x -> x.kthvalue(3, 0, true).values();
            case "topk" -> x -> x.topk(2, 1).values();
            case "sort" -> x -> x.sort(0, true).values();
            case "max_dim0" -> x -> x.max(0).values();
            case "kthvalue0" -> x -> x.kthvalue(1, 0).values();
            case "topk0" -> x -> x.topk(1, 0).values();
            case "sort0" -> x -> x.sort(0).values();
            case "median_dim0" -> x -> x.median(0).values();
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** [name, children...] as make_select_grad.chain writes it: depth first, null edges left out, 5 levels. */
    private static String chain(Node fn, int depth) {
        StringBuilder b = new StringBuilder("[\"").append(fn.name()).append('"');
        if (depth < 5) {
            PyTuple<Edge> next = fn.nextFunctions();
            for (int i = 0; i < next.size(); i++) {
                Edge e = next.get(i);
                if (e != null && e.node() != null) b.append(',').append(chain(e.node(), depth + 1));
            }
        }
        return b.append(']').toString();
    }

    @TestFactory
    List<DynamicTest> createGraphNodesAndBits() {
        List<DynamicTest> tests = new ArrayList<>();
        int n = 0;
        for (JsonNode c : ROOT.get("cases")) {
            String name = (n++) + " " + c.get("op").asText() + " " + c.get("kind").asText() + " " + c.get("x").get("dtype").asText();
            tests.add(DynamicTest.dynamicTest(name, () -> {
                Tensor x = OracleFiles.tensor(c.get("x")).requiresGrad_(true);
                Tensor y = op(c.get("op").asText()).apply(x);
                assertEquals(c.get("y_grad_fn").asText(), y.gradFn().name(), "op's node");
                Tensor w = OracleFiles.tensor(c.get("w"));
                Tensor g = Autograd.grad(y.mul(y).mul(w).sum(), x, null, false, true).get(0);
                assertEquals(c.get("chain").toString(), chain(g.gradFn(), 0), "create_graph nodes");
                OracleFiles.assertSameBits(OracleFiles.tensor(c.get("g")), g, "first gradient");
                Tensor g2 = Autograd.grad(g.mul(OracleFiles.tensor(c.get("v"))).sum(), x).get(0);
                OracleFiles.assertSameBits(OracleFiles.tensor(c.get("g2")), g2, "second derivative");
            }));
        }
        return tests;
    }
}
