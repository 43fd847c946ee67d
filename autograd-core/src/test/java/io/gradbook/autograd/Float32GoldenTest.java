// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import static io.gradbook.autograd.Torch.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * PyTorch's float32 results bit for bit (testdata/reference/float32/golden.json, recorded by make_golden.py from
 * PyTorch 1.13.1 on one thread): each case runs through the public Tensor API and every output element's bit
 * pattern is compared as an integer. Ops the Tensor API does not name yet run through the engine's unary path.
 */
class Float32GoldenTest {
    private static final JsonNode GOLDEN = Reference.json("float32/golden.json");

    /** The op of each case through the Tensor API: inputs are the case's decoded inputs (tensors or numbers). */
    private static final Map<String, Function<List<Object>, Tensor>> OPS = Map.ofEntries(
            Map.entry("sum", in -> t(in, 0).sum()),
            Map.entry("mean", in -> t(in, 0).mean()),
            Map.entry("sum_dim", in -> t(in, 0).sum(i(in, 1))),
            Map.entry("mean_dim", in -> t(in, 0).mean(i(in, 1))),
            Map.entry("mul_scalar", in -> t(in, 0).mul(d(in, 1))),
            Map.entry("add_scalar", in -> t(in, 0).add(d(in, 1))),
            Map.entry("sub_scalar", in -> t(in, 0).sub(d(in, 1))),
            Map.entry("div_scalar", in -> t(in, 0).div(d(in, 1))),
            Map.entry("rsub_scalar", in -> t(in, 0).rsub(d(in, 1))),
            Map.entry("add", in -> t(in, 0).add(t(in, 1))),
            Map.entry("sub", in -> t(in, 0).sub(t(in, 1))),
            Map.entry("mul", in -> t(in, 0).mul(t(in, 1))),
            Map.entry("div", in -> t(in, 0).div(t(in, 1))),
            Map.entry("add_alpha", in -> t(in, 0).add(t(in, 1), d(in, 2))),
            Map.entry("exp", in -> t(in, 0).exp()),
            Map.entry("log", in -> t(in, 0).log()),
            Map.entry("sqrt", in -> t(in, 0).sqrt()),
            Map.entry("sin", in -> t(in, 0).sin()),
            Map.entry("cos", in -> t(in, 0).cos()),
            Map.entry("tanh", in -> t(in, 0).tanh()),
            Map.entry("sigmoid", in -> t(in, 0).sigmoid()),
            Map.entry("neg", in -> t(in, 0).neg()),
            Map.entry("abs", in -> t(in, 0).abs()),
            Map.entry("relu", in -> t(in, 0).relu()),
            Map.entry("reciprocal", in -> t(in, 0).reciprocal()),
            // ops the Tensor API does not name yet (the ops branch adds them): the engine's own unary path
            Map.entry("expm1", in -> Elementwise.unary(UnaryOp.EXPM1, t(in, 0), DType.FLOAT32)),
            Map.entry("log1p", in -> Elementwise.unary(UnaryOp.LOG1P, t(in, 0), DType.FLOAT32)),
            Map.entry("atan", in -> Elementwise.unary(UnaryOp.ATAN, t(in, 0), DType.FLOAT32)),
            Map.entry("sinh", in -> Elementwise.unary(UnaryOp.SINH, t(in, 0), DType.FLOAT32)),
            Map.entry("cosh", in -> Elementwise.unary(UnaryOp.COSH, t(in, 0), DType.FLOAT32)),
            Map.entry("asinh", in -> Elementwise.unary(UnaryOp.ASINH, t(in, 0), DType.FLOAT32)),
            Map.entry("atanh", in -> Elementwise.unary(UnaryOp.ATANH, t(in, 0), DType.FLOAT32)),
            Map.entry("erf", in -> Elementwise.unary(UnaryOp.ERF, t(in, 0), DType.FLOAT32)),
            Map.entry("log2", in -> Elementwise.unary(UnaryOp.LOG2, t(in, 0), DType.FLOAT32)),
            Map.entry("log10", in -> Elementwise.unary(UnaryOp.LOG10, t(in, 0), DType.FLOAT32)),
            Map.entry("asin", in -> Elementwise.unary(UnaryOp.ASIN, t(in, 0), DType.FLOAT32)),
            Map.entry("acos", in -> Elementwise.unary(UnaryOp.ACOS, t(in, 0), DType.FLOAT32)),
            Map.entry("rsqrt", in -> Elementwise.unary(UnaryOp.RSQRT, t(in, 0), DType.FLOAT32)),
            Map.entry("square", in -> Elementwise.unary(UnaryOp.SQUARE, t(in, 0), DType.FLOAT32)),
            Map.entry("pow_scalar", in -> t(in, 0).pow(d(in, 1))),
            Map.entry("pow", in -> t(in, 0).pow(t(in, 1))),
            Map.entry("softmax", in -> t(in, 0).softmax(i(in, 1))),
            Map.entry("log_softmax", in -> t(in, 0).logSoftmax(i(in, 1))),
            Map.entry("linspace", in -> linspace(d(in, 0), d(in, 1), i(in, 2))),
            Map.entry("arange", in -> arange(d(in, 0), d(in, 1), d(in, 2))));

