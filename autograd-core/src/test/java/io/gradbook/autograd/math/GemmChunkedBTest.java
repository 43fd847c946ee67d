// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * SgemmChunkedB (a wide, short product's B shared in chunks, each multiplied through every block of k) makes the
 * kernel calls of each thread packing its own B (SgemmInnerThread.run), in another order: the same bits, whoever
 * packs which chunk (the threads one after the other in either order, and at once on two threads). Shapes where
 * {@link SgemmChunkedB#fits}: rows split in two (nthreads_m 2) and not (nthreads_m 1: m under 4), halves whose width
 * leaves every tail of 0-11 columns after the last 12-column step, every transpose, offsets, padded leading
 * dimensions, beta 0 (over NaN), 1 and -0.5, one and two blocks of k. On OpenBLAS's pieces through FFM (JDK 22+:
 * the ffm-jdk25 profile runs this class on JDK 25) and on their Java port.
 */
class GemmChunkedBTest {
    /** The CNN row's product, then wide, short shapes drawn once (m, n, k); each must take the chunked order. */
    private static int[][] shapes() {
        SplittableRandom r = new SplittableRandom(13);
        int[][] out = new int[14][];
        out[0] = new int[] {64, 25088, 576};
        out[1] = new int[] {3, 30000, 800};
        for (int i = 2; i < out.length; i++) {
            int m = i % 5 == 0 ? 1 + r.nextInt(3) : 4 + r.nextInt(397);
            int k = i % 3 == 0 ? 641 + r.nextInt(360) : 64 + r.nextInt(577);
            // a half (a quarter of n with rows split, else of n / 2 per thread) of at least 2^18 / min_l floats
            int minL = k >= 640 ? 320 : k > 320 ? (k + 1) / 2 : k;
            int half = (int) (SgemmChunkedB.WIDE_FROM / minL) + 1 + r.nextInt(2000);
            out[i] = new int[] {m, 4 * half - r.nextInt(4), k};
        }
        return out;
    }

    @Test
    void chunksOnOpenBlasPiecesGiveEachThreadsOwnBits() throws Exception {
        assumeTrue(Runtime.version().feature() >= 22, "the FFM path needs JDK 22+");
        assertTrue(FfmGemm.available(), "JDK " + Runtime.version() + " but no FFM path: " + FfmGemm.problem());
        HaswellSgemm.bind();
        assumeTrue(HaswellSgemm.ready(), "OpenBLAS's Haswell kernels not bound: " + HaswellSgemm.problem());
        check(SgemmPieces.NATIVE, 1);
    }

    @Test
    void chunksOnTheJavaPortGiveEachThreadsOwnBits() throws Exception {
        assumeTrue(Simd.enabled(), "no Vector API");
        check(SgemmPieces.JAVA, 2);
    }

    @Test
    void onlyWideShortProductsTakeTheChunks() {
        for (int[] s : new int[][] {{512, 512, 512}, {1024, 1024, 1024}, {2048, 2048, 2048}, {641, 30000, 300}}) {
            SgemmThreads.Split split = SgemmThreads.split(s[0], s[1], s[2], 2);
            assertFalse(SgemmChunkedB.fits(split.rangeM(), split.threadsM(), split.rangesN()[0], s[2]), s[0] + "x" + s[1] + "x" + s[2]);
        }
        SgemmThreads.Split cnn = SgemmThreads.split(64, 25088, 576, 2);
        assertTrue(SgemmChunkedB.fits(cnn.rangeM(), cnn.threadsM(), cnn.rangesN()[0], 576));
    }

    @Test
    void torchBlasTakesTheChunksWithTheCallsBits() {
        assumeTrue(Runtime.version().feature() >= 22, "the FFM path needs JDK 22+");
        assertTrue(FfmGemm.available(), "JDK " + Runtime.version() + " but no FFM path: " + FfmGemm.problem());
        HaswellSgemm.bind();
        assumeTrue(HaswellSgemm.ready(), "OpenBLAS's Haswell kernels not bound: " + HaswellSgemm.problem());
        // the CNN row as AddmmCall hands it over (column-major 64 x 25088 x 576, into a fresh C), and transposed B
        SplittableRandom r = new SplittableRandom(576);
        int m = 64, n = 25088, k = 576;
        float[] a = SplitCase.rand(r, m * k), b = SplitCase.rand(r, k * n);
        for (boolean tb : new boolean[] {false, true}) {
            float[] calls = new float[m * n], kernels = new float[m * n];
            TorchBlas.sgemmCalls(false, tb, m, n, k, a, 0, m, b, 0, tb ? n : k, 0f, calls, 0, m);
            TorchBlas.sgemmIntoZeros(false, tb, m, n, k, a, 0, m, b, 0, tb ? n : k, kernels, 0, m);
            assertArrayEquals(calls, kernels, "tb=" + tb);
        }
    }

    private static void check(Supplier<SgemmPieces> pieces, long seed) throws Exception {
        SplittableRandom r = new SplittableRandom(seed);
        int[][] fixed = shapes();
        SplitCase.Shapes shapes = new SplitCase.Shapes(fixed, false, 1, 1, 1, 1, 1, 1);
        for (int round = 0; round < fixed.length; round++) {
            SplitCase x = SplitCase.draw(r, round, shapes);
            SgemmThreads.Split split = SgemmThreads.split(x.m(), x.n(), x.k(), 2);
            for (int[] rangeN : split.rangesN())
                assertTrue(SgemmChunkedB.fits(split.rangeM(), split.threadsM(), rangeN, x.k()), x + " takes the chunks");
            float[] own = x.c0().clone();
            for (int[] rangeN : split.rangesN())
                for (int t = 0; t < split.threads(); t++)
                    SgemmInnerThread.run(pieces, x.ta(), x.tb(), x.k(), x.a(), x.off(), x.lda(), x.b(), x.off(), x.ldb(),
                            x.beta(), own, x.off(), x.ldc(), split.rangeM(), rangeN, split.threadsM(), t);
            for (int order = 0; order < 3; order++) {
                float[] chunked = x.c0().clone();
                for (int[] rangeN : split.rangesN()) {
                    try (SgemmChunkedB.Job job = SgemmChunkedB.job(pieces, x.tb(), x.k(), x.b(), x.off(), x.ldb(), rangeN, split.threadsM())) {
                        if (order == 2) {
                            // at once: the threads race for the chunks
                            CompletableFuture<?> other = CompletableFuture.runAsync(() -> SgemmChunkedB.run(job, x.ta(), x.k(),
                                    x.a(), x.off(), x.lda(), x.beta(), chunked, x.off(), x.ldc(), split.rangeM(), 1));
                            SgemmChunkedB.run(job, x.ta(), x.k(), x.a(), x.off(), x.lda(), x.beta(), chunked, x.off(), x.ldc(), split.rangeM(), 0);
                            other.get();
                        } else {
                            // one after the other: the second finds every chunk packed, or the first packs the second's
                            for (int i = 0; i < split.threads(); i++) {
                                int t = order == 0 ? i : split.threads() - 1 - i;
                                SgemmChunkedB.run(job, x.ta(), x.k(), x.a(), x.off(), x.lda(), x.beta(), chunked, x.off(), x.ldc(), split.rangeM(), t);
                            }
                        }
                    }
                }
                assertArrayEquals(own, chunked, x + " threadsM=" + split.threadsM() + " order " + order);
            }
        }
    }
}
