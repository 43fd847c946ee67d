// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.gradbook.autograd.OracleFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Dev: one lane of each float64 function against PyTorch's contiguous results (oracle/f64math.json). */
class Sleef64LanesTest {
    static DoubleUnaryOperator lane(String op) {
        switch (op) {
            case "sin": return Sleef64Trig::sin;
            case "cos": return Sleef64Trig::cos;
            case "tan": return Sleef64Trig::tan;
            case "asin": return Sleef64Trig::asin;
            case "acos": return Sleef64Trig::acos;
            case "atan": return Sleef64Trig::atan;
            case "sinh": return Sleef64Exp::sinh;
            case "cosh": return Sleef64Exp::cosh;
            case "tanh": return Sleef64Exp::tanh;
            case "expm1": return Sleef64Exp::expm1;
            case "log1p": return Sleef64Exp::log1p;
            case "log2": return Sleef64Exp::log2;
            case "log10": return Sleef64Exp::log10;
            case "erf": return Sleef64Erf::erf;
            case "erfc": return Sleef64Erf::erfc;
            case "sigmoid": return v -> 1.0 / (Sleef64.exp(0.0 - v) + 1.0);
            default: throw new IllegalArgumentException(op);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh", "expm1", "log1p", "log2", "log10", "sigmoid", "erf", "erfc"})
    void lanes(String op) {
        JsonNode c = OracleFiles.json("f64math.json").get(op);
        double[] x = OracleFiles.tensor(c.get("x")).toDoubleArray();
        double[] v = OracleFiles.tensor(c.get("vector")).toDoubleArray();
        DoubleUnaryOperator f = lane(op);
        List<String> bad = new ArrayList<>();
        int nanBits = 0;
        int n = op.equals("sinh") || op.equals("cosh") || op.equals("sigmoid") ? x.length - x.length % 8 : x.length;
        for (int i = 0; i < n; i++) {
            double r = f.applyAsDouble(x[i]);
            if (Double.doubleToRawLongBits(r) == Double.doubleToRawLongBits(v[i])) continue;
            if (Double.isNaN(r) && Double.isNaN(v[i])) { nanBits++; continue; }
            bad.add(x[i] + " -> " + r + " vs " + v[i]);
        }
        System.out.println(op + ": " + bad.size() + " differ, " + nanBits + " NaN payloads differ of " + x.length);
        if (!bad.isEmpty()) fail(op + ": " + bad.size() + " e.g. " + bad.subList(0, Math.min(5, bad.size())));
    }

    @ParameterizedTest
    @ValueSource(strings = {"pow_1.5", "pow_0.3", "pow_-2.5", "pow_10.0", "pow_0.3333333333333333", "pow_tensor", "atan2"})
    void binaryLanes(String op) {
        JsonNode c = OracleFiles.json("f64math.json").get(op);
        double[] x = OracleFiles.tensor(c.get("x")).toDoubleArray();
        double[] y = c.has("y") ? OracleFiles.tensor(c.get("y")).toDoubleArray() : null;
        double e = c.has("exponent") ? c.get("exponent").asDouble() : 0;
        double[] v = OracleFiles.tensor(c.get("vector")).toDoubleArray();
        List<String> bad = new ArrayList<>();
        int nanBits = 0;
        for (int i = 0; i < x.length - x.length % 8; i++) {
            double b = y == null ? e : y[i];
            double r = op.equals("atan2") ? Sleef64Trig.atan2(x[i], b) : Sleef64Exp.pow(x[i], b);
            if (Double.doubleToRawLongBits(r) == Double.doubleToRawLongBits(v[i])) continue;
            if (Double.isNaN(r) && Double.isNaN(v[i])) { nanBits++; continue; }
            bad.add(x[i] + ", " + b + " -> " + r + " vs " + v[i]);
        }
        System.out.println(op + ": " + bad.size() + " differ, " + nanBits + " NaN payloads differ of " + x.length);
        if (!bad.isEmpty()) fail(op + ": " + bad.size() + " e.g. " + bad.subList(0, Math.min(5, bad.size())));
    }
}
