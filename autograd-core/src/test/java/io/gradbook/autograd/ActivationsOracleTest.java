// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.gradbook.autograd.nn.F;
import io.gradbook.autograd.nn.Module;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The added activations against PyTorch 1.13.1 ({@code oracle/activations.json}, written by
 * {@code make_activations.py}): forward values and the input's gradient compared as bit patterns (ints), and the
 * grad_fn name, for float32 and float64 at sizes 7 (scalar tail) and 1000 (vector body and tail), with ±0, large
 * |x| and NaN among the inputs; and each module's repr.
 */
class ActivationsOracleTest {
    private static final JsonNode ROOT = OracleFiles.json("activations.json");

    private static final Map<String, UnaryOperator<Tensor>> OPS = new LinkedHashMap<>();
    static {
        OPS.put("silu", F::silu);
        OPS.put("elu", F::elu);
        OPS.put("elu_alpha", x -> F.elu(x, 0.7));
        OPS.put("selu", F::selu);
        OPS.put("celu", F::celu);
        OPS.put("celu_alpha", x -> F.celu(x, 1.7));
        OPS.put("hardtanh", F::hardtanh);
        OPS.put("hardtanh_range", x -> F.hardtanh(x, -2.5, 0.5));
        OPS.put("relu6", F::relu6);
        OPS.put("softplus", F::softplus);
        OPS.put("mish", F::mish);
        OPS.put("hardswish", F::hardswish);
        OPS.put("hardsigmoid", F::hardsigmoid);
        OPS.put("logsigmoid", F::logSigmoid);
        OPS.put("softsign", F::softsign);
        OPS.put("tanhshrink", F::tanhshrink);
        OPS.put("hardshrink", F::hardshrink);
        OPS.put("hardshrink_l", x -> F.hardshrink(x, 1.0));
        OPS.put("softshrink", F::softshrink);
        OPS.put("softshrink_l", x -> F.softshrink(x, 1.0));
        OPS.put("threshold", x -> F.threshold(x, 0.1, 20.0));
    }

