// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * float64 normals bit for bit against PyTorch 1.13.1 ({@code oracle/randn64.json}, {@code make_randn64.py}): randn of
 * 2,000 and 37 elements (normal_fill's 16-wide Box-Muller with glibc's log/cos/sin: Glibc64, Glibc64Trig), of 15
 * (the serial path), and randn_like of a transposed 25 x 40 input (the serial path in memory order), six seeds each.
 * With StrictMath's sin/cos/log, 543 of 10,000 randn values were a bit off.
 */
class RandnFloat64OracleTest {
    @TestFactory
    List<DynamicTest> asPyTorchDrawsThem() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : OracleFiles.json("randn64.json").get("cases")) {
            String name = c.get("form").asText() + " " + c.get("n").asInt() + " seed " + c.get("seed").asInt();
            tests.add(DynamicTest.dynamicTest(name, () -> {
                Torch.manualSeed(c.get("seed").asLong());
                int n = c.get("n").asInt();
                Tensor r = c.get("form").asText().equals("randn") ? Torch.randn(DType.FLOAT64, n)
                        : Torch.randnLike(Torch.ones(DType.FLOAT64, 40, 25).t());
                ByteBuffer b = ByteBuffer.wrap(Base64.getDecoder().decode(c.get("values").asText())).order(ByteOrder.LITTLE_ENDIAN);
                double[] want = new double[n];
                b.asDoubleBuffer().get(want);
                double[] got = r.contiguous().toDoubleArray();
                int bad = 0;
                for (int i = 0; i < n; i++) if (Double.doubleToRawLongBits(want[i]) != Double.doubleToRawLongBits(got[i])) bad++;
                assertEquals(0, bad, name + ": values differing");
            }));
        }
        return tests;
    }
}
