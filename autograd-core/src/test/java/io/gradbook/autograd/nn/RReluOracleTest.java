// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.gradbook.autograd.DType;
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
import org.junit.jupiter.api.function.Executable;

/**
 * rrelu against PyTorch 1.13.1 ({@code oracle/rrelu.json}, written by {@code make_rrelu.py}): F.rrelu, F.rrelu_ and
 * nn.RReLU in training mode (the slopes drawn from the default generator after {@code manualSeed}) and eval mode,
 * float32 and float64 at sizes 7 and 1000 with +-0, NaN, +-inf among the inputs: output bits, node name, whether the
 * input comes back and its version bump, the leaf's gradient bits, and the generator's next three draws; the
 * module reprs, a transposed input and the error texts.
 */
class RReluOracleTest {
    private static final JsonNode ROOT = OracleFiles.json("rrelu.json");

    private static final Map<String, UnaryOperator<Tensor>> FORMS = new LinkedHashMap<>();
    static {
        FORMS.put("train", h -> F.rrelu(h, 1.0 / 8, 1.0 / 3, true));
        FORMS.put("train_bounds", h -> F.rrelu(h, 0.1, 0.9, true));
        FORMS.put("eval", F::rrelu);
        FORMS.put("eval_bounds", h -> F.rrelu(h, 0.2, 0.7, false));
        FORMS.put("inplace_train", h -> F.rrelu_(h, 1.0 / 8, 1.0 / 3, true));
        FORMS.put("inplace_eval", h -> F.rrelu(h, 0.1, 0.3, false, true));
        FORMS.put("module_train", h -> new RReLU().forward(h));
        FORMS.put("module_eval", h -> {
            Module m = new RReLU(0.2, 0.4);
            m.eval();
            return m.forward(h);
        });
        FORMS.put("module_inplace_train", h -> new RReLU(0.05, 0.5, true).forward(h));
    }

    @TestFactory
    List<DynamicTest> formsBitForBit() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : ROOT.get("cases")) {
            String form = c.get("form").asText();
            tests.add(DynamicTest.dynamicTest(form + " " + c.get("x").get("dtype").asText() + " n=" + c.get("x").get("shape").get(0), () -> OracleFiles.assertSeededForm(c, form, FORMS.get(form), form.contains("inplace"), true)));
        }
        return tests;
    }

    private static void assertError(String key, Executable f) {
        TorchException e = assertThrows(TorchException.class, f);
        assertEquals(ROOT.get("errors").get(key).asText(), e.getClass().getSimpleName() + ": " + e.getMessage(), key);
    }

    @Test
    void errorsInPyTorchsWords() {
        assertError("bounds", () -> F.rrelu(Torch.randn(3), 0.5, 0.1, false));
        assertError("bounds_train", () -> F.rrelu(Torch.randn(3), 0.5, 0.1, true));
        assertError("leaf_inplace", () -> F.rrelu_(Torch.randn(3).requiresGrad_(true)));
        assertError("leaf_inplace_train", () -> F.rrelu_(Torch.randn(3).requiresGrad_(true), 1.0 / 8, 1.0 / 3, true));
        assertError("half_train", () -> F.rrelu(Torch.randn(3).half(), 1.0 / 8, 1.0 / 3, true));
        assertError("half_eval", () -> F.rrelu(Torch.randn(3).half()));
        assertError("negative_slope_inplace_backward",
                () -> F.rrelu_(Torch.randn(3).requiresGrad_(true).clone(), -0.5, -0.1, false).sum().backward());
        assertError("int_train", () -> F.rrelu(Torch.arange(-2, 3), 1.0 / 8, 1.0 / 3, true));
    }

    @Test
    void reprs() {
        JsonNode r = ROOT.get("reprs");
        assertEquals(r.get("default").asText(), new RReLU().toString());
        assertEquals(r.get("bounds").asText(), new RReLU(0.1, 0.3).toString());
        assertEquals(r.get("inplace").asText(), new RReLU(0.05, 0.5, true).toString());
    }

    @Test
    void ownGeneratorGivesTheDefaultStreamsNumbers() {
        Tensor x = Torch.randn(50);
        Torch.manualSeed(3);
        Tensor a = F.rrelu(x, 0.1, 0.6, true);
        Tensor b = Torch.rrelu(x, 0.1, 0.6, true, new io.gradbook.autograd.Generator().manualSeed(3));
        OracleFiles.assertSameBits(a, b, "generator= argument");
    }

    @Test
    void transposedInputTakesTheSlopesInLogicalOrder() {
        JsonNode t = ROOT.get("transposed");
        Tensor x = OracleFiles.tensor(t.get("b")).t().detach().requiresGrad_(true);
        Torch.manualSeed(77);
        Tensor y = F.rrelu(x, 0.1, 0.9, true);
        y.backward(Torch.onesLike(y));
        OracleFiles.assertSameBits(OracleFiles.tensor(t.get("y")), y, "transposed forward");
        OracleFiles.assertSameBits(OracleFiles.tensor(t.get("grad")), x.grad(), "transposed grad");
    }

    @Test
    void gradcheckFloat64() {
        Tensor x = Torch.tensor(new double[] {-2.0, -0.7, -0.1, 0.2, 0.9, 3.0}, DType.FLOAT64).requiresGrad_(true);
        assertEquals(true, io.gradbook.autograd.Autograd.gradcheck(xs -> F.rrelu(xs.get(0), 0.1, 0.4, false), x));
        assertEquals(true, io.gradbook.autograd.Autograd.gradgradcheck(xs -> F.rrelu(xs.get(0), 0.1, 0.4, false), x));
        // training: the same generator state for every evaluation makes the slopes constant
        var gen = new io.gradbook.autograd.Generator();
        assertEquals(true, io.gradbook.autograd.Autograd.gradcheck(xs -> Torch.rrelu(xs.get(0), 0.1, 0.4, true, gen.manualSeed(5)), x));
    }
}
