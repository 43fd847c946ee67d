// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.gradbook.autograd.OracleFiles;
import org.junit.jupiter.api.Test;

/**
 * Long contiguous float32 sums and means against PyTorch 1.13.1's one-thread bits (oracle/long_sums.json, recorded by
 * make_long_sums.py), with the engine's split over the pool on and off ({@link SumSplit}), and the split itself
 * against the one-thread cascade on any machine (one without a second processor runs the blocks on the caller).
 */
class LongSumOracleTest {
    /** make_long_sums.py's values: exact in float32, from the index alone. */
    static float[] values(int n, boolean wide) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            long v = ((i * 2654435761L) & 0xFFFFFFFFL) >>> 8;
            double d = (v - (double) (1 << 23)) / (1 << 24);
            if (wide) d *= 1 + (i % 1000);
            x[i] = (float) d;
        }
        return x;
    }

    @Test
    void sumAndMeanAreTorchsOneThreadBitsWithTheSplitOnAndOff() {
        boolean was = RowSplit.parallel();
        SumSplit.warmedUp(); // split from the first long sum (from 2^21 elements, or where -Dgradbook.sumSplitFrom says)
        try {
            JsonNode cases = OracleFiles.json("long_sums.json").get("cases");
            // x[i] depends on i alone: one array per kind, as long as its longest case, serves every case of the kind
            int narrow = 0, wide = 0;
            for (JsonNode c : cases) {
                int end = c.get("n").asInt() + c.get("offset").asInt();
                if (c.get("wide").asBoolean()) wide = Math.max(wide, end);
                else narrow = Math.max(narrow, end);
            }
            float[] narrowValues = values(narrow, false), wideValues = values(wide, true);
            for (JsonNode c : cases) {
                int n = c.get("n").asInt(), off = c.get("offset").asInt();
                float[] x = c.get("wide").asBoolean() ? wideValues : narrowValues;
                String name = n + (c.get("wide").asBoolean() ? " wide" : "") + " from " + off;
                for (boolean parallel : new boolean[] {true, false}) {
                    RowSplit.setParallel(parallel);
                    assertEquals(c.get("sum").asInt(), Float.floatToRawIntBits(Float32Reduce.sum(x, off, n)), name + " sum, split " + parallel);
                    assertEquals(c.get("mean").asInt(), Float.floatToRawIntBits(Float32Reduce.mean(x, off, n)), name + " mean, split " + parallel);
                }
            }
        } finally {
            RowSplit.setParallel(was);
        }
    }

    @Test
    void theBlocksAddUpToTheOneThreadCascade() {
        if (!Simd.enabled()) return; // the blocks are the vector loop's; the scalar cascade never splits
        java.util.Random r = new java.util.Random(13);
        // level power 4 (blocks of 4,096 steps of 32 floats) and 5 (32,768 steps), whole blocks only and with a tail
        int[][] cases = {{4, 2 * 4096}, {4, 3 * 4096 + 17}, {4, 76 * 4096 + 1234}, {5, 2 * 32768 + 5}};
        for (int[] c : cases) {
            int levelPower = c[0], size = c[1];
            float[] x = new float[size * 32 + 40];
            for (int i = 0; i < x.length; i++) x[i] = (float) (r.nextGaussian() * (1 + i % 777));
            x[5 * 32 + 3] = Float.NaN; // a NaN stays in its lane's block
            float[] one = new float[32];
            Float32Simd.multiRowSum4x8(x, 7, 32, size, levelPower, one, 0);
            // on the pool, and on the caller alone (as the JIT warm-up runs it: SumSplitWarmUp)
            for (int helpers : new int[] {HotWorkers.COUNT, 0}) {
                float[] split = new float[32];
                SumSplit.blocksThenRest(x, 7, 32, size, levelPower, helpers, split);
                for (int k = 0; k < 32; k++) {
                    assertEquals(Float.floatToRawIntBits(one[k]), Float.floatToRawIntBits(split[k]),
                            size + " steps, power " + levelPower + ", helpers " + helpers + ", lane " + k);
                }
            }
        }
    }
}
