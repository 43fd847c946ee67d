// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * float32 fmod and remainder against PyTorch 1.13.1 ({@code oracle/fmod.json}, written by {@code make_fmod.py}):
 * SLEEF's fmodf over a run's vector body (NaN for quotients above FLT_MAX, the sign of exact zeros), std::fmod on
 * the tail and on strided runs (math/Float32Fmod); tensor by tensor, by a Python scalar, by a 0-dim tensor,
 * broadcast against a row, transposed, at lengths 7 to 1000; bit for bit.
 */
class FmodOracleTest {
    private static final JsonNode ROOT = OracleFiles.json("fmod.json");

    @TestFactory
    List<DynamicTest> fmodAndRemainderBits() {
        List<DynamicTest> tests = new ArrayList<>();
        int n = 0;
        for (JsonNode c : ROOT.get("cases")) {
            String op = c.get("op").asText(), kind = c.get("kind").asText();
            Tensor a0 = OracleFiles.tensor(c.get("a"));
            String name = (n++) + " " + op + " " + kind + " " + java.util.Arrays.toString(a0.shapeArray());
            tests.add(DynamicTest.dynamicTest(name, () -> {
                boolean rem = op.equals("remainder");
                Tensor got;
                if (kind.equals("scalar")) {
                    double s = c.get("s").asDouble();
                    got = rem ? a0.remainder(s) : a0.fmod(s);
                } else {
                    Tensor a = kind.contains("transposed") ? a0.t() : a0, b = OracleFiles.tensor(c.get("b"));
                    if (kind.equals("both transposed")) b = b.t();
                    got = rem ? a.remainder(b) : a.fmod(b);
                }
                OracleFiles.assertSameBits(OracleFiles.tensor(c.get("out")), got, name);
            }));
        }
        return tests;
    }
}
