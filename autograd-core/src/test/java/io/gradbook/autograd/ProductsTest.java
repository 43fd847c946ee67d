// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import static io.gradbook.autograd.Torch.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
