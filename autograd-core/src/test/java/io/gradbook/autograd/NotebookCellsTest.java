// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import static io.gradbook.autograd.Torch.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The code cells of the five reference notebooks, ported to Java and run in order with shared state, each
 * compared with what PyTorch 1.13.1 printed (ref-00N.expect.json). Random cells are compared exactly too,
 * since manualSeed reproduces PyTorch's stream; addresses and ids by the reference's patterns.
 */
class NotebookCellsTest {
    /** Python-object introspection cells (dir() of a Python object) and the mxnet import cells have no engine counterpart; the kernel's notebooks cover them. */
    private static final Set<String> NOT_ENGINE_CELLS = Set.of("1/2", "1/3", "4/004-f", "4/004-g");

    private final Map<String, Supplier<Object>> cells = new LinkedHashMap<>();
    private final StringBuilder stdout = new StringBuilder();

    private void cell(String key, Supplier<Object> body) {
        cells.put(key, body);
    }

    private void print(Object... parts) {
        List<String> s = new ArrayList<>();
        for (Object p : parts) s.add(PyRepr.str(p));
        stdout.append(String.join(" ", s)).append('\n');
    }

    // ---- notebook 000 -------------------------------------------------------------------------------------------
    Tensor x, y, z, w, b, a, c, d, tensor_, mean, std, out, out2, out3, v, h, l, t, x1, x2, x3, y1, y2, y3, u, inp, loss, zDet, xg;
    Node xgNode, xLeaf;

    static Tensor f0(Tensor x) {
        return x.pow(2).mul(exp(x));
    }

    static Tensor gradF0(Tensor x) {
        return x.mul(2).mul(exp(x)).add(x.pow(2).mul(exp(x)));
    }

    private void notebook0() {
        cell("0/2", () -> null);
        cell("0/3", () -> null);
        cell("0/4", () -> { x = randn(3, 4).requiresGrad_(); y = f0(x); return y; });
        cell("0/5", () -> { y.backward(ones(y.size())); return x.grad(); });
        cell("0/6", () -> norm(sub(x.grad(), gradF0(x))));
        cell("0/17", () -> { x = ones(1); b = rand(1).requiresGrad_(); w = rand(1).requiresGrad_(); y = w.mul(x); z = y.add(b); return null; });
        cell("0/18", () -> PyTuple.of(x.requiresGrad(), b.requiresGrad(), w.requiresGrad()));
        cell("0/19", () -> y.requiresGrad());
        cell("0/20", () -> PyTuple.of(x.isLeaf(), w.isLeaf(), b.isLeaf()));
        cell("0/21", () -> PyTuple.of(y.isLeaf(), z.isLeaf()));
        cell("0/22", () -> { z.backward(null, true); return w.grad(); });
        cell("0/23", () -> { z.backward(); return w.grad(); });
        cell("0/24", () -> { x = ones(1).requiresGrad_(); w = rand(1).requiresGrad_(); y = x.mul(w); return PyTuple.of(x.requiresGrad(), w.requiresGrad(), y.requiresGrad()); });
        cell("0/25", () -> {
            try (var g = noGrad()) { x = ones(1); w = rand(1).requiresGrad_(); y = x.mul(w); }
            return PyTuple.of(x.requiresGrad(), w.requiresGrad(), y.requiresGrad());
        });
        cell("0/26", () -> { a = ones(3, 4).requiresGrad_(); b = ones(3, 4).requiresGrad_(); c = a.mul(b); return a.data(); });
        cell("0/27", () -> a.data().requiresGrad());
        cell("0/28", () -> { d = a.data().sigmoid_(); return d.requiresGrad(); });
        cell("0/30", () -> a);
        cell("0/31", () -> { tensor_ = a.detach(); return tensor_.requiresGrad(); });
        cell("0/32", () -> { mean = tensor_.mean(); std = tensor_.std(); return null; });
        cell("0/35", () -> { x = ones(3).requiresGrad_(); w = rand(3).requiresGrad_(); y = x.mul(w); z = y.sum(); return PyTuple.of(x.requiresGrad(), w.requiresGrad(), y.requiresGrad()); });
        cell("0/36", () -> { z.backward(); return PyTuple.of(x.grad(), w.grad(), y.grad()); });
        cell("0/37", () -> { x = ones(3).requiresGrad_(); w = rand(3).requiresGrad_(); y = x.mul(w); z = y.sum(); return PyTuple.copyOf(Autograd.grad(z, y)); });
        cell("0/38", () -> {
            x = ones(3).requiresGrad_(); w = rand(3).requiresGrad_(); y = x.mul(w);
            RemovableHandle hookHandle = y.registerHook(grad -> print("y的梯度", grad));
            z = y.sum();
            z.backward();
            hookHandle.remove();
            return null;
        });
    }

