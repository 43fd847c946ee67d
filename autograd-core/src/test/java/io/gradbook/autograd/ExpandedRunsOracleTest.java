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
 * Float32 activations and unary ops over expanded (stride-0) inputs in cpu_kernel_vec's runs (oracle/expanded_runs.json,
 * make_expanded_runs.py, 27 cases: Float32Runs.applyExpanded; fuzz case more 572). Each case is replayed as a fuzz
 * case (FuzzReplay).
 */
class ExpandedRunsOracleTest {
    @TestFactory
    Stream<DynamicTest> gradientsMatchPyTorch() {
        JsonNode all = OracleFiles.json("expanded_runs.json");
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
