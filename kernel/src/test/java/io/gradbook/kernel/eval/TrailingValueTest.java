// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradbook.autograd.Torch;
import io.gradbook.kernel.runtime.Notebook;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A trailing expression sent as an assignment that hands over its value ({@link TrailingValue}) shows what JShell's
 * own way shows: the same value of the same class, the same compile errors at the same places, the same runtime
 * errors on the same lines. JShell's own way is forced by a trailing comment, which the rewrite leaves alone.
 */
class TrailingValueTest {
    private static JShellEvaluator evaluator;
    /** Ends a cell so that its trailing expression goes to JShell as it is. */
    private static final String AS_IS = " // as is";

    @BeforeAll
    static void start() throws CellError {
        evaluator = new JShellEvaluator(CellClassPath.of(Torch.class, Notebook.class),
                List.of("import static io.gradbook.autograd.Torch.*;", "import io.gradbook.autograd.*;"));
        evaluator.eval("int zero = 0; int counter = 0; int plain = 0; int[] arr = {1, 2}; boolean yes = true;", "In[1]");
    }

    @AfterAll
    static void stop() {
        evaluator.close();
    }

    @Test
    void whichExpressionsAreSentAsAssignments() {
        for (String e : List.of("1 + 1", "'a'", "x.shape()[0]", "counter++", "arr[0] = 5", "a.b", "-1", "\"text)\"",
                "x.item() * 2", "yes ? 1 : 2.0", "(int) 2.5", "\"\"\"\n  block)\n  \"\"\"")) {
            assertNotNull(TrailingValue.assignment(e), e);
        }
        // may be void (a call), has a body, holds a comment, is a name or an assignment to one, or is a statement
        for (String e : List.of("y.backward()", "f(1)", "(1 + 1)", "new Object()", "new int[] {1}", "switch (k) { default -> 1; }",
                "1 + 1 // two", "1 /* one */ + 1", "x", "null", "x = 1", "x=1", "return 1", "if (a) b", "1 + 1;", "", "  ")) {
            assertNull(TrailingValue.assignment(e), e);
        }
        assertEquals("$gradbook$shown = 1 +\n 1", TrailingValue.assignment("1 +\n 1"));
    }

    /** The cell's value and whether it has one, the trailing expression sent as an assignment and as it is. */
    private static void sameValue(String cell) throws CellError {
        assertNotNull(TrailingValue.assignment(cell.substring(cell.lastIndexOf('\n') + 1)), cell);
        JShellEvaluator.Result sent = evaluator.eval(cell);
        JShellEvaluator.Result asIs = evaluator.eval(cell + AS_IS);
        assertEquals(asIs.hasValue, sent.hasValue, cell);
        assertEquals(String.valueOf(asIs.value), String.valueOf(sent.value), cell);
        assertEquals(asIs.value == null ? null : asIs.value.getClass(), sent.value == null ? null : sent.value.getClass(), cell);
    }

    @Test
    void valuesAreJShellsValues() throws CellError {
        assertTrue(evaluator.handsOverTrailingValues(), "the session imports the name values are assigned to");
        for (String cell : List.of("1 + 1", "'a'", "1.5f", "2.0 / 3", "\"text\"", "(Object) null", "(short) 3", "10L * 3", "yes ? 1 : 2.0",
                "zero == 0", "arr[1]", "arr.length", "ones(2).sum().item() * 2", "java.util.List.of(ones(2).mul(3)).toArray()[0]",
                "int q = 3;\nq * 2", "Integer.MAX_VALUE + 1", "(Object) \"o\"", "arr[0] = 5")) {
            sameValue(cell);
        }
        assertEquals(6, evaluator.eval("int q = 3;\nq * 2").value);
        assertEquals(Character.valueOf('a'), evaluator.eval("'a'").value);
        JShellEvaluator.Result none = evaluator.eval("(String) null");
        assertTrue(none.hasValue);
        assertNull(none.value);
    }

    @Test
    void anAssignmentToANameShowsNothingAndACounterCountsOnce() throws CellError {
        assertFalse(evaluator.eval("plain = 7").hasValue);
        assertEquals(7, evaluator.eval("plain").value);
        int before = (Integer) evaluator.eval("counter").value;
        assertEquals(before, evaluator.eval("counter++").value);
        assertEquals(before + 1, evaluator.eval("counter").value);
    }

    /** The error a cell ends in, with the comment that forced JShell's way taken out of its text. */
    private static CellError error(String cell) {
        CellError e = assertThrows(CellError.class, () -> evaluator.eval(cell, "In[9]"), cell);
        return new CellError(e.ename, e.evalue, e.traceback.stream().map(l -> l.replace(AS_IS, "")).toList(), e.locations);
    }

    private static void sameError(String cell) {
        CellError sent = error(cell), asIs = error(cell + AS_IS);
        assertEquals(asIs.ename, sent.ename, cell);
        assertEquals(asIs.evalue, sent.evalue, cell);
        assertEquals(asIs.traceback, sent.traceback, cell);
        assertEquals(asIs.locations, sent.locations, cell);
    }

    @Test
    void compileErrorsAreJShellsOwn() {
        for (String cell : List.of("1 + \"a\" * 2", "undefinedName + 1", "1 + * 2", "zero.length", "arr[\"0\"]", "int k = 1;\nk + \"s\" - 1",
                "(String) 1", "zero = \"s\"[0]", "1 + 1 1")) {
            sameError(cell);
        }
        assertEquals("CompilationError", error("undefinedName + 1").ename);
    }

    @Test
    void runtimeErrorsAreOnTheirLines() {
        for (String cell : List.of("1 / zero", "1 +\n  1 / zero", "arr[5]", "int k = 2;\n\nk +\n arr[k]", "(String) (Object) 1",
                "1 +\n  Integer.parseInt(\"x\") * 2")) {
            sameError(cell);
        }
        CellError e = error("1 +\n  Integer.parseInt(\"x\") * 2");
        assertEquals("java.lang.NumberFormatException", e.ename);
        assertEquals(List.of(new CellError.Location("In[9]", 2, 0, null)), e.locations);
    }
}
