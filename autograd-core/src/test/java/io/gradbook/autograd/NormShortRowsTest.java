// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * The float32 2-norm of short contiguous rows bit for bit against PyTorch 1.13.1 (oracle/norm_short_rows.json,
 * make_norm_short_rows.py: 40 rows of each length 1-39): the tail order of NormTwo's last-dim kernel, which the
 * fuzzer found (fuzz 821, wide 187) where an all-unfused or all-fused tail each missed rows with a tail of 4-7.
 */
class NormShortRowsTest {
    @Test
    void shortRowsMatchPyTorch() {
        int rows = 0;
        for (JsonNode c : OracleFiles.json("norm_short_rows.json").get("cases")) {
            int n = c.get("n").asInt();
            JsonNode xs = c.get("x"), want = c.get("norm");
            float[] x = new float[xs.size()];
            for (int i = 0; i < x.length; i++) x[i] = Float.intBitsToFloat(xs.get(i).asInt());
            Tensor norms = Torch.tensor(x).reshape(-1, n).norm(2.0, new int[] {-1}, false);
            float[] got = norms.toFloatArray();
            for (int r = 0; r < got.length; r++, rows++) {
                assertEquals(want.get(r).asInt(), Float.floatToRawIntBits(got[r]), "row " + r + " of length " + n);
            }
        }
        assertEquals(39 * 40, rows);
    }
}
