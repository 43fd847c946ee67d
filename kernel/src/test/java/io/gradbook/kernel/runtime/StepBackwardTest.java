// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel.runtime;

import static io.gradbook.autograd.Torch.linspace;
import static io.gradbook.autograd.Torch.ones;
import static io.gradbook.autograd.Torch.rand;
import static io.gradbook.autograd.Torch.tensor;
import static io.gradbook.autograd.Torch.zeros;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gradbook.autograd.Tensor;
import io.gradbook.kernel.render.StepperHtml;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** stepBackward's steps are the engine's real order, which is PyTorch's (oracle/backward_order.json). */
class StepBackwardTest {
    private static JsonNode oracle() throws Exception {
        try (InputStream in = StepBackwardTest.class.getResourceAsStream("/oracle/backward_order.json")) {
            return new ObjectMapper().readTree(in).path("cases");
        }
    }

    private record Case(BackwardTrace trace, Map<Tensor, String> names) {}

    private static List<String> order(Case c) {
        List<String> out = new ArrayList<>();
        for (BackwardTrace.Step s : c.trace().steps()) {
            out.add(s.leaf() == null ? s.node() : "torch::autograd::AccumulateGrad(" + c.names().get(s.leaf()) + ")");
        }
        return out;
    }

    private static Map<Tensor, String> names(Object... pairs) {
        Map<Tensor, String> m = new IdentityHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) m.put((Tensor) pairs[i + 1], (String) pairs[i]);
        return m;
    }

    private static void check(JsonNode oracle, String name, Supplier<Case> graph) {
        Case c = graph.get();
        List<String> want = new ArrayList<>();
        oracle.path(name).forEach(n -> want.add(n.asText()));
        assertFalse(want.isEmpty(), "no oracle case " + name);
        assertEquals(want, order(c), name);
    }

    @Test
    void stepsFollowPyTorchsEngineOrder() throws Exception {
        JsonNode o = oracle();
        check(o, "seed 003: (x+2)^2*3 mean", () -> {
            Tensor x = ones(2, 2).requiresGrad_();
            Tensor y = x.add(2), z = y.mul(y).mul(3), out = z.mean();
            return new Case(Notebook.stepBackward(out), names("x", x));
        });
        check(o, "seed 000: w*x+b", () -> {
            Tensor x = ones(1), b = rand(1).requiresGrad_(), w = rand(1).requiresGrad_();
            return new Case(Notebook.stepBackward(w.mul(x).add(b)), names("w", w, "b", b, "x", x));
        });
        check(o, "diamond: x*2 * x*3 + x*2", () -> {
            Tensor x = ones(3).requiresGrad_();
            Tensor a = x.mul(2), c = x.mul(3), d = a.mul(c).add(a);
            return new Case(Notebook.stepBackward(d.sum()), names("x", x));
        });
        check(o, "x.sin().mul(x).exp().sum()", () -> {
            Tensor x = linspace(-1, 1, 5).requiresGrad_();
            return new Case(Notebook.stepBackward(x.sin().mul(x).exp().sum()), names("x", x));
        });
        check(o, "(inp @ w + b).relu().sum()", () -> {
            Tensor inp = ones(4, 3), w = ones(3, 2).requiresGrad_(), b = zeros(2).requiresGrad_();
            return new Case(Notebook.stepBackward(inp.matmul(w).add(b).relu().sum()), names("w", w, "b", b));
        });
        check(o, "non-scalar y = x*2 with gradient", () -> {
            Tensor x = ones(2).requiresGrad_();
            return new Case(Notebook.stepBackward(x.mul(2), tensor(1.0, 0.1), false), names("x", x));
        });
    }

    @Test
    void stepsCarryTheNumbersTheEngineSawAndLeaveNoHooks() {
        Tensor x = ones(2, 2).requiresGrad_();
        Tensor y = x.add(2);
        Tensor out = y.mul(y).mul(3).mean();
        int hooksBefore = out.gradFn().preHookCount() + out.gradFn().postHookCount();
        BackwardTrace t = Notebook.stepBackward(out);
        List<BackwardTrace.Step> steps = t.steps();
        assertEquals(List.of("tensor(1.)"), steps.get(0).arriving(), "the root's gradient is 1");
        assertTrue(steps.get(0).sends().get(0).startsWith("→ MulBackward0 (input 0): tensor([[0.2500, 0.2500]"), steps.get(0).sends().toString());
        BackwardTrace.Step last = steps.get(steps.size() - 1);
        assertEquals(x.grad().toString(), last.leafGrad(), "the leaf's .grad after its AccumulateGrad ran");
        assertEquals("tensor([[4.5000, 4.5000],\n        [4.5000, 4.5000]])", last.leafGrad());
        assertEquals(hooksBefore, out.gradFn().preHookCount() + out.gradFn().postHookCount(), "the trace's hooks are removed");
        assertTrue(steps.stream().anyMatch(s -> s.savedFreed() > 0), "backward frees saved tensors");
        // each step's box in the picture is the node's own box
        String svg = t.graph().svg();
        for (BackwardTrace.Step s : steps) {
            Matcher m = Pattern.compile("<g[^>]* id=\"n" + s.box() + "\"[^>]*>(.*?)</g>", Pattern.DOTALL).matcher(svg);
            assertTrue(m.find(), "box " + s.box() + " of " + s.node());
            assertTrue(m.group(1).contains(s.node()), s.node() + " in box " + s.box());
        }
        String html = StepperHtml.html(t);
        assertTrue(html.contains("<ol class=\"gb-list\"") && html.contains("<script>") && !html.contains("src=\"http") && !html.contains("href=\"http"), "self-contained, with a list for script-less front ends");
        assertTrue(t.toString().startsWith("backward of tensor(27., grad_fn=<MeanBackward0>): 5 steps, in the engine's order\n1. MeanBackward0"), t.toString());
    }

    @Test
    void retainGraphHookFiresAndGradForm() {
        Tensor x = ones(3).requiresGrad_();
        Tensor y = x.mul(x);
        List<String> seen = new ArrayList<>();
        y.registerHook(g -> seen.add(g.toString()));
        Tensor z = y.sum();
        BackwardTrace t = Notebook.stepBackward(z, true);
        assertEquals(1, seen.size(), "the user's hook ran inside the traced backward");
        assertTrue(t.steps().stream().anyMatch(s -> s.userHooks() == 1 && s.node().equals("MulBackward0")));
        assertTrue(t.steps().stream().allMatch(s -> s.savedFreed() == 0), "retain_graph frees nothing");
        BackwardTrace g = Notebook.stepGrad(z, x);
        assertEquals("tensor([2., 2., 2.])", g.grads().get(0).toString());
        assertThrows(RuntimeException.class, () -> Notebook.stepBackward(ones(2).sum()));
    }

    @Test
    void aHugePassKeepsTheFirstStepsAndCountsTheRestByKind() {
        Tensor x = ones(2).requiresGrad_();
        Tensor y = x;
        for (int i = 0; i < 20_000; i++) y = y.mul(1.0);
        Tensor loss = y.sum();
        BackwardTrace t = Notebook.stepBackward(loss, true);
        assertEquals(BackwardTrace.DEFAULT_MAX_STEPS, t.steps().size(), "the default cap, draw()'s");
        assertEquals(20_002, t.totalSteps(), "SumBackward0, 20,000 MulBackward0, AccumulateGrad");
        assertEquals(19_502, t.stepsLeftOut());
        assertEquals("tensor([1., 1.])", x.grad().toString(), "the whole pass ran");
        assertEquals("… 19,502 more steps not shown (MulBackward0 ×19,501, AccumulateGrad ×1); stepBackward(loss, maxSteps) shows more than 500", t.leftOutNote());
        String text = t.toString();
        assertTrue(text.startsWith("backward of tensor(2., grad_fn=<SumBackward0>): 20002 steps, in the engine's order; the first 500 are shown\n1. SumBackward0"), text.substring(0, 200));
        assertTrue(text.endsWith("\n" + t.leftOutNote()), "the note closes the list");
        // 20,000 steps were 7.4 MB of text and HTML; the capped ones are what 500 steps take
        assertTrue(text.length() < 200_000, "text " + text.length());
        String html = StepperHtml.html(t);
        assertTrue(html.contains("— 20002 steps</div>") && html.contains("class=\"gb-more\"") && html.contains("19,502 more steps not shown"), "the stepper says what it left out");
        assertTrue(html.length() < 1_000_000, "html " + html.length());
        // a raised cap records them all, and a small pass has no note
        x.grad().zero_();
        BackwardTrace all = Notebook.stepBackward(loss, null, true, 30_000);
        assertEquals(20_002, all.steps().size());
        assertEquals(null, all.leftOutNote());
        BackwardTrace one = Notebook.stepBackward(x.mul(2).sum(), 1);
        assertEquals(List.of("SumBackward0"), one.steps().stream().map(BackwardTrace.Step::node).toList());
        assertEquals("… 2 more steps not shown (MulBackward0 ×1, AccumulateGrad ×1); stepBackward(loss, maxSteps) shows more than 1", one.leftOutNote());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Notebook.stepBackward(x.mul(2).sum(), 0));
        assertEquals("stepBackward: maxSteps must be at least 1, got 0\nHint: stepBackward(loss) shows the first 500 steps; stepBackward(loss, n) shows n.", e.getMessage());
    }
}
