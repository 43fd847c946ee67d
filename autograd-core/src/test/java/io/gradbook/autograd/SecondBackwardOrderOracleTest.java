// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The order a create_graph second backward runs its nodes in, and the strides of each node's input buffer when it
 * runs, against 1.13.1's (oracle/second_backward_order.json, make_second_backward_order.py, 17 programs: a permuted x
 * against a broadcast y through where / mul / div / pow into p-norms, and fuzz case wide 51455's pow into var). The
 * order follows the sequence numbers of the nodes the first backward recorded: a binary op's gradients in 1.13's
 * alphabetical order (Graph.otherFirst) and C++ operands right to left (PNormOps.backward); the buffers' layouts
 * follow from it. Values alone (fuzz cases wide 48016, 51455) say only that some ulps moved.
 */
class SecondBackwardOrderOracleTest {
    @TestFactory
    Stream<DynamicTest> nodesRunInPyTorchsOrder() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : OracleFiles.json("second_backward_order.json").get("cases")) {
            tests.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> assertEquals(expected(c), order(c))));
        }
        return tests.stream();
    }

    private static List<String> expected(JsonNode c) {
        List<String> out = new ArrayList<>();
        for (JsonNode step : c.get("order")) {
            StringBuilder sb = new StringBuilder(step.get(0).asText());
            for (JsonNode s : step.get(1)) sb.append(' ').append(s.isNull() ? "None" : Arrays.toString(OracleFiles.ints(s)));
            out.add(sb.toString());
        }
        return out;
    }

    private static List<String> order(JsonNode c) {
        List<Tensor> inputs = new ArrayList<>();
        int k = 0;
        for (JsonNode spec : c.get("inputs")) {
            Tensor leaf = SweepTest.input(spec)[0];
            assertEquals(c.get("input_sha256").get(k++).asText(), SweepTest.digest(SweepTest.bitsOf(leaf), leaf.dtype()), "input generator");
            inputs.add(leaf);
        }
        List<Tensor> regs = new ArrayList<>();
        for (JsonNode step : c.get("prog")) regs.add(FuzzProgram.step(step, regs, inputs));
        List<Tensor> diff = new ArrayList<>();
        for (Tensor t : inputs) if (t.requiresGrad()) diff.add(t);
        Tensor loss = SweepTest.weightedLoss(c.get("weight_seeds"), List.of(regs.get(regs.size() - 1)));
        List<Tensor> grads = Autograd.grad(List.of(loss), diff, null, true, true, false);
        Tensor loss2 = SweepTest.weightedLoss(c.get("weight2_seeds"), grads);
        List<String> order = new ArrayList<>();
        Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<Node> stack = new ArrayDeque<>();
        stack.push(loss2.gradFn());
        while (!stack.isEmpty()) {
            Node fn = stack.pop();
            if (fn == null || !seen.add(fn)) continue;
            String name = fn.name();
            fn.registerPrehook(gs -> {
                StringBuilder sb = new StringBuilder(name);
                for (Tensor g : gs) sb.append(' ').append(g == null ? "None" : Arrays.toString(g.stride()));
                order.add(sb.toString());
            });
            for (Edge e : fn.nextFunctions()) if (e != null && e.node() != null) stack.push(e.node());
        }
        Autograd.grad(List.of(loss2), diff, null, false, false, true);
        return order;
    }
}
