// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.gradbook.autograd.OracleFiles;
import io.gradbook.autograd.Tensor;
import io.gradbook.autograd.Torch;
import io.gradbook.autograd.TorchException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The in-place activation forms against PyTorch 1.13.1 ({@code oracle/inplace_activations.json}, written by
 * {@code make_inplace_activations.py}): on {@code x.clone()} of a leaf that requires grad, the same tensor comes
 * back, its bits, its node name (EluBackward1, CeluBackward1, LeakyReluBackward1, ThresholdBackward1 where PyTorch
 * has a node of its own), its version before and after, and the leaf's gradient bit for bit, float32 and float64 at
 * sizes 7 and 1000; the leaf and view-of-leaf errors, the negative-slope backward errors; the modules'
 * {@code inplace=True} reprs, nodes and outputs.
 */
class InPlaceActivationsOracleTest {
    private static final JsonNode ROOT = OracleFiles.json("inplace_activations.json");

    private static final Map<String, UnaryOperator<Tensor>> FORMS = new LinkedHashMap<>();
    static {
        FORMS.put("relu_", F::relu_);
        FORMS.put("relu_inplace", h -> F.relu(h, true));
        FORMS.put("elu_", F::elu_);
        FORMS.put("elu_inplace_alpha", h -> F.elu(h, 0.7, true));
        FORMS.put("selu_", F::selu_);
        FORMS.put("celu_", h -> F.celu_(h, 1.7));
        FORMS.put("leaky_relu_", h -> F.leakyRelu_(h, 0.2));
        FORMS.put("hardtanh_", h -> F.hardtanh_(h, -0.5, 0.5));
        FORMS.put("relu6_inplace", h -> F.relu6(h, true));
        FORMS.put("threshold_", h -> F.threshold_(h, 0.1, 20.0));
        FORMS.put("threshold_low", h -> F.threshold_(h, 0.1, -5.0));
        FORMS.put("silu_inplace", h -> F.silu(h, true));
        FORMS.put("mish_inplace", h -> F.mish(h, true));
        FORMS.put("hardswish_inplace", h -> F.hardswish(h, true));
        FORMS.put("hardsigmoid_inplace", h -> F.hardsigmoid(h, true));
        FORMS.put("sigmoid_", Tensor::sigmoid_);
        FORMS.put("tanh_", Tensor::tanh_);
    }

    @TestFactory
    List<DynamicTest> inPlaceFormsBitForBit() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : ROOT.get("cases")) {
            String id = c.get("id").asText();
            String dt = c.get("x").get("dtype").asText();
            tests.add(DynamicTest.dynamicTest(id + " " + dt + " n=" + c.get("n").asInt(), () -> {
                Tensor x = OracleFiles.tensor(c.get("x")).requiresGrad_(true);
                Tensor h = x.clone();
                assertEquals(c.get("version_before").asInt(), h.version(), "version before");
                Tensor y = FORMS.get(id).apply(h);
                assertSame(h, y, "the in-place form returns its input");
                assertEquals(c.get("version_after").asInt(), h.version(), "version after");
                assertEquals(c.get("grad_fn").asText(), y.gradFn().name(), "grad_fn");
                y.backward(OracleFiles.tensor(c.get("g")));
                OracleFiles.assertSameBits(OracleFiles.tensor(c.get("y")), y, id + " forward");
                OracleFiles.assertSameBits(OracleFiles.tensor(c.get("grad")), x.grad(), id + " grad");
            }));
        }
        return tests;
    }

    @Test
    void leafAndViewOfLeafAreRefusedInPyTorchsWords() {
        JsonNode e = ROOT.get("errors");
        for (var form : FORMS.entrySet()) {
            Tensor leaf = Torch.randn(3).requiresGrad_(true);
            assertEquals(e.get(form.getKey() + " leaf").asText(),
                    assertThrows(TorchException.RuntimeError.class, () -> form.getValue().apply(leaf)).getMessage(), form.getKey());
            Tensor view = Torch.randn(3).requiresGrad_(true).slice(0, 1, 3, 1);
            assertEquals(e.get(form.getKey() + " view").asText(),
                    assertThrows(TorchException.RuntimeError.class, () -> form.getValue().apply(view)).getMessage(), form.getKey());
        }
        Tensor a = Torch.randn(3).requiresGrad_(true);
        Tensor leaky = F.leakyRelu_(a.clone(), -0.5).sum();
        assertEquals(e.get("leaky_relu_ negative slope").asText(),
                assertThrows(TorchException.RuntimeError.class, leaky::backward).getMessage());
        Tensor elu = F.elu_(a.clone(), -0.5).sum();
        assertEquals(e.get("elu_ negative alpha").asText(), assertThrows(TorchException.RuntimeError.class, elu::backward).getMessage());
    }

    @Test
    void modulesWithInplaceTrue() {
        Map<String, Module> m = new LinkedHashMap<>();
        m.put("ReLU", new ReLU(true));
        m.put("ELU", new ELU(1.0, true));
        m.put("ELU_a", new ELU(0.5, true));
        m.put("SELU", new SELU(true));
        m.put("CELU", new CELU(2.0, true));
        m.put("LeakyReLU", new LeakyReLU(0.1, true));
        m.put("Hardtanh", new Hardtanh(-2.0, 3.0, true));
        m.put("ReLU6", new ReLU6(true));
        m.put("Threshold", new Threshold(0.1, 20.0, true));
        m.put("SiLU", new SiLU(true));
        m.put("Mish", new Mish(true));
        m.put("Hardswish", new Hardswish(true));
        m.put("Hardsigmoid", new Hardsigmoid(true));
        JsonNode want = ROOT.get("modules");
        assertEquals(want.size(), m.size());
        m.forEach((k, module) -> {
            JsonNode w = want.get(k);
            assertEquals(w.get("repr").asText(), module.toString(), k);
            Tensor x = OracleFiles.tensor(w.get("x")).requiresGrad_(true);
            Tensor h = x.clone();
            Tensor y = module.forward(h);
            assertSame(h, y, k);
            assertEquals(w.get("grad_fn").asText(), y.gradFn().name(), k);
            OracleFiles.assertSameBits(OracleFiles.tensor(w.get("y")), y, k);
        });
    }
}
