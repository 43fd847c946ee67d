// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gradbook.autograd.DType;
import io.gradbook.autograd.Tensor;
import io.gradbook.autograd.Torch;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PyTorch 1.13.1's recorded side of the nn/optim/data tests ({@code oracle/nn.json}, written by
 * {@code oracle/make_nn.py}). Float32 values are stored as JSON doubles, which is exact, so {@link #assertExact}
 * is a comparison of float32 bit patterns; {@link #assertClose} is the separate tolerance check that holds until
 * the engine computes float32 exactly as PyTorch does.
 */
final class Oracle {
    private Oracle() {}

    private static JsonNode root;

    static synchronized JsonNode json() {
        if (root == null) {
            try (InputStream in = Oracle.class.getResourceAsStream("/oracle/nn.json")) {
                root = new ObjectMapper().readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return root;
    }

    static double[] doubles(JsonNode arr) {
        double[] out = new double[arr.size()];
        for (int i = 0; i < out.length; i++) out[i] = arr.get(i).asDouble();
        return out;
    }

    static int[] ints(JsonNode arr) {
        int[] out = new int[arr.size()];
        for (int i = 0; i < out.length; i++) out[i] = arr.get(i).asInt();
        return out;
    }

    /** A tensor from {"shape", "dtype", "values"}. */
    static Tensor tensor(JsonNode t) {
        int[] shape = ints(t.get("shape"));
        double[] v = doubles(t.get("values"));
        Tensor flat;
        switch (t.get("dtype").asText()) {
            case "int64": {
                long[] l = new long[v.length];
                for (int i = 0; i < l.length; i++) l[i] = (long) v[i];
                flat = Torch.tensor(l);
                break;
            }
            case "float64": flat = Torch.tensor(v, DType.FLOAT64); break;
            default: flat = Torch.tensor(v, DType.FLOAT32);
        }
        return flat.reshape(shape);
    }

    static Map<String, Tensor> state(JsonNode s) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        s.fields().forEachRemaining(e -> out.put(e.getKey(), tensor(e.getValue())));
        return out;
    }

    /** Same shape and every value equal (float32 bit patterns, -0.0 and 0.0 told apart). */
    static void assertExact(JsonNode expected, Tensor actual, String what) {
        assertArrayEquals(ints(expected.get("shape")), actual.shape().toArray(), what + ": shape");
        double[] e = doubles(expected.get("values")), a = actual.toDoubleArray();
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < e.length; i++) {
            if (Double.doubleToLongBits(e[i]) != Double.doubleToLongBits(a[i])) bad.add(i + ": " + a[i] + " vs " + e[i]);
        }
        if (!bad.isEmpty()) fail(what + ": " + bad.size() + "/" + e.length + " values differ from PyTorch's bits, e.g. " + bad.subList(0, Math.min(3, bad.size())));
    }

    /** Same shape and every float32 value within maxUlps of PyTorch's (a known gap of evaluation order). */
    static void assertWithinUlps(JsonNode expected, Tensor actual, String what, int maxUlps) {
        assertArrayEquals(ints(expected.get("shape")), actual.shape().toArray(), what + ": shape");
        double[] e = doubles(expected.get("values")), a = actual.toDoubleArray();
        for (int i = 0; i < e.length; i++) {
            long d = Math.abs((long) ordered((float) e[i]) - ordered((float) a[i]));
            if (d > maxUlps) fail(what + "[" + i + "]: " + a[i] + " vs PyTorch " + e[i] + " (" + d + " ULP apart, " + maxUlps + " allowed)");
        }
    }

    /** Float bits on one monotonic integer line, so adjacent floats differ by 1 (and -0.0 meets 0.0). */
    private static int ordered(float f) {
        int b = Float.floatToRawIntBits(f);
        return b < 0 ? Integer.MIN_VALUE - b : b;
    }

    static void assertClose(JsonNode expected, Tensor actual, String what, double rtol, double atol) {
        assertArrayEquals(ints(expected.get("shape")), actual.shape().toArray(), what + ": shape");
        assertClose(doubles(expected.get("values")), actual.toDoubleArray(), what, rtol, atol);
    }

    static void assertClose(double[] e, double[] a, String what, double rtol, double atol) {
        assertEquals(e.length, a.length, what + ": length");
        for (int i = 0; i < e.length; i++) {
            if (!(Math.abs(e[i] - a[i]) <= atol + rtol * Math.abs(e[i]))) {
                fail(what + "[" + i + "]: " + a[i] + " vs PyTorch " + e[i]);
            }
        }
    }

    static JsonNode find(String section, String id) {
        for (JsonNode c : json().get(section)) if (c.get("id").asText().equals(id)) return c;
        throw new IllegalArgumentException(section + "/" + id);
    }
}
