// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Float32 torch.mv bit for bit against PyTorch 1.13.1 (oracle/blas_mv.json, make_blas_mv.py): matrices of 1 to 9,300
 * rows and 1 to 9,300 columns, row-major (sgemv 'T'), transposed (sgemv 'N'), with rows or columns further apart,
 * stepped (copied), and stepped or expanded vectors, below and from 2304 * 4 elements (OpenBLAS's threaded split,
 * GemvThreads). The inputs come from BlasDotOracleTest's LCG, as in the recording.
 */
class BlasGemvOracleTest {
    private static Tensor matrix(long seed, int r, int c, String layout) {
        return switch (layout) {
            case "transposed" -> BlasDotOracleTest.draw(seed, r * c, DType.FLOAT32).reshape(c, r).t();
            case "transposed sliced" -> BlasDotOracleTest.draw(seed, c * (r + 3), DType.FLOAT32).reshape(c, r + 3).slice(1, 0, r).t();
            case "sliced" -> BlasDotOracleTest.draw(seed, r * (c + 3), DType.FLOAT32).reshape(r, c + 3).slice(1, 0, c);
            case "stepped" -> BlasDotOracleTest.draw(seed, r * 2 * c, DType.FLOAT32).reshape(r, 2 * c).slice(1, 0, 2 * c, 2);
            default -> BlasDotOracleTest.draw(seed, r * c, DType.FLOAT32).reshape(r, c);
        };
    }

    private static Tensor vector(long seed, int n, String layout) {
        return switch (layout) {
            case "expanded" -> BlasDotOracleTest.draw(seed, 1, DType.FLOAT32).expand(n);
            case "stepped" -> BlasDotOracleTest.draw(seed, 2 * n - 1, DType.FLOAT32).slice(0, 0, 2 * n - 1, 2);
            default -> BlasDotOracleTest.draw(seed, n, DType.FLOAT32);
        };
    }

    @Test
    void mvMatchesPyTorchBitForBit() {
        JsonNode cases = OracleFiles.json("blas_mv.json").get("cases");
        assertTrue(cases.size() > 400, "the recording holds " + cases.size() + " cases");
        List<String> wrong = new ArrayList<>();
        for (JsonNode c : cases) {
            int r = c.get("rows").asInt(), n = c.get("cols").asInt();
            long seed = c.get("seed").asLong();
            String ml = c.get("matrix").asText(), vl = c.get("vector").asText();
            Tensor y = Torch.mv(matrix(seed, r, n, ml), vector(seed + 1, n, vl));
            JsonNode bits = c.get("bits");
            int bad = 0;
            for (int i = 0; i < r; i++) {
                if (Float.floatToIntBits((float) y.get(i).item()) != bits.get(i).asInt()) bad++;
            }
            if (bad > 0) wrong.add(r + "x" + n + " " + ml + "/" + vl + ": " + bad + " of " + r);
        }
        assertEquals(List.of(), wrong, wrong.size() + " of " + cases.size() + " differ");
    }
}
