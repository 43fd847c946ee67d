// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import static io.gradbook.autograd.Torch.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Storage per dtype against PyTorch's answers (oracle/storage.json, from make_storage.py): bytes per element,
 * int64 exact beyond 2^53 through arithmetic, sums and printing, float16 rounding and arithmetic as bit patterns;
 * and element-wise results that do not depend on how many threads run the chunks.
 */
class StorageTest {
    private static final JsonNode ORACLE = load();

    private static JsonNode load() {
        try (InputStream in = StorageTest.class.getResourceAsStream("/oracle/storage.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long[] longs(JsonNode n) {
        long[] v = new long[n.size()];
        for (int i = 0; i < v.length; i++) v[i] = n.get(i).asLong();
        return v;
    }

    @Test
    void bytesPerElementArePyTorchs() {
        JsonNode sizes = ORACLE.get("element_size");
        DType[] dtypes = {float32, float64, int64, int32, bool, float16};
        for (DType d : dtypes) {
            String name = d.toString().replace("torch.", "");
            Tensor t = zeros(d, 3);
            assertEquals(sizes.get(name).asInt(), t.elementSize(), name);
            assertEquals(sizes.get(name).asInt(), d.itemSize(), name);
        }
        assertEquals(Storage.FloatStorage.class, zeros(3).storage.getClass());
        assertEquals(Storage.LongStorage.class, arange(3L).storage.getClass());
    }

    @Test
    void int64StaysExactBeyondTwoToThe53() {
        JsonNode o = ORACLE.get("int64");
        long[] v = longs(o.get("values"));
        Tensor big = tensor(v);
        assertEquals(int64, big.dtype());
        assertArrayEquals(v, big.toLongArray());
        assertArrayEquals(longs(o.get("add_1")), big.add(1L).toLongArray());
        Tensor two = big.slice(0, 0, 2);
        assertArrayEquals(longs(o.get("add_self")), two.add(two).toLongArray());
        assertArrayEquals(longs(o.get("mul_3")), two.mul(3L).toLongArray());
        assertEquals(o.get("sum").asLong(), two.sum().toLongArray()[0]);
        assertArrayEquals(longs(o.get("sub_tensor")), big.sub(tensor(1L, 1L, 1L)).toLongArray());
        assertEquals(o.get("repr").asText(), big.toString());
        long start = 1L << 53;
        assertEquals(o.get("arange_repr").asText(), arange(start, start + 4).toString());
    }

    private static int[] halfBits(Tensor t) {
        Tensor c = t.contiguous();
        short[] a = ((Storage.HalfStorage) c.storage).a;
        int[] bits = new int[c.numel()];
        for (int i = 0; i < bits.length; i++) bits[i] = a[c.offset + i] & 0xffff;
        return bits;
    }

    private static int[] ints(JsonNode n) {
        int[] v = new int[n.size()];
        for (int i = 0; i < v.length; i++) v[i] = n.get(i).asInt();
        return v;
    }

    private static Tensor half(JsonNode bits) {
        Tensor t = zeros(float16, bits.size());
        short[] a = ((Storage.HalfStorage) t.storage).a;
        for (int i = 0; i < a.length; i++) a[i] = (short) bits.get(i).asInt();
        return t;
    }

    @Test
    void float16RoundsAndComputesAsPyTorch() {
        JsonNode o = ORACLE.get("float16");
        JsonNode src = o.get("from_double");
        double[] values = new double[src.size()];
        for (int i = 0; i < values.length; i++) values[i] = src.get(i).asDouble();
        Tensor h = tensor(values, float16);
        assertArrayEquals(ints(o.get("bits")), halfBits(h));
        assertEquals(o.get("repr").asText(), h.toString());
        Tensor a = half(o.get("a")), b = half(o.get("b"));
        assertArrayEquals(ints(o.get("add")), halfBits(a.add(b)));
        assertArrayEquals(ints(o.get("mul")), halfBits(a.mul(b)));
        assertArrayEquals(ints(o.get("div")), halfBits(a.div(b)));
        assertArrayEquals(ints(o.get("mul_scalar_0.1")), halfBits(a.mul(0.1)));
        float[] f = a.toFloat().toFloatArray();
        int[] fb = new int[f.length];
        for (int i = 0; i < f.length; i++) fb[i] = Float.floatToRawIntBits(f[i]);
        assertArrayEquals(ints(o.get("to_float32")), fb);
    }

    /** Element-wise work large enough to run in parallel chunks, on contiguous, broadcast and strided operands. */
    private static List<float[]> elementwiseWork() {
        manualSeed(7);
        Tensor x = randn(300, 701), row = randn(701), col = randn(300, 1);
        Tensor xt = x.t();
        List<float[]> out = new ArrayList<>();
        out.add(x.sin().mul(x).exp().toFloatArray());
        out.add(x.add(row).mul(col).sub(0.25).toFloatArray());
        out.add(xt.mul(2.5).add(xt.tanh()).toFloatArray());
        out.add(x.pow(2.5).sigmoid().log().toFloatArray());
        out.add(x.add(row, 0.3).relu().toFloatArray());
        out.add(x.clone().mul_(x).add_(1.0).toFloatArray());
        return out;
    }

    private static List<float[]> inPool(int threads, Supplier<List<float[]>> work) throws Exception {
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            return pool.submit(work::get).get();
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void elementwiseResultsDoNotDependOnThreads() throws Exception {
        List<float[]> sequential;
        TensorIterator.parallel = false;
        try {
            sequential = elementwiseWork();
        } finally {
            TensorIterator.parallel = true;
        }
        for (int threads : new int[] {1, 2, 3, 8}) {
            List<float[]> got = inPool(threads, StorageTest::elementwiseWork);
            for (int k = 0; k < got.size(); k++) {
                float[] a = sequential.get(k), b = got.get(k);
                assertEquals(a.length, b.length);
                for (int i = 0; i < a.length; i++) {
                    assertEquals(Float.floatToRawIntBits(a[i]), Float.floatToRawIntBits(b[i]), "work " + k + " element " + i + " with " + threads + " threads");
                }
            }
        }
    }
}
