// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gradbook.autograd.OracleFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The math kernels against PyTorch 1.13.1's outputs recorded by oracle/make_f32math.py (wide-range and special
 * inputs, scalar-tail lengths, strided multi-dim sums in float32 and float64, softmax over every dim, ranges in
 * both dtypes), compared as bit patterns.
 */
class MathOracleTest {
    static JsonNode oracle() {
        try (InputStream in = MathOracleTest.class.getResourceAsStream("/oracle/f32math.json")) {
            if (in == null) throw new IllegalStateException("oracle/f32math.json missing from the test resources");
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ByteBuffer bytes(JsonNode root, JsonNode t) {
        if (t.isTextual()) t = root.get("tensors").get(t.asText());
        return ByteBuffer.wrap(Base64.getDecoder().decode(t.get("b64").asText())).order(ByteOrder.LITTLE_ENDIAN);
    }

    static boolean isDouble(JsonNode root, JsonNode t) {
        if (t.isTextual()) t = root.get("tensors").get(t.asText());
        return t.get("dtype").asText().equals("float64");
    }

    static float[] f32(JsonNode root, JsonNode t) {
        ByteBuffer b = bytes(root, t);
        float[] f = new float[b.remaining() / 4];
        b.asFloatBuffer().get(f);
        return f;
    }

    static double[] f64(JsonNode root, JsonNode t) {
        ByteBuffer b = bytes(root, t);
        double[] d = new double[b.remaining() / 8];
        b.asDoubleBuffer().get(d);
        return d;
    }

    @TestFactory
    List<DynamicTest> everyOracleCaseBitForBit() {
        JsonNode root = oracle();
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : root.get("cases")) {
            String name = c.get("name").asText();
            tests.add(DynamicTest.dynamicTest(name, () -> {
                long[] want, got;
                if (isDouble(root, c.get("out"))) {
                    want = longBits(f64(root, c.get("out")));
                    got = longBits(run64(root, c));
                } else {
                    want = intBits(f32(root, c.get("out")));
                    got = intBits(run32(root, c));
                }
                assertEquals(want.length, got.length, name + ": length");
                int bad = 0;
                String first = "";
                for (int i = 0; i < want.length; i++) {
                    if (want[i] != got[i]) {
                        if (bad == 0) first = String.format(" first at [%d]: want 0x%x got 0x%x", i, want[i], got[i]);
                        bad++;
                    }
                }
                System.out.printf("oracle %-44s %d/%d mismatches%n", name, bad, want.length);
                assertEquals(0, bad, name + ": " + bad + "/" + want.length + " bit mismatches;" + first);
            }));
        }
        return tests;
    }

    static long[] intBits(float[] f) {
        long[] r = new long[f.length];
        for (int i = 0; i < f.length; i++) r[i] = Float.floatToRawIntBits(f[i]) & 0xffffffffL;
        return r;
    }

    static long[] longBits(double[] d) {
        long[] r = new long[d.length];
        for (int i = 0; i < d.length; i++) r[i] = Double.doubleToRawLongBits(d[i]);
        return r;
    }

    static float[] run32(JsonNode root, JsonNode c) {
        String kind = c.get("kind").asText();
        int outN = c.get("out").get("n").asInt();
        float[] out = new float[outN];
        switch (kind) {
            case "unary": {
                float[] x = f32(root, c.get("x"));
                Float32GoldenKernelsTest.UNARY.get(c.get("op").asText()).apply(x, 0, out, 0, x.length);
                return out;
            }
            case "pow_scalar": {
                float[] x = f32(root, c.get("x"));
                Float32Unary.pow(x, 0, out, 0, x.length, c.get("exponent").asDouble());
                return out;
            }
            case "pow_tensor": {
                float[] x = f32(root, c.get("x")), y = f32(root, c.get("y"));
                Float32Unary.pow(x, 0, y, 0, out, 0, x.length);
                return out;
            }
            case "sum_full": return new float[] {Float32Reduce.sum(f32(root, c.get("x")), 0, c.get("n").asInt())};
            case "mean_full": return new float[] {Float32Reduce.mean(f32(root, c.get("x")), 0, c.get("n").asInt())};
            case "sum_dim":
            case "mean_dim": {
                float[] x = f32(root, c.get("x"));
                int[] shape = OracleFiles.ints(c.get("shape")), strides = OracleFiles.ints(c.get("strides")), dims = OracleFiles.ints(c.get("dims"));
                if (kind.equals("sum_dim")) Float32Reduce.sum(x, c.get("off").asInt(), shape, strides, dims, out, 0);
                else Float32Reduce.mean(x, c.get("off").asInt(), shape, strides, dims, out, 0);
                return out;
            }
            case "softmax":
            case "log_softmax": {
                float[] x = f32(root, c.get("x"));
                int[] sh = OracleFiles.ints(c.get("shape"));
                int dim = c.get("dim").asInt();
                int outer = 1, inner = 1;
                for (int d = 0; d < dim; d++) outer *= sh[d];
                for (int d = dim + 1; d < sh.length; d++) inner *= sh[d];
                boolean last = dim == sh.length - 1;
                if (kind.equals("softmax")) Float32Softmax.softmax(x, 0, out, 0, outer, sh[dim], inner, last);
                else Float32Softmax.logSoftmax(x, 0, out, 0, outer, sh[dim], inner, last);
                return out;
            }
            case "linspace": return Float32Ranges.linspace(c.get("start").asDouble(), c.get("end").asDouble(), c.get("steps").asInt());
            case "arange": return Float32Ranges.arange(c.get("start").asDouble(), c.get("end").asDouble(), c.get("step").asDouble());
            default: throw new IllegalArgumentException("unknown float32 oracle kind " + kind);
        }
    }

    static double[] run64(JsonNode root, JsonNode c) {
        String kind = c.get("kind").asText();
        int outN = c.get("out").get("n").asInt();
        double[] out = new double[outN];
        switch (kind) {
            case "sum_full": return new double[] {Float64Reduce.sum(f64(root, c.get("x")), 0, c.get("n").asInt())};
            case "mean_full": return new double[] {Float64Reduce.mean(f64(root, c.get("x")), 0, c.get("n").asInt())};
            case "sum_dim":
            case "mean_dim": {
                double[] x = f64(root, c.get("x"));
                int[] shape = OracleFiles.ints(c.get("shape")), strides = OracleFiles.ints(c.get("strides")), dims = OracleFiles.ints(c.get("dims"));
                if (kind.equals("sum_dim")) Float64Reduce.sum(x, c.get("off").asInt(), shape, strides, dims, out, 0);
                else Float64Reduce.mean(x, c.get("off").asInt(), shape, strides, dims, out, 0);
                return out;
            }
            case "linspace64": return Float32Ranges.linspace64(c.get("start").asDouble(), c.get("end").asDouble(), c.get("steps").asInt());
            case "arange64": return Float32Ranges.arange64(c.get("start").asDouble(), c.get("end").asDouble(), c.get("step").asDouble());
            default: throw new IllegalArgumentException("unknown float64 oracle kind " + kind);
        }
    }
}
