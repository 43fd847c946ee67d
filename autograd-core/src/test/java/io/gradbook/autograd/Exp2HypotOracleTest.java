// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * float64 exp2 and float32 hypot against PyTorch 1.13.1 ({@code oracle/exp2_hypot.json}, written by
 * {@code make_exp2_hypot.py}): forward values and the inputs' gradients as bit patterns, and the grad_fn names, at
 * lengths 7, 1000 and 4109 (exp2's overflow and subnormal edges, hypot's FLT_MIN scaling, float overflow, NaN/inf);
 * float32 hypot broadcast against a 0-dim tensor (either side), a row, a column, both, and a transposed input;
 * float16 hypot's error.
 */
class Exp2HypotOracleTest {
    private static final JsonNode ROOT = OracleFiles.json("exp2_hypot.json");

    private static Tensor t(JsonNode c, String key) {
        return OracleFiles.tensor(c.get(key));
    }

    @TestFactory
    List<DynamicTest> forwardAndGradientBits() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : ROOT.get("cases")) {
            String op = c.get("op").asText();
            tests.add(DynamicTest.dynamicTest(op + " n=" + c.get("y").get("shape").get(0), () -> {
                if (op.equals("exp2")) {
                    Tensor x = t(c, "x").requiresGrad_(true);
                    Tensor y = x.exp2();
                    assertEquals(c.get("grad_fn").asText(), y.gradFn().name());
                    y.backward(t(c, "g"));
                    OracleFiles.assertSameBits(t(c, "y"), y, "exp2 forward");
                    OracleFiles.assertSameBits(t(c, "grad"), x.grad(), "exp2 grad");
                } else {
                    Tensor a = t(c, "a").requiresGrad_(true), b = t(c, "b").requiresGrad_(true);
                    Tensor y = Torch.hypot(a, b);
                    assertEquals(c.get("grad_fn").asText(), y.gradFn().name());
                    y.backward(t(c, "g"));
                    OracleFiles.assertSameBits(t(c, "y"), y, "hypot forward");
                    OracleFiles.assertSameBits(t(c, "grad_a"), a.grad(), "hypot grad a");
                    OracleFiles.assertSameBits(t(c, "grad_b"), b.grad(), "hypot grad b");
                }
            }));
        }
        for (JsonNode c : ROOT.get("broadcast")) {
            String kind = c.get("kind").asText();
            tests.add(DynamicTest.dynamicTest("hypot float32 " + kind, () -> {
                Tensor a = t(c, "a"), b = t(c, "b");
                Tensor y = kind.equals("transposed") ? Torch.hypot(a.t(), b) : Torch.hypot(a, b);
                OracleFiles.assertSameBits(t(c, "y"), y, "hypot " + kind);
            }));
        }
        return tests;
    }

    @org.junit.jupiter.api.Test
    void float16HypotIsRefusedInPyTorchsWords() {
        Tensor h = Torch.tensor(3.0, 4.0).half();
        assertEquals(ROOT.get("half_error").asText(),
                org.junit.jupiter.api.Assertions.assertThrows(TorchException.RuntimeError.class, () -> Torch.hypot(h, h)).getMessage());
    }
}
