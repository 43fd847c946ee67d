// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.nn;

import static io.gradbook.autograd.Torch.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.gradbook.autograd.Generator;
import io.gradbook.autograd.Tensor;
import io.gradbook.autograd.data.DataLoader;
import io.gradbook.autograd.data.TensorDataset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** randperm, the int64 seed draw, and DataLoader's batches over two epochs, as PyTorch 1.13 draws them. */
class DataTest {
    @Test
    void randomInt64() {
        manualSeed(0);
        for (JsonNode v : Oracle.json().get("random_int64")) assertEquals(v.asLong(), defaultGenerator().randomInt64());
    }

    @TestFactory
    Stream<DynamicTest> randperm() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : Oracle.json().get("randperm")) {
            int n = c.get("n").asInt();
            tests.add(DynamicTest.dynamicTest("randperm(" + n + ")", () -> {
                Tensor p = io.gradbook.autograd.Torch.randperm(n, new Generator().manualSeed(c.get("seed").asLong()));
                List<Long> got = new ArrayList<>();
                for (double v : p.toDoubleArray()) got.add((long) v);
                List<Long> want = new ArrayList<>();
                for (JsonNode v : c.get("perm")) want.add(v.asLong());
                assertEquals(want, got);
                assertEquals("int64", p.dtype().toString().replace("torch.", ""));
            }));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> loaders() {
        TensorDataset ds = new TensorDataset(arange(10L), arange(10.0).mul(10));
        Map<String, Function<Generator, DataLoader>> build = Map.of(
                "plain_4", g -> new DataLoader(ds, 4),
                "shuffle_3", g -> new DataLoader(ds, 3).shuffle(true),
                "shuffle_3_drop", g -> new DataLoader(ds, 3).shuffle(true).dropLast(true),
                "shuffle_4_generator", g -> new DataLoader(ds, 4).shuffle(true).generator(g),
                "batch_1", g -> new DataLoader(ds).shuffle(true));
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : Oracle.json().get("loaders")) {
            String id = c.get("id").asText();
            tests.add(DynamicTest.dynamicTest(id, () -> {
                manualSeed(0);
                Generator g = new Generator().manualSeed(7);
                DataLoader dl = build.get(id).apply(g);
                assertEquals(c.get("len").asInt(), dl.size(), "len");
                for (int epoch = 0; epoch < 2; epoch++) {
                    JsonNode batches = c.get("epochs").get(epoch);
                    int i = 0;
                    for (List<Tensor> b : dl) {
                        JsonNode want = batches.get(i++);
                        assertEquals(want.get(0).toString(), longs(b.get(0)), id + " epoch " + epoch + " batch " + i);
                        Oracle.assertClose(Oracle.doubles(want.get(1)), b.get(1).toDoubleArray(), id + " labels", 0, 0);
                        assertEquals("int64", b.get(0).dtype().toString().replace("torch.", ""));
                    }
                    assertEquals(batches.size(), i, id + " batches in epoch " + epoch);
                }
                assertEquals(c.get("next_rand").get(0).asDouble(), rand(1).item(), 0.0, "the default generator moved on as in PyTorch");
            }));
        }
        return tests.stream();
    }

    private static String longs(Tensor t) {
        StringBuilder sb = new StringBuilder("[");
        for (double v : t.toDoubleArray()) sb.append(sb.length() == 1 ? "" : ",").append((long) v);
        return sb.append(']').toString();
    }
}
