// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradbook.autograd.Torch;
import io.gradbook.kernel.runtime.Notebook;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every line an error reports is the cell's real line, and a cell that does not compile runs nothing. */
class CellLinesTest {
    private static JShellEvaluator evaluator;

    @BeforeAll
    static void start() throws CellError {
        evaluator = new JShellEvaluator(CellClassPath.of(Torch.class, Notebook.class),
                List.of("import static io.gradbook.autograd.Torch.*;", "import io.gradbook.autograd.*;"));
        evaluator.eval("int sideEffects = 0;", "In[1]");
    }

    @AfterAll
    static void stop() {
        evaluator.close();
    }

    private static int sideEffects() throws CellError {
        return (Integer) evaluator.eval("sideEffects").value;
    }

    private static CellError fails(String cell, String name) {
        return assertThrows(CellError.class, () -> evaluator.eval(cell, name));
    }

    private static List<Integer> lines(CellError e) {
        return e.locations.stream().map(CellError.Location::line).toList();
    }

    @Test
    void runtimeErrorAfterBlankLinesIsOnItsLine() {
        CellError e = fails("int a = 1;\n\na = 2;\n\nint[] arr = new int[1];\narr[3] = 1;\nsideEffects++;", "In[2]");
        assertEquals("java.lang.ArrayIndexOutOfBoundsException", e.ename);
        assertEquals(List.of(6), lines(e), e.traceback.toString());
        assertTrue(e.traceback.contains("    at cell line 6"), e.traceback.toString());
    }

    @Test
    void severalStatementsOnOneLine() {
        assertEquals(List.of(1), lines(fails("int p = 1; int q = 2; int r = p / (q - 2);", null)));
        // plain statements run as one block: its lines are still the cell's
        CellError e = fails("int z = 0;\nz++; z++;\n\n\nz++; z = z / (z - 3); z++;", null);
        assertEquals(List.of(5), lines(e), e.traceback.toString());
    }

    @Test
    void aCellThatDoesNotCompileRunsNothing() throws CellError {
        int before = sideEffects();
        CellError e = fails("sideEffects++;\nvar fresh = sideEffects++;\n\nint bad = \"text\";\nsideEffects++;", null);
        assertEquals("CompilationError", e.ename);
        assertEquals(List.of(4), lines(e), e.traceback.toString());
        assertEquals(before, sideEffects());
        assertThrows(CellError.class, () -> evaluator.eval("fresh"));
        // the error is on the second statement of a line: its column too
        e = fails("sideEffects++; int no = \"s\";", null);
        assertEquals(new CellError.Location(null, 1, 25, null), e.locations.get(0));
        assertTrue(e.traceback.get(2).startsWith("    " + " ".repeat(24) + "^"), e.traceback.toString());
        assertEquals(before, sideEffects());
    }

    @Test
    void aFailedCellUndoesItsDeclarations() throws CellError {
        evaluator.eval("int kept() { return 1; }", "In[3]");
        CellError e = fails("int kept() { return 2; }\nclass Fresh {}\nsideEffects++;\nkept() + undefinedName", null);
        assertEquals(List.of(4), lines(e));
        assertEquals(1, evaluator.eval("kept()").value);
        assertThrows(CellError.class, () -> evaluator.eval("new Fresh()"));
    }

    @Test
    void tracebackThroughMethodsOfThisAndEarlierCells() throws CellError {
        evaluator.eval("// helpers\n\nint pick(int n) {\n    int[] a = new int[1];\n    return a[n];\n}", "In[4]");
        CellError e = fails("int twice(int n) {\n  return pick(n) * 2;\n}\n\ntwice(5)", "In[5]");
        assertEquals(List.of(5, 2, 5), lines(e), e.traceback.toString());
        assertEquals(List.of("java.lang.ArrayIndexOutOfBoundsException: Index 5 out of bounds for length 1",
                "    at In[4] line 5 in pick()", "    at cell line 2 in twice()", "    at cell line 5"), e.traceback);
    }

    @Test
    void warningsNameTheirCellLine() throws CellError {
        List<CellError.Location> seen = new java.util.ArrayList<>();
        io.gradbook.autograd.Warnings.setHandler((category, message, caller) -> seen.add(evaluator.locate(caller.toStackTraceElement())));
        try {
            evaluator.eval("Tensor nonLeafGrad() {\n  var t = ones(2).requiresGrad_().mul(2);\n\n  return t.grad();\n}", "In[7]");
            evaluator.eval("var n1 = ones(1).requiresGrad_().mul(3);\n\n\nsideEffects += 0; n1.grad();\nnonLeafGrad()", "In[8]");
        } finally {
            io.gradbook.autograd.Warnings.setHandler(null);
        }
        assertEquals(List.of(new CellError.Location("In[8]", 4, 0, null), new CellError.Location("In[7]", 4, 0, "nonLeafGrad")), seen);
    }

    @Test
    void theLastExpressionMayEndInAComment() throws CellError {
        assertEquals(3, evaluator.eval("int c1 = 1;\nint c2 = 2;\nc1 + c2   // the sum").value);
    }

    @Test
    void aMethodMayUseAVariableTheCellDeclaresLater() throws CellError {
        evaluator.eval("double rate() { return lr * 2; }\nvar lr = 0.25;\nrate()");
        assertEquals(0.5, evaluator.eval("rate()").value);
    }

    @Test
    void statementsThatAreOnlyLegalAtTheTopLevelStillRun() throws CellError {
        Object v = evaluator.eval("int u;\nRunnable r = () -> u++;\nu = 2;\nr.run();\nint u2 = u;\nstatic int w = 3;\nu2 + w").value;
        assertEquals(6, v);
    }
}
