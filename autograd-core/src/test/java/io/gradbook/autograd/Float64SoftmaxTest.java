// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gradbook.autograd.math.RowSplit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * float64 softmax and log_softmax, forward and backward, bit for bit against PyTorch 1.13.1
 * ({@code oracle/softmax_f64.json}, {@code make_softmax_f64.py}): every last-dim row length 1..40 and long rows,
 * other dims with vector groups, scalar columns and log_softmax's chunks, NaN/inf/-inf/-0.0, 0-d; rows on the pool
 * and on one thread. A NaN must be a NaN (its payload is the JIT's choice, as in SoftmaxDimsTest).
 */
class Float64SoftmaxTest {
    private static void compare(JsonNode expected, Tensor actual, String what) {
        Tensor want = OracleFiles.tensor(expected);
        assertArrayEquals(want.shapeArray(), actual.shapeArray(), what + ": shape");
        assertEquals(DType.FLOAT64, actual.dtype(), what + ": dtype");
        double[] w = want.toDoubleArray(), a = actual.contiguous().toDoubleArray();
        for (int i = 0; i < w.length; i++) {
            if (Double.isNaN(w[i])) {
                assertTrue(Double.isNaN(a[i]), what + " at " + i + ": PyTorch NaN, ours " + a[i]);
                continue;
            }
            assertEquals(Double.doubleToRawLongBits(w[i]), Double.doubleToRawLongBits(a[i]),
                    what + " at " + i + ": PyTorch " + w[i] + ", ours " + a[i]);
        }
    }

    @TestFactory
    List<DynamicTest> float64SoftmaxMatchesPyTorchBitForBit() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : OracleFiles.json("softmax_f64.json").get("cases")) {
            String name = c.get("name").asText();
            for (boolean pool : new boolean[] {true, false}) {
                tests.add(DynamicTest.dynamicTest(name + (pool ? " (pool)" : " (one thread)"), () -> {
                    RowSplit.setParallel(pool);
                    try {
                        Tensor x = OracleFiles.tensor(c.get("x")).requiresGrad_();
                        int dim = c.get("dim").asInt();
                        Tensor y = c.get("op").asText().equals("softmax") ? Torch.softmax(x, dim) : Torch.logSoftmax(x, dim);
                        y.backward(OracleFiles.tensor(c.get("g")));
                        compare(c.get("out"), y, name + " output");
                        compare(c.get("grad"), x.grad(), name + " input grad");
                    } finally {
                        RowSplit.setParallel(true);
                    }
                }));
            }
        }
        return tests;
    }
}