    @TestFactory
    List<DynamicTest> forwardAndGradientBits() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : ROOT.get("cases")) {
            String id = c.get("id").asText();
            String dt = c.get("x").get("dtype").asText();
            tests.add(DynamicTest.dynamicTest(id + " " + dt + " n=" + c.get("n").asInt(), () -> {
                Tensor x = OracleFiles.tensor(c.get("x")).requiresGrad_(true);
                Tensor y = OPS.get(id).apply(x);
                assertEquals(c.get("grad_fn").asText(), y.gradFn().name(), "grad_fn");
                y.backward(OracleFiles.tensor(c.get("g")));
                OracleFiles.assertSameBits(OracleFiles.tensor(c.get("y")), y, id + " forward");
                OracleFiles.assertSameBits(OracleFiles.tensor(c.get("grad")), x.grad(), id + " grad");
            }));
        }
        return tests;
    }

    @Test
    void float32ForwardOverTransposedAndSteppedInputs() {
        for (JsonNode c : ROOT.get("strided")) {
            Tensor base = OracleFiles.tensor(c.get("x"));
            String view = c.get("view").asText();
            Tensor x = view.equals("t") ? base.t() : base.slice(1, 0, base.size(1), 2);
            OracleFiles.assertSameBits(OracleFiles.tensor(c.get("y")), OPS.get(c.get("id").asText()).apply(x), c.get("id").asText() + " " + view);
        }
    }

    @Test
    void badInputGetsPyTorchsErrorAndIntegersClamp() {
        JsonNode e = ROOT.get("errors");
        Map<String, Runnable> calls = new LinkedHashMap<>();
        calls.put("silu_long", () -> F.silu(Torch.arange(3)));
        calls.put("elu_long", () -> F.elu(Torch.arange(3)));
        calls.put("softshrink_neg", () -> F.softshrink(Torch.randn(3), -0.5));
        calls.put("softshrink_neg1", () -> F.softshrink(Torch.randn(3), -1.0));
        calls.put("softshrink_tiny", () -> F.softshrink(Torch.randn(3), -1e-7));
        calls.put("hardtanh_bool", () -> F.hardtanh(Torch.tensor(new boolean[] {true, false})));
        calls.put("hardtanh_half", () -> F.hardtanh(Torch.arange(3).to(DType.FLOAT16)));
        calls.put("hardshrink_long", () -> F.hardshrink(Torch.arange(3)));
        calls.put("prelu_dtype", () -> F.prelu(Torch.arange(3), Torch.tensor(new float[] {0.25f})));
        assertEquals(e.size(), calls.size());
        calls.forEach((k, call) -> assertEquals(e.get(k).asText(),
                org.junit.jupiter.api.Assertions.assertThrows(TorchException.RuntimeError.class, call::run).getMessage(), k));
        OracleFiles.assertSameBits(OracleFiles.tensor(ROOT.get("int_cases").get("hardtanh")), F.hardtanh(Torch.arange(-3, 3), -1.5, 1.5), "hardtanh int64");
        OracleFiles.assertSameBits(OracleFiles.tensor(ROOT.get("int_cases").get("relu6")), F.relu6(Torch.arange(-3, 9)), "relu6 int64");
        OracleFiles.assertSameBits(OracleFiles.tensor(ROOT.get("int_cases").get("threshold")), F.threshold(Torch.arange(-3, 3), 0.7, 9.9), "threshold int64");
        OracleFiles.assertSameBits(OracleFiles.tensor(ROOT.get("int_cases").get("softsign")), F.softsign(Torch.arange(-3, 3)), "softsign int64");
    }

    @Test
    void preluValuesAndBothGradients() {
        int i = 0;
        for (JsonNode c : ROOT.get("prelu")) {
            String what = "prelu case " + i++ + " " + c.get("x").get("dtype").asText() + " " + c.get("x").get("shape");
            Tensor x = OracleFiles.tensor(c.get("x")).requiresGrad_(true), w = OracleFiles.tensor(c.get("w")).requiresGrad_(true);
            Tensor y = F.prelu(x, w);
            assertEquals(c.get("grad_fn").asText(), y.gradFn().name(), what);
            y.backward(OracleFiles.tensor(c.get("g")));
            OracleFiles.assertSameBits(OracleFiles.tensor(c.get("y")), y, what + " forward");
            OracleFiles.assertSameBits(OracleFiles.tensor(c.get("grad")), x.grad(), what + " input grad");
            OracleFiles.assertSameBits(OracleFiles.tensor(c.get("wgrad")), w.grad(), what + " weight grad");
        }
    }

    @Test
    void preluChannelMismatchIsPyTorchsError() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(TorchException.RuntimeError.class,
                () -> F.prelu(Torch.randn(2, 3), Torch.rand(2)));
        assertEquals(ROOT.get("prelu_error").asText(), e.getMessage());
    }

    @Test
    void preluModuleWeightStartsAtInit() {
        OracleFiles.assertSameBits(OracleFiles.tensor(ROOT.get("prelu_weight")), new io.gradbook.autograd.nn.PReLU(3, 0.1).weight, "PReLU(3, init=0.1).weight");
    }

    @Test
    void moduleReprs() {
        Map<String, Module> m = new LinkedHashMap<>();
        m.put("SiLU", new io.gradbook.autograd.nn.SiLU());
        m.put("ELU", new io.gradbook.autograd.nn.ELU());
        m.put("ELU_a", new io.gradbook.autograd.nn.ELU(0.5));
        m.put("SELU", new io.gradbook.autograd.nn.SELU());
        m.put("CELU", new io.gradbook.autograd.nn.CELU());
        m.put("CELU_a", new io.gradbook.autograd.nn.CELU(2.0));
        m.put("Hardtanh", new io.gradbook.autograd.nn.Hardtanh());
        m.put("Hardtanh_r", new io.gradbook.autograd.nn.Hardtanh(-2.0, 3.5));
        m.put("ReLU6", new io.gradbook.autograd.nn.ReLU6());
        m.put("Softplus", new io.gradbook.autograd.nn.Softplus());
        m.put("Softplus_b", new io.gradbook.autograd.nn.Softplus(2.0, 10.0));
        m.put("Mish", new io.gradbook.autograd.nn.Mish());
        m.put("Hardswish", new io.gradbook.autograd.nn.Hardswish());
        m.put("Hardsigmoid", new io.gradbook.autograd.nn.Hardsigmoid());
        m.put("LogSigmoid", new io.gradbook.autograd.nn.LogSigmoid());
        m.put("Softsign", new io.gradbook.autograd.nn.Softsign());
        m.put("Tanhshrink", new io.gradbook.autograd.nn.Tanhshrink());
        m.put("Hardshrink", new io.gradbook.autograd.nn.Hardshrink());
        m.put("Softshrink", new io.gradbook.autograd.nn.Softshrink(0.25));
        m.put("Threshold", new io.gradbook.autograd.nn.Threshold(0.1, 20.0));
        m.put("PReLU", new io.gradbook.autograd.nn.PReLU());
        m.put("PReLU_3", new io.gradbook.autograd.nn.PReLU(3, 0.1));
        JsonNode reprs = ROOT.get("reprs");
        assertEquals(reprs.size(), m.size());
        m.forEach((k, mod) -> assertEquals(reprs.get(k).asText(), mod.toString(), k));
    }
}
