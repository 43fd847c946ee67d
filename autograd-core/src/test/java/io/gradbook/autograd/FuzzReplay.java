// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import static io.gradbook.autograd.Torch.*;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * Replays one case of oracle/make_fuzz.py on Gradbook and lists every difference from PyTorch's recording: the
 * inputs' digests, the error of a step PyTorch refuses, and for each output its dtype, shape, bits, strides and
 * grad_fn name, then the gradients of the weighted sum of the outputs (bits, or which leaves get none). Each
 * difference starts with its kind ("values", "stride", "grad_fn", "error", ...) so FuzzGaps can bound it.
 */
final class FuzzReplay {
    private FuzzReplay() {}

    /**
     * One dynamic test per case of an oracle file recorded as fuzz cases (one intra-op thread), each replayed by
     * {@link #differences}: the focused oracle tests that grew out of fuzz findings share this body.
     */
    static Stream<DynamicTest> oracleTests(String file) {
        JsonNode all = OracleFiles.json(file);
        assertEquals(1, all.get("threads").asInt(), "recorded with one intra-op thread");
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : all.get("cases")) {
            String name = c.get("name").asText();
            tests.add(DynamicTest.dynamicTest(name, () -> {
                List<String> diffs = differences(c);
                if (!diffs.isEmpty()) fail(name + ": " + String.join("; ", diffs));
            }));
        }
        return tests.stream();
    }

    static List<String> differences(JsonNode c) {
        List<String> diffs = new ArrayList<>();
        List<Tensor> inputs = new ArrayList<>();
        int k = 0;
        for (JsonNode spec : c.get("inputs")) {
            Tensor leaf = SweepTest.input(spec)[0];
            String d = SweepTest.digest(SweepTest.bitsOf(leaf), leaf.dtype());
            if (!d.equals(c.get("input_sha256").get(k++).asText())) {
                diffs.add("input: input " + (k - 1) + " is not PyTorch's (generator differs)");
                return diffs;
            }
            inputs.add(leaf);
        }
        List<Tensor> regs = new ArrayList<>();
        JsonNode prog = c.get("prog");
        for (int i = 0; i < prog.size(); i++) {
            boolean last = i == prog.size() - 1;
            try {
                regs.add(FuzzProgram.step(prog.get(i), regs, inputs));
            } catch (TorchException e) {
                String got = e.pythonType() + ": " + e.getMessage();
                if (c.has("error") && last) {
                    String want = c.get("error").get("type").asText() + ": " + c.get("error").get("text").asText();
                    if (!want.equals(got)) diffs.add("error: " + got + ", PyTorch " + want);
                } else {
                    diffs.add("error: step " + i + " " + prog.get(i) + " raised " + got + " where PyTorch computes");
                }
                return diffs;
            } catch (RuntimeException e) {
                diffs.add("crash: step " + i + " " + prog.get(i) + ": " + e);
                return diffs;
            }
        }
        if (c.has("error")) {
            diffs.add("error: none, PyTorch raises " + c.get("error").get("type").asText() + ": " + c.get("error").get("text").asText());
            return diffs;
        }
        List<Tensor> outs = new ArrayList<>();
        for (JsonNode r : c.get("out")) outs.add(regs.get(r.asInt()));
        for (int i = 0; i < outs.size(); i++) {
            Tensor o = outs.get(i);
            JsonNode rec = c.get("outputs").get(i);
            String d = SweepTest.compare(rec, o);
            if (d != null) diffs.add((d.startsWith("dtype") || d.startsWith("shape") ? "" : "values: ") + "output " + i + ": " + d);
            String stride = Arrays.toString(OracleFiles.ints(rec.get("stride")));
            if (!Arrays.toString(o.stride()).equals(stride))
                diffs.add("stride: output " + i + " strides " + Arrays.toString(o.stride()) + ", PyTorch " + stride);
            String fn = o.gradFn() == null ? "null" : o.gradFn().name();
            if (!fn.equals(rec.get("grad_fn").asText("null")))
                diffs.add("grad_fn: output " + i + " " + fn + ", PyTorch " + rec.get("grad_fn").asText("null"));
            if (rec.has("version") && o.version() != rec.get("version").asInt())
                diffs.add("version: output " + i + " version " + o.version() + ", PyTorch " + rec.get("version").asInt());
        }
        if (!c.has("weight_seeds")) return diffs;
        int missing = SweepTest.notRequiringGrad(c.get("weight_seeds"), outs);
        if (missing >= 0) {
            diffs.add("grad_fn: output " + missing + " does not require grad, PyTorch's does");
            return diffs;
        }
        Tensor loss = SweepTest.weightedLoss(c.get("weight_seeds"), outs);
        List<Tensor> diffIn = new ArrayList<>();
        for (Tensor t : inputs) if (t.requiresGrad()) diffIn.add(t);
        boolean create = c.path("create_graph").asBoolean(false); // make_fuzz_wide.py: the gradients' own graph
        List<Tensor> grads;
        try {
            grads = Autograd.grad(List.of(loss), diffIn, null, create, create, true);
        } catch (TorchException e) {
            String got = e.pythonType() + ": " + e.getMessage();
            if (c.has("grad_error")) {
                String want = c.get("grad_error").get("type").asText() + ": " + c.get("grad_error").get("text").asText();
                if (!want.equals(got)) diffs.add("error: backward " + got + ", PyTorch " + want);
            } else {
                diffs.add("error: backward raised " + got);
            }
            return diffs;
        } catch (RuntimeException e) {
            diffs.add("crash: backward: " + e);
            return diffs;
        }
        if (c.has("grad_error")) {
            diffs.add("error: backward ran, PyTorch raises " + c.get("grad_error").get("text").asText());
            return diffs;
        }
        for (int i = 0; i < grads.size(); i++) {
            JsonNode g = c.get("grads").get(i);
            Tensor got = grads.get(i);
            if (g.isNull() != (got == null)) {
                diffs.add("grad_fn: gradient " + i + ": " + (got == null ? "none" : "one") + ", PyTorch " + (g.isNull() ? "none" : "one"));
                continue;
            }
            if (got == null) continue;
            String d = SweepTest.compare(g, got);
            if (d != null) diffs.add((d.startsWith("dtype") || d.startsWith("shape") ? "" : "values: ") + "gradient " + i + ": " + d);
        }
        if (create) secondOrder(c, diffIn, grads, diffs);
        return diffs;
    }

    /**
     * make_fuzz_wide.py's create_graph cases: the first gradients' grad_fn names, then the gradients of
     * sum_k (g_k * v_k).sum() (v_k from "weight2_seeds", drawn as the first weights), or PyTorch's error for them.
     */
    private static void secondOrder(JsonNode c, List<Tensor> diffIn, List<Tensor> grads, List<String> diffs) {
        for (int i = 0; i < grads.size(); i++) {
            Tensor g = grads.get(i);
            String fn = g == null || g.gradFn() == null ? "null" : g.gradFn().name();
            String want = c.get("grad_fns").get(i).asText("null");
            if (!fn.equals(want)) diffs.add("grad_fn: gradient " + i + " " + fn + ", PyTorch " + want);
        }
        JsonNode seeds = c.get("weight2_seeds");
        boolean any = false;
        for (JsonNode s : seeds) any |= !s.isNull();
        if (!any) return;
        int missing = SweepTest.notRequiringGrad(seeds, grads);
        if (missing >= 0) {
            diffs.add("grad_fn: gradient " + missing + " does not require grad, PyTorch's does");
            return;
        }
        List<Tensor> grads2;
        try {
            grads2 = Autograd.grad(List.of(SweepTest.weightedLoss(seeds, grads)), diffIn, null, false, false, true);
        } catch (TorchException e) {
            String got = e.pythonType() + ": " + e.getMessage();
            if (!c.has("grad2_error")) diffs.add("error: double backward raised " + got);
            else {
                String want = c.get("grad2_error").get("type").asText() + ": " + c.get("grad2_error").get("text").asText();
                if (!want.equals(got)) diffs.add("error: double backward " + got + ", PyTorch " + want);
            }
            return;
        } catch (RuntimeException e) {
            diffs.add("crash: double backward: " + e);
            return;
        }
        if (c.has("grad2_error")) {
            diffs.add("error: double backward ran, PyTorch raises " + c.get("grad2_error").get("text").asText());
            return;
        }
        for (int i = 0; i < grads2.size(); i++) {
            JsonNode g = c.get("grads2").get(i);
            Tensor got = grads2.get(i);
            if (g.isNull() != (got == null)) {
                diffs.add("grad_fn: second gradient " + i + ": " + (got == null ? "none" : "one") + ", PyTorch " + (g.isNull() ? "none" : "one"));
                continue;
            }
            if (got == null) continue;
            String d = SweepTest.compare(g, got);
            if (d != null) diffs.add((d.startsWith("dtype") || d.startsWith("shape") ? "" : "values: ") + "second gradient " + i + ": " + d);
        }
    }
}
