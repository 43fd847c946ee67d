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
 * F.nll_loss / F.cross_entropy of (N, C, d1, ...) inputs (oracle/nll_nd.json, make_nll_nd.py): 1.13's nll_loss2d
 * path, its cascade over the (b, position) pairs, node NllLoss2DBackward0 (ViewBackward0 over it for reduction
 * "none" of a 3-D or 5-D input), values and gradients bit for bit, and the size checks' texts (fuzz cases more 68,
 * 175, 191). Each case is replayed as a fuzz case (FuzzReplay).
 */
class NllNdOracleTest {
    @TestFactory
    Stream<DynamicTest> lossesMatchPyTorch() {
        JsonNode all = OracleFiles.json("nll_nd.json");
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
