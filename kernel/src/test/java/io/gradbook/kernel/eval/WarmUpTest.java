// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradbook.autograd.Torch;
import io.gradbook.kernel.runtime.Notebook;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Start-up's warm-up snippet gives way to a real cell: it does not run once a cell is waiting or has run (the
 * first result would otherwise wait behind it), and when it runs it leaves nothing in the session.
 */
class WarmUpTest {
    private static JShellEvaluator evaluator() {
        return new JShellEvaluator(CellClassPath.of(Torch.class, Notebook.class), List.of("import static io.gradbook.autograd.Torch.*;"));
    }

    @Test
    void runsWhenIdleAndLeavesNoTrace() throws CellError {
        try (JShellEvaluator e = evaluator()) {
            long before = e.shell().snippets().count();
            assertTrue(e.warmUp(List.of("var warm = ones(1).mul(2);", "2 * 3"), () -> false));
            assertEquals(before, e.shell().snippets().filter(s -> e.shell().status(s).isActive()).count());
            CellError gone = org.junit.jupiter.api.Assertions.assertThrows(CellError.class, () -> e.eval("warm"));
            assertEquals("CompilationError", gone.ename);
        }
    }

    @Test
    void aTrailingExpressionTakesACellsPathAndLeavesNoSnippetNorValue() throws CellError {
        try (JShellEvaluator e = evaluator()) {
            long before = e.shell().snippets().count();
            // as the kernel's start-up warms up: the expression goes as the assignment that hands a value over
            assertTrue(e.warmUp(List.of("ones(1).mul(2).sum().item() * 2"), () -> false));
            // forgotten, not only dropped (the session pruner): JShell's tables are as before
            assertEquals(before, e.shell().snippets().count());
            JShellEvaluator.Result r = e.eval("int first = 1;");
            assertFalse(r.hasValue);
            assertEquals(4, e.eval("first + 3").value);
        }
    }

    @Test
    void givesWayToAWaitingCellBeforeItsNextSnippet() throws CellError {
        try (JShellEvaluator e = evaluator()) {
            AtomicInteger asked = new AtomicInteger();
            // the cell "arrives" after the first snippet: the second one is not compiled
            assertFalse(e.warmUp(List.of("1 + 1", "var second = 2;"), () -> asked.incrementAndGet() > 1));
            assertEquals(2, asked.get());
            assertEquals("CompilationError", org.junit.jupiter.api.Assertions.assertThrows(CellError.class, () -> e.eval("second")).ename);
        }
    }

    @Test
    void doesNothingOnceACellHasRun() throws CellError {
        try (JShellEvaluator e = evaluator()) {
            assertEquals(2, e.eval("1 + 1").value);
            assertFalse(e.warmUp(List.of("var late = 1;"), () -> false));
            assertEquals("CompilationError", org.junit.jupiter.api.Assertions.assertThrows(CellError.class, () -> e.eval("late")).ename);
        }
    }
}
