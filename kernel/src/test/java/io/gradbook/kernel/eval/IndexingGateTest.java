// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradbook.autograd.Torch;
import io.gradbook.kernel.runtime.Notebook;
import java.util.List;
import jdk.jshell.JShell;
import jdk.jshell.SourceCodeAnalysis;
import org.junit.jupiter.api.Test;

/**
 * JShell's class-path index waits while the kernel works and goes on once it has been idle (surefire opens
 * jdk.jshell/jdk.jshell as the kernelspec does). Read through JShell's own pause count, SourceCodeAnalysisImpl's
 * {@code suspend}: 0 means the index may run. (JShell pauses it itself only for the length of each eval, and only
 * between two entries of the index, so it ran between a cell's evals, between cells and all through start-up.)
 */
class IndexingGateTest {
    private static int pauses(SourceCodeAnalysis a) throws ReflectiveOperationException {
        java.lang.reflect.Field f = a.getClass().getDeclaredField("suspend");
        f.setAccessible(true);
        synchronized (lockOf(a)) {
            return f.getInt(a);
        }
    }

    private static Object lockOf(SourceCodeAnalysis a) throws ReflectiveOperationException {
        java.lang.reflect.Field f = a.getClass().getDeclaredField("suspendLock");
        f.setAccessible(true);
        return f.get(a);
    }

    /** Waits up to 10 s (a loaded machine) for the pause count to reach {@code want}. */
    private static int awaitPauses(SourceCodeAnalysis a, int want) throws Exception {
        long end = System.nanoTime() + 10_000_000_000L;
        int p = pauses(a);
        while (p != want && System.nanoTime() < end) {
            Thread.sleep(20);
            p = pauses(a);
        }
        return p;
    }

    @Test
    void holdsWhileWorkingAndReleasesAfterTheIdleTime() throws Exception {
        try (JShell shell = JShell.create()) {
            SourceCodeAnalysis a = shell.sourceCodeAnalysis();
            IndexingGate gate = new IndexingGate(a);
            assertTrue(gate.works(), "JShell's suspendIndexing is reachable (jdk.jshell/jdk.jshell opened)");
            assertEquals(1, pauses(a), "held from the start");
            gate.hold();
            assertEquals(1, pauses(a), "one hold however often work starts");
            gate.idle();
            gate.hold(); // more work within the idle time: still held after it
            Thread.sleep(IndexingGate.IDLE_MS + 300);
            assertEquals(1, pauses(a), "work came back within the idle time");
            gate.idle();
            assertEquals(0, awaitPauses(a, 0), "released once idle");
            // JShell's own pause around a completion nests with ours
            gate.hold();
            a.completionSuggestions("Strin", 5, new int[1]);
            assertEquals(1, pauses(a));
            gate.open();
            assertEquals(0, pauses(a), "open lets the index go at once");
            gate.hold();
            gate.idle();
            assertEquals(0, pauses(a), "and for good (the session closes)");
        }
    }

    @Test
    void theEvaluatorHoldsTheIndexThroughACellAndLetsItGoAfter() throws Exception {
        JShellEvaluator e = new JShellEvaluator(CellClassPath.of(Torch.class, Notebook.class), List.of("import static io.gradbook.autograd.Torch.*;"));
        try {
            SourceCodeAnalysis a = e.analysis();
            e.eval("1 + 1", "In[1]");
            assertEquals(0, awaitPauses(a, 0), "the index goes on after the cell");
            Thread cell = new Thread(() -> {
                try {
                    e.eval("Thread.sleep(3000);", "In[2]");
                } catch (CellError err) {
                    throw new AssertionError(err);
                }
            });
            cell.start();
            Thread.sleep(IndexingGate.IDLE_MS + 500);
            boolean running = cell.isAlive();
            int during = pauses(a);
            cell.join();
            if (running) assertEquals(2, during, "held while the cell runs: by the gate and by JShell's own eval");
            assertEquals(0, awaitPauses(a, 0), "and let go after it");
        } finally {
            e.close();
        }
    }
}
