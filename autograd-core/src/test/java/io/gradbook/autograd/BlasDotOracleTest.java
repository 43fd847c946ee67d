// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * torch.dot bit for bit against PyTorch 1.13.1 (oracle/blas_dot.json, make_blas_dot.py): float32 and float64, lengths
 * 1 to 70,000 (float64 over 10,000 split over OpenBLAS's 2 threads), contiguous, stepped and expanded vectors. Both
 * sides draw the inputs from the same LCG, so the recording holds only each case's parameters and PyTorch's result.
 */
class BlasDotOracleTest {
    private static final long MUL = 6364136223846793005L, INC = 1442695040888963407L;

    /** make_blas_dot.py's draw: exact float32 or float64 values in [-1, 1). */
    static Tensor draw(long seed, int count, DType dt) {
        long s = seed;
        if (dt == DType.FLOAT32) {
            float[] v = new float[count];
            for (int i = 0; i < count; i++) {
                s = s * MUL + INC;
                v[i] = (float) (((s >>> 40) - (1L << 23)) * 0x1p-23);
            }
            return Torch.tensor(v);
        }
        double[] v = new double[count];
        for (int i = 0; i < count; i++) {
            s = s * MUL + INC;
            v[i] = ((s >>> 11) - (1L << 52)) * 0x1p-52;
        }
        return Torch.tensor(v, DType.FLOAT64);
    }

    private static Tensor vector(long seed, int n, int stride, DType dt) {
        if (stride == 0) return draw(seed, 1, dt).expand(n);
        return draw(seed, (n - 1) * stride + 1, dt).slice(0, 0, (n - 1) * stride + 1, stride);
    }

    @Test
    void dotMatchesPyTorchBitForBit() {
        JsonNode cases = OracleFiles.json("blas_dot.json").get("cases");
        assertTrue(cases.size() > 500, "the recording holds " + cases.size() + " cases");
        List<String> wrong = new ArrayList<>();
        int strided = 0;
        for (JsonNode c : cases) {
            DType dt = c.get("dtype").asText().equals("float32") ? DType.FLOAT32 : DType.FLOAT64;
            int n = c.get("n").asInt(), sx = c.get("sx").asInt(), sy = c.get("sy").asInt();
            long seed = c.get("seed").asLong();
            Tensor x = vector(seed, n, sx, dt), y = vector(seed + 1, n, sy, dt);
            if (sx != 1 || sy != 1) strided++;
            double got = Torch.dot(x, y).item(), want = c.get("dot").asDouble();
            boolean same = dt == DType.FLOAT32
                    ? Float.floatToIntBits((float) got) == Float.floatToIntBits((float) want)
                    : Double.doubleToLongBits(got) == Double.doubleToLongBits(want);
            if (!same) wrong.add(dt + " n=" + n + " strides " + sx + "," + sy + ": " + got + " vs " + want);
        }
        assertTrue(strided > 100, "strided cases: " + strided);
        assertEquals(List.of(), wrong, wrong.size() + " of " + cases.size() + " differ");
    }
}
