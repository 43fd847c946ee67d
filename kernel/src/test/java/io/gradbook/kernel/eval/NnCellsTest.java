// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gradbook.autograd.Torch;
import io.gradbook.kernel.runtime.Notebook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Cells see nn, optim and data without importing, and {@code Module} is nn.Module, not java.lang.Module. */
class NnCellsTest {
    private static JShellEvaluator evaluator;

    @BeforeAll
    static void start() throws Exception {
        var startup = io.gradbook.kernel.Main.class.getDeclaredField("STARTUP");
        startup.setAccessible(true);
        @SuppressWarnings("unchecked")
        var imports = (java.util.List<String>) startup.get(null);
        evaluator = new JShellEvaluator(CellClassPath.of(Torch.class, Notebook.class), imports);
    }

    @AfterAll
    static void stop() {
        evaluator.close();
    }

    @Test
    void moduleMeansNnModuleAndATrainingLoopRuns() throws CellError {
        evaluator.eval("class Polynomial3 extends Module {\n"
                + "    Tensor a = registerParameter(\"a\", parameter(randn()));\n"
                + "    Tensor b = registerParameter(\"b\", parameter(randn()));\n"
                + "    public Tensor forward(Tensor x) { return x.mul(b).add(a); }\n"
                + "}");
        assertEquals("Polynomial3()", evaluator.eval("new Polynomial3().toString()").value);
        assertEquals("io.gradbook.autograd.nn.Module", evaluator.eval("Module.class.getName()").value);
        evaluator.eval("manualSeed(0); var model = new Sequential(new Linear(3, 1), new Flatten(0, 1));");
        evaluator.eval("var opt = new SGD(model.parameters(), 0.1).momentum(0.9); var lossFn = new MSELoss(\"sum\");");
        evaluator.eval("var loader = new DataLoader(new TensorDataset(randn(8, 3), randn(8)), 4).shuffle(true);");
        evaluator.eval("for (var batch : loader) { opt.zeroGrad(); var loss = lossFn.forward(model.forward(batch.get(0)), batch.get(1)); loss.backward(); opt.step(); }");
        assertEquals("Sequential(\n  (0): Linear(in_features=3, out_features=1, bias=True)\n  (1): Flatten(start_dim=0, end_dim=1)\n)", evaluator.eval("model.toString()").value);
        assertEquals(2, evaluator.eval("model.parameters().size()").value);
        assertEquals(0.1, evaluator.eval("new StepLR(opt, 5).getLastLr().get(0)").value);
    }
}
