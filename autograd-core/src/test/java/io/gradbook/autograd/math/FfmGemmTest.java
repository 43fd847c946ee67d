// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gradbook.autograd.math.Gemm.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link FfmGemm}, OpenBLAS on the Java arrays in place (JDK 22+), gives the same bits as {@link NativeGemm}'s copies
 * into off-heap scratch (the JDK 17 path), C's padding and the rest of its array included: offsets, padded leading
 * dimensions, every transpose, alpha and beta, products in one call and split into {@link GemmBlocks} blocks along
 * rows and along columns. On JDK 17-21 there is no FFM path: those tests are skipped and one checks that the copies
 * stay; the build runs this class on JDK 25 as well where it is installed (autograd-core/pom.xml, profile
 * {@code ffm-jdk25}).
 */
class FfmGemmTest {
    /** m, n, k: tiny, odd, the MLP's, one block, split by rows (m > n), split by columns. */
    private static final int[][] SHAPES = {{8, 8, 8}, {13, 7, 29}, {128, 256, 784}, {256, 256, 256},
                                           {1100, 300, 210}, {300, 1100, 210}};

    private static void onJdk22() {
        assumeTrue(Runtime.version().feature() >= 22, "the FFM path needs JDK 22+");
        assertTrue(FfmGemm.available(), "JDK " + Runtime.version() + " but no FFM path: " + FfmGemm.problem());
    }

    @Test
    void sgemmInPlaceEqualsCopies() {
        onJdk22();
        for (int[] s : SHAPES)
            for (int t = 0; t < 4; t++)
                for (float beta : new float[] {0f, 1f, -0.5f}) {
                    boolean ta = (t & 1) != 0, tb = (t & 2) != 0;
                    int pad = t == 0 ? 0 : 3, off = t == 0 ? 0 : 5;
                    SplittableRandom r = new SplittableRandom(s[0] * 31L + s[1] * 7L + s[2] + t);
                    int aRows = ta ? s[2] : s[0], aCols = ta ? s[0] : s[2], bRows = tb ? s[1] : s[2], bCols = tb ? s[2] : s[1];
                    int lda = aCols + pad, ldb = bCols + pad, ldc = s[1] + pad;
                    float[] a = floats(r, off + aRows * lda), b = floats(r, off + bRows * ldb), c = floats(r, off + s[0] * ldc + pad);
                    float[] copies = c.clone(), inPlace = c.clone();
                    NativeGemm.sgemm(ta, tb, s[0], s[1], s[2], 0.75f, a, off, lda, b, off, ldb, beta, copies, off, ldc);
                    FfmGemm.sgemm(ta, tb, s[0], s[1], s[2], 0.75f, a, off, lda, b, off, ldb, beta, inPlace, off, ldc);
                    assertArrayEquals(copies, inPlace, s[0] + "x" + s[1] + "x" + s[2] + " ta=" + ta + " tb=" + tb + " beta=" + beta);
                }
    }

    @Test
    void dgemmInPlaceEqualsCopies() {
        onJdk22();
        for (int[] s : SHAPES)
            for (int t = 0; t < 4; t++) {
                boolean ta = (t & 1) != 0, tb = (t & 2) != 0;
                int pad = 2 * t, off = t;
                SplittableRandom r = new SplittableRandom(s[0] * 17L + s[1] * 3L + s[2] + t);
                int aRows = ta ? s[2] : s[0], aCols = ta ? s[0] : s[2], bRows = tb ? s[1] : s[2], bCols = tb ? s[2] : s[1];
                int lda = aCols + pad, ldb = bCols + pad, ldc = s[1] + pad;
                double[] a = doubles(r, off + aRows * lda), b = doubles(r, off + bRows * ldb), c = doubles(r, off + s[0] * ldc + pad);
                double[] copies = c.clone(), inPlace = c.clone();
                NativeGemm.dgemm(ta, tb, s[0], s[1], s[2], -1.25, a, off, lda, b, off, ldb, 0.5, copies, off, ldc);
                FfmGemm.dgemm(ta, tb, s[0], s[1], s[2], -1.25, a, off, lda, b, off, ldb, 0.5, inPlace, off, ldc);
                assertArrayEquals(copies, inPlace, s[0] + "x" + s[1] + "x" + s[2] + " ta=" + ta + " tb=" + tb);
            }
    }

    /** Gemm's native path is this one on JDK 22+: a product through Gemm equals FfmGemm's, A and B untouched. */
    @Test
    void gemmUsesTheArraysInPlaceAndLeavesTheOperands() {
        onJdk22();
        SplittableRandom r = new SplittableRandom(3);
        int m = 300, n = 1100, k = 210;
        float[] a = floats(r, m * k), b = floats(r, k * n), a0 = a.clone(), b0 = b.clone();
        float[] viaGemm = new float[m * n], direct = new float[m * n];
        Gemm.sgemm(Path.AUTO, false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, viaGemm, 0, n);
        FfmGemm.sgemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, direct, 0, n);
        assertArrayEquals(direct, viaGemm);
        assertArrayEquals(a0, a);
        assertArrayEquals(b0, b);
    }

    /** Before JDK 22 the copies stay, and nothing is started to find that out. */
    @Test
    void beforeJdk22ProductsKeepTheCopies() {
        assumeTrue(Runtime.version().feature() < 22, "JDK 22+");
        assertFalse(FfmGemm.ready());
        assertFalse(FfmGemm.available());
        float[] c = new float[64 * 64], x = new float[64 * 64];
        java.util.Arrays.fill(x, 0.5f);
        Gemm.sgemm(Path.NATIVE, false, false, 64, 64, 64, 1f, x, 0, 64, x, 0, 64, 0f, c, 0, 64);
        assertFalse(FfmGemm.ready());
        for (float v : c) org.junit.jupiter.api.Assertions.assertEquals(16f, v);
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals("gradbook-ffm-gemm")));
    }

    private static float[] floats(SplittableRandom r, int size) {
        float[] v = new float[size];
        for (int i = 0; i < size; i++) v[i] = (float) (r.nextDouble() * 2 - 1);
        return v;
    }

    private static double[] doubles(SplittableRandom r, int size) {
        double[] v = new double[size];
        for (int i = 0; i < size; i++) v[i] = r.nextDouble() * 2 - 1;
        return v;
    }
}
