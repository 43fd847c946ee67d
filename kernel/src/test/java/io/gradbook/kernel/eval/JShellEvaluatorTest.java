// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradbook.autograd.Tensor;
import io.gradbook.autograd.Torch;
import io.gradbook.kernel.runtime.Notebook;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The evaluator's session state: what JShell keeps between cells, and the class path cells compile against. */
class JShellEvaluatorTest {
    private static JShellEvaluator evaluator;

    @BeforeAll
    static void start() {
        evaluator = new JShellEvaluator(CellClassPath.of(Torch.class, Notebook.class),
                List.of("import static io.gradbook.autograd.Torch.*;", "import io.gradbook.autograd.*;"));
    }

    @AfterAll
    static void stop() {
        evaluator.close();
    }

    private static List<String> liveVariables() {
        return evaluator.shell().variables().map(v -> v.name()).collect(Collectors.toList());
    }

    @Test
    void expressionValuesComeBackWithoutTemporaryVariables() throws CellError {
        for (int i = 0; i < 20; i++) assertEquals(2, evaluator.eval("1 + 1").value);
        evaluator.eval("var kept = ones(2).requiresGrad_();");
        Object sum = evaluator.eval("kept.sum()").value;
        assertTrue(sum instanceof Tensor, String.valueOf(sum));
        assertEquals("tensor(2., grad_fn=<SumBackward0>)", sum.toString());
        // every expression above made a $N variable in JShell; none may stay (each would slow every later cell)
        List<String> live = liveVariables();
        assertTrue(live.contains("kept"), live.toString());
        assertFalse(live.stream().anyMatch(n -> n.startsWith("$")), live.toString());
        assertEquals(3.0, ((Tensor) evaluator.eval("kept.sum().add(1)").value).item());
    }

    @Test
    void anImportInACellOfItsOwnHoldsForTheCellsAfterIt() throws CellError {
        // a cell's statements and expressions are forgotten once run (a notebook never names them); its imports are not
        evaluator.eval("import java.util.stream.*;");
        evaluator.eval("import static java.util.Collections.nCopies;");
        assertEquals(3L, evaluator.eval("IntStream.range(0, 3).count()").value);
        assertEquals(List.of("a", "a"), evaluator.eval("nCopies(2, \"a\")").value);
        assertTrue(evaluator.shell().imports().anyMatch(i -> i.name().equals("nCopies")));
    }

    @Test
    void ndArraysCompileOnceACellNamesNd4j() throws CellError {

        assertTrue(CellClassPath.needsOnDemand("var a = Nd4jInterop.toINDArray(x);"));
        assertTrue(CellClassPath.needsOnDemand("org.nd4j.linalg.factory.Nd4j.ones(2)"));
        assertFalse(CellClassPath.needsOnDemand("x.backward(); x.grad()"));
        // the kernel's other jars are not on the cells' class path at first (javac indexes each one it has)
        String otherJar = "com.fasterxml.jackson.databind.ObjectMapper.class.getSimpleName()";
        CellError hidden = assertThrows(CellError.class, () -> evaluator.eval(otherJar));
        assertEquals("CompilationError", hidden.ename);
        Object n = evaluator.eval("Nd4jInterop.toINDArray(ones(2, 2)).sumNumber().doubleValue()").value;
        assertEquals("ObjectMapper", evaluator.eval(otherJar).value);
        assertEquals(4.0, n);
        // a later cell uses the ND4J value without naming ND4J: the compiler still has the jars
        evaluator.eval("var nd = Nd4jInterop.toINDArray(ones(3));");
        assertEquals(3L, evaluator.eval("nd.length()").value);
    }
}
