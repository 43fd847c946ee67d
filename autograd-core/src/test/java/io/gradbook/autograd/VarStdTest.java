// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * var / std against PyTorch 1.13's bits (oracle/varstd.json, recorded by make_varstd.py): all elements and over
 * dims, correction 0/1/2, keepdim, transposed input, a one-element output, float32 and float64.
 */
class VarStdTest {
    static JsonNode json() {
        return OracleFiles.json("varstd.json");
    }

    static Tensor tensor(JsonNode t) {
        return OracleFiles.tensor(t);
    }

    @TestFactory
    Stream<DynamicTest> varStd() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : json().get("cases")) {
            int[] d = OracleFiles.intsOrNull(c.get("dims"));
            String what = c.get("op").asText() + "(" + c.get("input").asText() + (c.get("transposed").asBoolean() ? ".t()" : "")
                    + ", dim=" + java.util.Arrays.toString(d) + ", correction=" + c.get("correction").asInt() + ", keepdim=" + c.get("keepdim").asBoolean() + ")";
            tests.add(DynamicTest.dynamicTest(what + " bit for bit", () -> {
                Tensor x = tensor(json().get("tensors").get(c.get("input").asText()));
                if (c.get("transposed").asBoolean()) x = x.t();
                int corr = c.get("correction").asInt();
                boolean keep = c.get("keepdim").asBoolean();
                Tensor y = c.get("op").asText().equals("var") ? x.var(d, corr, keep) : x.std(d, corr, keep);
                Tensor e = tensor(c.get("output"));
                assertArrayEquals(e.shape().toArray(), y.shape().toArray(), what + " shape");
                double[] ev = e.toDoubleArray(), av = y.toDoubleArray();
                for (int i = 0; i < ev.length; i++) {
                    assertEquals(Double.doubleToLongBits(ev[i]), Double.doubleToLongBits(av[i]), what + "[" + i + "]: " + av[i] + " vs PyTorch " + ev[i]);
                }
            }));
        }
        return tests.stream();
    }
}
