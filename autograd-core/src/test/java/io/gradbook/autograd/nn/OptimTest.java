// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.nn;

import static io.gradbook.autograd.Torch.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.gradbook.autograd.Tensor;
import io.gradbook.autograd.TorchException;
import io.gradbook.autograd.optim.Adagrad;
import io.gradbook.autograd.optim.Adam;
import io.gradbook.autograd.optim.AdamW;
import io.gradbook.autograd.optim.CosineAnnealingLR;
import io.gradbook.autograd.optim.ExponentialLR;
import io.gradbook.autograd.optim.LRScheduler;
import io.gradbook.autograd.optim.Optimizer;
import io.gradbook.autograd.optim.ParamGroup;
import io.gradbook.autograd.optim.RMSprop;
import io.gradbook.autograd.optim.SGD;
import io.gradbook.autograd.optim.StepLR;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every optimizer of optim[] in nn.json: 50 steps of F.mse_loss regression from the same start, the losses and the
 * parameters after every step (float32), within a tolerance and, separately, bit for bit; state_dict keys and
 * groups; printed form. And the lr schedulers' lrs over 30 epochs (float64, exact).
 */
class OptimTest {
    static final Map<String, Function<List<Tensor>, Optimizer>> BUILD = Map.ofEntries(
            Map.entry("sgd", p -> new SGD(p, 0.1)),
            Map.entry("sgd_momentum", p -> new SGD(p, 0.05).momentum(0.9)),
            Map.entry("sgd_dampening_wd", p -> new SGD(p, 0.05).momentum(0.9).dampening(0.1).weightDecay(0.01)),
            Map.entry("sgd_nesterov", p -> new SGD(p, 0.05).momentum(0.9).nesterov(true)),
            Map.entry("sgd_maximize", p -> new SGD(p, 0.01).maximize(true)),
            Map.entry("adam", p -> new Adam(p, 0.01)),
            Map.entry("adam_amsgrad_wd", p -> new Adam(p, 0.02).weightDecay(0.1).amsgrad(true)),
            Map.entry("adam_betas_maximize", p -> new Adam(p, 0.01).betas(0.8, 0.9).eps(1e-6).maximize(true)),
            Map.entry("adamw", p -> new AdamW(p, 0.01)),
            Map.entry("adamw_amsgrad", p -> new AdamW(p, 0.02).weightDecay(0.1).amsgrad(true)),
            Map.entry("rmsprop", p -> new RMSprop(p, 0.01)),
            Map.entry("rmsprop_centered_momentum", p -> new RMSprop(p, 0.01).alpha(0.9).momentum(0.9).centered(true).weightDecay(0.1)),
            Map.entry("adagrad", p -> new Adagrad(p, 0.1)),
            Map.entry("adagrad_decay", p -> new Adagrad(p, 0.1).lrDecay(0.01).weightDecay(0.1).initialAccumulatorValue(0.1).eps(1e-8)),
            Map.entry("sgd_groups", p -> new SGD(List.of(ParamGroup.of(p.get(0)), ParamGroup.of(p.get(1)).set("lr", 0.01)), 0.1).momentum(0.9)));

    static final class Run {
        Optimizer opt;
        double[] losses = new double[50];
        double[][] params = new double[50][];
    }

    static Run run(String id) {
        JsonNode prob = Oracle.json().get("optim_problem");
        Tensor x = Oracle.tensor(prob.get("x")), y = Oracle.tensor(prob.get("y"));
        Linear lin = new Linear(3, 2);
        lin.loadStateDict(Oracle.state(prob.get("state")));
        Run r = new Run();
        r.opt = BUILD.get(id).apply(lin.parameters());
        for (int step = 0; step < 50; step++) {
            r.opt.zeroGrad();
            Tensor loss = F.mseLoss(lin.forward(x), y);
            loss.backward();
            r.opt.step();
            r.losses[step] = loss.item();
            double[] w = lin.weight.toDoubleArray(), b = lin.bias.toDoubleArray();
            double[] all = new double[w.length + b.length];
            System.arraycopy(w, 0, all, 0, w.length);
            System.arraycopy(b, 0, all, w.length, b.length);
            r.params[step] = all;
        }
        return r;
    }

