// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradbook.autograd.Torch;
import io.gradbook.kernel.runtime.Notebook;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Statements and expressions load as hidden classes that unload once they ran (surefire runs with
 * -XX:+ShowHiddenFrames, as the kernel does), and everything that names a cell line still does.
 */
class FlatSessionTest {
    private static JShellEvaluator evaluator;

    @BeforeAll
    static void start() throws CellError {
        evaluator = new JShellEvaluator(CellClassPath.of(Torch.class, Notebook.class),
                List.of("import static io.gradbook.autograd.Torch.*;", "import io.gradbook.autograd.*;"));
        evaluator.eval("int count = 0;\nvar w = ones(3).requiresGrad_();", "In[1]");
    }

    @AfterAll
    static void stop() {
        evaluator.close();
    }

    private static final List<String> CELLS = List.of(
            "count++;",
            "for (int i = 0; i < 3; i++) count += i;\ncount = count % 5;\ncount * 2",
            "var y = w.mul(2).sum();\ny.backward();\nw.grad()",
            "w.grad().zero_();",
            "System.out.print(\"\");",
            "int helper(int n) { return n + count; }\nhelper(2)",
            "String s = \"x\"; s.length()");

    private static int classesAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();
    }

    @Test
    void loadedClassesStayFlat() throws CellError {
        assertTrue(evaluator.hidesStatements(), "statements should load as hidden classes");
        for (int i = 0; i < 35; i++) evaluator.eval(CELLS.get(i % CELLS.size()));
        int before = classesAfterGc();
        for (int i = 0; i < 140; i++) evaluator.eval(CELLS.get(i % CELLS.size()));
        int after = classesAfterGc();
        // JShell's own loading kept one class per statement, expression and multi-statement check: +160 here
        // a few JDK classes load once along the way (a pruning of the compiler's tables, reflection)
        assertTrue(after - before < 40, "loaded classes " + before + " -> " + after + " over 140 cells");
    }

    @Test
    void theCompilersTablesArePrunedWithoutHarm() throws Exception {
        assertTrue(JavacPruner.available(), "surefire opens jdk.compiler's packages as the kernelspec does");
        for (int i = 0; i < 20; i++) evaluator.eval(CELLS.get(i % CELLS.size()));
        new JavacPruner(evaluator.shell()).prune();
        for (int i = 0; i < CELLS.size(); i++) evaluator.eval(CELLS.get(i));
        assertEquals(4, evaluator.eval("int helper2(int n) { return n * 2; }\nhelper2(2)").value);
        int[] anchor = new int[1];
        List<String> seen = evaluator.analysis().completionSuggestions("w.requiresG", 11, anchor).stream()
                .map(jdk.jshell.SourceCodeAnalysis.Suggestion::continuation).collect(Collectors.toList());
        assertTrue(seen.stream().anyMatch(c -> c.startsWith("requiresGrad")), seen.toString());
    }

    @Test
    void aRuntimeErrorInsideALambdaNamesTheCellLinesOnly() {
        CellError e = assertThrows(CellError.class, () -> evaluator.eval(
                "count = 0;\n\njava.util.List.of(0, 1).forEach(i -> {\n    int[] a = new int[1];\n    a[i] = 1;\n});", "In[2]"));
        assertEquals("java.lang.ArrayIndexOutOfBoundsException", e.ename);
        assertEquals(List.of("java.lang.ArrayIndexOutOfBoundsException: Index 1 out of bounds for length 1",
                "    at cell line 5", "    at cell line 3"), e.traceback);
    }

    @Test
    void statementsWithLambdasOrClassesRunOnJShellsPath() throws CellError {
        // a lambda's generated class names its body's class by name: such a wrapper is loaded as JShell loads it
        assertEquals(3, evaluator.eval("count = 0;\njava.util.List.of(1, 2).forEach(i -> count += i);\ncount").value);
        assertEquals("anon", evaluator.eval("new Object() { public String toString() { return \"anon\"; } }.toString()").value);
        assertEquals(7, evaluator.eval("class Local { int v() { return 7; } }\nnew Local().v()").value);
    }

    @Test
    void framesOfAFinishedStatementStillNameTheirLine() throws CellError {
        evaluator.eval("var holder = new Throwable[1];", "In[3]");
        evaluator.eval("count = 1;\n\nholder[0] = new Throwable();", "In[4]");
        evaluator.eval("1 + 1", "In[5]");
        Throwable t = (Throwable) evaluator.eval("holder[0]").value;
        List<CellError.Location> at = Stream.of(t.getStackTrace()).map(evaluator::locate).filter(Objects::nonNull).collect(Collectors.toList());
        assertEquals(List.of(new CellError.Location("In[4]", 3, 0, null)), at);
    }
}
