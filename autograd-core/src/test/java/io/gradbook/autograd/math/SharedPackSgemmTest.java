// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link SharedPackSgemm} gives the bits of the {@code cblas_sgemm} calls {@link GemmBlocks} makes (one per block),
 * C's padding and the rest of its array included, on one thread and on several: every transpose, offsets, padded
 * leading dimensions, alpha and beta (NaN in C under beta 0 included), 1-4 blocks along rows and along columns, and
 * k around OpenBLAS's 320-deep blocks. Needs JDK 22+ and OpenBLAS on its Haswell kernels (the build's environment
 * sets {@code OPENBLAS_CORETYPE=Haswell}; the ffm-jdk25 profile runs this class on JDK 25); skipped otherwise.
 */
class SharedPackSgemmTest {
    private static void onHaswell() {
        assumeTrue(Runtime.version().feature() >= 22, "the FFM path needs JDK 22+");
        assertTrue(FfmGemm.available(), "JDK " + Runtime.version() + " but no FFM path: " + FfmGemm.problem());
        HaswellSgemm.bind(); // FfmGemm binds it only with -Dgradbook.blas.sharedPack=true
        assumeTrue(HaswellSgemm.ready(), "OpenBLAS's Haswell kernels not bound: " + HaswellSgemm.problem());
    }

    /** The blocks' calls: what products of this size did before SharedPackSgemm. */
    private static void blocksReference(int blocks, boolean byRows, boolean ta, boolean tb, int m, int n, int k, float alpha,
                                        float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        GemmBlocks.run(m, n, blocks, byRows, (r0, r1, c0, c1) -> FfmGemm.sgemmCall(ta, tb, r1 - r0, c1 - c0, k, alpha,
                a, aOff + (ta ? r0 : r0 * lda), lda, b, bOff + (tb ? c0 * ldb : c0), ldb, beta, c, cOff + r0 * ldc + c0, ldc));
    }

    @Test
    void sameBitsAsTheBlocksCalls() {
        onHaswell();
        SplittableRandom r = new SplittableRandom(20261130);
        int[] ks = {1, 7, 100, 319, 320, 321, 640, 641, 700, 1024, 1300};
        for (int round = 0; round < 48; round++) {
            boolean ta = (round & 1) != 0, tb = (round & 2) != 0, byRows = (round & 4) != 0;
            int m = 1 + r.nextInt(700), n = 1 + r.nextInt(700), k = round % 12 == 11 ? 1 + r.nextInt(1500) : ks[round % 11];
            int blocks = 1 + r.nextInt(4);
            if ((byRows ? m : n) < blocks * GemmBlocks.ALIGN) blocks = 1;
            int pad = r.nextInt(4), off = r.nextInt(6);
            float alpha = new float[] {1f, 0.75f, -1.25f}[round % 3], beta = new float[] {0f, 1f, -0.5f}[(round / 3) % 3];
            int threads = 1 + round % 3;
            check(blocks, byRows, threads, ta, tb, m, n, k, alpha, beta, pad, off, r);
        }
    }

    @Test
    void squareProductsAsShipped() {
        onHaswell();
        SplittableRandom r = new SplittableRandom(1024);
        for (int s : new int[] {512, 1024, 1040})
            for (int t = 0; t < 4; t++)
                check(2, false, 2, (t & 1) != 0, (t & 2) != 0, s, s, s, 1f, 0f, 0, 0, r);
        check(1, false, 2, false, false, 256, 256, 256, 1f, 0f, 0, 0, r); // -Dgradbook.blas.sharedPack.from: one call's bits
        check(4, false, 2, false, false, 1300, 1400, 1100, 1f, 0f, 0, 0, r);
        check(3, true, 2, false, true, 1500, 700, 900, 1f, 1f, 1, 2, r);
    }

    @Test
    void itTakesSplitProductsOnly() {
        onHaswell();
        assertTrue(SharedPackSgemm.takes(1024, 1024, 1024, 1f), "a 1024 product");
        assertFalse(SharedPackSgemm.takes(256, 256, 256, 1f), "a 256 product is one call");
        assertFalse(SharedPackSgemm.takes(128, 256, 784, 1f), "the MLP's product is one call");
        assertFalse(SharedPackSgemm.takes(25088, 64, 576, 1f), "the CNN-sized product keeps its blocks");
        assertFalse(SharedPackSgemm.takes(4096, 256, 1024, 1f), "split by rows: the blocks repack only B");
        assertTrue(SharedPackSgemm.takes(256, 4096, 1024, 1f), "split by columns");
        assertFalse(SharedPackSgemm.takes(1024, 1024, 1024, 0f), "alpha 0 is BLAS's beta-only case");
        SplittableRandom r = new SplittableRandom(7);
        float[] a = floats(r, 1024 * 1024), b = floats(r, 1024 * 1024), viaGemm = new float[1024 * 1024], blocks = new float[1024 * 1024];
        Gemm.sgemm(false, false, 1024, 1024, 1024, 1f, a, 0, 1024, b, 0, 1024, 0f, viaGemm, 0, 1024);
        blocksReference(GemmBlocks.blocks(1024, 1024, 1024), false, false, false, 1024, 1024, 1024, 1f, a, 0, 1024, b, 0, 1024, 0f, blocks, 0, 1024);
        assertArrayEquals(blocks, viaGemm, "Gemm, with -Dgradbook.blas.sharedPack=" + SharedPackSgemm.ENABLED);
    }

    @Test
    void levelThreeBlocking() {
        // level3.c: whole 320s while two are left, then the rest in halves rounded up to 8
        assertArrayEquals(new int[] {320, 320, 192, 192}, SharedPackSgemm.steps(1024, 320)[1]);
        assertArrayEquals(new int[] {0, 320, 640, 832}, SharedPackSgemm.steps(1024, 320)[0]);
        assertArrayEquals(new int[] {168, 165}, SharedPackSgemm.steps(333, 320)[1]);
        assertArrayEquals(new int[] {320}, SharedPackSgemm.steps(320, 320)[1]);
        assertEquals(0, SharedPackSgemm.steps(0, 320)[0].length);
    }

    private static void check(int blocks, boolean byRows, int threads, boolean ta, boolean tb, int m, int n, int k,
                              float alpha, float beta, int pad, int off, SplittableRandom r) {
        int aRows = ta ? k : m, aCols = ta ? m : k, bRows = tb ? n : k, bCols = tb ? k : n;
        int lda = aCols + pad, ldb = bCols + pad, ldc = n + pad;
        float[] a = floats(r, off + aRows * lda), b = floats(r, off + bRows * ldb), c = floats(r, off + m * ldc + pad);
        if (beta == 0f) c[off] = Float.NaN; // BLAS: beta 0 overwrites C, NaN included
        float[] want = c.clone(), got = c.clone();
        blocksReference(blocks, byRows, ta, tb, m, n, k, alpha, a, off, lda, b, off, ldb, beta, want, off, ldc);
        SharedPackSgemm.sgemm(blocks, byRows, threads, ta, tb, m, n, k, alpha, a, off, lda, b, off, ldb, beta, got, off, ldc);
        assertArrayEquals(want, got, m + "x" + n + "x" + k + " ta=" + ta + " tb=" + tb + " blocks=" + blocks
                + (byRows ? " by rows" : " by columns") + " threads=" + threads + " alpha=" + alpha + " beta=" + beta);
    }

    private static float[] floats(SplittableRandom r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) (r.nextDouble() * 2 - 1);
        return v;
    }
}