    @TestFactory
    Stream<DynamicTest> optimizers() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : Oracle.json().get("optim")) {
            String id = c.get("id").asText();
            tests.add(DynamicTest.dynamicTest(id + ": 50 steps within tolerance, state_dict, repr", () -> {
                Run r = run(id);
                for (int s = 0; s < 50; s++) {
                    Oracle.assertClose(new double[] {c.get("losses").get(s).asDouble()}, new double[] {r.losses[s]}, id + " loss at step " + s, 1e-4, 1e-6);
                    Oracle.assertClose(Oracle.doubles(c.get("params").get(s)), r.params[s], id + " params after step " + s, 1e-4, 1e-6);
                }
                Map<String, Object> sd = r.opt.stateDict();
                @SuppressWarnings("unchecked")
                Map<Integer, Map<String, Object>> state = (Map<Integer, Map<String, Object>>) sd.get("state");
                List<String> keys = new ArrayList<>();
                for (JsonNode k : c.get("state_keys")) keys.add(k.asText());
                assertEquals(keys, new ArrayList<>(new TreeSet<>(state.get(0).keySet())), "state keys");
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> groups = (List<Map<String, Object>>) sd.get("param_groups");
                for (int g = 0; g < groups.size(); g++) {
                    JsonNode eg = c.get("groups").get(g);
                    Map<String, Object> ag = groups.get(g);
                    eg.fields().forEachRemaining(e -> {
                        Object v = ag.get(e.getKey());
                        JsonNode ev = e.getValue();
                        String what = id + " group " + e.getKey();
                        if (ev.isNull()) assertEquals(null, v, what);
                        else if (ev.isBoolean()) assertEquals(ev.asBoolean(), v, what);
                        else if (ev.isInt()) assertEquals(ev.asInt(), v, what + " (a Python int)");
                        else if (ev.isDouble()) assertEquals(ev.asDouble(), v, what);
                        else if (ev.isArray()) assertEquals(ev.toString(), v.toString().replace(" ", ""), what);
                    });
                    assertEquals(new TreeSet<>(iter(eg.fieldNames())), new TreeSet<>(ag.keySet()).headSet("~") .stream().filter(k -> !k.equals("betas")).collect(java.util.stream.Collectors.toCollection(TreeSet::new)), id + " group keys");
                }
                assertEquals(c.get("repr").asText(), r.opt.toString(), "repr");
            }));
            tests.add(DynamicTest.dynamicTest(id + ": 50 steps bit for bit", () -> {
                Run r = run(id);
                for (int s = 0; s < 50; s++) {
                    double[] e = Oracle.doubles(c.get("params").get(s));
                    for (int i = 0; i < e.length; i++) {
                        if (e[i] != r.params[s][i]) {
                            throw new AssertionError(id + ": first difference from PyTorch's float32 bits after step " + s + ", parameter value " + i + ": " + r.params[s][i] + " vs " + e[i] + " (loss " + r.losses[s] + " vs " + c.get("losses").get(s).asDouble() + ")");
                        }
                    }
                }
            }));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> schedulers() {
        Map<String, Function<Optimizer, LRScheduler>> build = Map.of(
                "step", o -> new StepLR(o, 7, 0.5),
                "exponential", o -> new ExponentialLR(o, 0.9),
                "cosine", o -> new CosineAnnealingLR(o, 10, 0.001),
                "cosine_5", o -> new CosineAnnealingLR(o, 5));
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : Oracle.json().get("schedulers")) {
            String id = c.get("id").asText();
            tests.add(DynamicTest.dynamicTest(id, () -> {
                Tensor p = parameter(zeros(1));
                SGD opt = new SGD(List.of(p), 0.1);
                LRScheduler s = build.get(id).apply(opt);
                List<Double> lrs = new ArrayList<>(), last = new ArrayList<>();
                lrs.add(opt.paramGroups().get(0).lr());
                last.add(s.getLastLr().get(0));
                for (int i = 0; i < 30; i++) {
                    opt.step();
                    s.step();
                    lrs.add(opt.paramGroups().get(0).lr());
                    last.add(s.getLastLr().get(0));
                }
                assertEquals(toList(c.get("lrs")), lrs, "lrs");
                assertEquals(toList(c.get("last_lr")), last, "get_last_lr");
            }));
        }
        return tests.stream();
    }

    @Test
    void badOptionsHavePyTorchsText() {
        List<Tensor> p = List.of(parameter(zeros(1)));
        assertEquals("Invalid learning rate: -0.1", assertThrows(TorchException.ValueError.class, () -> new SGD(p, -0.1)).getMessage());
        assertEquals("Invalid momentum value: -1.0", assertThrows(TorchException.ValueError.class, () -> new SGD(p, 0.1).momentum(-1)).getMessage());
        assertEquals("optimizer got an empty parameter list", assertThrows(TorchException.ValueError.class, () -> new Adam(List.of())).getMessage());
        p.get(0).setGrad(ones(1));
        assertEquals("Nesterov momentum requires a momentum and zero dampening", assertThrows(TorchException.ValueError.class, () -> new SGD(p, 0.1).nesterov(true).step()).getMessage());
    }

    private static List<Double> toList(JsonNode arr) {
        List<Double> out = new ArrayList<>();
        for (JsonNode n : arr) out.add(n.asDouble());
        return out;
    }

    private static List<String> iter(java.util.Iterator<String> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
