// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

import static org.junit.jupiter.api.Assertions.assertTrue;
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
 * Glibc64Trig's sin and cos against glibc's own bits (oracle/glibc_sincos.json, make_glibc_sincos.py, Python's math
 * module): 43,000+ inputs, 30,000 of them the Box-Muller angles 2 pi u, the rest every quadrant and path bound; and
 * that StrictMath (what Generator used before) is not the same function on these inputs, so the test can tell them
 * apart.
 */
class Glibc64SinCosTest {
    private static double[] doubles(JsonNode b64) {
        ByteBuffer b = ByteBuffer.wrap(Base64.getDecoder().decode(b64.asText())).order(ByteOrder.LITTLE_ENDIAN);
        double[] v = new double[b.remaining() / 8];
        b.asDoubleBuffer().get(v);
        return v;
    }

    @ParameterizedTest
    @ValueSource(strings = {"sin", "cos"})
    void bitForBit(String op) {
        JsonNode c = OracleFiles.json("glibc_sincos.json");
        double[] x = doubles(c.get("x")), y = doubles(c.get(op));
        List<String> bad = new ArrayList<>();
        int strictDiffers = 0;
        for (int i = 0; i < x.length; i++) {
            double r = op.equals("sin") ? Glibc64Trig.sin(x[i]) : Glibc64Trig.cos(x[i]);
            double s = op.equals("sin") ? StrictMath.sin(x[i]) : StrictMath.cos(x[i]);
            if (Double.doubleToRawLongBits(s) != Double.doubleToRawLongBits(y[i])) strictDiffers++;
            if (Double.doubleToRawLongBits(r) != Double.doubleToRawLongBits(y[i])) bad.add(op + "(" + x[i] + ") = " + r + ", glibc " + y[i]);
        }
        if (!bad.isEmpty()) fail(bad.size() + "/" + x.length + " differ, e.g. " + bad.subList(0, Math.min(3, bad.size())));
        assertTrue(strictDiffers > 0, "StrictMath." + op + " matches glibc on every input: the recording cannot tell them apart");
    }
}
