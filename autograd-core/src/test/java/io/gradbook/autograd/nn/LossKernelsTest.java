// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.gradbook.autograd.DType;
import io.gradbook.autograd.OracleFiles;
import io.gradbook.autograd.Tensor;
import io.gradbook.autograd.Torch;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The losses on inputs big enough for every kernel path (oracle/losses.json, recorded by make_losses.py): in
 * float32 and float64 and every reduction, the loss and the input's gradient equal PyTorch 1.13's bits, through
 * F and, for the defaults, through the Torch shortcuts the kernel's cells call.
 */
class LossKernelsTest {
    static JsonNode json() {
        return OracleFiles.json("losses.json");
    }

    static Tensor tensor(JsonNode t) {
        return OracleFiles.tensor(t);
    }

    static Tensor named(String name) {
        return tensor(json().get("tensors").get(name));
    }

    // bce_logits float64 is exact since float64 sigmoid/log1p/exp are PyTorch's (Float64MathTest)
    private static final String F64_MATH = "float64 kernels these losses use beyond exp and log (log_softmax; not yet traced) are not yet PyTorch's vectorized double ones; a few double ULP apart";
    private static final String BCE_TAIL = "2 of the 7 scalar-tail values of the float32 bce forward differ by 1 ULP: PyTorch's tail log not yet identified";
    private static final String SMOOTHING = "label smoothing's input gradient: a few float32 ULP apart, the order of PyTorch's composite not yet matched";

    /** Cases not yet bit for bit ("id dtype", "id" for both dtypes), each with why; they are checked within {@link #MAX_ULPS}. */
    static final java.util.Map<String, String> GAPS = java.util.Map.ofEntries(
            java.util.Map.entry("bce float32", BCE_TAIL), java.util.Map.entry("bce_weight float32", BCE_TAIL),
            java.util.Map.entry("cross_entropy_smooth float32", SMOOTHING),
            java.util.Map.entry("bce float64", F64_MATH), java.util.Map.entry("bce_weight float64", F64_MATH),
            java.util.Map.entry("cross_entropy float64", F64_MATH), java.util.Map.entry("cross_entropy_weight float64", F64_MATH),
            java.util.Map.entry("cross_entropy_ignore float64", F64_MATH), java.util.Map.entry("cross_entropy_smooth float64", F64_MATH),
            java.util.Map.entry("cross_entropy_probs float64", F64_MATH), java.util.Map.entry("cross_entropy_big float64", F64_MATH));

    /** ULPs (of the dtype) allowed for a known gap. */
    static final int MAX_ULPS = 64;

    /** Floats (or doubles) on one monotonic integer line, so adjacent values differ by 1. */
    static long ordered(double v, boolean f64) {
        if (f64) {
            long b = Double.doubleToLongBits(v);
            return b < 0 ? Long.MIN_VALUE - b : b;
        }
        int b = Float.floatToIntBits((float) v);
        return b < 0 ? Integer.MIN_VALUE - b : b;
    }

    static void assertWithinUlps(JsonNode expected, Tensor actual, String what) {
        Tensor e = tensor(expected);
        assertArrayEquals(e.shape().toArray(), actual.shape().toArray(), what + ": shape");
        boolean f64 = e.dtype() == DType.FLOAT64;
        double[] ev = e.toDoubleArray(), av = actual.toDoubleArray();
        // where a gradient cancels to near 0 the ULPs of the result mean little: allow an error small against the largest value
        double scale = 0;
        for (double v : ev) scale = Math.max(scale, Math.abs(v));
        double floor = scale * (f64 ? 1e-13 : 1e-6);
        for (int i = 0; i < ev.length; i++) {
            long d = Math.abs(ordered(ev[i], f64) - ordered(av[i], f64));
            if (d > MAX_ULPS && Math.abs(ev[i] - av[i]) > floor) fail(what + "[" + i + "]: " + av[i] + " vs PyTorch " + ev[i] + " (" + d + " ULP apart, " + MAX_ULPS + " allowed)");
        }
    }

