// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.gradbook.autograd.DType;
import io.gradbook.autograd.Norms;
import io.gradbook.autograd.OracleFiles;
import io.gradbook.autograd.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * F.layer_norm and F.batch_norm against oracle/norms.json (make_norms.py): outputs, mean/rstd, save_mean/invstd,
 * running stats and the gradients of input, weight and bias, float32 and float64, every value bit for bit.
 */
class NormsTest {
    private static Tensor t(JsonNode c, String key) {
        return c.has(key) ? OracleFiles.tensor(c.get(key)) : null;
    }

    private static Tensor leaf(JsonNode c, String key) {
        Tensor v = t(c, key);
        return v == null ? null : v.requiresGrad_(true);
    }

    static String id(JsonNode c) {
        StringBuilder b = new StringBuilder(c.get("op").asText()).append(' ').append(c.get("dtype").asText()).append(' ')
                .append(c.get("x").get("shape"));
        if (c.has("training")) b.append(c.get("training").asBoolean() ? " train" : " eval");
        b.append(c.has("w") ? " affine" : " no-affine");
        if (c.get("op").asText().equals("batch_norm") && !c.has("running_mean")) b.append(" untracked");
        return b.toString();
    }

    @TestFactory
    Stream<DynamicTest> bitForBit() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : OracleFiles.json("norms.json").get("cases")) {
            tests.add(DynamicTest.dynamicTest(id(c), () -> {
                Tensor x = leaf(c, "x"), w = leaf(c, "w"), b = leaf(c, "b"), g = t(c, "grad");
                List<String> bad = new ArrayList<>();
                if (c.get("op").asText().equals("layer_norm")) {
                    int[] ns = new int[c.get("normalized_shape").size()];
                    for (int i = 0; i < ns.length; i++) ns[i] = c.get("normalized_shape").get(i).asInt();
                    Tensor y = F.layerNorm(x, ns, w, b, 1e-5);
                    assertEquals("NativeLayerNormBackward0", y.gradFn().name());
                    y.backward(g);
                    Tensor[] r = Norms.nativeLayerNorm(x.detach(), ns, w == null ? null : w.detach(), b == null ? null : b.detach(), 1e-5);
                    check(bad, c, "y", y);
                    check(bad, c, "mean", r[1]);
                    check(bad, c, "rstd", r[2]);
                } else {
                    Tensor rm = t(c, "running_mean"), rv = t(c, "running_var");
                    boolean training = c.get("training").asBoolean();
                    Tensor y = F.batchNorm(x, rm, rv, w, b, training, c.get("momentum").asDouble(), 1e-5);
                    assertEquals("NativeBatchNormBackward0", y.gradFn().name());
                    y.backward(g);
                    check(bad, c, "y", y);
                    if (rm != null) {
                        check(bad, c, "running_mean_after", rm);
                        check(bad, c, "running_var_after", rv);
                    }
                }
                check(bad, c, "grad_x", x.grad());
                if (w != null) {
                    check(bad, c, "grad_w", w.grad());
                    check(bad, c, "grad_b", b.grad());
                }
                if (!bad.isEmpty()) fail(String.join("; ", bad));
            }));
        }
        return tests.stream();
    }

    /** Every value's bits equal; a mismatch is reported with its count and largest distance in ULP. */
    static void check(List<String> bad, JsonNode c, String key, Tensor actual) {
        Tensor e = OracleFiles.tensor(c.get(key));
        assertArrayEquals(e.shape().toArray(), actual.shape().toArray(), key + " shape");
        assertEquals(e.dtype(), actual.dtype(), key + " dtype");
        double[] ev = e.toDoubleArray(), av = actual.toDoubleArray();
        boolean f32 = e.dtype() == DType.FLOAT32;
        int n = 0;
        long worst = 0;
        for (int i = 0; i < ev.length; i++) {
            long d = f32 ? Math.abs((long) ordered32((float) ev[i]) - ordered32((float) av[i])) : Math.abs(ordered64(ev[i]) - ordered64(av[i]));
            boolean same = f32 ? Float.floatToRawIntBits((float) ev[i]) == Float.floatToRawIntBits((float) av[i])
                    : Double.doubleToRawLongBits(ev[i]) == Double.doubleToRawLongBits(av[i]);
            if (!same) {
                n++;
                worst = Math.max(worst, Math.max(d, 1));
            }
        }
        if (n > 0) bad.add(key + ": " + n + "/" + ev.length + " differ, up to " + worst + " ULP");
    }

    static int ordered32(float f) {
        int b = Float.floatToRawIntBits(f);
        return b < 0 ? Integer.MIN_VALUE - b : b;
    }

    static long ordered64(double f) {
        long b = Double.doubleToRawLongBits(f);
        return b < 0 ? Long.MIN_VALUE - b : b;
    }
}
