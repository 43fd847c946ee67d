// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import static io.gradbook.autograd.Torch.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every example of repr_examples.json, ported to Java, must print what PyTorch printed. The ports are keyed by
 * the Python code, so an example without a port fails instead of being skipped.
 */
class ReprExamplesTest {
    private static final Map<String, Supplier<String>> PORTS = new LinkedHashMap<>();

    private static void port(String python, Supplier<Object> java) {
        PORTS.put(python, () -> PyRepr.repr(java.get()));
    }

    /** An example the notebook displays: IPython's text/plain. */
    private static void display(String python, Supplier<Object> java) {
        PORTS.put(python, () -> PyRepr.pretty(java.get()));
    }

    /** An example that prints: its stdout. */
    private static void prints(String python, Supplier<String> java) {
        PORTS.put(python, java);
    }

    static {
        port("torch.tensor(3.)", () -> tensor(3.));
        port("torch.tensor([1.5, 2.0])", () -> tensor(1.5, 2.0));
        port("torch.tensor([1., 2., 3.])", () -> tensor(1., 2., 3.));
        port("torch.tensor([0.5, 2.0])", () -> tensor(0.5, 2.0));
        port("torch.tensor([1., 1000.])", () -> tensor(1., 1000.));
        port("torch.tensor([1., 1001.])", () -> tensor(1., 1001.));
        port("torch.tensor([1e8])", () -> tensor(new double[] {1e8}));
        port("torch.tensor([1.5e8])", () -> tensor(new double[] {1.5e8}));
        port("torch.tensor([100.5, 2.25])", () -> tensor(100.5, 2.25));
        port("torch.tensor([1000.5, 0.5])", () -> tensor(1000.5, 0.5));
        port("torch.tensor([0.00011])", () -> tensor(new double[] {0.00011}));
        port("torch.tensor([0.0001])", () -> tensor(new double[] {0.0001}));
        port("torch.tensor([1e-5, 1.])", () -> tensor(1e-5, 1.));
        port("torch.tensor([123456.7])", () -> tensor(new double[] {123456.7}));
        port("torch.tensor([0.1, 0.2, 0.3]) * 3", () -> tensor(0.1, 0.2, 0.3).mul(3));
        port("torch.tensor([0., 4., 8., 12.])", () -> tensor(0., 4., 8., 12.));
        port("torch.tensor([-1.5, 2.25])", () -> tensor(-1.5, 2.25));
        port("torch.tensor([[1., -2.], [30., 4.]])", () -> tensor(new double[][] {{1., -2.}, {30., 4.}}));
        port("torch.tensor([0.5, -0.25, 10.125])", () -> tensor(0.5, -0.25, 10.125));
        port("torch.arange(6.).reshape(2, 3)", () -> arange(6.).reshape(2, 3));
        port("torch.arange(24).reshape(2, 3, 4)", () -> arange(24).reshape(2, 3, 4));
        port("torch.arange(30.)", () -> arange(30.));
        port("torch.arange(30.) / 7", () -> arange(30.).div(7));
        port("torch.arange(20.).reshape(2, 10) / 3", () -> arange(20.).reshape(2, 10).div(3));
        port("torch.arange(1001)", () -> arange(1001));
        port("torch.arange(1001.) / 4", () -> arange(1001.).div(4));
        port("torch.arange(2000.).reshape(40, 50)", () -> arange(2000.).reshape(40, 50));
        port("torch.arange(1200.).reshape(2, 600)", () -> arange(1200.).reshape(2, 600));
        port("torch.tensor(27.)", () -> tensor(27.));
        port("torch.tensor(0.5)", () -> tensor(0.5));
        port("torch.tensor(1e-5)", () -> tensor(1e-5));
        port("torch.tensor(7)", () -> tensor(7L));
        port("torch.tensor(True)", () -> tensor(true));
        port("torch.tensor(-0.)", () -> tensor(-0.));
        port("torch.tensor(float('nan'))", () -> tensor(Double.NaN));
        port("torch.tensor(1.0, requires_grad=True) * 2", () -> tensor(1.0).requiresGrad_().mul(2));
        port("torch.arange(4)", () -> arange(4));
        port("torch.tensor([-1, 0, 100])", () -> tensor(-1, 0, 100));
        port("torch.tensor([True, True])", () -> tensor(true, true));
        port("torch.tensor([True, False])", () -> tensor(true, false));
        port("torch.arange(4.0) == torch.tensor([0., 1., 0., 3.])", () -> arange(4.0).eq(tensor(0., 1., 0., 3.)));
        port("torch.tensor([1, 2], dtype=torch.int32)", () -> tensor(new int[] {1, 2}, int32));
        port("torch.tensor([1., 2.], dtype=torch.float64)", () -> tensor(new double[] {1., 2.}, float64));
        port("torch.tensor([1.5], dtype=torch.float16)", () -> tensor(new double[] {1.5}, float16));
        port("torch.arange(0, 1, 0.25)", () -> arange(0, 1, 0.25));
        port("torch.tensor([-0., 1.])", () -> tensor(-0., 1.));
        port("torch.tensor([1., float('inf'), float('nan')])", () -> tensor(1., Double.POSITIVE_INFINITY, Double.NaN));
        port("torch.tensor([1.5, float('-inf')])", () -> tensor(1.5, Double.NEGATIVE_INFINITY));
        port("torch.tensor([0., 0.])", () -> tensor(0., 0.));
        port("torch.tensor([])", () -> tensor(new double[0]));
        port("torch.zeros(0, 3)", () -> zeros(0, 3));
        port("torch.tensor([], dtype=torch.int64)", () -> tensor(new long[0], int64));
        port("torch.ones(2, requires_grad=True)", () -> ones(2).requiresGrad_());
        port("torch.ones(2, requires_grad=True) * 2", () -> ones(2).requiresGrad_().mul(2));
        port("torch.ones(2, dtype=torch.float64, requires_grad=True) * 2", () -> ones(float64, 2).requiresGrad_().mul(2));
        port("(torch.ones(2, requires_grad=True) * 2).detach()", () -> ones(2).requiresGrad_().mul(2).detach());
        port("torch.full((5,), 0.5, requires_grad=True) * 1", () -> full(new int[] {5}, 0.5).requiresGrad_().mul(1));
        port("torch.full((6,), 0.5, requires_grad=True) * 1", () -> full(new int[] {6}, 0.5).requiresGrad_().mul(1));
        port("torch.rand(9, requires_grad=True)", () -> rand(9).requiresGrad_());
        port("torch.rand(10, requires_grad=True)", () -> rand(10).requiresGrad_());
        port("torch.rand(5, 5, requires_grad=True) ** 2", () -> rand(5, 5).requiresGrad_().pow(2));
        port("torch.nn.Parameter(torch.ones(2))", () -> parameter(ones(2)));
        display("x = torch.ones(2, requires_grad=True)\n(x * 2).grad_fn", () -> ones(2).requiresGrad_().mul(2).gradFn());
        prints("x = torch.ones(2, requires_grad=True)\nprint((x * 2).grad_fn)", () -> ones(2).requiresGrad_().mul(2).gradFn() + "\n");
        prints("loss = torch.tensor(0.7, requires_grad=True) * 1\nprint(f'loss = {loss}, as tensor: {[loss]}')\nprint(f'{torch.ones(2)}')", () -> {
            Tensor loss = tensor(0.7).requiresGrad_().mul(1);
            return "loss = " + PyRepr.format(loss) + ", as tensor: " + PyRepr.repr(List.of(loss)) + "\n" + PyRepr.format(ones(2)) + "\n";
        });
        display("x = torch.ones(3, requires_grad=True)\ny = x * 3\n(x.grad, y.requires_grad, torch.tensor([1., 2.]))", () -> {
            Tensor x = ones(3).requiresGrad_();
            Tensor y = x.mul(3);
            return PyTuple.of(x.grad(), y.requiresGrad(), tensor(1., 2.));
        });
        display("x = torch.ones(3, requires_grad=True)\n(x, x * 2, x.sum())", () -> {
            Tensor x = ones(3).requiresGrad_();
            return PyTuple.of(x, x.mul(2), x.sum());
        });
        display("(torch.arange(10.), torch.arange(10.) * 3.5, None)", () -> PyTuple.of(arange(10.), arange(10.).mul(3.5), null));
        prints("print((torch.arange(10.), torch.arange(10.) * 3.5, None))", () -> PyRepr.repr(PyTuple.of(arange(10.), arange(10.).mul(3.5), null)) + "\n");
        display("[torch.arange(12.).reshape(3, 4), torch.ones(2)]", () -> List.of(arange(12.).reshape(3, 4), ones(2)));
        display("((torch.ones(2), torch.ones(2)), [torch.arange(6.).reshape(2, 3)])", () -> PyTuple.of(PyTuple.of(ones(2), ones(2)), List.of(arange(6.).reshape(2, 3))));
        display("x = torch.ones(2, requires_grad=True)\ny = x * 2 + x ** 2\ny.grad_fn.next_functions", () -> {
            Tensor x = ones(2).requiresGrad_();
            return x.mul(2).add(x.pow(2)).gradFn().nextFunctions();
        });
        display("x = torch.ones(2, requires_grad=True)\ntype((x * 2).grad_fn.next_functions[0][0])", () -> ones(2).requiresGrad_().mul(2).gradFn().nextFunctions().get(0).node().getClass());
        port("x = torch.ones(2, requires_grad=True)\nc = torch.ones(2)\n(x * c).grad_fn.next_functions", () -> ones(2).requiresGrad_().mul(ones(2)).gradFn().nextFunctions());
        port("x = torch.ones(2, requires_grad=True)\n(x ** 2).grad_fn.next_functions", () -> ones(2).requiresGrad_().pow(2).gradFn().nextFunctions());
        port("x = torch.ones(2, requires_grad=True)\n(x * x).grad_fn.next_functions", () -> {
            Tensor x = ones(2).requiresGrad_();
            return x.mul(x).gradFn().nextFunctions();
        });
        port("x = torch.ones(2, requires_grad=True)\nacc = (x * 2).grad_fn.next_functions[0][0]\n(type(acc).__name__, acc.name(), acc.next_functions, acc.variable is x)", () -> {
            Tensor x = ones(2).requiresGrad_();
            AccumulateGrad acc = (AccumulateGrad) x.mul(2).gradFn().nextFunctions().get(0).node();
            return PyTuple.of(acc.getClass().getSimpleName(), acc.qualifiedName(), acc.nextFunctions(), acc.variable() == x);
        });
        port("x = torch.ones(2, requires_grad=True)\n(x * 2).grad_fn.name()", () -> ones(2).requiresGrad_().mul(2).gradFn().name());
        port("x = torch.ones(2, 3, requires_grad=True)\na, b = x.unbind(0)\n(a + b).grad_fn.next_functions", () -> {
            List<Tensor> ab = ones(2, 3).requiresGrad_().unbind(0);
            return ab.get(0).add(ab.get(1)).gradFn().nextFunctions();
        });
        port("c = torch.ones(2)\n((c * 2).grad_fn, (c * 2).requires_grad, c.is_leaf)", () -> {
            Tensor c = ones(2);
            return PyTuple.of(c.mul(2).gradFn(), c.mul(2).requiresGrad(), c.isLeaf());
        });
        port("x = torch.ones(2, requires_grad=True)\n(x.grad_fn, x.is_leaf, (x * 2).is_leaf)", () -> {
            Tensor x = ones(2).requiresGrad_();
            return PyTuple.of(x.gradFn(), x.isLeaf(), x.mul(2).isLeaf());
        });
    }

    @TestFactory
    Stream<DynamicTest> everyExamplePrintsLikePyTorch() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode item : Reference.json("repr_examples.json").get("items")) {
            String code = item.get("code").asText();
            String expected = item.hasNonNull("repr") ? item.get("repr").asText()
                    : item.hasNonNull("ipython_text_plain") ? item.get("ipython_text_plain").asText()
                    : item.get("stdout").asText();
            tests.add(DynamicTest.dynamicTest(code.replace('\n', ';'), () -> {
                Supplier<String> java = PORTS.get(code);
                assertNotNull(java, "no Java port of: " + code);
                manualSeed(0);
                assertEquals(expected, Reference.maskAddresses(java.get()));
            }));
        }
        return tests.stream();
    }
}