    private static Tensor t(List<Object> in, int k) {
        return (Tensor) in.get(k);
    }

    private static double d(List<Object> in, int k) {
        return ((Number) in.get(k)).doubleValue();
    }

    private static int i(List<Object> in, int k) {
        return ((Number) in.get(k)).intValue();
    }

    /** A float32 tensor from a case's bit patterns, or the number as recorded. */
    private static Object decode(JsonNode input) {
        if (!input.isObject()) return input.isIntegralNumber() ? (Object) input.asLong() : (Object) input.asDouble();
        assertEquals("float32", input.get("dtype").asText());
        JsonNode bits = input.get("bits");
        float[] v = new float[bits.size()];
        for (int k = 0; k < v.length; k++) v[k] = Float.intBitsToFloat((int) bits.get(k).asLong());
        int[] shape = new int[input.get("shape").size()];
        for (int k = 0; k < shape.length; k++) shape[k] = input.get("shape").get(k).asInt();
        return tensor(v).reshape(shape);
    }

    @TestFactory
    Stream<DynamicTest> everyCaseBitForBit() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : GOLDEN.get("cases")) {
            String name = c.get("name").asText(), op = c.get("op").asText();
            tests.add(DynamicTest.dynamicTest(name, () -> {
                Function<List<Object>, Tensor> f = OPS.get(op);
                Assumptions.assumeTrue(f != null, "no Tensor op for " + op + " yet");
                List<Object> in = new ArrayList<>();
                for (JsonNode x : c.get("inputs")) in.add(decode(x));
                Tensor out = f.apply(in);
                JsonNode want = c.get("out");
                assertEquals(DType.FLOAT32, out.dtype(), name + ": dtype");
                assertEquals(want.get("shape").size(), out.dim(), name + ": rank");
                float[] got = out.toFloatArray();
                JsonNode bits = want.get("bits");
                assertEquals(bits.size(), got.length, name + ": element count");
                int bad = 0, first = -1;
                for (int k = 0; k < got.length; k++) {
                    int w = (int) bits.get(k).asLong(), g = Float.floatToRawIntBits(got[k]);
                    boolean bothNaN = Float.isNaN(got[k]) && Float.isNaN(Float.intBitsToFloat(w));
                    if (w != g && !bothNaN) {
                        if (first < 0) first = k;
                        bad++;
                    }
                }
                if (bad > 0) {
                    int w = (int) bits.get(first).asLong();
                    throw new AssertionError(name + ": " + bad + "/" + got.length + " elements differ; first at " + first + ": got "
                            + got[first] + " (0x" + Integer.toHexString(Float.floatToRawIntBits(got[first])) + "), PyTorch "
                            + Float.intBitsToFloat(w) + " (0x" + Integer.toHexString(w) + ")");
                }
            }));
        }
        return tests.stream();
    }

    /**
     * The 2000-step polynomial fit of sin(x) from "Learning PyTorch with Examples" (hand-written gradients):
     * loss.item() every 100 steps and the final coefficients, exactly.
     */
    @Test
    void trainingTrajectoryExactly() {
        JsonNode traj = GOLDEN.get("trajectory");
        manualSeed(0);
        Tensor xs = linspace(-Math.PI, Math.PI, 2000), ys = sin(xs);
        Tensor a = randn(), b = randn(), c = randn(), d = randn();
        double lr = 1e-6;
        List<String> mismatches = new ArrayList<>();
        int row = 0;
        for (int t = 0; t < 2000; t++) {
            Tensor yPred = a.add(b.mul(xs)).add(c.mul(xs.pow(2))).add(d.mul(xs.pow(3)));
            double loss = yPred.sub(ys).pow(2).sum().item();
            if (t % 100 == 99) {
                JsonNode want = traj.get("loss_item_every_100").get(row++);
                if (loss != want.get(1).asDouble()) mismatches.add("step " + t + ": " + loss + " vs PyTorch " + want.get(1).asDouble());
            }
            Tensor gy = yPred.sub(ys).mul(2.0);
            Tensor ga = gy.sum(), gb = gy.mul(xs).sum(), gc = gy.mul(xs.pow(2)).sum(), gd = gy.mul(xs.pow(3)).sum();
            a.sub_(ga.mul(lr));
            b.sub_(gb.mul(lr));
            c.sub_(gc.mul(lr));
            d.sub_(gd.mul(lr));
        }
        Tensor[] coef = {a, b, c, d};
        for (int k = 0; k < 4; k++) {
            double want = traj.get("final").get(k).asDouble();
            if (coef[k].item() != want) mismatches.add("final coefficient " + k + ": " + coef[k].item() + " vs PyTorch " + want);
        }
        assertTrue(mismatches.isEmpty(), mismatches.size() + " mismatches:\n" + String.join("\n", mismatches));
    }
}