    // ---- notebook 001 -------------------------------------------------------------------------------------------
    static Tensor f1(Tensor a) {
        Tensor b = a.mul(2);
        while (b.norm().item() < 1000) b = b.mul(2);
        return b.sum().item() > 0 ? b : b.mul(100);
    }

    private void notebook1() {
        cell("1/1", () -> null);
        cell("1/34", () -> null);
        cell("1/85", () -> { x = arange(4.0); return x; });
        cell("1/86", () -> { x.requiresGrad_(true); return x.grad(); });
        cell("1/87", () -> { y = dot(x, x).mul(2); return y; });
        cell("1/88", () -> { y.backward(); return x.grad(); });
        cell("1/89", () -> x.grad().eq(x.mul(4)));
        cell("1/90", () -> x.grad().zero_());
        cell("1/91", () -> { y = x.sum(); return y; });
        cell("1/92", () -> { y.backward(); return x.grad(); });
        cell("1/93", () -> { y = x.mul(x); return y; });
        cell("1/94", () -> { x.grad().zero_(); y = x.mul(x); y.sum().backward(); return x.grad(); });
        cell("1/95", () -> { x.grad().zero_(); y = x.mul(x); u = y.detach(); z = u.mul(x); z.sum().backward(); return x.grad().eq(u); });
        cell("1/96", () -> { x.grad().zero_(); y.sum().backward(); return x.grad(); });
        cell("1/97", () -> { a = randn(new int[0]).requiresGrad_(); d = f1(a); d.backward(); return PyTuple.of(a, a.grad().eq(d.div(a))); });
        cell("1/98", () -> {
            x.grad().zero_();
            x = tensor(1.0).requiresGrad_();
            y1 = x.pow(2);
            try (var g = noGrad()) { y2 = x.pow(3); }
            y3 = y1.add(y2);
            print(x.requiresGrad());
            print(y1, y1.requiresGrad());
            print(y2, y2.requiresGrad());
            print(y3, y3.requiresGrad());
            y3.backward();
            print(x.grad());
            return null;
        });
        cell("1/106", () -> {
            x.grad().zero_();
            x = ones(1).requiresGrad_();
            print(x.data());
            print(x.data().requiresGrad());
            y = x.mul(x);
            x.data().mul_(100);
            y.backward();
            print(x);
            print(x.grad());
            return null;
        });
    }

