// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.nn;

import static io.gradbook.autograd.Torch.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.gradbook.autograd.Tensor;
import io.gradbook.autograd.TorchException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Module's contract against PyTorch: printed form, names, traversal order, state dict and its errors. */
class ModuleTest {
    /** The Java twin of make_nn.py's Net: registration in the order Python assigns the attributes. */
    static class Net extends Module {
        final Linear fc1 = registerModule("fc1", new Linear(4, 8));
        final ReLU act = registerModule("act", new ReLU());
        final Dropout drop = registerModule("drop", new Dropout(0.1));
        final Sequential head = registerModule("head", new Sequential(new Linear(8, 2), new LogSoftmax(1)));

        @Override
        public Tensor forward(Tensor x) {
            return head.forward(drop.forward(act.forward(fc1.forward(x))));
        }
    }

    static class Polynomial3 extends Module {
        final Tensor a = registerParameter("a", parameter(randn()));
        final Tensor b = registerParameter("b", parameter(randn()));
    }

    static final Map<String, Supplier<Module>> BUILD = Map.of(
            "nested", () -> new Sequential(new Sequential(new Linear(2, 2)), new ModuleList(new ReLU(), new Tanh()), new Identity()),
            "net", Net::new,
            "poly", Polynomial3::new,
            "module_list_empty", ModuleList::new,
            "sequential_empty", Sequential::new,
            "misc", () -> new Sequential(new Embedding(10, 3, 0), new LayerNorm(new int[] {3}, 1e-6), new Dropout(0.25),
                    new LeakyReLU(0.1), new GELU("tanh"), new Softmax(-1), new BatchNorm1d(3, 1e-5, null, false, true),
                    new Unflatten(1, 3, 1), new LogSoftmax(0), new Sigmoid(), new Softmax()),
            "losses", () -> new ModuleList(new MSELoss(), new L1Loss("sum"), new CrossEntropyLoss().labelSmoothing(0.1), new NLLLoss(),
                    new BCELoss(), new BCEWithLogitsLoss(), new KLDivLoss("batchmean"), new SmoothL1Loss(), new HuberLoss()));

    @TestFactory
    Stream<DynamicTest> modules() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : Oracle.json().get("modules")) {
            String id = c.get("id").asText();
            tests.add(DynamicTest.dynamicTest(id, () -> {
                manualSeed(0);
                Module m = BUILD.get(id).get();
                assertEquals(c.get("repr").asText(), m.toString(), "repr");
                assertEquals(texts(c.get("parameters")), new ArrayList<>(m.namedParameters().keySet()), "named_parameters");
                assertEquals(texts(c.get("state_dict")), new ArrayList<>(m.stateDict().keySet()), "state_dict keys");
                List<String> types = new ArrayList<>();
                for (Module x : m.modules()) types.add(x.getName());
                assertEquals(texts(c.get("modules")), types, "modules()");
                List<String> kids = new ArrayList<>();
                for (Module x : m.children()) kids.add(x.getName());
                assertEquals(texts(c.get("children")), kids, "children()");
                assertEquals(texts(c.get("named_modules")), new ArrayList<>(m.namedModules().keySet()), "named_modules()");
            }));
        }
        return tests.stream();
    }

    @Test
    void errorsHavePyTorchsText() {
        JsonNode e = Oracle.json().get("errors");
        assertEquals(e.get("missing").asText(), assertThrows(TorchException.RuntimeError.class,
                () -> new Linear(3, 2).loadStateDict(Map.of("weight", zeros(2, 3)))).getMessage());
        Map<String, Tensor> extra = new java.util.LinkedHashMap<>();
        extra.put("weight", zeros(2, 3));
        extra.put("bias", zeros(2));
        extra.put("extra", zeros(1));
        assertEquals(e.get("unexpected").asText(), assertThrows(TorchException.RuntimeError.class, () -> new Linear(3, 2).loadStateDict(extra)).getMessage());
        Map<String, Tensor> wrong = new java.util.LinkedHashMap<>();
        wrong.put("weight", zeros(3, 3));
        wrong.put("bias", zeros(2));
        assertEquals(e.get("size").asText(), assertThrows(TorchException.RuntimeError.class, () -> new Linear(3, 2).loadStateDict(wrong)).getMessage());
        assertEquals(e.get("linear_shape").asText(), assertThrows(TorchException.RuntimeError.class, () -> new Linear(3, 2).forward(zeros(4, 5))).getMessage());
        assertEquals(e.get("sequential_index").asText(), assertThrows(TorchException.IndexError.class, () -> new Sequential(new Linear(3, 2)).get(3)).getMessage());
        assertEquals(e.get("no_forward").asText(), assertThrows(TorchException.NotImplementedError.class, () -> new Module() {
            @Override
            public String getName() {
                return "Module";
            }
        }.forward(zeros(1))).getMessage());
        assertThrows(TorchException.TypeError.class, () -> new Module() {
            final Tensor w = registerParameter("w", randn(2));
        });
    }

    @Test
    void trainEvalZeroGradRequiresGradApply() {
        var model = new Sequential(new Linear(3, 2), new Dropout(0.5), new Linear(2, 1));
        assertTrue(model.get(1).isTraining());
        model.eval();
        assertFalse(model.get(1).isTraining());
        assertFalse(model.isTraining());
        model.train();
        assertTrue(model.get(2).isTraining());

        model.forward(ones(4, 3)).sum().backward();
        Tensor g = model.parameters().get(0).grad();
        model.zeroGrad();
        assertSame(g, model.parameters().get(0).grad(), "set_to_none=False keeps the gradient tensor");
        assertEquals(0.0, g.abs().sum().item());
        model.zeroGrad(true);
        assertNull(model.parameters().get(0).grad());

        model.requiresGrad_(false);
        for (Tensor p : model.parameters()) assertFalse(p.requiresGrad());
        List<String> visited = new ArrayList<>();
        model.apply(m -> visited.add(m.getName()));
        assertEquals(List.of("Linear", "Dropout", "Linear", "Sequential"), visited);
        assertEquals(model.get(-1), model.get(2));
    }

    @Test
    void sharedParametersAreListedOnce() {
        var lin = new Linear(2, 2);
        var model = new Sequential(lin, new ReLU(), lin);
        assertEquals(List.of("0.weight", "0.bias"), new ArrayList<>(model.namedParameters().keySet()));
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), new ArrayList<>(model.stateDict().keySet()));
    }

    @Test
    void stateDictRoundTrip() {
        manualSeed(1);
        var a = new Sequential(new Linear(3, 4), new BatchNorm1d(4));
        a.forward(randn(5, 3));
        var b = new Sequential(new Linear(3, 4), new BatchNorm1d(4));
        b.loadStateDict(a.stateDict());
        for (Map.Entry<String, Tensor> e : a.stateDict().entrySet()) assertTrue(equal(e.getValue(), b.stateDict().get(e.getKey())), e.getKey());
        assertEquals(1.0, b.stateDict().get("1.num_batches_tracked").item());
    }

    private static List<String> texts(JsonNode arr) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : arr) out.add(n.asText());
        return out;
    }
}
