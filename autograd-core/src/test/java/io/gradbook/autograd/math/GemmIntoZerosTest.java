// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * TorchBlas.sgemmIntoZeros (beta 0 into a block of C that holds +0.0, as AddmmCall's fresh arrays do: the split's
 * parts skip zeroing it) gives sgemm's beta-0 bits over any C (NaN included), and leaves the elements outside the
 * block (padding, the offset) alone: single calls (up to 2^18 multiply-adds), the parts on the caller (below
 * 2 * GemmBlocks.BLOCK_WORK) and on the pool (above), every transpose, offsets and padded leading dimensions. Runs on
 * whichever path this JDK has (the Haswell kernels on JDK 22+, the Java port or the single-threaded calls on 17-21).
 */
class GemmIntoZerosTest {
    @Test
    void aZeroedBlockGivesBetaZerosBits() {
        SplittableRandom r = new SplittableRandom(10);
        int[][] fixed = {{1024, 1024, 1024}, {256, 256, 256}, {512, 512, 512}, {64, 64, 64}, {3, 900, 700}, {900, 3, 700},
            {30000, 3, 800}, {641, 650, 1300}};
        SplitCase.Shapes shapes = new SplitCase.Shapes(fixed, false, 12, 700, 700, 400, 1400, 1);
        boolean pool = false;
        for (int round = 0; round < 30; round++) {
            SplitCase x = SplitCase.draw(r, round, shapes); // its beta unused: beta 0 here, over a NaN
            x.c0()[x.off()] = Float.NaN;
            int m = x.m(), n = x.n(), off = x.off(), ldc = x.ldc();
            pool |= (long) m * n * x.k() >= 2 * GemmBlocks.BLOCK_WORK;
            float[] want = x.c0().clone(), got = x.c0().clone();
            for (int j = 0; j < n; j++) java.util.Arrays.fill(got, off + j * ldc, off + j * ldc + m, 0f);
            TorchBlas.sgemm(x.ta(), x.tb(), m, n, x.k(), x.a(), off, x.lda(), x.b(), off, x.ldb(), 0f, want, off, ldc);
            TorchBlas.sgemmIntoZeros(x.ta(), x.tb(), m, n, x.k(), x.a(), off, x.lda(), x.b(), off, x.ldb(), got, off, ldc);
            assertArrayEquals(want, got, x.toString());
        }
        assertTrue(pool, "no product on the pool");
    }
}
