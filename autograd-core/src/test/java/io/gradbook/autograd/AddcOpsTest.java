// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import static io.gradbook.autograd.Torch.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * addcmul/addcdiv: float64 values and gradients equal the composite {@code x + v * t1 * t2} (and {@code / t2}), the
 * node names are PyTorch's, and float32 addcmul is the fused form (OptimTest checks it against PyTorch's bits).
 */
class AddcOpsTest {
    @Test
    void valuesAndGradientsMatchTheComposite() {
        manualSeed(3);
        for (boolean div : new boolean[] {false, true}) {
            Tensor x = randn(float64, 3, 4).requiresGrad_(), a = randn(float64, 3, 4).requiresGrad_(), b = rand(float64, 4).add(0.5).requiresGrad_();
            Tensor fused = div ? x.addcdiv(a, b, -0.3) : x.addcmul(a, b, -0.3);
            assertEquals(div ? "AddcdivBackward0" : "AddcmulBackward0", fused.gradFn().name());
            Tensor composite = div ? x.add(a.mul(-0.3).div(b)) : x.add(a.mul(-0.3).mul(b));
            assertTrue(allclose(fused, composite, 1e-12, 1e-12));
            Tensor w = randn(float64, 3, 4);
            List<Tensor> g1 = Autograd.grad(List.of(fused.mul(w).sum()), List.of(x, a, b), null, false, false, false);
            List<Tensor> g2 = Autograd.grad(List.of(composite.mul(w).sum()), List.of(x, a, b), null, false, false, false);
            for (int i = 0; i < 3; i++) assertTrue(allclose(g1.get(i), g2.get(i), 1e-12, 1e-12), (div ? "addcdiv" : "addcmul") + " grad " + i);
        }
    }

    @Test
    void float32AddcmulIsOneFusedMultiplyAdd() {
        // t*t = 1 + 2^-11 + 2^-24 rounds to 1 + 2^-11; adding -(1 + 2^-11) leaves 2^-24 only when fused
        Tensor t = tensor(1.0f + 0x1p-12f), a = tensor(-(1.0f + 0x1p-11f));
        assertEquals(0x1p-24, a.addcmul(t, t, 1.0).item());
        assertEquals(0.0, a.add(t.mul(t)).item());
        a.addcmul_(t, t, 1.0);
        assertEquals(0x1p-24, a.item());
    }
}