    // ---- notebook 002 -------------------------------------------------------------------------------------------
    private void notebook2() {
        cell("2/2", () -> { x = ones(2, 2).requiresGrad_(); print(x); print(x.gradFn()); return null; });
        cell("2/4", () -> { y = x.add(2); print(y); print(y.gradFn()); return null; });
        cell("2/5", () -> { print(x.isLeaf(), y.isLeaf()); return null; });
        cell("2/6", () -> { z = y.mul(y).mul(3); out = z.mean(); print(z, out); return null; });
        cell("2/7", () -> { out.backward(); return null; });
        cell("2/8#1", () -> { print(x.grad()); return null; });
        cell("2/10", () -> {
            out2 = x.sum(); out2.backward(); print(x.grad());
            out3 = x.sum(); x.grad().data().zero_(); out3.backward(); print(x.grad());
            return null;
        });
        cell("2/8#2", () -> { x = tensor(1.0, 2.0, 3.0, 4.0).requiresGrad_(); y = mul(2, x); z = y.view(2, 2); print(z); return null; });
        cell("2/9", () -> { v = tensor(new double[][] {{1.0, 0.1}, {0.01, 0.001}}, float_); z.backward(v); print(x.grad()); return null; });
        cell("2/11", () -> {
            x = tensor(1.0, 2.0, 3.0, 4.0).requiresGrad_(); y = mul(2, x); Tensor z2 = y.view(2, 2);
            h = tensor(new double[][] {{1.0, 1.0}, {1.0, 1.0}}, float_); z2.backward(h); print(x.grad());
            return null;
        });
        cell("2/20", () -> {
            x = randn(3).requiresGrad_(); y = randn(3).requiresGrad_(); z = randn(3).requiresGrad_();
            print(x); print(y); print(z);
            t = x.add(y); l = t.dot(z);
            print(t); print(l);
            return null;
        });
        cell("2/21", () -> { l.backward(null, true); print(x.grad()); print(y.grad()); print(z); print(z.grad()); print(t); return null; });
        cell("2/22", () -> {
            x.grad().data().zero_(); y.grad().data().zero_(); z.grad().data().zero_();
            t.backward(z); print(x.grad()); print(y.grad());
            return null;
        });
        cell("2/12", () -> {
            x = tensor(1.0).requiresGrad_(); y1 = x.pow(2);
            try (var g = noGrad()) { y2 = x.pow(3); }
            y3 = y1.add(y2);
            print(x.requiresGrad()); print(y1, y1.requiresGrad()); print(y2, y2.requiresGrad()); print(y3, y3.requiresGrad());
            return null;
        });
        cell("2/13", () -> { y3.backward(); print(x.grad()); return null; });
        cell("2/14", () -> { y2.backward(); return null; });
        cell("2/15", () -> {
            x = ones(1).requiresGrad_();
            print(x.data()); print(x.data().requiresGrad());
            y = mul(2, x); x.data().mul_(100); y.backward();
            print(x); print(x.grad());
            return null;
        });
        cell("2/23", () -> { x = randn(3).requiresGrad_(); return x; });
        cell("2/24", () -> { y = x.pow(2); y.backward(ones(3)); return x.grad(); });
        cell("2/25", () -> x);
        cell("2/28", () -> { x1 = tensor(1, float_, true); x2 = tensor(2, float_, true); x3 = tensor(3, float_, true); y = randn(3); return null; });
        cell("2/29", () -> y);
        cell("2/30", () -> {
            y.set(0, x1.pow(2).add(x2.mul(2)).add(x3));
            y.set(1, x1.add(x2.pow(3)).add(x3.pow(2)));
            y.set(2, x1.mul(2).add(x2.pow(2)).add(x3.pow(3)));
            return null;
        });
        cell("2/31", () -> { y.backward(ones(3)); return null; });
        cell("2/32", () -> x1.grad());
        cell("2/33", () -> x2.grad());
        cell("2/34", () -> x3.grad());
        cell("2/", () -> null);
    }

    // ---- notebook 003 -------------------------------------------------------------------------------------------
    private void notebook3() {
        cell("3/1", () -> {
            x = ones(5); y = zeros(3); w = randn(5, 3).requiresGrad_(); b = randn(3).requiresGrad_();
            z = matmul(x, w).add(b); loss = binaryCrossEntropyWithLogits(z, y);
            return null;
        });
        cell("3/2", () -> { print("Gradient function for z = " + z.gradFn()); print("Gradient function for loss = " + loss.gradFn()); return null; });
        cell("3/3", () -> { loss.backward(); print(w.grad()); print(b.grad()); return null; });
        cell("3/4", () -> {
            z = matmul(x, w).add(b); print(z.requiresGrad());
            try (var g = noGrad()) { z = matmul(x, w).add(b); }
            print(z.requiresGrad());
            return null;
        });
        cell("3/5", () -> { z = matmul(x, w).add(b); zDet = z.detach(); print(zDet.requiresGrad()); return null; });
        cell("3/6", () -> {
            inp = eye(4, 5).requiresGrad_();
            out = inp.add(1).pow(2).t();
            out.backward(onesLike(out), true);
            print("First call\n" + inp.grad());
            out.backward(onesLike(out), true);
            print("\nSecond call\n" + inp.grad());
            inp.grad().zero_();
            out.backward(onesLike(out), true);
            print("\nCall after zeroing gradients\n" + inp.grad());
            return null;
        });
    }

    // ---- notebook 004 -------------------------------------------------------------------------------------------
    private void notebook4() {
        cell("4/004-a", () -> { x = rand(3, 3).requiresGrad_(); y = rand(3, 3).requiresGrad_(); print(x.gradFn(), y.gradFn()); return null; });
        cell("4/004-b", () -> { z = x.pow(2).add(y.pow(3)); return z; });
        cell("4/004-c", () -> z.gradFn());
        cell("4/004-d", () -> { print(z.gradFn()); return null; });
        cell("4/004-e", () -> PyTuple.of(x.isLeaf(), y.isLeaf(), z.isLeaf()));
        cell("4/004-h", () -> z.gradFn().nextFunctions());
        cell("4/004-i", () -> { xgNode = z.gradFn().nextFunctions().get(0).node(); return xgNode.nextFunctions(); });
        cell("4/004-j", () -> { xLeaf = xgNode.nextFunctions().get(0).node(); return xLeaf.getClass(); });
        cell("4/004-k", () -> xLeaf.nextFunctions());
        cell("4/004-l", () -> ((AccumulateGrad) xLeaf).variable());
        cell("4/004-m", () -> { print(((AccumulateGrad) xLeaf).variable().id()); print(x.id()); return null; });
        cell("4/004-n", () -> PyTuple.of(((AccumulateGrad) xLeaf).variable().id() == x.id(), ((AccumulateGrad) xLeaf).variable() == x));
        cell("4/004-o", () -> { z.backward(onesLike(z)); return x.grad(); });
        cell("4/004-p", () -> PyTuple.of(allclose(x.grad(), x.mul(2)), allclose(y.grad(), y.pow(2).mul(3))));
    }

