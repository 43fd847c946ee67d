// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * norm_backward's and std_backward's in-place masked_fill_ (oracle/grad_layout.json, make_grad_layout.py): the filled
 * quotient keeps its layout, and a broadcast operand's gradient is then summed in PyTorch's order, bit for bit
 * (fuzz seed 6226). Each case is replayed as a fuzz case (FuzzReplay).
 */
class GradLayoutOracleTest {
    @TestFactory
    Stream<DynamicTest> gradientsMatchPyTorch() {
        JsonNode all = OracleFiles.json("grad_layout.json");
        assertEquals(1, all.get("threads").asInt(), "recorded with one intra-op thread");
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : all.get("cases")) {
            String name = c.get("name").asText();
            tests.add(DynamicTest.dynamicTest(name, () -> {
                List<String> diffs = FuzzReplay.differences(c);
                if (!diffs.isEmpty()) fail(name + ": " + String.join("; ", diffs));
            }));
        }
        return tests.stream();
    }
}
