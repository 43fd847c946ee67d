// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/** The PyTorch recordings under {@code src/test/resources/oracle/}, read once each, and their base64 tensors. */
public final class OracleFiles {
    private OracleFiles() {}

    private static final Map<String, JsonNode> LOADED = new HashMap<>();

    /** {@code oracle/<name>} parsed (e.g. "norm.json"). */
    public static synchronized JsonNode json(String name) {
        return LOADED.computeIfAbsent(name, n -> {
            try (InputStream in = OracleFiles.class.getResourceAsStream("/oracle/" + n)) {
                return new ObjectMapper().readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** A JSON array of integers. */
    public static int[] ints(JsonNode a) {
        int[] r = new int[a.size()];
        for (int i = 0; i < r.length; i++) r[i] = a.get(i).asInt();
        return r;
    }

    /** A JSON array of integers, or null for JSON null (a recording's "dims" of a reduction over all elements). */
    public static int[] intsOrNull(JsonNode a) {
        return a.isNull() ? null : ints(a);
    }

    /** A tensor from {"shape", "dtype", "b64"}: little-endian bytes in its dtype (int64, float64, else float32). */
    public static Tensor tensor(JsonNode t) {
        int[] shape = ints(t.get("shape"));
        ByteBuffer b = ByteBuffer.wrap(Base64.getDecoder().decode(t.get("b64").asText())).order(ByteOrder.LITTLE_ENDIAN);
        Tensor flat;
        switch (t.get("dtype").asText()) {
            case "int64": {
                long[] v = new long[b.remaining() / 8];
                b.asLongBuffer().get(v);
                flat = Torch.tensor(v);
                break;
            }
            case "float64": {
                double[] v = new double[b.remaining() / 8];
                b.asDoubleBuffer().get(v);
                flat = Torch.tensor(v, DType.FLOAT64);
                break;
            }
            default: {
                float[] v = new float[b.remaining() / 4];
                b.asFloatBuffer().get(v);
                flat = Torch.tensor(v);
            }
        }
        return flat.reshape(shape);
    }

    /** Bit patterns, element by element in logical order, after dtype and shape; a NaN's payload and sign are not compared. */
    public static void assertSameBits(Tensor want, Tensor got, String what) {
        org.junit.jupiter.api.Assertions.assertEquals(want.dtype(), got.dtype(), what + " dtype");
        org.junit.jupiter.api.Assertions.assertEquals(java.util.Arrays.toString(want.shapeArray()),
                java.util.Arrays.toString(got.shapeArray()), what + " shape");
        double[] w = want.toDoubleArray(), g = got.toDoubleArray();
        boolean f32 = want.dtype() == DType.FLOAT32;
        StringBuilder bad = new StringBuilder();
        int count = 0;
        for (int i = 0; i < w.length; i++) {
            long wb = f32 ? Float.floatToRawIntBits((float) w[i]) : Double.doubleToRawLongBits(w[i]);
            long gb = f32 ? Float.floatToRawIntBits((float) g[i]) : Double.doubleToRawLongBits(g[i]);
            if (wb == gb || Double.isNaN(w[i]) && Double.isNaN(g[i])) continue;
            if (count++ < 5) bad.append(String.format(" [%d] want %s got %s;", i, w[i], g[i]));
        }
        org.junit.jupiter.api.Assertions.assertEquals(0, count, what + " elements differing:" + bad);
    }

    /**
     * One recorded case of a random op form (dropout, rrelu): seeded as PyTorch was, applied to x or, for the
     * in-place forms, to a clone of it, then held to the recording: the same tensor returned or not, the version
     * bump and node (unless {@code checkNode} is false), the generator's position after the draws, the forward and
     * x's gradient, bit for bit.
     */
    public static void assertSeededForm(JsonNode c, String form, UnaryOperator<Tensor> op, boolean onClone, boolean checkNode) {
        Torch.manualSeed(c.get("seed").asLong());
        Tensor x = tensor(c.get("x")).requiresGrad_(true);
        Tensor h = onClone ? x.clone() : x;
        int v0 = h.version();
        Tensor y = op.apply(h);
        Tensor after = Torch.rand(DType.FLOAT64, 3);
        org.junit.jupiter.api.Assertions.assertEquals(c.get("same").asBoolean(), y == h, "same tensor");
        if (checkNode) {
            org.junit.jupiter.api.Assertions.assertEquals(c.get("version_bump").asInt(), h.version() - v0, "version bump");
            org.junit.jupiter.api.Assertions.assertEquals(c.get("grad_fn").asText(), y.gradFn().name(), "grad_fn");
        }
        assertSameBits(tensor(c.get("after")), after, form + " generator position");
        y.backward(tensor(c.get("g")));
        assertSameBits(tensor(c.get("y")), y, form + " forward");
        assertSameBits(tensor(c.get("grad")), x.grad(), form + " grad");
    }
}
