// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The wide kernel (WideKernel32 on WidePack32's panels: the Haswell kernel's fmas 16 lanes at a time) gives the bits
 * of the Haswell kernel's Java port (HaswellKernel32, which GemmJavaKernelTest checks against OpenBLAS's calls and
 * BlasThreadsOracleTest's products against PyTorch): kernel call for kernel call over every row count around the
 * 32-row panels and the two-accumulator blocks, every column step, short and odd k; the whole split through the wide
 * pieces (TorchBlas.sgemmWide against sgemmJava, and OpenBLAS's calls where they run their Haswell kernels); and
 * B shared by the split's threads in any order. Runs on any processor with the Vector API: without 512-bit vectors
 * the API computes the same lanes in Java (slowly, so the shapes here stay small).
 */
class GemmWideKernelTest {
    @Test
    void oneKernelCallGivesTheHaswellKernelsBits() {
        assumeTrue(Simd.enabled(), "no Vector API");
        SplittableRandom r = new SplittableRandom(20261202);
        int[] rows = {1, 7, 8, 15, 16, 24, 31, 32, 33, 40, 47, 48, 56, 63, 64, 65, 72, 88, 95, 96, 100, 127, 128, 136, 160, 320};
        for (int round = 0; round < 160; round++) {
            int m = round < rows.length ? rows[round] : 1 + r.nextInt(round % 3 == 0 ? 80 : 330);
            int n = 1 + r.nextInt(round % 4 == 0 ? 13 : 40);
            int k = 1 + r.nextInt(round % 2 == 0 ? 19 : 70);
            float alpha = round % 7 == 3 ? -0.75f : 1f;
            boolean transposed = (round & 1) != 0;
            int ld = (transposed ? k : m) + r.nextInt(3), off = r.nextInt(4);
            float[] a = SplitCase.rand(r, off + ld * (transposed ? m : k)), b = SplitCase.rand(r, k * n), c0 = SplitCase.rand(r, m * n);
            float[] haswell = c0.clone(), wide = c0.clone();
            float[] pa = new float[m * k], pw = new float[m * k], pb = new float[k * n];
            HaswellPack32.packA(transposed, k, m, a, off, ld, pa, 0);
            WidePack32.packA(transposed, k, m, a, off, ld, pw, 0);
            // the kernel per packing step of B as level3.c's first block makes them (12 columns, else 4, else the rest)
            for (int js = 0, jj; js < n; js += jj) {
                int left = n - js;
                jj = left >= 12 ? 12 : left > 4 ? 4 : left;
                HaswellPack32.packB(false, k, jj, b, js * k, k, pb, js * k);
                HaswellKernel32.kernel(m, jj, k, alpha, pa, 0, pb, js * k, haswell, js * m, m);
                WideKernel32.kernel(m, jj, k, alpha, pw, 0, pb, js * k, wide, js * m, m);
            }
            // and one call over all n (every column step in one call: 12s, then 8, 4, 2, 1)
            float[] haswellAll = c0.clone(), wideAll = c0.clone();
            HaswellKernel32.kernel(m, n, k, alpha, pa, 0, pb, 0, haswellAll, 0, m);
            WideKernel32.kernel(m, n, k, alpha, pw, 0, pb, 0, wideAll, 0, m);
            String what = m + "x" + n + "x" + k + (transposed ? " transposed" : "") + " alpha " + alpha;
            assertArrayEquals(haswell, wide, what);
            assertArrayEquals(haswellAll, wideAll, what + ", one call");
        }
    }

    @Test
    void theSplitOnTheWidePiecesGivesThePortsBits() {
        assumeTrue(Simd.enabled(), "no Vector API");
        boolean calls = NativeGemm.available() && "Haswell".equalsIgnoreCase(System.getenv("OPENBLAS_CORETYPE"));
        SplittableRandom r = new SplittableRandom(1202);
        int[][] fixed = {{256, 128, 100}, {100, 128, 256}, {10, 128, 256}, {256, 128, 10}, {200, 200, 64}, {700, 3, 90},
            {3, 700, 90}, {97, 650, 130}, {2000, 40, 20}, {23, 47, 300}, {17, 1029, 19}, {655, 9, 70}};
        SplitCase.Shapes shapes = new SplitCase.Shapes(fixed, true, 40, 400, 300, 120, 500, 1);
        for (int round = 0; round < 50; round++) {
            SplitCase x = SplitCase.draw(r, round, shapes);
            float[] port = x.c0().clone(), wide = x.c0().clone();
            TorchBlas.sgemmJava(x.ta(), x.tb(), x.m(), x.n(), x.k(), x.a(), x.off(), x.lda(), x.b(), x.off(), x.ldb(), x.beta(), port, x.off(), x.ldc());
            TorchBlas.sgemmWide(x.ta(), x.tb(), x.m(), x.n(), x.k(), x.a(), x.off(), x.lda(), x.b(), x.off(), x.ldb(), x.beta(), wide, x.off(), x.ldc());
            assertArrayEquals(port, wide, x.toString());
            if (calls) {
                float[] native_ = x.c0().clone();
                TorchBlas.sgemmCalls(x.ta(), x.tb(), x.m(), x.n(), x.k(), x.a(), x.off(), x.lda(), x.b(), x.off(), x.ldb(), x.beta(), native_, x.off(), x.ldc());
                assertArrayEquals(native_, wide, x + " against OpenBLAS's calls");
            }
        }
    }

    /** SgemmSharedB on the wide pieces: the port's bits with the threads in either order and at once. */
    @Test
    void sharedBOnTheWidePiecesGivesThePortsBitsInAnyOrder() throws Exception {
        assumeTrue(Simd.enabled(), "no Vector API");
        SplittableRandom r = new SplittableRandom(2);
        int[][] fixed = {{256, 128, 300}, {300, 256, 128}, {512, 96, 64}, {3, 900, 70}, {900, 3, 70}, {8, 40, 2000}, {17, 23, 321}};
        SplitCase.Shapes shapes = new SplitCase.Shapes(fixed, false, 12, 400, 300, 200, 600, 1);
        for (int round = 0; round < 24; round++) {
            SplitCase x = SplitCase.draw(r, round, shapes);
            SgemmThreads.Split split = SgemmThreads.split(x.m(), x.n(), x.k(), 2);
            if (split == null) continue;
            float[] port = x.c0().clone();
            TorchBlas.sgemmJava(x.ta(), x.tb(), x.m(), x.n(), x.k(), x.a(), x.off(), x.lda(), x.b(), x.off(), x.ldb(), x.beta(), port, x.off(), x.ldc());
            for (int order = 0; order < 3; order++) {
                float[] shared = x.sharedB(SgemmPieces.WIDE, split, order);
                assertArrayEquals(port, shared, x + " order " + order);
            }
        }
    }
}
