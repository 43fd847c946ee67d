// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradbook.autograd.math.Gemm.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * {@link GemmBlocks}: how a native product is cut (shape only, whole tiles, every element once), that a split
 * product is right along rows and along columns with every transpose, alpha and beta, and that its bits do not
 * depend on which threads ran its blocks.
 */
class GemmBlocksTest {

    @Test
    void blocksCoverTheLongerSideOnceOnAlignedEdges() {
        int[][] shapes = {{128, 256, 784}, {784, 256, 128}, {256, 256, 256}, {1024, 1024, 1024}, {25088, 64, 576},
                          {100, 100, 100}, {128, 10, 256}, {17, 5000, 5000}, {40, 40, 100000}, {20, 20, 100000}};
        for (int[] s : shapes) {
            int m = s[0], n = s[1], k = s[2], blocks = GemmBlocks.blocks(m, n, k), along = Math.max(m, n);
            assertTrue(blocks >= 1 && blocks <= GemmBlocks.MAX_BLOCKS, "blocks " + blocks);
            if (blocks > 1) assertTrue((long) m * n * k >= blocks * GemmBlocks.BLOCK_WORK, "blocks too small for " + m + "x" + n + "x" + k);
            assertEquals(0, GemmBlocks.edge(along, blocks, 0));
            assertEquals(along, GemmBlocks.edge(along, blocks, blocks));
            for (int b = 0; b < blocks; b++) {
                int from = GemmBlocks.edge(along, blocks, b), to = GemmBlocks.edge(along, blocks, b + 1);
                assertTrue(to > from, "empty block " + b + " of " + m + "x" + n + "x" + k);
                assertEquals(0, from % GemmBlocks.ALIGN, "block edge " + from);
            }
        }
        assertEquals(1, GemmBlocks.blocks(128, 10, 256), "the MLP's small products stay one call");
        assertEquals(1, GemmBlocks.blocks(128, 256, 784), "the MLP's big products stay one call");
        assertEquals(1, GemmBlocks.blocks(256, 256, 256), "a 256 product stays one call");
        assertEquals(1, GemmBlocks.blocks(20, 20, 100000), "a product too narrow to cut stays one call");
        assertTrue(GemmBlocks.blocks(512, 512, 512) > 1, "a 512 product is split");
        assertEquals(2, GemmBlocks.blocks(1024, 1024, 1024), "under 2^31 multiply-adds: 2 blocks, the shared operand packed twice");
        assertEquals(4, GemmBlocks.blocks(2048, 2048, 2048), "a 2048 product: 4 blocks");
    }

    @Test
    void runCallsEveryBlockOnceAndWaitsForThem() {
        int m = 2048, n = 256, k = 256; // by rows
        int[] seen = new int[m * n];
        GemmBlocks.run(m, n, k, (r0, r1, c0, c1) -> {
            for (int i = r0; i < r1; i++) for (int j = c0; j < c1; j++) seen[i * n + j]++;
        });
        for (int v : seen) assertEquals(1, v);
        int[] seen2 = new int[256 * 1024]; // by columns
        GemmBlocks.run(256, 1024, 512, (r0, r1, c0, c1) -> {
            for (int i = r0; i < r1; i++) for (int j = c0; j < c1; j++) seen2[i * 1024 + j]++;
        });
        for (int v : seen2) assertEquals(1, v);
    }

    /** Split products (rows: m > n, columns: n >= m) against a double-precision reference, C's padding untouched. */
    @Test
    void splitProductsAreRight() {
        assertTrue(Gemm.nativeAvailable(), "OpenBLAS did not load");
        int[][] shapes = {{1100, 300, 210}, {300, 1100, 210}};
        for (int[] s : shapes) {
            for (int t = 0; t < 4; t++) {
                boolean ta = (t & 1) != 0, tb = (t & 2) != 0;
                for (float beta : new float[] {0f, 1f}) check(s[0], s[1], s[2], ta, tb, 0.5f, beta, 3, 2);
            }
        }
    }

