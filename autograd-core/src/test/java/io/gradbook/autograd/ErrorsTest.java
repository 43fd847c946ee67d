// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import static io.gradbook.autograd.Torch.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every case of errors.json: the same exception type and message, or the same result and warning. */
class ErrorsTest {
    private static final Map<String, Supplier<Object>> PORTS = new LinkedHashMap<>();

    private static void port(String python, Supplier<Object> java) {
        PORTS.put(python, java);
    }

    static {
        port("a = torch.ones(3)\na.sum().backward()", () -> { ones(3).sum().backward(); return null; });
        port("x = torch.ones(3, requires_grad=True)\ny = x * 2\ny.backward()", () -> { ones(3).requiresGrad_().mul(2).backward(); return null; });
        port("x = torch.ones(2, 3, requires_grad=True)\ny = x * 2\ny.backward(torch.ones(3))", () -> { ones(2, 3).requiresGrad_().mul(2).backward(ones(3)); return null; });
        port("x = torch.ones(3, requires_grad=True)\ny = (x * x).sum()\ny.backward()\ny.backward()", () -> {
            Tensor x = ones(3).requiresGrad_();
            Tensor y = x.mul(x).sum();
            y.backward();
            y.backward();
            return null;
        });
        port("x = torch.ones(3, requires_grad=True)\ny = (x + 1).sum()\ny.backward()\ny.backward()\nx.grad", () -> {
            Tensor x = ones(3).requiresGrad_();
            Tensor y = x.add(1).sum();
            y.backward();
            y.backward();
            return x.grad();
        });
        port("x = torch.ones(3, requires_grad=True)\ny = (x * x).sum()\ny.backward(retain_graph=True)\ny.backward()\nx.grad", () -> {
            Tensor x = ones(3).requiresGrad_();
            Tensor y = x.mul(x).sum();
            y.backward(null, true);
            y.backward();
            return x.grad();
        });
        port("x = torch.ones(3, requires_grad=True)\nx.add_(1)", () -> ones(3).requiresGrad_().add_(1));
        port("x = torch.ones(3, requires_grad=True)\nx += 1", () -> ones(3).requiresGrad_().add_(1));
        port("x = torch.ones(3, requires_grad=True)\nx[0] = 5.0", () -> ones(3).requiresGrad_().set(0, 5.0));
        port("x = torch.ones(3, requires_grad=True)\nwith torch.no_grad():\n    x.add_(1)\nx", () -> {
            Tensor x = ones(3).requiresGrad_();
            try (var g = noGrad()) {
                x.add_(1);
            }
            return x;
        });
        port("x = torch.ones(2, 3, requires_grad=True)\ny = x.sigmoid()\ny.mul_(2)\ny.sum().backward()", () -> {
            Tensor y = ones(2, 3).requiresGrad_().sigmoid();
            y.mul_(2);
            y.sum().backward();
            return null;
        });
        port("x = torch.ones(3, requires_grad=True)\na = x * 1\nb = a * a\na.add_(1)\nb.sum().backward()", () -> {
            Tensor x = ones(3).requiresGrad_();
            Tensor a = x.mul(1);
            Tensor b = a.mul(a);
            a.add_(1);
            b.sum().backward();
            return null;
        });
        port("x = torch.tensor(2.0, requires_grad=True)\ny = x.exp()\ny += 1\ny.backward()", () -> {
            Tensor y = tensor(2.0).requiresGrad_().exp();
            y.add_(1);
            y.backward();
            return null;
        });
        port("x = torch.ones(3, requires_grad=True)\ny = x * 2\ny.grad", () -> ones(3).requiresGrad_().mul(2).grad());
        port("x = torch.ones(3, requires_grad=True)\ny = x * 2\ny.retain_grad()\ny.sum().backward()\ny.grad", () -> {
            Tensor y = ones(3).requiresGrad_().mul(2);
            y.retainGrad();
            y.sum().backward();
            return y.grad();
        });
        port("torch.ones(2, 3) + torch.ones(4)", () -> ones(2, 3).add(ones(4)));
        port("torch.ones(2, 3) * torch.ones(3, 2)", () -> ones(2, 3).mul(ones(3, 2)));
        port("torch.matmul(torch.ones(2, 3), torch.ones(4, 5))", () -> matmul(ones(2, 3), ones(4, 5)));
        port("torch.mm(torch.ones(2, 3), torch.ones(4, 5))", () -> mm(ones(2, 3), ones(4, 5)));
        port("torch.matmul(torch.ones(3), torch.ones(4))", () -> matmul(ones(3), ones(4)));
        port("torch.dot(torch.ones(3), torch.ones(4))", () -> dot(ones(3), ones(4)));
        port("torch.matmul(torch.ones(2, 3), torch.ones(4))", () -> matmul(ones(2, 3), ones(4)));
        port("torch.matmul(torch.ones(3), torch.ones(4, 5))", () -> matmul(ones(3), ones(4, 5)));
        port("torch.matmul(torch.ones(2, 2, 3), torch.ones(2, 4, 5))", () -> matmul(ones(2, 2, 3), ones(2, 4, 5)));
        port("torch.mm(torch.ones(3), torch.ones(3, 2))", () -> mm(ones(3), ones(3, 2)));
        port("torch.ones(2, 3).view(4)", () -> ones(2, 3).view(4));
        port("torch.ones(2, 3).t().view(6)", () -> ones(2, 3).t().view(6));
        port("x = torch.ones(3, requires_grad=True)\nwith torch.no_grad():\n    y = (x * 2).sum()\n    y.backward()", () -> {
            Tensor x = ones(3).requiresGrad_();
            try (var g = noGrad()) {
                Tensor y = x.mul(2).sum();
                y.backward();
            }
            return null;
        });
        port("x = torch.ones(3, requires_grad=True)\ny = (x * 2).sum()\nwith torch.no_grad():\n    y.backward()\nx.grad", () -> {
            Tensor x = ones(3).requiresGrad_();
            Tensor y = x.mul(2).sum();
            try (var g = noGrad()) {
                y.backward();
            }
            return x.grad();
        });
        port("torch.tensor([1, 2], requires_grad=True)", () -> tensor(new long[] {1, 2}, null, true));
        port("x = torch.ones(3, requires_grad=True)\nx.numpy()", () -> ones(3).requiresGrad_().numpy());
        port("x = torch.ones(3, requires_grad=True)\ny = x * 2\ny.requires_grad = False", () -> ones(3).requiresGrad_().mul(2).requiresGrad_(false));
        port("x = torch.ones(3, requires_grad=True)\nw = torch.ones(3, requires_grad=True)\ntorch.autograd.grad((x * 2).sum(), w)", () -> {
            Tensor x = ones(3).requiresGrad_();
            Tensor w = ones(3).requiresGrad_();
            return Autograd.grad(x.mul(2).sum(), w);
        });
        port("torch.ones(2).item()", () -> ones(2).item());
    }

