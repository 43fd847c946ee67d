// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case of testdata/reference/float32/golden.json (real PyTorch 1.13.1, one thread, AVX2) that belongs to
 * the math kernels, run through the kernels directly on float[] arrays, compared as bit patterns.
 */
class Float32GoldenKernelsTest {
    /** The golden ops these kernels own; the element-wise binary ops with scalars belong to the engine. */
    static final Set<String> OPS = Set.of("sum", "mean", "sum_dim", "mean_dim", "softmax", "log_softmax", "linspace", "arange",
        "pow_scalar", "pow", "exp", "sin", "cos", "tanh", "sigmoid", "neg", "abs", "relu", "expm1", "atan", "sinh", "cosh",
        "asinh", "erf", "reciprocal", "square", "log", "sqrt", "rsqrt", "log1p", "log2", "log10", "asin", "acos", "atanh");

    static JsonNode golden() {
        String testdata = System.getProperty("gradbook.testdata");
        Path p = (testdata != null ? Path.of(testdata) : Path.of("..", "testdata")).resolve("reference/float32/golden.json");
        if (!Files.isRegularFile(p)) throw new IllegalStateException("golden data not found at " + p.toAbsolutePath() + " (set -Dgradbook.testdata)");
        try {
            return new ObjectMapper().readTree(p.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static float[] floats(JsonNode tensor) {
        JsonNode bits = tensor.get("bits");
        float[] f = new float[bits.size()];
        for (int i = 0; i < f.length; i++) f[i] = Float.intBitsToFloat((int) bits.get(i).asLong());
        return f;
    }

    static int[] shape(JsonNode tensor) {
        JsonNode s = tensor.get("shape");
        int[] r = new int[s.size()];
        for (int i = 0; i < r.length; i++) r[i] = s.get(i).asInt();
        return r;
    }

    static int[] contiguousStrides(int[] shape) {
        int[] st = new int[shape.length];
        int run = 1;
        for (int d = shape.length - 1; d >= 0; d--) { st[d] = run; run *= shape[d]; }
        return st;
    }

    interface UnaryKernel {
        void apply(float[] src, int srcOff, float[] dst, int dstOff, int n);
    }

    static final Map<String, UnaryKernel> UNARY = Map.ofEntries(
        Map.entry("exp", Float32Unary::exp), Map.entry("log", Float32Unary::log), Map.entry("sin", Float32Unary::sin),
        Map.entry("cos", Float32Unary::cos), Map.entry("tanh", Float32Unary::tanh), Map.entry("sigmoid", Float32Unary::sigmoid),
        Map.entry("expm1", Float32Unary::expm1), Map.entry("log1p", Float32Unary::log1p), Map.entry("atan", Float32Unary::atan),
        Map.entry("sinh", Float32Unary::sinh), Map.entry("cosh", Float32Unary::cosh), Map.entry("asinh", Float32Unary::asinh),
        Map.entry("erf", Float32Unary::erf), Map.entry("log2", Float32Unary::log2), Map.entry("log10", Float32Unary::log10),
        Map.entry("asin", Float32Unary::asin), Map.entry("acos", Float32Unary::acos), Map.entry("atanh", Float32Unary::atanh),
        Map.entry("sqrt", Float32Unary::sqrt), Map.entry("rsqrt", Float32Unary::rsqrt), Map.entry("reciprocal", Float32Unary::reciprocal),
        Map.entry("neg", Float32Unary::neg), Map.entry("abs", Float32Unary::abs), Map.entry("relu", Float32Unary::relu),
        Map.entry("square", Float32Unary::square));

    /** Runs one golden case through the kernels; returns our output. */
    static float[] run(JsonNode c) {
        String op = c.get("op").asText();
        JsonNode in = c.get("inputs");
        int outN = c.get("out").get("bits").size();
        float[] out = new float[outN];
        switch (op) {
            case "sum": { float[] x = floats(in.get(0)); return new float[] {Float32Reduce.sum(x, 0, x.length)}; }
            case "mean": { float[] x = floats(in.get(0)); return new float[] {Float32Reduce.mean(x, 0, x.length)}; }
            case "sum_dim":
            case "mean_dim": {
                float[] x = floats(in.get(0));
                int[] sh = shape(in.get(0));
                int[] dims = {in.get(1).asInt()};
                if (op.equals("sum_dim")) Float32Reduce.sum(x, 0, sh, contiguousStrides(sh), dims, out, 0);
                else Float32Reduce.mean(x, 0, sh, contiguousStrides(sh), dims, out, 0);
                return out;
            }
            case "softmax":
            case "log_softmax": {
                float[] x = floats(in.get(0));
                int[] sh = shape(in.get(0));
                int dim = in.get(1).asInt();
                int outer = 1, inner = 1;
                for (int d = 0; d < dim; d++) outer *= sh[d];
                for (int d = dim + 1; d < sh.length; d++) inner *= sh[d];
                boolean last = dim == sh.length - 1;
                if (op.equals("softmax")) Float32Softmax.softmax(x, 0, out, 0, outer, sh[dim], inner, last);
                else Float32Softmax.logSoftmax(x, 0, out, 0, outer, sh[dim], inner, last);
                return out;
            }
            case "linspace": return Float32Ranges.linspace(in.get(0).asDouble(), in.get(1).asDouble(), in.get(2).asInt());
            case "arange": return Float32Ranges.arange(in.get(0).asDouble(), in.get(1).asDouble(), in.get(2).asDouble());
            case "pow_scalar": {
                float[] x = floats(in.get(0));
                Float32Unary.pow(x, 0, out, 0, x.length, in.get(1).asDouble());
                return out;
            }
            case "pow": {
                float[] b = floats(in.get(0)), e = floats(in.get(1));
                Float32Unary.pow(b, 0, e, 0, out, 0, b.length);
                return out;
            }
            default: {
                UnaryKernel k = UNARY.get(op);
                if (k == null) throw new IllegalArgumentException("no kernel for golden op " + op);
                float[] x = floats(in.get(0));
                k.apply(x, 0, out, 0, x.length);
                return out;
            }
        }
    }

    /** Ops with a kernel; a case of an op in OPS but not here fails the coverage test below. */
    static final Set<String> IMPLEMENTED = Set.of("softmax", "log_softmax", "linspace", "arange", "sum", "mean", "sum_dim", "mean_dim", "pow_scalar", "pow", "exp", "sin", "cos",
        "tanh", "sigmoid", "neg", "abs", "relu", "expm1", "atan", "sinh", "cosh", "asinh", "erf", "reciprocal", "square", "log",
        "sqrt", "rsqrt", "log1p", "log2", "log10", "asin", "acos", "atanh");

    @TestFactory
    List<DynamicTest> everyGoldenCaseBitForBit() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : golden().get("cases")) {
            String op = c.get("op").asText();
            if (!IMPLEMENTED.contains(op)) continue;
            String name = c.get("name").asText();
            tests.add(DynamicTest.dynamicTest(name, () -> {
                float[] want = floats(c.get("out"));
                float[] got = run(c);
                assertEquals(want.length, got.length, name + ": length");
                int bad = 0;
                StringBuilder first = new StringBuilder();
                for (int i = 0; i < want.length; i++) {
                    int w = Float.floatToRawIntBits(want[i]), g = Float.floatToRawIntBits(got[i]);
                    if (w != g) {
                        if (bad < 3) first.append(String.format(" [%d] want %s (0x%08x) got %s (0x%08x)", i, want[i], w, got[i], g));
                        bad++;
                    }
                }
                System.out.printf("golden %-32s %d/%d mismatches%n", name, bad, want.length);
                assertEquals(0, bad, name + ": " + bad + "/" + want.length + " bit mismatches;" + first);
            }));
        }
        return tests;
    }

    @Test
    void everyOwnedGoldenOpIsCovered() {
        List<String> missing = new ArrayList<>();
        int owned = 0;
        for (JsonNode c : golden().get("cases")) {
            String op = c.get("op").asText();
            if (!OPS.contains(op)) continue;
            owned++;
            if (!IMPLEMENTED.contains(op)) missing.add(c.get("name").asText());
        }
        assertTrue(missing.isEmpty(), "golden cases without a kernel: " + missing);
        assertEquals(124, owned, "golden cases of the math kernels");
    }
}
