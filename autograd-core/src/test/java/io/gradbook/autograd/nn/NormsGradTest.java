// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.nn;

import static io.gradbook.autograd.Torch.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradbook.autograd.Autograd;
import io.gradbook.autograd.DType;
import io.gradbook.autograd.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The norm kernels' autograd wiring: gradcheck and gradgradcheck in float64 (a create_graph backward differentiates
 * the formula), a non-contiguous input gives the contiguous input's bits, and only the gradients asked for come back.
 */
class NormsGradTest {
    private static Tensor randn64(int... shape) {
        return randn(shape).to(DType.FLOAT64);
    }

    @Test
    void layerNormGradcheckAndGradgradcheck() {
        manualSeed(5);
        Tensor x = randn64(3, 5).requiresGrad_(true), w = randn64(5).requiresGrad_(true), b = randn64(5).requiresGrad_(true);
        assertTrue(Autograd.gradcheck(in -> F.layerNorm(in.get(0), new int[] {5}, in.get(1), in.get(2), 1e-5), x, w, b));
        assertTrue(Autograd.gradgradcheck(in -> F.layerNorm(in.get(0), new int[] {5}, in.get(1), in.get(2), 1e-5), x, w, b));
        assertTrue(Autograd.gradcheck(in -> F.layerNorm(in.get(0), new int[] {5}, null, null, 1e-5), x));
    }

    @Test
    void batchNormGradcheckAndGradgradcheck() {
        manualSeed(6);
        Tensor x = randn64(4, 3, 2).requiresGrad_(true), w = randn64(3).requiresGrad_(true), b = randn64(3).requiresGrad_(true);
        Tensor rm = zeros(3).to(DType.FLOAT64), rv = ones(3).to(DType.FLOAT64);
        assertTrue(Autograd.gradcheck(in -> F.batchNorm(in.get(0), null, null, in.get(1), in.get(2), true, 0.1, 1e-5), x, w, b));
        assertTrue(Autograd.gradgradcheck(in -> F.batchNorm(in.get(0), null, null, in.get(1), in.get(2), true, 0.1, 1e-5), x, w, b));
        assertTrue(Autograd.gradcheck(in -> F.batchNorm(in.get(0), rm, rv, in.get(1), in.get(2), false, 0.1, 1e-5), x, w, b));
        Tensor x2 = randn64(5, 4).requiresGrad_(true);
        assertTrue(Autograd.gradcheck(in -> F.batchNorm(in.get(0), null, null, null, null, true, 0.1, 1e-5), x2));
    }

    @Test
    void nonContiguousInputGivesTheContiguousBits() {
        manualSeed(7);
        Tensor base = randn(9, 4), w = randn(9), b = randn(9);
        Tensor xt = base.t(), xc = base.t().contiguous();
        assertArrayEquals(F.layerNorm(xc, new int[] {9}, w, b, 1e-5).toFloatArray(), F.layerNorm(xt, new int[] {9}, w, b, 1e-5).toFloatArray());
        Tensor bt = randn(3, 6).t(), btc = bt.contiguous();
        assertArrayEquals(F.batchNorm(btc, null, null, null, null, true, 0.1, 1e-5).toFloatArray(),
                F.batchNorm(bt, null, null, null, null, true, 0.1, 1e-5).toFloatArray());
    }

    @Test
    void onlyTheGradientsAskedFor() {
        manualSeed(8);
        Tensor x = randn(2, 8), w = randn(8).requiresGrad_(true), b = randn(8);
        List<Tensor> g = Autograd.grad(F.layerNorm(x, new int[] {8}, w, b, 1e-5).sum(), w);
        assertArrayEquals(new int[] {8}, g.get(0).shape().toArray());
        assertNull(x.grad());
        Tensor y = randn(6, 3), bw = randn(3).requiresGrad_(true);
        F.batchNorm(y, null, null, bw, null, true, 0.1, 1e-5).sum().backward();
        assertArrayEquals(new int[] {3}, bw.grad().shape().toArray());
    }
}