    private static void check(int m, int n, int k, boolean ta, boolean tb, float alpha, float beta, int pad, int off) {
        assertTrue(GemmBlocks.blocks(m, n, k) > 1, "the case must be split");
        SplittableRandom r = new SplittableRandom(m * 31L + n * 7L + k + (ta ? 1 : 0) + (tb ? 2 : 0));
        int aRows = ta ? k : m, aCols = ta ? m : k, bRows = tb ? n : k, bCols = tb ? k : n;
        int lda = aCols + pad, ldb = bCols + pad, ldc = n + pad;
        float[] a = random(r, off + aRows * lda), b = random(r, off + bRows * ldb), c = random(r, off + m * ldc);
        float[] before = c.clone();
        Gemm.sgemm(Path.NATIVE, ta, tb, m, n, k, alpha, a, off, lda, b, off, ldb, beta, c, off, ldc);
        for (int at = 0; at < c.length; at++) {
            int rel = at - off, i = rel / ldc, j = rel % ldc;
            if (rel < 0 || j >= n) {
                assertEquals(Float.floatToRawIntBits(before[at]), Float.floatToRawIntBits(c[at]), "element " + at + " outside C was written");
                continue;
            }
            double sum = 0, abs = 0;
            for (int p = 0; p < k; p++) {
                double x = a[off + (ta ? p * lda + i : i * lda + p)], y = b[off + (tb ? j * ldb + p : p * ldb + j)];
                sum += x * y;
                abs += Math.abs(x * y);
            }
            double want = alpha * sum + beta * before[at];
            double bound = (k + 2) * Math.ulp(1f) * (Math.abs(alpha) * abs + Math.abs(beta * before[at])) + Float.MIN_NORMAL;
            assertEquals(want, c[at], bound, "C[" + i + "][" + j + "] of " + m + "x" + n + "x" + k + " ta=" + ta + " tb=" + tb + " beta=" + beta);
        }
    }

    /** The same product from 4 threads at once and alone: the same bits (blocks are fixed by the shape). */
    @Test
    void bitsDoNotDependOnWhoRunsTheBlocks() throws Exception {
        assertTrue(Gemm.nativeAvailable(), "OpenBLAS did not load");
        int m = 512, n = 512, k = 256;
        SplittableRandom r = new SplittableRandom(1);
        float[] a = random(r, m * k), b = random(r, k * n);
        float[] alone = new float[m * n];
        Gemm.sgemm(Path.NATIVE, false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, alone, 0, n);
        // the blocks one after another on this thread, each its own call, as no helper would help
        float[] byHand = new float[m * n];
        int blocks = GemmBlocks.blocks(m, n, k);
        for (int q = 0; q < blocks; q++) {
            int c0 = GemmBlocks.edge(n, blocks, q), c1 = GemmBlocks.edge(n, blocks, q + 1);
            float[] bq = new float[k * (c1 - c0)], cq = new float[m * (c1 - c0)];
            for (int p = 0; p < k; p++) System.arraycopy(b, p * n + c0, bq, p * (c1 - c0), c1 - c0);
            NativeGemm.sgemm(false, false, m, c1 - c0, k, 1f, a, 0, k, bq, 0, c1 - c0, 0f, cq, 0, c1 - c0);
            for (int i = 0; i < m; i++) System.arraycopy(cq, i * (c1 - c0), byHand, i * n + c0, c1 - c0);
        }
        assertArrayEquals(alone, byHand, "a split product differs from its blocks computed one by one");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<float[]>> runs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                runs.add(pool.submit(() -> {
                    float[] c = new float[m * n];
                    Gemm.sgemm(Path.NATIVE, false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n);
                    return c;
                }));
            }
            for (Future<float[]> f : runs) assertArrayEquals(alone, f.get(), "a product run beside others differs");
        } finally {
            pool.shutdown();
        }
    }

    private static float[] random(SplittableRandom r, int size) {
        float[] v = new float[size];
        for (int i = 0; i < size; i++) v[i] = (float) (r.nextDouble() * 2 - 1);
        return v;
    }
}
