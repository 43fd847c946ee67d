// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * TorchBlas's float32 split (PyTorch's OpenBLAS on 2 threads; BlasThreadsOracleTest checks its bits against PyTorch):
 * SgemmThreads' plan covers every element of C once per k block, k blocks in order; and the two ways of running it,
 * OpenBLAS's kernels per thread (SgemmInnerThread, JDK 22+ on the Haswell kernels: the ffm-jdk25 profile runs this
 * class on JDK 25) and the single-threaded calls, give the same bits: every transpose, offsets, padded leading
 * dimensions, beta 0 (over NaN), 1 and -0.5, skinny, deep and multi-block shapes; and a group's threads run one after
 * the other sharing its packed B (SgemmInnerThread.runGroup, the parts on the caller) give each thread's own run's bits.
 */
class GemmTorchSplitTest {
    @Test
    void planCoversEachElementOncePerKBlockInOrder() {
        SplittableRandom r = new SplittableRandom(18);
        for (int round = 0; round < 300; round++) {
            int m = 1 + r.nextInt(round % 5 == 0 ? 20 : 900), n = 1 + r.nextInt(round % 5 == 1 ? 20 : 900);
            int k = 1 + r.nextInt(round % 3 == 0 ? 2000 : 400);
            int[][] plan = SgemmThreads.plan(m, n, k, 2);
            int[] next = new int[m * n]; // the k each element's next call must start at
            for (int[] calls : plan) {
                for (int i = 0; i < calls.length; i += 7) {
                    int m0 = calls[i], rows = calls[i + 1], n0 = calls[i + 2], cols = calls[i + 3], k0 = calls[i + 4], depth = calls[i + 5];
                    assertTrue(rows > 0 && cols > 0 && depth > 0 && depth <= SgemmThreads.Q && rows <= SgemmThreads.P,
                            m + "x" + n + "x" + k + ": call " + rows + "x" + cols + "x" + depth);
                    assertEquals(k0 == 0, calls[i + 6] == 1);
                    for (int j = n0; j < n0 + cols; j++) {
                        for (int x = m0; x < m0 + rows; x++) {
                            assertEquals(k0, next[x + j * m], m + "x" + n + "x" + k + " element " + x + "," + j);
                            next[x + j * m] = k0 + depth;
                        }
                    }
                }
            }
            for (int v : next) assertEquals(k, v, m + "x" + n + "x" + k);
        }
    }

    @Test
    void kernelsPerThreadGiveTheCallsBits() {
        assumeTrue(Runtime.version().feature() >= 22, "the FFM path needs JDK 22+");
        assertTrue(FfmGemm.available(), "JDK " + Runtime.version() + " but no FFM path: " + FfmGemm.problem());
        assumeTrue(HaswellSgemm.ready(), "OpenBLAS's Haswell kernels not bound: " + HaswellSgemm.problem());
        SplittableRandom r = new SplittableRandom(20261130);
        int[][] fixed = {{256, 128, 784}, {784, 128, 256}, {784, 256, 128}, {10, 128, 256}, {256, 256, 256},
            {1024, 1024, 1024}, {700, 3, 900}, {3, 700, 900}, {641, 650, 1300}, {2000, 40, 60}, {5, 5000, 40}};
        SplitCase.Shapes shapes = new SplitCase.Shapes(fixed, true, 12, 800, 800, 400, 1500, 1);
        for (int round = 0; round < 70; round++) {
            SplitCase x = SplitCase.draw(r, round, shapes);
            float[] calls = x.c0().clone(), kernels = x.c0().clone();
            TorchBlas.sgemmCalls(x.ta(), x.tb(), x.m(), x.n(), x.k(), x.a(), x.off(), x.lda(), x.b(), x.off(), x.ldb(), x.beta(), calls, x.off(), x.ldc());
            TorchBlas.sgemmKernels(x.ta(), x.tb(), x.m(), x.n(), x.k(), x.a(), x.off(), x.lda(), x.b(), x.off(), x.ldb(), x.beta(), kernels, x.off(), x.ldc());
            assertArrayEquals(calls, kernels, x.toString());
        }
    }

