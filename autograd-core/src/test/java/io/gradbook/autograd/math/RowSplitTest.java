// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** RowSplit's chunks: every row run exactly once, in whole chunks sized by the row length, and a failure surfaces. */
class RowSplitTest {
    @Test
    void everyRowOnceInChunksOfTheRowLength() {
        int[][] cases = {{512, 1000}, {513, 1000}, {3, 40_000}, {1, 1 << 20}, {100_000, 1}, {64, 8000}, {7, 10}};
        for (int[] c : cases) {
            int rows = c[0], rowSize = c[1];
            int per = Math.max(1, RowSplit.CHUNK / rowSize);
            for (int round = 0; round < 20; round++) {
                AtomicIntegerArray seen = new AtomicIntegerArray(rows);
                AtomicInteger bodies = new AtomicInteger();
                boolean[] aligned = {true};
                RowSplit.run(rows, rowSize, (from, to) -> {
                    bodies.incrementAndGet();
                    long total = (long) rows * rowSize;
                    // a chunk starts on a chunk boundary and holds at most one chunk's rows (or all, when serial)
                    if (total >= RowSplit.PARALLEL_MIN && (from % per != 0 || to - from > per)) aligned[0] = false;
                    for (int r = from; r < to; r++) seen.incrementAndGet(r);
                });
                for (int r = 0; r < rows; r++) assertEquals(1, seen.get(r), rows + "x" + rowSize + " row " + r);
                assertTrue(aligned[0], rows + "x" + rowSize + ": chunks follow the row length");
                assertTrue(bodies.get() >= 1);
            }
        }
    }

    @Test
    void aFailureInAnyChunkIsThrownAfterTheOthersEnd() {
        // a one-CPU machine has no worker: the rows then run as one chunk on the caller
        org.junit.jupiter.api.Assumptions.assumeTrue(HotWorkers.COUNT >= 1);
        AtomicInteger done = new AtomicInteger();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> RowSplit.run(512, 1000, (from, to) -> {
            if (from == 15 * 32) throw new IllegalStateException("chunk " + from);
            done.incrementAndGet();
        }));
        assertTrue(e.getMessage().contains("chunk 480") || e.getCause() != null && e.getCause().getMessage().contains("chunk 480"), e.toString());
        assertEquals(15, done.get(), "the other 15 chunks ran to their end before run returned");
    }
}
