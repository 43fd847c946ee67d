// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import static io.gradbook.autograd.Torch.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Replays one case of oracle/make_fuzz.py on Gradbook and lists every difference from PyTorch's recording: the
 * inputs' digests, the error of a step PyTorch refuses, and for each output its dtype, shape, bits, strides and
 * grad_fn name, then the gradients of the weighted sum of the outputs (bits, or which leaves get none). Each
 * difference starts with its kind ("values", "stride", "grad_fn", "error", ...) so FuzzGaps can bound it.
 */
final class FuzzReplay {
    private FuzzReplay() {}

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
        List<Tensor> grads;
        try {
            grads = Autograd.grad(List.of(loss), diffIn, null, false, false, true);
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
        return diffs;
    }
}
