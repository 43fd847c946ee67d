// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradbook.autograd.Torch;
import io.gradbook.kernel.runtime.Notebook;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * JShell's compiler keeps the names of the session's wrappers only while something uses them (JavacNames), on
 * the JDK the tests run on (17 and 25 alike: both have javac's weakly held table). The JDK 25 soak through
 * jupyter_client is test_soak_jdk25.py.
 */
class JavacNamesTest {
    private static final List<String> CELLS = List.of(
            "count++;",
            "for (int i = 0; i < 3; i++) count += i;\ncount % 5",
            "String s = \"cell\" + count;\ns.length()",
            "int helper(int n) { return n + count; }\nhelper(2)",
            "var t = ones(2).mul(count);\nt.sum()",
            "Integer.parseInt(\"x\" + count)",
            "System.out.print(\"\");");

    private static int namesHeld(JShellEvaluator evaluator) throws ReflectiveOperationException {
        System.gc();
        System.gc();
        int n = 0;
        for (Object context : JavacPruner.pooledContexts(evaluator.shell())) n += JavacNames.namesHeld(context);
        return n;
    }

    private static void cells(JShellEvaluator evaluator, int from, int to) {
        for (int i = from; i < to; i++) {
            String code = CELLS.get(i % CELLS.size());
            if (code.startsWith("Integer.parseInt")) assertThrows(CellError.class, () -> evaluator.eval(code));
            else assertDoesNotThrow(evaluator, code);
        }
    }

    private static void assertDoesNotThrow(JShellEvaluator evaluator, String code) {
        try {
            evaluator.eval(code);
        } catch (CellError e) {
            throw new AssertionError(code, e);
        }
    }

    @Test
    void wrapperNamesGoWithTheirWrappers() throws Exception {
        JShellEvaluator evaluator = new JShellEvaluator(CellClassPath.of(Torch.class, Notebook.class),
                List.of("import static io.gradbook.autograd.Torch.*;", "import io.gradbook.autograd.*;"));
        try {
            evaluator.eval("int count = 0;", "In[1]");
            cells(evaluator, 0, 70);
            List<Object> contexts = JavacPruner.pooledContexts(evaluator.shell());
            assertFalse(contexts.isEmpty(), "JShell's pool has its compiler's contexts");
            for (Object c : contexts) assertEquals("UnsharedNameTable", JavacNames.tableKind(c), "the weakly held table");
            int before = namesHeld(evaluator);
            cells(evaluator, 70, 420);
            int after = namesHeld(evaluator);
            // a strong table keeps every wrapper's names ($JShell$12, REPL.$JShell$12, $JShell$12.java, $3...: several
            // a cell in each context, over 1,000 for these 350 cells); the weak one only what live snippets use
            assertTrue(before > 1000, "the count sees javac's names: " + before);
            assertTrue(after - before <= 150, "names held after 70 and 420 cells: " + before + ", " + after);
            assertEquals("5", String.valueOf(evaluator.eval("helper(5) - count").value), "redefinitions still work");
        } finally {
            evaluator.close();
        }
    }
}
