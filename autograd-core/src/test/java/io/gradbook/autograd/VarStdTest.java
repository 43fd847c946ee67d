// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * var / std against PyTorch 1.13's bits (oracle/varstd.json, recorded by make_varstd.py): all elements and over
 * dims, correction 0/1/2, keepdim, transposed input, a one-element output, float32 and float64.
 */
class VarStdTest {
    private static JsonNode root;

    static synchronized JsonNode json() {
        if (root == null) {
            try (InputStream in = VarStdTest.class.getResourceAsStream("/oracle/varstd.json")) {
                root = new ObjectMapper().readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return root;
    }

    /** A tensor from {"shape", "dtype", "b64"} (little-endian float32 or float64 bytes). */
    static Tensor tensor(JsonNode t) {
        int[] shape = new int[t.get("shape").size()];
        for (int i = 0; i < shape.length; i++) shape[i] = t.get("shape").get(i).asInt();
        ByteBuffer b = ByteBuffer.wrap(Base64.getDecoder().decode(t.get("b64").asText())).order(ByteOrder.LITTLE_ENDIAN);
        if (t.get("dtype").asText().equals("float64")) {
            double[] v = new double[b.remaining() / 8];
            b.asDoubleBuffer().get(v);
            return Torch.tensor(v, DType.FLOAT64).reshape(shape);
        }
        float[] v = new float[b.remaining() / 4];
        b.asFloatBuffer().get(v);
        return Torch.tensor(v).reshape(shape);
    }

    @TestFactory
    Stream<DynamicTest> varStd() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : json().get("cases")) {
            int[] dims = null;
            if (!c.get("dims").isNull()) {
                dims = new int[c.get("dims").size()];
                for (int i = 0; i < dims.length; i++) dims[i] = c.get("dims").get(i).asInt();
            }
            int[] d = dims;
            String what = c.get("op").asText() + "(" + c.get("input").asText() + (c.get("transposed").asBoolean() ? ".t()" : "")
                    + ", dim=" + java.util.Arrays.toString(dims) + ", correction=" + c.get("correction").asInt() + ", keepdim=" + c.get("keepdim").asBoolean() + ")";
            tests.add(DynamicTest.dynamicTest(what + " bit for bit", () -> {
                Tensor x = tensor(json().get("tensors").get(c.get("input").asText()));
                if (c.get("transposed").asBoolean()) x = x.t();
                int corr = c.get("correction").asInt();
                boolean keep = c.get("keepdim").asBoolean();
                Tensor y = c.get("op").asText().equals("var") ? x.var(d, corr, keep) : x.std(d, corr, keep);
                Tensor e = tensor(c.get("output"));
                assertArrayEquals(e.shape().toArray(), y.shape().toArray(), what + " shape");
                double[] ev = e.toDoubleArray(), av = y.toDoubleArray();
                for (int i = 0; i < ev.length; i++) {
                    assertEquals(Double.doubleToLongBits(ev[i]), Double.doubleToLongBits(av[i]), what + "[" + i + "]: " + av[i] + " vs PyTorch " + ev[i]);
                }
            }));
        }
        return tests.stream();
    }
}
