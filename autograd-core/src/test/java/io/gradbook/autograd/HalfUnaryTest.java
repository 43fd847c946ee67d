// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * float16 unary ops as PyTorch 1.13.1 runs them on CPU (oracle/half_unary.json, make_half_unary.py): most have no
 * Half kernel and raise PyTorch's error naming it, out of place and in place alike; the rest (neg, abs, sign,
 * reciprocal, exp2, frac) give PyTorch's bits for every one of the 65,536 float16 inputs. And float64 asinh and atanh,
 * whose one double function ({@link UnaryOp}) float16 would reach, bit for bit against PyTorch's.
 */
class HalfUnaryTest {
    private static final JsonNode ORACLE = OracleFiles.json("half_unary.json");

    private static final Map<String, UnaryOperator<Tensor>> OPS = new LinkedHashMap<>();
    private static final Map<String, UnaryOperator<Tensor>> IN_PLACE = new LinkedHashMap<>();

    static {
        OPS.put("neg", Tensor::neg);
        OPS.put("abs", Tensor::abs);
        OPS.put("sign", Tensor::sign);
        OPS.put("relu", Tensor::relu);
        OPS.put("exp", Tensor::exp);
        OPS.put("log", Tensor::log);
        OPS.put("sqrt", Tensor::sqrt);
        OPS.put("sin", Tensor::sin);
        OPS.put("cos", Tensor::cos);
        OPS.put("tanh", Tensor::tanh);
        OPS.put("sigmoid", Tensor::sigmoid);
        OPS.put("reciprocal", Tensor::reciprocal);
        OPS.put("log1p", Tensor::log1p);
        OPS.put("expm1", Tensor::expm1);
        OPS.put("log2", Tensor::log2);
        OPS.put("log10", Tensor::log10);
        OPS.put("exp2", Tensor::exp2);
        OPS.put("atan", Tensor::atan);
        OPS.put("asin", Tensor::asin);
        OPS.put("acos", Tensor::acos);
        OPS.put("sinh", Tensor::sinh);
        OPS.put("cosh", Tensor::cosh);
        OPS.put("asinh", Tensor::asinh);
        OPS.put("atanh", Tensor::atanh);
        OPS.put("erf", Tensor::erf);
        OPS.put("floor", Tensor::floor);
        OPS.put("ceil", Tensor::ceil);
        OPS.put("round", Tensor::round);
        OPS.put("trunc", Tensor::trunc);
        OPS.put("frac", Tensor::frac);
        OPS.put("tan", Tensor::tan);
        OPS.put("erfc", Tensor::erfc);
        IN_PLACE.put("neg_", Tensor::neg_);
        IN_PLACE.put("abs_", Tensor::abs_);
        IN_PLACE.put("exp_", Tensor::exp_);
        IN_PLACE.put("log_", Tensor::log_);
        IN_PLACE.put("sqrt_", Tensor::sqrt_);
        IN_PLACE.put("sin_", Tensor::sin_);
        IN_PLACE.put("cos_", Tensor::cos_);
        IN_PLACE.put("sigmoid_", Tensor::sigmoid_);
        IN_PLACE.put("tanh_", Tensor::tanh_);
        IN_PLACE.put("relu_", Tensor::relu_);
        IN_PLACE.put("log1p_", Tensor::log1p_);
        IN_PLACE.put("expm1_", Tensor::expm1_);
        IN_PLACE.put("floor_", Tensor::floor_);
        IN_PLACE.put("ceil_", Tensor::ceil_);
        IN_PLACE.put("round_", Tensor::round_);
        IN_PLACE.put("trunc_", Tensor::trunc_);
    }

    private static Tensor half(int[] bits) {
        Tensor t = Torch.zeros(DType.FLOAT16, bits.length);
        short[] a = ((Storage.HalfStorage) t.storage).a;
        for (int i = 0; i < a.length; i++) a[i] = (short) bits[i];
        return t;
    }

    /** The result's bits, every NaN as 0x7e00 (make_half_unary.hbits). */
    private static int[] bits(Tensor t) {
        assertEquals(DType.FLOAT16, t.dtype());
        Tensor c = t.contiguous();
        short[] a = ((Storage.HalfStorage) c.storage).a;
        int[] b = new int[c.numel()];
        for (int i = 0; i < b.length; i++) {
            int h = a[c.offset + i] & 0xffff;
            b[i] = (h & 0x7c00) == 0x7c00 && (h & 0x3ff) != 0 ? 0x7e00 : h;
        }
        return b;
    }