    @Test
    void groupOnTheCallerGivesEachThreadsBits() {
        assumeTrue(Runtime.version().feature() >= 22, "the FFM path needs JDK 22+");
        assertTrue(FfmGemm.available(), "JDK " + Runtime.version() + " but no FFM path: " + FfmGemm.problem());
        assumeTrue(HaswellSgemm.ready(), "OpenBLAS's Haswell kernels not bound: " + HaswellSgemm.problem());
        SplittableRandom r = new SplittableRandom(20261201);
        // the MLP's products (rows split between the threads), n split (m < 4), several blocks of rows and of k
        int[][] fixed = {{256, 128, 784}, {10, 128, 256}, {256, 128, 10}, {10, 256, 128}, {256, 784, 128},
            {3, 700, 900}, {1400, 30, 700}, {641, 650, 1300}, {7, 9, 5}};
        SplitCase.Shapes shapes = new SplitCase.Shapes(fixed, false, 12, 900, 500, 400, 1500, 0);
        for (int round = 0; round < 60; round++) {
            int threads = round % 3 == 2 ? 4 : 2; // 4: groups of 2 threads each, both directions split
            SplitCase x = SplitCase.draw(r, round, shapes);
            int m = x.m(), n = x.n(), k = x.k(), off = x.off();
            SgemmThreads.Split split = SgemmThreads.split(m, n, Math.max(k, 1), threads);
            if (split == null) continue;
            float[] each = x.c0().clone(), grouped = x.c0().clone();
            for (int[] rangeN : split.rangesN()) {
                for (int t = 0; t < split.threads(); t++)
                    SgemmInnerThread.run(x.ta(), x.tb(), k, x.a(), off, x.lda(), x.b(), off, x.ldb(), x.beta(), each, off, x.ldc(), split.rangeM(), rangeN, split.threadsM(), t);
                for (int g = 0; g < split.threads() / split.threadsM(); g++)
                    SgemmInnerThread.runGroup(x.ta(), x.tb(), k, x.a(), off, x.lda(), x.b(), off, x.ldb(), x.beta(), grouped, off, x.ldc(), split.rangeM(), rangeN, split.threadsM(), g);
            }
            assertArrayEquals(each, grouped, x + " threads=" + threads);
        }
    }

    @Test
    void warmUpBesideProductsLeavesTheirBits() throws Exception {
        assumeTrue(Runtime.version().feature() >= 22, "the FFM path needs JDK 22+");
        assertTrue(FfmGemm.available(), "JDK " + Runtime.version() + " but no FFM path: " + FfmGemm.problem());
        assumeTrue(HaswellSgemm.ready(), "OpenBLAS's Haswell kernels not bound: " + HaswellSgemm.problem());
        // the binding thread's warm-up shares PackScratch's pool with the products a cell runs meanwhile
        Thread warmUp = new Thread(SplitWarmUp::run);
        warmUp.start();
        SplittableRandom r = new SplittableRandom(7);
        int[][] mlp = {{256, 128, 784}, {10, 128, 256}, {256, 128, 10}, {10, 256, 128}, {256, 784, 128}};
        for (int round = 0; round < 40; round++) {
            int[] s = mlp[round % mlp.length];
            int m = s[0], n = s[1], k = s[2];
            boolean ta = (round & 2) != 0, tb = (round & 4) != 0;
            float[] a = rand(r, m * k), b = rand(r, k * n), calls = new float[m * n], kernels = new float[m * n];
            TorchBlas.sgemmCalls(ta, tb, m, n, k, a, 0, ta ? k : m, b, 0, tb ? n : k, 0f, calls, 0, m);
            TorchBlas.sgemmKernels(ta, tb, m, n, k, a, 0, ta ? k : m, b, 0, tb ? n : k, 0f, kernels, 0, m);
            assertArrayEquals(calls, kernels, m + "x" + n + "x" + k + " ta=" + ta + " tb=" + tb);
        }
        warmUp.join();
    }

    private static float[] rand(SplittableRandom r, int size) {
        return SplitCase.rand(r, size);
    }
}
