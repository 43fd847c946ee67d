// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradbook.autograd.nn.F;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The added activations' derivatives checked numerically in float64: gradcheck (the backward kernels) and
 * gradgradcheck (the Tensor form a create_graph backward records), at points away from every kink.
 */
class ActivationsGradCheckTest {
    private static final double[] POINTS = {-4.3, -2.7, -1.9, -0.77, -0.31, 0.23, 0.61, 1.4, 2.2, 3.7, 6.9};

    private static final Map<String, UnaryOperator<Tensor>> OPS = new LinkedHashMap<>();
    static {
        OPS.put("silu", F::silu);
        OPS.put("mish", F::mish);
        OPS.put("elu", x -> F.elu(x, 0.7));
        OPS.put("selu", F::selu);
        OPS.put("celu", x -> F.celu(x, 1.7));
        OPS.put("hardtanh", x -> F.hardtanh(x, -2.5, 0.5));
        OPS.put("relu6", F::relu6);
        OPS.put("hardswish", F::hardswish);
        OPS.put("hardsigmoid", F::hardsigmoid);
        OPS.put("logsigmoid", F::logSigmoid);
        OPS.put("softsign", F::softsign);
        OPS.put("tanhshrink", F::tanhshrink);
        OPS.put("hardshrink", F::hardshrink);
        OPS.put("softshrink", F::softshrink);
        OPS.put("threshold", x -> F.threshold(x, 0.1, 20.0));
    }

    /** An expanded upstream gradient (sum's) and a transposed input reach the kernels as copies: same bits, right shape. */
    @org.junit.jupiter.api.Test
    void expandedGradientsAndTransposedInputs() {
        for (UnaryOperator<Tensor> f : OPS.values()) {
            Torch.manualSeed(3);
            Tensor base = Torch.randn(5, 21).mul(3.0);
            Tensor a = base.clone().requiresGrad_(true), b = base.clone().requiresGrad_(true);
            f.apply(a).sum().backward();
            f.apply(b).backward(Torch.onesLike(base));
            org.junit.jupiter.api.Assertions.assertArrayEquals(b.grad().toFloatArray(), a.grad().toFloatArray());
            Tensor c = base.clone().requiresGrad_(true);
            Tensor y = f.apply(c.t());
            y.backward(Torch.onesLike(y));
            org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {5, 21}, c.grad().shapeArray());
            org.junit.jupiter.api.Assertions.assertArrayEquals(a.grad().toFloatArray(), c.grad().toFloatArray(), 1e-6f);
        }
    }

    @TestFactory
    List<DynamicTest> firstAndSecondDerivatives() {
        List<DynamicTest> tests = new ArrayList<>();
        OPS.forEach((name, f) -> tests.add(DynamicTest.dynamicTest(name, () -> {
            Tensor x = Torch.tensor(POINTS, DType.FLOAT64).requiresGrad_(true);
            assertTrue(Autograd.gradcheck(in -> f.apply(in.get(0)), x), name + " gradcheck");
            if (name.equals("hardsigmoid")) {
                // 1.13 has no derivative for hardsigmoid_backward (its node is NotImplemented: double_backward.json)
                TorchException e = org.junit.jupiter.api.Assertions.assertThrows(TorchException.class,
                        () -> Autograd.gradgradcheck(in -> f.apply(in.get(0)), x), name + " gradgradcheck");
                org.junit.jupiter.api.Assertions.assertEquals("derivative for aten::hardsigmoid_backward is not implemented", e.getMessage());
                return;
            }
            assertTrue(Autograd.gradgradcheck(in -> f.apply(in.get(0)), x), name + " gradgradcheck");
        })));
        tests.add(DynamicTest.dynamicTest("prelu per channel", () -> {
            Tensor x = Torch.tensor(POINTS, DType.FLOAT64).reshape(1, 11, 1).expand(2, 11, 3).contiguous().requiresGrad_(true);
            Tensor w = Torch.tensor(POINTS, DType.FLOAT64).mul(0.1).requiresGrad_(true);
            assertTrue(Autograd.gradcheck(in -> F.prelu(in.get(0), in.get(1)), x, w), "prelu gradcheck");
            assertTrue(Autograd.gradgradcheck(in -> F.prelu(in.get(0), in.get(1)), x, w), "prelu gradgradcheck");
        }));
        return tests;
    }
}
