// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradbook.autograd.Torch;
import io.gradbook.kernel.runtime.Notebook;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The idle-time compiler warm-up: every snippet compiles and runs in the kernel's session, leaves no declaration and
 * no value behind, gives way to a request, and never calls a student's own method of an API name.
 */
public class CompilerWarmUpTest {
    private static JShellEvaluator evaluator(Activity activity) {
        return new JShellEvaluator(CellClassPath.of(Torch.class, Notebook.class), io.gradbook.kernel.Main.STARTUP, activity);
    }

    @Test
    void everySnippetRunsAndLeavesNothingBehind() throws CellError {
        try (JShellEvaluator e = evaluator(new Activity())) {
            e.eval("var x = ones(2).mul(3);");
            e.eval("manualSeed(7); var expected = rand(3); manualSeed(7);");
            long active = e.shell().snippets().filter(s -> e.shell().status(s).isActive()).count();
            for (String code : CompilerWarmUp.SNIPPETS) assertEquals(CompilerWarmUp.Outcome.RAN, e.warmUpWhileIdle(code, CompilerWarmUp.API_METHODS, CompilerWarmUp.API_TYPES), code);
            CompilerWarmUp w = new CompilerWarmUp(e, 2 * CompilerWarmUp.SNIPPETS.size());
            while (w.step()) { }
            assertEquals(2 * CompilerWarmUp.SNIPPETS.size(), w.roundsDone());
            assertEquals(0, w.roundsFailed(), "a warm-up snippet failed to compile or run");
            assertEquals(active, e.shell().snippets().filter(s -> e.shell().status(s).isActive()).count());
            // no draw from the generator: the student's next numbers are PyTorch's
            assertEquals(true, e.eval("rand(3).equal(expected)").value);
            assertNull(TrailingValue.$gradbook$shown);
            assertEquals("CompilationError", assertThrows(CellError.class, () -> e.eval("$gradbook$x")).ename);
            assertEquals("CompilationError", assertThrows(CellError.class, () -> e.eval("new $gradbook$Net()")).ename);
            // the session goes on as before
            assertEquals("tensor([3., 3.])", e.eval("x").value.toString());
        }
    }

    @Test
    void givesWayWhileTheKernelWorks() {
        Activity activity = new Activity();
        try (JShellEvaluator e = evaluator(activity)) {
            CompilerWarmUp w = new CompilerWarmUp(e, 3);
            activity.busy();
            assertTrue(w.step());
            assertEquals(0, w.roundsDone());
            activity.idle();
            w.step();
            assertEquals(1, w.roundsDone());
        }
    }

    @Test
    void neverCallsAMethodAStudentImportedUnderAnApiName() throws Exception {
        try (JShellEvaluator e = evaluator(new Activity())) {
            e.eval("import static java.util.Collections.emptyList;");
            CompilerWarmUp unrelated = new CompilerWarmUp(e, 1);
            unrelated.step();
            assertEquals(0, unrelated.roundsFailed(), "an import of another name stops nothing");
            // a single static import shadows the prelude's Torch.*: an unqualified ones(2) would call it
            e.shell().addToClasspath(java.nio.file.Path.of(CompilerWarmUpTest.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            e.eval("import static io.gradbook.kernel.eval.CompilerWarmUpTest.ones;");
            CompilerWarmUp w = new CompilerWarmUp(e, CompilerWarmUp.SNIPPETS.size());
            while (w.step()) { }
            assertEquals(0, importedOnesCalls);
            assertEquals(CompilerWarmUp.SNIPPETS.size(), w.roundsFailed());
        }
    }

    /** A method a student might import under the name of the API's {@code ones}. */
    public static io.gradbook.autograd.Tensor ones(int... shape) {
        importedOnesCalls++;
        return Torch.zeros(shape);
    }

    static int importedOnesCalls;

    @Test
    void neverCallsAStudentsMethodOfAnApiName() throws CellError {
        try (JShellEvaluator e = evaluator(new Activity())) {
            e.eval("int calls = 0;");
            e.eval("Tensor ones(int... shape) { calls++; return Torch.zeros(shape); }");
            CompilerWarmUp w = new CompilerWarmUp(e, CompilerWarmUp.SNIPPETS.size());
            while (w.step()) { }
            assertEquals(0, e.eval("calls").value);
            assertEquals(CompilerWarmUp.SNIPPETS.size(), w.roundsFailed());
            assertFalse(w.step());
        }
    }
}
