// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/**
 * Matrix products large enough for PyTorch's OpenBLAS to split them over its 2 threads, bit for bit against PyTorch
 * 1.13.1 (oracle/blas_mm_threads.json, make_blas_mm_threads.py): mm of 2^18 to 2^27 multiply-adds over random shapes
 * (skinny, shallow and deep ones among them; 1024^3 too) with either operand transposed, float32 and float64, and
 * the MLP's linear layers with their gradients. Each result is compared by the CRC-32 of its bytes.
 */
class BlasThreadsOracleTest {
    /** The case's results, in the recording's order. */
    private static Tensor[] run(JsonNode c) {
        DType dt = c.get("dtype").asText().equals("float64") ? DType.FLOAT64 : DType.FLOAT32;
        long seed = c.get("seed").asLong();
        if (c.get("kind").asText().equals("mm")) {
            int m = c.get("m").asInt(), k = c.get("k").asInt(), n = c.get("n").asInt();
            Tensor a = BlasMmOracleTest.operand(seed, m, k, c.get("ta").asBoolean(), dt);
            Tensor b = BlasMmOracleTest.operand(seed + 1, k, n, c.get("tb").asBoolean(), dt);
            return new Tensor[] {a.mm(b)};
        }
        int bsz = c.get("batch").asInt(), fin = c.get("fin").asInt(), fout = c.get("fout").asInt();
        Tensor x = BlasMmOracleTest.tensor(seed, dt, bsz, fin).requiresGrad_();
        Tensor w = BlasMmOracleTest.tensor(seed + 1, dt, fout, fin).requiresGrad_();
        Tensor bias = BlasMmOracleTest.tensor(seed + 3, dt, fout).requiresGrad_();
        Tensor y = Torch.linear(x, w, bias);
        y.backward(BlasMmOracleTest.tensor(seed + 2, dt, y.shapeArray()));
        return new Tensor[] {y, x.grad(), w.grad(), bias.grad()};
    }

    private static long crc(Tensor t) {
        double[] v = t.toDoubleArray();
        boolean f32 = t.dtype() == DType.FLOAT32;
        ByteBuffer b = ByteBuffer.allocate(v.length * (f32 ? 4 : 8)).order(ByteOrder.LITTLE_ENDIAN);
        for (double x : v) {
            if (f32) b.putFloat((float) x);
            else b.putDouble(x);
        }
        CRC32 crc = new CRC32();
        crc.update(b.array());
        return crc.getValue();
    }

    @Test
    void threadedProductsMatchPyTorchBitForBit() {
        JsonNode cases = OracleFiles.json("blas_mm_threads.json").get("cases");
        assertTrue(cases.size() > 150, "the recording holds " + cases.size() + " cases");
        List<String> wrong = new ArrayList<>();
        int compared = 0;
        for (JsonNode c : cases) {
            Tensor[] got = run(c);
            JsonNode want = c.get("crc32");
            assertEquals(want.size(), got.length, c.toString());
            boolean all = true;
            List<String> bad = new ArrayList<>();
            for (int i = 0; i < got.length; i++) {
                if (crc(got[i]) != want.get(i).asLong()) {
                    all = false;
                    bad.add(i == 0 ? "output" : "grad " + i);
                }
            }
            compared += got.length;
            if (!all) wrong.add(name(c) + ": " + bad);
        }
        assertEquals(List.of(), wrong, wrong.size() + " cases differ");
        assertTrue(compared > 150, compared + " results compared");
        System.out.println("BlasThreadsOracleTest: " + compared + " results bit for bit");
    }

    private static String name(JsonNode c) {
        StringBuilder s = new StringBuilder(c.get("kind").asText() + " " + c.get("dtype").asText());
        c.fields().forEachRemaining(e -> {
            if (!List.of("kind", "dtype", "seed", "crc32").contains(e.getKey())) s.append(' ').append(e.getKey()).append('=').append(e.getValue());
        });
        return s.toString();
    }
}
