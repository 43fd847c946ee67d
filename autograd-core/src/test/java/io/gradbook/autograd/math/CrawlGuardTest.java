// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The wide kernel's guard against a crawl (WideSgemm.observe): three slow large products in a row, and only those. */
class CrawlGuardTest {
    private static final long LARGE = 1L << 27; // 512^3 multiply-adds

    /** Wall time of LARGE multiply-adds at this many GFLOP/s. */
    private static long nanosAt(double gflops) {
        return (long) (2.0 * LARGE / gflops);
    }

    @Test
    void threeCrawlingProductsInARowTripIt() {
        CrawlGuard guard = new CrawlGuard(1L << 24, 5);
        assertFalse(guard.observe(LARGE, nanosAt(1)));
        assertFalse(guard.observe(LARGE, nanosAt(1)));
        assertNull(guard.tripped());
        assertTrue(guard.observe(LARGE, nanosAt(1)));
        assertEquals("3 products in a row under 10 GFLOP/s (the last 1.0)", guard.tripped());
        // and it stays tripped, however fast the next ones are
        assertTrue(guard.observe(LARGE, nanosAt(300)));
    }

    @Test
    void aFastProductBetweenStartsTheCountAgain() {
        CrawlGuard guard = new CrawlGuard(1L << 24, 5);
        for (int round = 0; round < 5; round++) {
            assertFalse(guard.observe(LARGE, nanosAt(2)));
            assertFalse(guard.observe(LARGE, nanosAt(9.9)));
            assertFalse(guard.observe(LARGE, nanosAt(10)), "10 GFLOP/s is not a crawl");
        }
        assertNull(guard.tripped());
    }

    @Test
    void smallProductsAndLoadedSpeedsDoNotCount() {
        CrawlGuard guard = new CrawlGuard(1L << 24, 5);
        // below 2^24 multiply-adds any time is the call's overhead, not the kernel's speed
        for (int i = 0; i < 10; i++) assertFalse(guard.observe((1L << 24) - 1, 1_000_000_000L));
        // a busy machine's quarter speed of the slowest path measured is far above the threshold
        for (int i = 0; i < 10; i++) assertFalse(guard.observe(LARGE, nanosAt(17)));
        assertNull(guard.tripped());
    }
}
