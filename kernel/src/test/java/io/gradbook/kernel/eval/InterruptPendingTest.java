// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gradbook.autograd.Torch;
import io.gradbook.kernel.runtime.Notebook;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The kernel's mark for an interrupt that came before a cell's code started (Kernel.interruptIfRunning) is read by
 * the evaluator once the cell counts as running: a marked cell ends in KeyboardInterrupt before any of its code
 * runs, an unmarked one runs, and the mark is asked again for every cell (it is the kernel's, per request).
 */
class InterruptPendingTest {
    @Test
    void aCellMarkedBeforeItStartedEndsInKeyboardInterruptWithoutRunning() throws CellError {
        try (JShellEvaluator e = new JShellEvaluator(CellClassPath.of(Torch.class, Notebook.class), List.of())) {
            AtomicBoolean marked = new AtomicBoolean(false);
            e.interruptPendingFrom(marked::get);
            e.eval("int ran = 0;", "In[1]");
            marked.set(true);
            CellError stopped = assertThrows(CellError.class, () -> e.eval("ran = 1;\nThread.sleep(120_000);", "In[2]"));
            assertEquals("KeyboardInterrupt", stopped.ename);
            marked.set(false);
            assertEquals(0, e.eval("ran", "In[3]").value, "the marked cell ran none of its code");
        }
    }
}
