// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The layout of element-wise results against PyTorch 1.13.1 (oracle/layout.json, made by oracle/make_layout.py):
 * strides and is_contiguous() of unary, scalar, binary, comparison, where, clamp and conversion results over
 * transposed, permuted, stepped, narrowed, expanded and size-1-dim inputs and mixed layouts; clone, contiguous and
 * *_like; .view after them (PyTorch's view error where the result is laid out as x.t()); and the strides of a
 * leaf's .grad (AccumulateGrad's layout contract). Values, grad_fn names and gradients are compared bit for bit too,
 * except for the few activations whose values over non-contiguous inputs are a known gap (make_layout.VALUE_GAPS).
 */
class LayoutOracleTest {
    @TestFactory
    Stream<DynamicTest> layoutMatchesPyTorch() {
        JsonNode file = OracleFiles.json("layout.json");
        assertEquals(1, file.get("threads").asInt(), "recorded with one intra-op thread");
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : file.get("cases")) {
            tests.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> {
                List<String> diffs = differences(c);
                if (!diffs.isEmpty()) fail(String.join("; ", diffs));
            }));
        }
        return tests.stream();
    }

    /** make_layout.layout_step's own ops; the rest are make_fuzz's (FuzzProgram). */
    static Tensor step(JsonNode s, List<Tensor> regs, List<Tensor> inputs) {
        List<Tensor> a = new ArrayList<>();
        for (JsonNode i : s.get(1)) a.add(regs.get(i.asInt()));
        switch (s.get(0).asText()) {
            case "view": return a.get(0).view(OracleFiles.ints(s.get(2)));
            case "gt_s": return a.get(0).gt(s.get(2).asDouble());
            case "lt": return a.get(0).lt(a.get(1));
            case "where": return Torch.where(a.get(0), a.get(1), a.get(2));
            case "clamp": return a.get(0).clamp(s.get(2).asDouble(), s.get(3).asDouble());
            case "zeros_like": return Torch.zerosLike(a.get(0));
            case "ones_like": return Torch.onesLike(a.get(0));
            case "leaf": return a.get(0).detach().requiresGrad_();
            case "gelu": return io.gradbook.autograd.nn.F.gelu(a.get(0));
            case "gelu_tanh": return io.gradbook.autograd.nn.F.gelu(a.get(0), "tanh");
            case "silu": return io.gradbook.autograd.nn.F.silu(a.get(0));
            case "softplus": return io.gradbook.autograd.nn.F.softplus(a.get(0), 1, 20);
            case "leaky_relu": return io.gradbook.autograd.nn.F.leakyRelu(a.get(0), 0.1);
            case "elu": return io.gradbook.autograd.nn.F.elu(a.get(0));
            case "hardtanh": return io.gradbook.autograd.nn.F.hardtanh(a.get(0));
            case "sign": return a.get(0).sign();
            case "round": return a.get(0).round();
            case "remainder": return a.get(0).remainder(a.get(1));
            case "fmod_s": return a.get(0).fmod(s.get(2).asDouble());
            case "sort_v": return a.get(0).sort(s.get(2).asInt(), s.get(3).asBoolean()).values();
            case "sort_i": return a.get(0).sort(s.get(2).asInt(), s.get(3).asBoolean()).indices();
            case "argsort": return a.get(0).argsort(s.get(2).asInt());
            case "topk_v": return a.get(0).topk(s.get(2).asInt(), s.get(3).asInt()).values();
            case "kthvalue_v": return a.get(0).kthvalue(s.get(2).asInt(), s.get(3).asInt(), true).values();
            case "to_i": return a.get(0).mul(4.0).to(DType.INT64);
            case "remainder_i": return a.get(0).remainder(s.get(2).asLong());
            case "fmod_i": return a.get(0).fmod(s.get(2).asLong());
            case "clamp_i": return a.get(0).clamp(s.get(2).asLong(), s.get(3).asLong());
            case "rand_like":
                Torch.manualSeed(s.get(2).asLong());
                return Torch.randLike(a.get(0));
            case "randn_like":
                Torch.manualSeed(s.get(2).asLong());
                return Torch.randnLike(a.get(0));
            default: return FuzzProgram.step(s, regs, inputs);
        }
    }

    private static List<String> differences(JsonNode c) {
        List<String> diffs = new ArrayList<>();
        List<Tensor> inputs = new ArrayList<>();
        int k = 0;
        for (JsonNode spec : c.get("inputs")) {
            Tensor leaf = SweepTest.input(spec)[0];
            if (!SweepTest.digest(SweepTest.bitsOf(leaf), leaf.dtype()).equals(c.get("input_sha256").get(k++).asText())) {
                diffs.add("input " + (k - 1) + " is not PyTorch's");
                return diffs;
            }
            inputs.add(leaf);
        }
        List<Tensor> regs = new ArrayList<>();
        JsonNode prog = c.get("prog");
        for (int i = 0; i < prog.size(); i++) {
            try {
                regs.add(step(prog.get(i), regs, inputs));
            } catch (TorchException e) {
                String got = e.pythonType() + ": " + e.getMessage();
                String want = c.has("error") ? c.get("error").get("type").asText() + ": " + c.get("error").get("text").asText() : null;
                if (want == null || i != prog.size() - 1) diffs.add("step " + i + " " + prog.get(i) + " raised " + got);
                else if (!want.equals(got)) diffs.add("error " + got + ", PyTorch " + want);
                return diffs;
            }
        }
        if (c.has("error")) {
            diffs.add("no error, PyTorch raises " + c.get("error").get("text").asText());
            return diffs;
        }
        // a case marked compare_values false is about layout only (make_layout.VALUE_GAPS)
        boolean values = !c.has("compare_values") || c.get("compare_values").asBoolean();
        List<Tensor> outs = new ArrayList<>();
        for (JsonNode r : c.get("out")) outs.add(regs.get(r.asInt()));
        for (int i = 0; i < outs.size(); i++) {
            Tensor o = outs.get(i);
            JsonNode rec = c.get("outputs").get(i);
            String stride = Arrays.toString(OracleFiles.ints(rec.get("stride")));
            if (!Arrays.toString(o.stride()).equals(stride)) diffs.add("output " + i + " strides " + Arrays.toString(o.stride()) + ", PyTorch " + stride);
            if (o.isContiguous() != rec.get("contiguous").asBoolean()) diffs.add("output " + i + " is_contiguous " + o.isContiguous());
            String fn = o.gradFn() == null ? "null" : o.gradFn().name();
            if (!fn.equals(rec.get("grad_fn").asText("null"))) diffs.add("output " + i + " grad_fn " + fn + ", PyTorch " + rec.get("grad_fn").asText("null"));
            if (rec.has("values")) {
                String want = rec.get("values").toString().replace(" ", "");
                String got = Arrays.toString(o.toLongArray()).replace(" ", "");
                if (!want.equals(got)) diffs.add("output " + i + " values " + got + ", PyTorch " + want);
            } else if (values) {
                String d = SweepTest.compare(rec, o);
                if (d != null) diffs.add("output " + i + ": " + d);
            }
        }
        if (!c.has("leaves")) return diffs;
        boolean createGraph = c.has("create_graph") && c.get("create_graph").asBoolean();
        SweepTest.weightedLoss(c.get("weight_seeds"), outs).backward(null, false, createGraph);
        for (int i = 0; i < c.get("leaves").size(); i++) {
            Tensor g = regs.get(c.get("leaves").get(i).asInt()).grad();
            JsonNode rec = c.get("leaf_grads").get(i);
            String stride = Arrays.toString(OracleFiles.ints(rec.get("stride")));
            if (!Arrays.toString(g.stride()).equals(stride)) diffs.add("leaf " + i + " grad strides " + Arrays.toString(g.stride()) + ", PyTorch " + stride);
            if (createGraph) {
                String fn = g.gradFn() == null ? "null" : g.gradFn().name();
                if (!fn.equals(rec.get("grad_fn").asText("null"))) diffs.add("leaf " + i + " grad's grad_fn " + fn + ", PyTorch " + rec.get("grad_fn").asText("null"));
            }
            String d = values ? SweepTest.compare(rec, g) : null;
            if (d != null) diffs.add("leaf " + i + " grad: " + d);
        }
        return diffs;
    }
}
