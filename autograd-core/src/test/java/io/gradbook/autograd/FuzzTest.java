// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The differential fuzz corpora (oracle/fuzz.json, made by oracle/make_fuzz.py, seeds 1-300 and 11 more, and
 * oracle/fuzz_wide.json, make_fuzz_wide.py's scans, sorts, indexing, norms, integer dtypes, versions and double
 * backward, and oracle/fuzz_more.json, make_fuzz_more.py's activations, losses, shapes, selection and more math):
 * random short op programs on
 * float32/float64 tensors, with transposed, stepped, narrowed, permuted and expanded inputs, reductions over dim
 * lists, softmax over each dim, products and in-place ops on views, replayed on Gradbook (FuzzReplay) and compared
 * with PyTorch 1.13.1 bit for bit, with strides, grad_fn names and gradients. What still differs is listed in
 * {@link FuzzGaps} with its cause; a listed case that matches fails too.
 */
class FuzzTest {
    private static JsonNode corpus() {
        return OracleFiles.json("fuzz.json");
    }

    /** The wide corpus (oracle/fuzz_wide.json, make_fuzz_wide.py): the ops, dtypes and double backward fuzz.json lacks. */
    private static JsonNode wide() {
        return OracleFiles.json("fuzz_wide.json");
    }

    /** The third corpus (oracle/fuzz_more.json, make_fuzz_more.py): the public ops neither of the other two draws. */
    private static JsonNode more() {
        return OracleFiles.json("fuzz_more.json");
    }

    private static List<JsonNode> cases() {
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode c : corpus().get("cases")) all.add(c);
        for (JsonNode c : wide().get("cases")) all.add(c);
        for (JsonNode c : more().get("cases")) all.add(c);
        return all;
    }

    @TestFactory
    Stream<DynamicTest> fuzzMatchesPyTorch() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : cases()) {
            String name = c.get("name").asText();
            tests.add(DynamicTest.dynamicTest(name, () -> {
                List<String> diffs = FuzzReplay.differences(c);
                String gap = FuzzGaps.reason(name);
                if (gap == null) {
                    if (!diffs.isEmpty()) fail(name + ": " + String.join("; ", diffs));
                } else {
                    assertTrue(!diffs.isEmpty(), name + " matches PyTorch now: remove it from FuzzGaps (" + gap + ")");
                    for (String d : diffs) assertTrue(FuzzGaps.allows(name, d), name + ": known gap (" + gap + ") but differs otherwise: " + d);
                }
            }));
        }
        return tests.stream();
    }

    /** Every gap names a recorded case; the corpus was recorded with one intra-op thread. */
    @Test
    void gapsNameCases() {
        List<String> names = new ArrayList<>();
        for (JsonNode c : cases()) names.add(c.get("name").asText());
        for (String g : FuzzGaps.CASES.keySet()) assertTrue(names.contains(g), "gap names no recorded case: " + g);
        assertEquals(1, corpus().get("threads").asInt(), "recorded with one intra-op thread");
        assertEquals(1, wide().get("threads").asInt(), "recorded with one intra-op thread");
        assertEquals(1, more().get("threads").asInt(), "recorded with one intra-op thread");
    }

    /**
     * A bigger seed range recorded locally (bench/fuzz.sh: -Dgradbook.fuzz.file=...): prints each differing case and
     * a count by kind of difference, and fails if any case differs.
     */
    @Test
    @EnabledIfSystemProperty(named = "gradbook.fuzz.file", matches = ".+")
    void survey() throws IOException {
        JsonNode cases = new ObjectMapper().readTree(new File(System.getProperty("gradbook.fuzz.file"))).get("cases");
        Map<String, Integer> kinds = new TreeMap<>();
        int differing = 0;
        for (JsonNode c : cases) {
            List<String> diffs = FuzzReplay.differences(c);
            if (diffs.isEmpty()) continue;
            differing++;
            System.out.println(c.get("name").asText() + " " + c.get("prog") + "\n    " + String.join("\n    ", diffs));
            for (String d : diffs) kinds.merge(d.substring(0, Math.max(0, d.indexOf(':'))), 1, Integer::sum);
        }
        System.out.println("fuzz survey: " + cases.size() + " cases, " + (cases.size() - differing) + " match, "
                + differing + " differ; differences by kind " + kinds);
        assertEquals(0, differing, differing + " of " + cases.size() + " cases differ (listed above)");
    }
}
