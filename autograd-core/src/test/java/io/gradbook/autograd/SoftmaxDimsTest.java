// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gradbook.autograd.math.RowSplit;
import io.gradbook.autograd.math.Simd;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * softmax and log_softmax over every kind of dim, forward and backward ({@code _softmax_backward_data},
 * {@code _log_softmax_backward_data}), and cross entropy's loss and input grad, against PyTorch 1.13.1's bits
 * ({@code oracle/softmax_dims.json}, {@code make_softmax_dims.py}): last dim, dim 0 and middle dims, inner sizes
 * with vector tails and log_softmax's chunks, transposed and strided inputs and grads, NaN/inf rows, 0-d. float32
 * bit for bit, with the Vector API and without, rows on the pool and on one thread; float64 equal values
 * ({@link #F64_GAP} ULPs).
 */
class SoftmaxDimsTest {
    /**
     * float64 runs PyTorch's 4-lane double kernels too ({@code Float64Softmax}, bit for bit, also in
     * Float64SoftmaxTest): no ULP allowed, each value equal to PyTorch's (a NaN matches a NaN).
     */
    static final long F64_GAP = 0;

    private static Tensor view(Tensor t, JsonNode kind) {
        if (kind == null || kind.isNull()) return t;
        switch (kind.asText()) {
            case "t01": return t.transpose(0, 1);
            case "step2": return t.slice(-1, 0, t.size(-1), 2);
            default: throw new IllegalArgumentException(kind.asText());
        }
    }

    /** Runs the case; returns {out, x.grad}. */
    private static Tensor[] run(JsonNode c) {
        Tensor x = OracleFiles.tensor(c.get("x")).requiresGrad_();
        Tensor xin = view(x, c.get("xview"));
        int dim = c.get("dim").asInt();
        Tensor y = c.get("op").asText().equals("softmax") ? Torch.softmax(xin, dim) : Torch.logSoftmax(xin, dim);
        y.backward(view(OracleFiles.tensor(c.get("g")), c.get("gview")));
        return new Tensor[] {y, x.grad()};
    }

    /**
     * float32 bit for bit, NaN's payload too except in grads (below); float64 within F64_GAP (0) ULPs
     * of the tensor's largest finite value. Returns that distance (0 for float32).
     */
    static long compare(JsonNode expected, Tensor actual, String what) {
        Tensor want = OracleFiles.tensor(expected);
        assertArrayEquals(want.shapeArray(), actual.shapeArray(), what + ": shape");
        assertEquals(want.dtype(), actual.dtype(), what + ": dtype");
        boolean grad = what.endsWith("grad");
        if (want.dtype() == DType.FLOAT32) {
            float[] w = want.toFloatArray(), a = actual.contiguous().toFloatArray();
            for (int i = 0; i < w.length; i++) {
                // a known gap: where a row holds NaN, the grads' NaNs carry x86's payload in PyTorch (the first NaN
                // operand of each instruction, an FMA's negated NaN operand unsigned) and Java's canonical NaN
                // wherever Math.fma runs before the JIT intrinsifies it; NaN stays NaN
                if (grad && Float.isNaN(w[i]) && Float.isNaN(a[i])) continue;
                assertEquals(Float.floatToRawIntBits(w[i]), Float.floatToRawIntBits(a[i]), what + " at " + i + ": PyTorch " + w[i] + ", ours " + a[i]);
            }
            return 0;
        }
        double[] w = want.toDoubleArray(), a = actual.contiguous().toDoubleArray();
        double scale = 0;
        for (double v : w) if (Double.isFinite(v)) scale = Math.max(scale, Math.abs(v));
        double ulp = Math.ulp(scale);
        long worst = 0;
        for (int i = 0; i < w.length; i++) {
            if (Double.isNaN(w[i]) || Double.isNaN(a[i])) {
                assertTrue(Double.isNaN(w[i]) && Double.isNaN(a[i]), what + " at " + i + ": PyTorch " + w[i] + ", ours " + a[i]);
                continue;
            }
            if (Double.isInfinite(w[i]) || Double.isInfinite(a[i])) {
                assertEquals(w[i], a[i], what + " at " + i);
                continue;
            }
            long d = (long) Math.ceil(Math.abs(w[i] - a[i]) / ulp);
            worst = Math.max(worst, d);
            assertTrue(d <= F64_GAP, what + " at " + i + ": PyTorch " + w[i] + ", ours " + a[i] + " (" + d + " ULPs of " + scale + ")");
        }
        return worst;
    }

    @TestFactory
    List<DynamicTest> softmaxAndLogSoftmaxMatchPyTorch() {
        JsonNode cases = OracleFiles.json("softmax_dims.json").get("cases");
        List<DynamicTest> tests = new ArrayList<>();
        // each way the float32 kernels can run: they must all give PyTorch's bits
        Map<String, boolean[]> modes = Map.of("vector, pool", new boolean[] {true, true},
                "vector, one thread", new boolean[] {true, false}, "scalar, one thread", new boolean[] {false, false});
        for (JsonNode c : cases) {
            String name = c.get("name").asText();
            for (var m : modes.entrySet()) {
                if (!name.contains(" f32 ") && !m.getKey().equals("vector, pool")) continue;
                tests.add(DynamicTest.dynamicTest(name + " (" + m.getKey() + ")", () -> {
                    Simd.setEnabled(m.getValue()[0]);
                    RowSplit.setParallel(m.getValue()[1]);
                    try {
                        Tensor[] r = run(c);
                        long a = compare(c.get("out"), r[0], name + " output");
                        long b = compare(c.get("grad"), r[1], name + " input grad");
                        if (a + b > 0) System.out.printf("%-50s float64 %d / %d ULPs (output / grad)%n", name, a, b);
                    } finally {
                        Simd.setEnabled(Simd.available());
                        RowSplit.setParallel(true);
                    }
                }));
            }
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> crossEntropyMatchesPyTorch() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : OracleFiles.json("softmax_dims.json").get("cross_entropy")) {
            String name = c.get("name").asText();
            tests.add(DynamicTest.dynamicTest(name, () -> {
                Tensor x = OracleFiles.tensor(c.get("x")).requiresGrad_();
                Tensor loss = Torch.crossEntropy(x, OracleFiles.tensor(c.get("target")));
                loss.backward();
                compare(c.get("loss"), loss, name + " loss");
                compare(c.get("grad"), x.grad(), name + " input grad");
            }));
        }
        return tests;
    }
}