    static void assertBits(JsonNode expected, Tensor actual, String what) {
        Tensor e = tensor(expected);
        assertArrayEquals(e.shape().toArray(), actual.shape().toArray(), what + ": shape");
        assertEquals(e.dtype(), actual.dtype(), what + ": dtype");
        double[] ev = e.toDoubleArray(), av = actual.toDoubleArray();
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < ev.length; i++) {
            if (Double.doubleToLongBits(ev[i]) != Double.doubleToLongBits(av[i])) bad.add(i + ": " + av[i] + " vs " + ev[i]);
        }
        if (!bad.isEmpty()) fail(what + ": " + bad.size() + "/" + ev.length + " values differ from PyTorch's bits, e.g. " + bad.subList(0, Math.min(3, bad.size())));
    }

    /** The case's loss through F with its keyword arguments. */
    static Tensor viaF(JsonNode c, Tensor x, Tensor y) {
        JsonNode kw = c.get("kwargs");
        String red = c.get("reduction").asText();
        Tensor weight = kw.has("weight") ? named(kw.get("weight").asText()) : null;
        long ignore = kw.has("ignore_index") ? kw.get("ignore_index").asLong() : -100;
        String id = c.get("id").asText();
        switch (id.replaceAll("_(weight|ignore|beta|delta|pos_weight|log_target|smooth|probs|big|1d)", "").replace("_weight", "")) {
            case "mse": return F.mseLoss(x, y, red);
            case "l1": return F.l1Loss(x, y, red);
            case "smooth_l1": return F.smoothL1Loss(x, y, red, kw.has("beta") ? kw.get("beta").asDouble() : 1.0);
            case "huber": return F.huberLoss(x, y, red, kw.has("delta") ? kw.get("delta").asDouble() : 1.0);
            case "bce": return F.binaryCrossEntropy(x, y, weight, red);
            case "bce_logits": return F.binaryCrossEntropyWithLogits(x, y, weight, red, kw.has("pos_weight") ? named(kw.get("pos_weight").asText()) : null);
            case "kl_div": return F.klDiv(x, y, red, kw.has("log_target") && kw.get("log_target").asBoolean());
            case "nll": return F.nllLoss(x, y, weight, ignore, red);
            case "cross_entropy": return F.crossEntropy(x, y, weight, ignore, red, kw.has("label_smoothing") ? kw.get("label_smoothing").asDouble() : 0.0);
            default: throw new IllegalArgumentException(id);
        }
    }

    /** The Torch shortcut for a default-option mean case, or null where there is none. */
    static Tensor viaTorch(JsonNode c, Tensor x, Tensor y) {
        if (!c.get("reduction").asText().equals("mean") || c.get("kwargs").size() > 0) return null;
        switch (c.get("id").asText()) {
            case "mse": return Torch.mseLoss(x, y);
            case "l1": return Torch.l1Loss(x, y);
            case "bce": return Torch.binaryCrossEntropy(x, y);
            case "bce_logits": return Torch.binaryCrossEntropyWithLogits(x, y);
            case "nll": case "nll_big": case "nll_1d": return Torch.nllLoss(x, y);
            case "cross_entropy": case "cross_entropy_big": case "cross_entropy_1d": return Torch.crossEntropy(x, y);
            default: return null;
        }
    }

    interface LossFn {
        Tensor apply(JsonNode c, Tensor x, Tensor y);
    }

    static String gap(JsonNode c) {
        return GAPS.get(c.get("id").asText() + " " + c.get("dtype").asText());
    }

    static void check(JsonNode c, LossFn f, String what) {
        Tensor x = named(c.get("input").asText()).requiresGrad_();
        Tensor y = f.apply(c, x, named(c.get("target").asText()));
        boolean exact = gap(c) == null;
        if (exact) assertBits(c.get("output"), y, what + " output");
        else assertWithinUlps(c.get("output"), y, what + " output");
        assertEquals(c.get("grad_fn").asText(), y.gradFn().name(), what + " grad_fn");
        JsonNode g = c.get("grad");
        y.backward(g.isNumber() ? Torch.tensor(g.asDouble()).to(y.dtype()) : tensor(g));
        if (exact) assertBits(c.get("input_grad"), x.grad(), what + " input grad");
        else assertWithinUlps(c.get("input_grad"), x.grad(), what + " input grad");
    }

    @TestFactory
    Stream<DynamicTest> losses() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : json().get("cases")) {
            String what = c.get("id").asText() + " " + c.get("dtype").asText() + " " + c.get("reduction").asText();
            String how = gap(c) == null ? "bit for bit" : "within " + MAX_ULPS + " ULP (known gap: " + gap(c) + ")";
            tests.add(DynamicTest.dynamicTest(what + ": F, " + how, () -> check(c, LossKernelsTest::viaF, what + " F")));
            Tensor probe = viaTorch(c, named(c.get("input").asText()), named(c.get("target").asText()));
            if (probe != null) tests.add(DynamicTest.dynamicTest(what + ": Torch shortcut, " + how, () -> check(c, LossKernelsTest::viaTorch, what + " Torch")));
        }
        return tests.stream();
    }
}