    private static String sha256(int[] bits) throws Exception {
        byte[] le = new byte[bits.length * 2];
        for (int i = 0; i < bits.length; i++) {
            le[2 * i] = (byte) bits[i];
            le[2 * i + 1] = (byte) (bits[i] >>> 8);
        }
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(le));
    }

    @Test
    void everyOpIsTheOracles() throws Exception {
        assertEquals(OPS.keySet(), fieldNames(ORACLE.get("ops")));
        int[] special = OracleFiles.ints(ORACLE.get("special_bits"));
        int[] every = new int[65536];
        for (int i = 0; i < every.length; i++) every[i] = i;
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, UnaryOperator<Tensor>> op : OPS.entrySet()) {
            JsonNode o = ORACLE.get("ops").get(op.getKey());
            if (o.has("error")) {
                Throwable e = assertThrows(TorchException.RuntimeError.class, () -> op.getValue().apply(half(special)), op.getKey());
                if (!o.get("message").asText().equals(e.getMessage())) wrong.add(op.getKey() + ": " + e.getMessage());
                continue;
            }
            int[] got = bits(op.getValue().apply(half(special)));
            if (!java.util.Arrays.equals(OracleFiles.ints(o.get("special")), got)) wrong.add(op.getKey() + " special: " + java.util.Arrays.toString(got));
            String digest = sha256(bits(op.getValue().apply(half(every))));
            if (!o.get("every_sha256").asText().equals(digest)) wrong.add(op.getKey() + " over every float16: " + digest);
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void inPlaceMethodsRaiseWhereTheOpDoesAndLeaveTheTensor() {
        assertEquals(IN_PLACE.keySet(), fieldNames(ORACLE.get("in_place")));
        int[] special = OracleFiles.ints(ORACLE.get("special_bits"));
        for (Map.Entry<String, UnaryOperator<Tensor>> op : IN_PLACE.entrySet()) {
            JsonNode o = ORACLE.get("in_place").get(op.getKey());
            Tensor t = half(special);
            if (o.has("error")) {
                Throwable e = assertThrows(TorchException.RuntimeError.class, () -> op.getValue().apply(t), op.getKey());
                assertEquals(o.get("message").asText(), e.getMessage(), op.getKey());
                assertArrayEquals(bits(half(special)), bits(t), op.getKey() + " left the tensor as it was");
            } else {
                Tensor r = op.getValue().apply(t);
                assertTrue(r == t, op.getKey());
            }
        }
    }

    @Test
    void float64AsinhAndAtanhAreTorchsBits() {
        JsonNode o = ORACLE.get("float64");
        JsonNode xs = o.get("x");
        double[] x = new double[xs.size()];
        for (int i = 0; i < x.length; i++) x[i] = Double.longBitsToDouble(xs.get(i).asLong());
        Tensor t = Torch.tensor(x, DType.FLOAT64);
        Tensor clamped = t.clamp(-1, 1);
        for (String name : List.of("asinh", "atanh")) {
            double[] got = (name.equals("asinh") ? t.asinh() : clamped.atanh()).toDoubleArray();
            JsonNode want = o.get(name);
            List<String> wrong = new ArrayList<>();
            for (int i = 0; i < got.length; i++) {
                double w = Double.longBitsToDouble(want.get(i).asLong());
                boolean same = Double.isNaN(w) ? Double.isNaN(got[i]) : Double.doubleToRawLongBits(w) == Double.doubleToRawLongBits(got[i]);
                if (!same) wrong.add(name + "(" + x[i] + ") = " + got[i] + ", PyTorch " + w);
            }
            assertEquals(List.of(), wrong.size() > 8 ? wrong.subList(0, 8) : wrong, name + ": " + wrong.size() + " of " + got.length + " differ");
        }
    }

    private static java.util.Set<String> fieldNames(JsonNode o) {
        java.util.Set<String> s = new java.util.LinkedHashSet<>();
        o.fieldNames().forEachRemaining(s::add);
        return s;
    }
}
