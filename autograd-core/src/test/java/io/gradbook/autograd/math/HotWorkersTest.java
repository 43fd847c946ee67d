// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * HotWorkers: every part run once whoever runs it, a failure thrown on the caller once the parts taken before it have
 * ended (the rest skipped), parts that split again and two callers at once complete, and idle workers park (an idle
 * kernel uses no CPU).
 */
class HotWorkersTest {
    @Test
    void everyPartRunsOnceAndTheCallerReturnsOnlyWhenAllAreDone() {
        for (int count : new int[] {1, 2, 3, 16, 1000}) {
            for (int round = 0; round < 50; round++) {
                AtomicIntegerArray seen = new AtomicIntegerArray(count);
                HotWorkers.parts(count, 1, p -> {
                    if (p % 7 == 1) Thread.onSpinWait();
                    seen.incrementAndGet(p);
                });
                for (int p = 0; p < count; p++) assertEquals(1, seen.get(p), count + " parts, part " + p);
            }
        }
    }

    @Test
    void aFailedPartIsThrownOnTheCallerOnceThePartsTakenBeforeItHaveEnded() {
        for (int round = 0; round < 50; round++) {
            AtomicIntegerArray seen = new AtomicIntegerArray(64);
            java.util.concurrent.atomic.AtomicInteger running = new java.util.concurrent.atomic.AtomicInteger();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HotWorkers.parts(64, 1, p -> {
                running.incrementAndGet();
                try {
                    if (p == 40) throw new IllegalArgumentException("part 40");
                    for (int spin = 0; spin < 200; spin++) Thread.onSpinWait();
                    seen.incrementAndGet(p);
                } finally {
                    running.decrementAndGet();
                }
            }));
            assertEquals("part 40", e.getMessage());
            assertEquals(0, running.get(), "no part still runs when the failure is thrown");
            // parts are taken in order: every part before 40 was taken before it, and ran to its end
            for (int p = 0; p < 40; p++) assertEquals(1, seen.get(p), "part " + p);
            assertEquals(0, seen.get(40));
            for (int p = 41; p < 64; p++) assertTrue(seen.get(p) <= 1, "part " + p);
        }
    }

    @Test
    void onOneThreadAFailureStopsTheParts() {
        AtomicIntegerArray seen = new AtomicIntegerArray(8);
        assertThrows(IllegalStateException.class, () -> HotWorkers.parts(8, 0, p -> {
            if (p == 3) throw new IllegalStateException("part 3");
            seen.incrementAndGet(p);
        }));
        for (int p = 0; p < 8; p++) assertEquals(p < 3 ? 1 : 0, seen.get(p), "part " + p);
    }

    @Test
    void aPartThatSplitsAgainCompletes() {
        AtomicIntegerArray seen = new AtomicIntegerArray(8 * 8);
        HotWorkers.parts(8, 1, outer -> HotWorkers.parts(8, 1, inner -> seen.incrementAndGet(outer * 8 + inner)));
        for (int i = 0; i < 64; i++) assertEquals(1, seen.get(i), "part " + i);
    }

    @Test
    void twoCallersAtOnceBothComplete() throws Exception {
        int n = 200;
        AtomicIntegerArray a = new AtomicIntegerArray(n), b = new AtomicIntegerArray(n);
        CountDownLatch go = new CountDownLatch(1);
        AtomicReference<Throwable> other = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                go.await();
                for (int r = 0; r < 20; r++) HotWorkers.parts(n, 1, p -> b.incrementAndGet(p));
            } catch (Throwable e) {
                other.set(e);
            }
        });
        t.start();
        go.countDown();
        for (int r = 0; r < 20; r++) HotWorkers.parts(n, 1, p -> a.incrementAndGet(p));
        t.join(60_000);
        assertFalse(t.isAlive());
        assertSame(null, other.get());
        for (int p = 0; p < n; p++) {
            assertEquals(20, a.get(p));
            assertEquals(20, b.get(p));
        }
    }

    @Test
    void idleWorkersParkAndLiveOutsideTheCallersThreadGroup() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(HotWorkers.COUNT >= 1 && !HotWorkers.COMMON_POOL);
        // started from a thread of a group of its own, as a cell's thread is
        ThreadGroup cells = new ThreadGroup("cells");
        Thread starter = new Thread(cells, () -> HotWorkers.parts(4, 1, p -> {}));
        starter.start();
        starter.join();
        assertTrue(HotWorkers.startedForTests());
        for (Thread w : Thread.getAllStackTraces().keySet()) {
            if (!w.getName().startsWith("gradbook-hot-")) continue;
            assertTrue(w.isDaemon(), w.getName());
            assertSame(null, w.getThreadGroup().getParent(), w.getName() + " is in the root group");
        }
        // after the spin bound every worker parks (polled: a loaded machine may run the worker late)
        long deadline = System.nanoTime() + 30_000_000_000L;
        boolean allParked = false;
        while (!allParked && System.nanoTime() < deadline) {
            Thread.sleep(20);
            allParked = true;
            for (boolean p : HotWorkers.parkedForTests()) allParked &= p;
        }
        assertTrue(allParked, "every worker parked after " + HotWorkers.SPIN_NS / 1000 + " us idle");
        // and a parked worker takes the next job
        CountDownLatch ran = new CountDownLatch(1);
        HotWorkers.execute(ran::countDown);
        assertTrue(ran.await(30, java.util.concurrent.TimeUnit.SECONDS));
    }
}
