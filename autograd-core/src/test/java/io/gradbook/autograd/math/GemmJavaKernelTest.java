// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The Java port of OpenBLAS's Haswell sgemm pieces (HaswellKernel32, HaswellPack32, SgemmInnerThread32: TorchBlas's
 * float32 split on JDK 17-21) gives the bits of SgemmThreads' single-threaded OpenBLAS calls (BlasThreadsOracleTest
 * checks those against PyTorch): every transpose, offsets, padded leading dimensions, beta 0 (over NaN), 1 and -0.5,
 * the MLP's shapes, skinny, deep and multi-block shapes, row and column tails of every width; and with the split's
 * threads sharing one packed B on the heap (SgemmSharedB on the port's pieces) in any order. Runs on JDK 17 and,
 * in the ffm-jdk25 profile, on JDK 25; needs the Vector API and OpenBLAS on its Haswell kernels
 * (OPENBLAS_CORETYPE=Haswell, as test.sh sets it).
 */
class GemmJavaKernelTest {
    @Test
    void javaKernelsGiveTheCallsBits() {
        assumeTrue(Simd.enabled(), "no Vector API");
        assumeTrue(NativeGemm.available(), "no OpenBLAS");
        assumeTrue("Haswell".equalsIgnoreCase(System.getenv("OPENBLAS_CORETYPE")), "OpenBLAS not forced onto its Haswell kernels");
        SplittableRandom r = new SplittableRandom(20261130);
        int[][] fixed = {{256, 128, 784}, {784, 128, 256}, {784, 256, 128}, {10, 128, 256}, {256, 256, 256},
            {512, 512, 512}, {700, 3, 900}, {3, 700, 900}, {641, 650, 1300}, {2000, 40, 60}, {5, 5000, 40},
            {23, 47, 1000}, {17, 1029, 19}, {1031, 15, 700}, {655, 9, 70}, {9, 655, 70}};
        SplitCase.Shapes shapes = new SplitCase.Shapes(fixed, true, 40, 800, 800, 400, 1500, 1);
        for (int round = 0; round < 90; round++) {
            SplitCase x = SplitCase.draw(r, round, shapes);
            float[] calls = x.c0().clone(), java = x.c0().clone();
            TorchBlas.sgemmCalls(x.ta(), x.tb(), x.m(), x.n(), x.k(), x.a(), x.off(), x.lda(), x.b(), x.off(), x.ldb(), x.beta(), calls, x.off(), x.ldc());
            TorchBlas.sgemmJava(x.ta(), x.tb(), x.m(), x.n(), x.k(), x.a(), x.off(), x.lda(), x.b(), x.off(), x.ldb(), x.beta(), java, x.off(), x.ldc());
            assertArrayEquals(calls, java, x.toString());
        }
    }

    /**
     * SgemmSharedB on the port's pieces (B packed once on the heap, whichever thread packs a panel): the calls' bits
     * with the threads one after the other in either order (the second finds every panel packed, or the first packs
     * the second's) and at once on two threads.
     */
    @Test
    void sharedBOnThePortGivesTheCallsBitsInAnyOrder() throws Exception {
        assumeTrue(Simd.enabled(), "no Vector API");
        assumeTrue(NativeGemm.available(), "no OpenBLAS");
        assumeTrue("Haswell".equalsIgnoreCase(System.getenv("OPENBLAS_CORETYPE")), "OpenBLAS not forced onto its Haswell kernels");
        SplittableRandom r = new SplittableRandom(1017);
        int[][] fixed = {{256, 128, 784}, {784, 256, 128}, {1024, 1024, 1024}, {512, 512, 512}, {641, 650, 1300},
            {3, 900, 700}, {900, 3, 700}, {8, 40, 2000}, {2000, 40, 60}, {17, 23, 321}};
        SplitCase.Shapes shapes = new SplitCase.Shapes(fixed, false, 12, 700, 700, 400, 1400, 1);
        for (int round = 0; round < 40; round++) {
            SplitCase x = SplitCase.draw(r, round, shapes);
            SgemmThreads.Split split = SgemmThreads.split(x.m(), x.n(), x.k(), 2);
            if (split == null) continue;
            float[] calls = x.c0().clone();
            TorchBlas.sgemmCalls(x.ta(), x.tb(), x.m(), x.n(), x.k(), x.a(), x.off(), x.lda(), x.b(), x.off(), x.ldb(), x.beta(), calls, x.off(), x.ldc());
            for (int order = 0; order < 3; order++) {
                float[] shared = x.sharedB(SgemmPieces.JAVA, split, order);
                assertArrayEquals(calls, shared, x + " order " + order);
            }
        }
    }

    /** One kernel call against one OpenBLAS call of at most GEMM_P rows and GEMM_Q deep (level3.c's first block). */
    @Test
    void oneBlockIsOneCall() {
        assumeTrue(Simd.enabled(), "no Vector API");
        assumeTrue(NativeGemm.available(), "no OpenBLAS");
        assumeTrue("Haswell".equalsIgnoreCase(System.getenv("OPENBLAS_CORETYPE")), "OpenBLAS not forced onto its Haswell kernels");
        SplittableRandom r = new SplittableRandom(7);
        for (int round = 0; round < 200; round++) {
            int m = 1 + r.nextInt(round % 3 == 0 ? 40 : 320), n = 1 + r.nextInt(round % 3 == 1 ? 30 : 200);
            int k = 1 + r.nextInt(round % 2 == 0 ? 20 : 320);
            float[] a = rand(r, m * k), b = rand(r, k * n), c0 = rand(r, m * n);
            float[] call = c0.clone(), java = c0.clone();
            TorchBlas.call32(false, false, m, n, k, a, 0, m, b, 0, k, 1f, call, 0, m);
            float[] pa = new float[m * k], pb = new float[k * n];
            HaswellPack32.packA(false, k, m, a, 0, m, pa, 0);
            // level3.c's first block of rows: the kernel per packing step of B (12 columns, else 4, else the rest)
            for (int js = 0, jj; js < n; js += jj) {
                int left = n - js;
                jj = left >= 12 ? 12 : left > 4 ? 4 : left;
                HaswellPack32.packB(false, k, jj, b, js * k, k, pb, js * k);
                HaswellKernel32.kernel(m, jj, k, 1f, pa, 0, pb, js * k, java, js * m, m);
            }
            assertArrayEquals(call, java, m + "x" + n + "x" + k);
        }
    }

    private static float[] rand(SplittableRandom r, int size) {
        return SplitCase.rand(r, size);
    }
}
