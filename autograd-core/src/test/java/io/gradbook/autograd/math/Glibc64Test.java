// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.gradbook.autograd.OracleFiles;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Glibc64 against glibc's own exp and log bits, Glibc64Hyp's sinh/cosh/tanh/expm1/asinh/atanh, Glibc64Log1p's log1p, Glibc64Atan2's atan2 and Float32Atan2's glibc atan2f, Float64Hypot's glibc hypot (y in x, x in e), Float32Exp2's glibc exp2f and Glibc64Pow's pow against glibc's
 * (oracle/glibc64.json, make_glibc64.py, Python's math module): 19,000 to 20,000 inputs each.
 */
class Glibc64Test {
    private static double[] doubles(JsonNode b64) {
        ByteBuffer b = ByteBuffer.wrap(Base64.getDecoder().decode(b64.asText())).order(ByteOrder.LITTLE_ENDIAN);
        double[] v = new double[b.remaining() / 8];
        b.asDoubleBuffer().get(v);
        return v;
    }

    private static double value(String op, double x, double e) {
        switch (op) {
            case "exp": return Glibc64.exp(x);
            case "log": return Glibc64.log(x);
            case "sinh": return Glibc64Hyp.sinh(x);
            case "cosh": return Glibc64Hyp.cosh(x);
            case "expm1": return Glibc64Hyp.expm1(x);
            case "tanh": return Glibc64Hyp.tanh(x);
            case "asinh": return Glibc64Hyp.asinh(x);
            case "atanh": return Glibc64Hyp.atanh(x);
            case "log1p": return Glibc64Log1p.log1p(x);
            case "atan2": return Glibc64Atan2.atan2(x, e);
            case "atan2f": return Float32Atan2.scalar((float) x, (float) e);
            case "hypot": return Float64Hypot.scalar(x, e);
            case "exp2f": return Float32Exp2.exp2((float) x);
            default: return Glibc64Pow.pow(x, e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"exp", "log", "sinh", "cosh", "expm1", "tanh", "log1p", "atan2", "atan2f", "hypot", "exp2f", "pow", "asinh", "atanh"})
    void bitForBit(String op) {
        JsonNode c = OracleFiles.json("glibc64.json").get(op);
        double[] x = doubles(c.get("x")), y = doubles(c.get("y")), e = c.has("e") ? doubles(c.get("e")) : new double[x.length];
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            double r = value(op, x[i], e[i]);
            if (Double.doubleToRawLongBits(r) != Double.doubleToRawLongBits(y[i])) bad.add(op + "(" + x[i] + ") = " + r + ", glibc " + y[i]);
        }
        if (!bad.isEmpty()) fail(bad.size() + "/" + x.length + " differ, e.g. " + bad.subList(0, Math.min(3, bad.size())));
    }
}