    @Test
    void everyCellPrintsWhatPyTorchPrinted() {
        notebook0();
        notebook1();
        notebook2();
        notebook3();
        notebook4();
        int checked = 0;
        List<String> report = new ArrayList<>();
        for (int n = 0; n < 5; n++) {
            Map<String, Integer> seen = new LinkedHashMap<>();
            int matched = 0, total = 0;
            for (JsonNode c : Reference.json("ref-00" + n + ".expect.json")) {
                if (c.get("seed_in").isNull()) {
                    manualSeed(0); // the reference's setup cell
                    continue;
                }
                String key = n + "/" + c.get("seed_in").asText();
                int k = seen.merge(key, 1, Integer::sum);
                if (NOT_ENGINE_CELLS.contains(key)) continue;
                Supplier<Object> body = cells.containsKey(key) ? cells.get(key) : cells.get(key + "#" + k);
                assertNotNull(body, "no Java port of notebook " + n + " cell In[" + c.get("seed_in").asText() + "]:\n" + c.get("code").asText());
                total++;
                compare(c, body, key);
                matched++;
                checked++;
            }
            report.add("ref-00" + n + ": " + matched + "/" + total + " cells");
        }
        System.out.println("notebook parity: " + report);
        assertTrue(checked > 80, "all notebook cells ran: " + checked);
    }

    private void compare(JsonNode c, Supplier<Object> body, String key) {
        stdout.setLength(0);
        List<String> warnings = new ArrayList<>();
        Warnings.reset();
        Warnings.setHandler((category, message, caller) -> warnings.add(category + ": " + message));
        String errorType = null, errorValue = null;
        Object result = null;
        try {
            result = body.get();
        } catch (TorchException e) {
            errorType = e.pythonType();
            errorValue = e.getMessage();
        } finally {
            Warnings.setHandler(null);
        }
        String resultText = result == null ? null : PyRepr.pretty(result);
        JsonNode pattern = c.get("pattern");
        List<String> kinds = new ArrayList<>();
        if (c.has("nondeterminism")) for (JsonNode kind : c.get("nondeterminism")) kinds.add(kind.asText());
        boolean byPattern = kinds.contains("memory address") || kinds.contains("object id");
        check(key, "stdout", c.get("stdout").asText(), stdout.toString(), byPattern ? pattern : null);
        JsonNode expectedResult = c.get("result_text");
        if (expectedResult.isNull()) assertEquals(null, resultText, key + " shows nothing");
        else check(key, "result_text", expectedResult.asText(), resultText, byPattern ? pattern : null);
        JsonNode error = c.get("error");
        if (error.isNull()) {
            assertEquals(null, errorType, key + ": unexpected " + errorType + ": " + errorValue);
        } else {
            assertEquals(error.get("ename").asText(), errorType, key);
            assertEquals(error.get("evalue").asText(), errorValue, key);
        }
        // the one warning cell: PyTorch's warning text, once (the stderr framing is Python's and the kernel's job)
        String stderr = c.get("stderr").asText();
        if (stderr.contains("UserWarning")) {
            assertEquals(1, warnings.size(), key + " warns once");
            assertTrue(stderr.contains(warnings.get(0).substring("UserWarning: ".length())), key + " warning text");
        } else {
            assertEquals(List.of(), warnings, key);
        }
    }

    private static void check(String key, String field, String expected, String actual, JsonNode pattern) {
        if (pattern != null && pattern.has(field)) {
            assertTrue(actual != null && Pattern.compile(pattern.get(field).asText()).matcher(actual).matches(),
                    key + " " + field + " matches PyTorch's pattern; got:\n" + actual);
        } else {
            assertEquals(expected, actual, key + " " + field);
        }
    }
}
