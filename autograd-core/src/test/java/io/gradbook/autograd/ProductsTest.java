// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import static io.gradbook.autograd.Torch.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * Products read transposed, sliced and strided views in place (BLAS transpose flags and leading dimensions) or
 * copy them when BLAS cannot: every layout must give the product of the same values computed in float64.
 */
class ProductsTest {
    private static void same(Tensor got, Tensor a, Tensor b) {
        Tensor want = a.toDouble().matmul(b.toDouble());
        assertArrayEquals(want.shapeArray(), got.shapeArray());
        assertTrue(allclose(got.toDouble(), want, 1e-5, 1e-5), got + "\nvs\n" + want);
    }

    @Test
    void everyLayoutGivesTheSameProduct() {
        manualSeed(3);
        Tensor a = randn(5, 7), b = randn(7, 3), big = randn(9, 11);
        same(a.mm(b), a, b);
        same(b.t().mm(a.t()), b.t(), a.t());
        Tensor sliced = big.slice(0, 1, 6).slice(1, 2, 9);
        same(sliced.mm(b), sliced, b);
        Tensor stepped = big.slice(1, 0, 11, 2).slice(0, 0, 5), r = randn(6, 2);
        same(stepped.mm(r), stepped, r);
        Tensor r52 = randn(5, 2);
        same(stepped.t().mm(r52), stepped.t(), r52);
        Tensor v = randn(7), column = big.select(1, 3).slice(0, 0, 7);
        same(a.mv(v), a, v);
        same(a.mv(column), a, column);
        same(v.dot(column), v, column);
        same(v.matmul(b), v, b);
        Tensor row = randn(1, 7);
        same(row.mm(b), row, b);
        same(zeros(3, 0).mm(zeros(0, 4)), zeros(3, 0), zeros(0, 4));
        Tensor a3 = randn(2, 5, 7), b3 = randn(2, 7, 4);
        same(a3.matmul(b), a3, b);
        same(a3.bmm(b3), a3, b3);
        Tensor d = randn(float64, 4, 6);
        same(d.t().mm(d), d.t(), d);
    }

    /** Integer products wrap in int64 as PyTorch's (oracle/integer_matmul.json from make_integer_matmul.py). */
    @Test
    void integerProductsAreExactAtAnySize() {
        JsonNode o = OracleFiles.json("integer_matmul.json");
        Tensor a = full(new int[] {3, 3}, 0x1p40, DType.INT64), b = full(new int[] {3, 3}, 0x1p30 + 3, DType.INT64);
        long[] small = a.matmul(b).toLongArray();
        for (int i = 0; i < 9; i++) assertEquals(o.get("small_int64").get(i / 3).get(i % 3).asLong(), small[i]);
        // 200^3 is past the size where floating-point BLAS used to take over
        Tensor big = arange(200L * 200).reshape(200, 200).mul(arange(1L).add(2147483655L));
        Tensor p = big.matmul(big.t());
        JsonNode bo = o.get("big_int64");
        assertEquals(bo.get("sum").asLong(), p.sum().toLongArray()[0]);
        assertEquals(bo.get("at_3_5").asLong(), p.get(3, 5).toLongArray()[0]);
        assertEquals(bo.get("at_199_199").asLong(), p.get(199, 199).toLongArray()[0]);
        Tensor i32 = arange(200L * 200).to(DType.INT32).reshape(200, 200);
        Tensor q = i32.matmul(i32);
        assertEquals(DType.INT32, q.dtype());
        assertEquals(o.get("big_int32").get("sum").asLong(), q.sum().toLongArray()[0]);
        assertEquals(o.get("big_int32").get("at_7_9").asLong(), q.get(7, 9).toLongArray()[0]);
        Tensor x = arange(2L * 150 * 150).reshape(2, 150, 150);
        assertEquals(o.get("bmm_int64_at_1_2_3").asLong(), bmm(x, x).get(1, 2, 3).toLongArray()[0]);
        assertEquals(o.get("errors").get("bool").asText(), assertThrows(RuntimeException.class,
                () -> ones(2, 2).to(DType.BOOL).matmul(ones(2, 2).to(DType.BOOL))).getMessage());
        assertEquals(o.get("errors").get("float16").asText(), assertThrows(RuntimeException.class,
                () -> ones(2, 2).to(DType.FLOAT16).matmul(ones(2, 2).to(DType.FLOAT16))).getMessage());
    }
}
