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
 * F.gelu ("none") on float64 (oracle/gelu64.json, make_gelu64.py): ATen's kernels for doubles, SLEEF's erf and exp on
 * a contiguous run's vector body, glibc's on its tail and on strided runs, the backward's fused multiply-add in the
 * vector code only (fuzz case more 316). Each case is replayed as a fuzz case (FuzzReplay).
 */
class Gelu64OracleTest {
    @TestFactory
    Stream<DynamicTest> gradientsMatchPyTorch() {
        JsonNode all = OracleFiles.json("gelu64.json");
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
