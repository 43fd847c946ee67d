// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The kernel's one record of its work: work from several places nests, listeners hear work start from idle and the
 * idle time pass after the last of it, more work within the idle time postpones that, and a waiter for idle time
 * returns only once nothing runs, nothing is queued and the time has passed.
 */
class ActivityTest {
    private static final long IDLE = 200;

    private static final class Heard implements Activity.Listener {
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void onBusy() {
            events.add("busy");
        }

        @Override
        public void onIdle() {
            events.add("idle");
        }

        /** Waits up to 10 s (a loaded machine) for {@code n} events. */
        List<String> await(int n) throws InterruptedException {
            long end = System.nanoTime() + 10_000_000_000L;
            while (events.size() < n && System.nanoTime() < end) Thread.sleep(10);
            return List.copyOf(events);
        }
    }

    @Test
    void workFromTwoPlacesNestsAndTheIdleTimeStartsAfterTheLast() throws Exception {
        Activity a = new Activity();
        Heard heard = new Heard();
        a.watch(IDLE, heard); // starts out as if busy
        a.busy(); // a request (the shell handler)
        a.busy(); // its cell (the evaluator)
        a.idle(); // the cell ends; the request still runs
        Thread.sleep(IDLE + 150);
        assertEquals(List.of(), heard.events, "no idle while a request runs");
        assertTrue(a.isBusy());
        a.idle();
        assertFalse(a.isBusy());
        assertEquals(List.of("idle"), heard.await(1));
        a.idle(); // an unmatched end changes nothing
        a.busy();
        assertEquals(List.of("idle", "busy"), heard.events, "told when work starts after idle");
        a.idle();
        a.busy(); // more work within the idle time
        Thread.sleep(IDLE + 150);
        assertEquals(List.of("idle", "busy"), heard.events, "the earlier idle call is stale, and no second start");
        a.idle();
        assertEquals(List.of("idle", "busy", "idle"), heard.await(3));
    }

    @Test
    void awaitIdleReturnsOnceNothingRunsOrIsQueuedForTheIdleTime() throws Exception {
        Activity a = new Activity();
        Thread.sleep(IDLE + 10);
        assertEquals(1, a.awaitIdle(IDLE, () -> false), "idle already");
        a.busy();
        AtomicBoolean queued = new AtomicBoolean(true);
        int[] result = new int[1];
        Thread waiter = new Thread(() -> {
            try {
                result[0] = a.awaitIdle(IDLE, queued::get);
            } catch (InterruptedException e) {
                result[0] = 0;
            }
        });
        waiter.start();
        Thread.sleep(IDLE + 100);
        assertTrue(waiter.isAlive(), "waits while work runs");
        a.idle();
        Thread.sleep(IDLE + 100);
        assertTrue(waiter.isAlive(), "waits while a request is queued");
        queued.set(false);
        waiter.join(10_000);
        assertFalse(waiter.isAlive());
        assertEquals(2, result[0], "it waited");
    }

    @Test
    void theIndexingGateAndAnotherWorkSourceShareIt() throws Exception {
        try (jdk.jshell.JShell shell = jdk.jshell.JShell.create()) {
            Activity a = new Activity();
            a.busy(); // the kernel: JShell's start
            IndexingGate gate = new IndexingGate(shell.sourceCodeAnalysis(), a);
            Heard heard = new Heard();
            a.watch(IDLE, heard);
            gate.idle(); // the evaluator's start-up is done, the kernel's is not
            Thread.sleep(IndexingGate.IDLE_MS + 150);
            assertTrue(a.isBusy());
            assertEquals(List.of(), heard.events);
            a.idle();
            assertEquals(List.of("idle"), heard.await(1));
            gate.hold(); // a cell
            a.busy(); // and a request meanwhile: one start from idle
            gate.idle();
            a.idle();
            assertEquals(List.of("idle", "busy", "idle"), heard.await(3));
            gate.open();
        }
    }
}
