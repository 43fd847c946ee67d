// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SgemmSharedB (the split's threads on the pool sharing one packed copy of B) makes SgemmInnerThread's kernel calls:
 * the same bits as each thread packing its own B and as SgemmThreads' single-threaded calls, whoever packs which
 * panel: the threads one after the other in either order (the second finds every panel packed; or the first packs
 * the second's panels), and at once on two threads. Every transpose, offsets, padded leading dimensions, beta 0
 * (over NaN), 1 and -0.5, rows split (nthreads_m 2) and columns split (nthreads_m 1). JDK 22+ with the Haswell
 * kernels (the ffm-jdk25 profile runs this class on JDK 25).
 */
class GemmSharedBTest {
    @BeforeAll
    static void kernels() {
        assumeTrue(Runtime.version().feature() >= 22, "the FFM path needs JDK 22+");
        assertTrue(FfmGemm.available(), "JDK " + Runtime.version() + " but no FFM path: " + FfmGemm.problem());
        HaswellSgemm.bind();
        assumeTrue(HaswellSgemm.ready(), "OpenBLAS's Haswell kernels not bound: " + HaswellSgemm.problem());
    }

    @Test
    void anyOrderOfThreadsGivesEachThreadPackingItsOwnBsBits() throws Exception {
        SplittableRandom r = new SplittableRandom(9);
        int[][] fixed = {{1024, 1024, 1024}, {512, 512, 512}, {641, 650, 1300}, {3, 900, 700}, {900, 3, 700},
            {8, 40, 2000}, {2000, 40, 60}, {5, 5000, 40}, {17, 23, 321}};
        SplitCase.Shapes shapes = new SplitCase.Shapes(fixed, false, 12, 700, 700, 400, 1400, 1);
        for (int round = 0; round < 60; round++) {
            SplitCase x = SplitCase.draw(r, round, shapes);
            int m = x.m(), n = x.n(), k = x.k(), off = x.off(), lda = x.lda(), ldb = x.ldb(), ldc = x.ldc();
            boolean ta = x.ta(), tb = x.tb();
            float beta = x.beta();
            float[] a = x.a(), b = x.b(), c0 = x.c0();
            SgemmThreads.Split split = SgemmThreads.split(m, n, k, 2);
            if (split == null) continue;
            String what = m + "x" + n + "x" + k + " ta=" + ta + " tb=" + tb + " beta=" + beta + " threadsM=" + split.threadsM();
            float[] own = c0.clone();
            for (int[] rangeN : split.rangesN())
                for (int t = 0; t < split.threads(); t++)
                    SgemmInnerThread.run(ta, tb, k, a, off, lda, b, off, ldb, beta, own, off, ldc, split.rangeM(), rangeN, split.threadsM(), t);
            for (int order = 0; order < 3; order++) {
                float[] shared = c0.clone();
                for (int[] rangeN : split.rangesN()) {
                    try (SgemmSharedB.Job job = SgemmSharedB.job(tb, k, b, off, ldb, rangeN, split.threadsM())) {
                        if (order == 2) {
                            // at once: each thread packs its own halves and reads the other's
                            CompletableFuture<?> other = CompletableFuture.runAsync(() -> SgemmSharedB.run(job, ta, k, a, off, lda, beta,
                                    shared, off, ldc, split.rangeM(), 1));
                            SgemmSharedB.run(job, ta, k, a, off, lda, beta, shared, off, ldc, split.rangeM(), 0);
                            other.get();
                        } else {
                            for (int i = 0; i < split.threads(); i++) {
                                int t = order == 0 ? i : split.threads() - 1 - i;
                                SgemmSharedB.run(job, ta, k, a, off, lda, beta, shared, off, ldc, split.rangeM(), t);
                            }
                        }
                    }
                }
                assertArrayEquals(own, shared, what + " order " + order);
            }
        }
    }

    @Test
    void torchBlasOnThePoolGivesTheCallsBits() {
        // from 2 * GemmBlocks.BLOCK_WORK multiply-adds TorchBlas runs the parts on the pool with B shared
        int[][] shapes = {{1024, 1024, 1024}, {512, 512, 512}, {641, 650, 1300}, {3, 30000, 800}, {30000, 3, 800}};
        SplittableRandom r = new SplittableRandom(26);
        for (int s = 0; s < shapes.length; s++) {
            int m = shapes[s][0], n = shapes[s][1], k = shapes[s][2];
            assertTrue((long) m * n * k >= 2 * GemmBlocks.BLOCK_WORK, "not on the pool: " + m + "x" + n + "x" + k);
            boolean ta = (s & 1) != 0, tb = (s & 2) != 0;
            float beta = s == 2 ? -0.5f : 0f;
            int lda = ta ? k : m, ldb = tb ? n : k;
            float[] a = rand(r, lda * (ta ? m : k)), b = rand(r, ldb * (tb ? k : n)), c0 = rand(r, m * n);
            float[] calls = c0.clone(), kernels = c0.clone();
            TorchBlas.sgemmCalls(ta, tb, m, n, k, a, 0, lda, b, 0, ldb, beta, calls, 0, m);
            TorchBlas.sgemmKernels(ta, tb, m, n, k, a, 0, lda, b, 0, ldb, beta, kernels, 0, m);
            assertArrayEquals(calls, kernels, m + "x" + n + "x" + k + " ta=" + ta + " tb=" + tb + " beta=" + beta);
        }
    }

    private static float[] rand(SplittableRandom r, int size) {
        return SplitCase.rand(r, size);
    }
}
