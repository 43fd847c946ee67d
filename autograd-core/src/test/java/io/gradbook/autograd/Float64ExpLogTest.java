// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * float64 exp and log against PyTorch's bits (oracle/f64math.json, make_f64math.py): a contiguous tensor, the same
 * values one element at a time, a strided view and an odd length (a partial last vector in PyTorch). NaN results
 * are compared as NaN (Java leaves NaN payloads to the JIT).
 */
class Float64ExpLogTest {
    private static void assertBits(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < expected.length; i++) {
            boolean same = Double.isNaN(expected[i]) ? Double.isNaN(actual[i])
                    : Double.doubleToRawLongBits(expected[i]) == Double.doubleToRawLongBits(actual[i]);
            if (!same) bad.add(i + ": " + actual[i] + " vs PyTorch " + expected[i]);
        }
        if (!bad.isEmpty()) fail(what + ": " + bad.size() + "/" + expected.length + " differ, e.g. " + bad.subList(0, Math.min(3, bad.size())));
    }

    private static Tensor apply(String op, Tensor x) {
        return op.equals("exp") ? x.exp() : x.log();
    }

    @ParameterizedTest
    @ValueSource(strings = {"exp", "log"})
    void bitForBit(String op) {
        JsonNode c = OracleFiles.json("f64math.json").get(op);
        Tensor x = OracleFiles.tensor(c.get("x"));
        double[] vec = OracleFiles.tensor(c.get("vector")).toDoubleArray();
        assertBits(OracleFiles.tensor(c.get("scalar")).toDoubleArray(), vec, op + ": PyTorch's one-element results equal its vector results");
        assertBits(vec, apply(op, x).toDoubleArray(), op + " contiguous");
        int n = x.numel();
        // every other element through a strided view, and an odd length
        Tensor strided = x.view(n / 2, 2).select(1, 0);
        double[] every2 = new double[n / 2];
        for (int i = 0; i < every2.length; i++) every2[i] = vec[2 * i];
        assertBits(every2, apply(op, strided).toDoubleArray(), op + " strided");
        double[] odd = java.util.Arrays.copyOf(vec, 13);
        assertBits(odd, apply(op, x.slice(0, 0, 13)).toDoubleArray(), op + " 13 elements");
        for (int i = 0; i < 64; i++) {
            double v = x.toDoubleArray()[i * 97 % n];
            assertBits(new double[] {vec[i * 97 % n]}, apply(op, Torch.tensor(new double[] {v}, DType.FLOAT64)).toDoubleArray(), op + " one element");
        }
    }
}
