// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.nn;

import static io.gradbook.autograd.Torch.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.gradbook.autograd.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Default initialisation and nn.init under manualSeed, bit for bit against PyTorch (the RNG is exact today). */
class InitTest {
    static final Map<String, Supplier<Module>> BUILD = Map.of(
            "linear_3_1", () -> new Linear(3, 1),
            "linear_5_4", () -> new Linear(5, 4),
            "linear_4_3_nobias", () -> new Linear(4, 3, false),
            "linear_20_30", () -> new Linear(20, 30),
            "seq_linear_flatten", () -> new Sequential(new Linear(3, 1), new Flatten(0, 1)),
            "mlp", () -> new Sequential(new Linear(4, 8), new ReLU(), new Linear(8, 2)),
            "embedding_10_3", () -> new Embedding(10, 3),
            "embedding_7_20", () -> new Embedding(7, 20),
            "layernorm_4", () -> new LayerNorm(4),
            "batchnorm1d_3", () -> new BatchNorm1d(3));

    @TestFactory
    Stream<DynamicTest> defaultInitialisation() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : Oracle.json().get("init")) {
            String id = c.get("id").asText();
            int seed = c.get("seed").asInt();
            tests.add(DynamicTest.dynamicTest(id + " seed " + seed, () -> {
                manualSeed(seed);
                Module m = BUILD.get(id).get();
                Tensor after = rand(1);
                Map<String, Tensor> sd = m.stateDict();
                assertEquals(iterable(c.get("state").fieldNames()), new ArrayList<>(sd.keySet()), "state_dict keys");
                c.get("state").fields().forEachRemaining(e -> Oracle.assertExact(e.getValue(), sd.get(e.getKey()), id + "." + e.getKey()));
                Oracle.assertExact(json1(c.get("next_rand")), after, "generator position afterwards");
            }));
        }
        return tests.stream();
    }

    static final Map<String, Consumer<Tensor>> FNS = Map.ofEntries(
            Map.entry("uniform_", t -> Init.uniform_(t, -2.0, 3.0)),
            Map.entry("normal_", t -> Init.normal_(t, 0.5, 2.0)),
            Map.entry("constant_", t -> Init.constant_(t, 0.3)),
            Map.entry("zeros_", Init::zeros_),
            Map.entry("ones_", Init::ones_),
            Map.entry("xavier_uniform_", Init::xavierUniform_),
            Map.entry("xavier_uniform_gain", t -> Init.xavierUniform_(t, Init.calculateGain("tanh"))),
            Map.entry("xavier_normal_", Init::xavierNormal_),
            Map.entry("kaiming_uniform_", Init::kaimingUniform_),
            Map.entry("kaiming_uniform_a5", t -> Init.kaimingUniform_(t, Math.sqrt(5))),
            Map.entry("kaiming_normal_", t -> Init.kaimingNormal_(t, 0, "fan_out", "relu")),
            Map.entry("kaiming_normal_leaky", t -> Init.kaimingNormal_(t, 0.1)));

    @TestFactory
    Stream<DynamicTest> initFunctions() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : Oracle.json().get("init_fn")) {
            String id = c.get("id").asText();
            int[] shape = Oracle.ints(c.get("shape"));
            tests.add(DynamicTest.dynamicTest(id + " " + java.util.Arrays.toString(shape), () -> {
                manualSeed(7);
                Tensor t = empty(shape);
                FNS.get(id).accept(t);
                double[] e = Oracle.doubles(c.get("values")), a = t.toDoubleArray();
                for (int i = 0; i < e.length; i++) assertEquals(e[i], a[i], 0.0, id + "[" + i + "]");
            }));
        }
        return tests.stream();
    }

    @Test
    void gains() {
        JsonNode g = Oracle.json().get("gain");
        assertEquals(g.get("linear").asDouble(), Init.calculateGain("linear"), 0.0);
        assertEquals(g.get("sigmoid").asDouble(), Init.calculateGain("sigmoid"), 0.0);
        assertEquals(g.get("tanh").asDouble(), Init.calculateGain("tanh"), 0.0);
        assertEquals(g.get("relu").asDouble(), Init.calculateGain("relu"), 0.0);
        assertEquals(g.get("leaky_relu").asDouble(), Init.calculateGain("leaky_relu"), 0.0);
        assertEquals(g.get("leaky_relu_0.2").asDouble(), Init.calculateGain("leaky_relu", 0.2), 0.0);
        assertEquals(g.get("selu").asDouble(), Init.calculateGain("selu"), 0.0);
    }

    private static Tensor empty(int[] shape) {
        return zeros(shape);
    }

    private static JsonNode json1(JsonNode values) {
        var node = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        node.putArray("shape").add(1);
        node.put("dtype", "float32");
        node.set("values", values);
        return node;
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
