// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * tan and erfc against PyTorch 1.13.1 ({@code oracle/tan_erfc.json}, written by {@code make_tan_erfc.py}): forward
 * values and the input's gradient as bit patterns, and the grad_fn name, in float32 and float64 at lengths 7, 1000
 * and 4109 with wide, special and |x| &gt;= 125 inputs; a transposed, a 0-dim and an int64 input's forward.
 */
class TanErfcOracleTest {
    private static final JsonNode ROOT = OracleFiles.json("tan_erfc.json");

    private static UnaryOperator<Tensor> op(String name) {
        return name.equals("tan") ? Torch::tan : Torch::erfc;
    }

    @TestFactory
    List<DynamicTest> forwardAndGradientBits() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : ROOT.get("cases")) {
            String name = c.get("op").asText();
            Tensor x0 = OracleFiles.tensor(c.get("x"));
            tests.add(DynamicTest.dynamicTest(name + " " + x0.dtype() + " n=" + x0.numel(), () -> {
                Tensor x = x0.detach().requiresGrad_(true);
                Tensor y = op(name).apply(x);
                assertEquals(c.get("grad_fn").asText(), y.gradFn().name());
                y.backward(OracleFiles.tensor(c.get("g")));
                OracleFiles.assertSameBits(OracleFiles.tensor(c.get("y")), y, name + " forward");
                OracleFiles.assertSameBits(OracleFiles.tensor(c.get("grad")), x.grad(), name + " grad");
            }));
        }
        for (JsonNode c : ROOT.get("others")) {
            String name = c.get("op").asText(), kind = c.get("kind").asText();
            tests.add(DynamicTest.dynamicTest(name + " " + kind, () -> {
                Tensor x = OracleFiles.tensor(c.get("x"));
                OracleFiles.assertSameBits(OracleFiles.tensor(c.get("y")), op(name).apply(kind.equals("transposed") ? x.t() : x), name + " " + kind);
            }));
        }
        return tests;
    }
}
