// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Which of equal values topk, kthvalue and median(dim) return, against PyTorch 1.13.1 ({@code oracle/selection.json},
 * written by {@code make_selection.py}): topk's std::partial_sort / std::nth_element + std::sort (StdSort),
 * kthvalue's quick_select_template (QuickSelect), median's first NaN or index-ordered nth_element; inputs of small
 * integers with -0.0/0.0 and NaN in float32, float64 and int64, lengths 1 to 1000, 2-D along either dim and
 * transposed. Values and indices are compared bit for bit.
 */
class SelectionOracleTest {
    private static final JsonNode ROOT = OracleFiles.json("selection.json");

    @TestFactory
    List<DynamicTest> tiesAsPyTorchLeavesThem() {
        List<DynamicTest> tests = new ArrayList<>();
        int n = 0;
        for (JsonNode in : ROOT.get("inputs")) {
            Tensor x0 = OracleFiles.tensor(in.get("x"));
            int[] shape = x0.shapeArray();
            for (JsonNode c : in.get("calls")) {
                String op = c.get("op").asText();
                int dim = c.get("dim").asInt();
                String name = (n++) + " " + op + " " + x0.dtype() + java.util.Arrays.toString(shape) + " dim " + dim
                        + (c.has("k") ? " k " + c.get("k").asInt() : "") + (c.has("largest") ? " largest " + c.get("largest").asBoolean() : "");
                tests.add(DynamicTest.dynamicTest(name, () -> {
                    Tensor x = x0;
                    ValuesIndices r = switch (op) {
                        case "topk" -> x.topk(c.get("k").asInt(), dim, c.get("largest").asBoolean());
                        case "kthvalue" -> x.kthvalue(c.get("k").asInt(), dim);
                        default -> x.median(dim);
                    };
                    OracleFiles.assertSameBits(OracleFiles.tensor(c.get("indices")), r.indices(), name + " indices");
                    OracleFiles.assertSameBits(OracleFiles.tensor(c.get("values")), r.values(), name + " values");
                }));
            }
        }
        return tests;
    }
}