    @TestFactory
    Stream<DynamicTest> everyCaseMatchesPyTorch() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode item : Reference.json("errors.json").get("items")) {
            String code = item.get("code").asText();
            tests.add(DynamicTest.dynamicTest(item.get("case").asText(), () -> {
                Supplier<Object> java = PORTS.get(code);
                assertNotNull(java, "no Java port of: " + code);
                List<String> warnings = new ArrayList<>();
                Warnings.reset();
                Warnings.setHandler((category, message, caller) -> warnings.add(category + ": " + message));
                try {
                    Object result;
                    try {
                        result = java.get();
                    } catch (TorchException e) {
                        if (item.get("raises").isNull()) fail("unexpected " + e.pythonType() + ": " + e.getMessage());
                        assertEquals(item.get("raises").asText(), e.pythonType());
                        assertEquals(item.get("message").asText(), e.getMessage());
                        return;
                    }
                    if (!item.get("raises").isNull()) fail("expected " + item.get("raises").asText() + ": " + item.get("message").asText() + " but got " + result);
                    String expected = item.get("result").isNull() ? "None" : item.get("result").asText();
                    assertEquals(expected, PyRepr.repr(result));
                    List<String> expectedWarnings = new ArrayList<>();
                    for (JsonNode w : item.get("warnings")) {
                        // the "(Triggered internally at <build path>)" tail names a file of PyTorch's own build
                        String message = w.get("message").asText().replaceAll(" \\(Triggered internally at .*\\)$", "");
                        expectedWarnings.add(w.get("category").asText() + ": " + message);
                    }
                    assertEquals(expectedWarnings, warnings);
                } finally {
                    Warnings.setHandler(null);
                }
            }));
        }
        return tests.stream();
    }
}
