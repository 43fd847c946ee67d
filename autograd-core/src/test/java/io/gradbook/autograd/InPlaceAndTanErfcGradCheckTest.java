// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradbook.autograd.nn.F;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * tan, erfc and the in-place activation forms checked numerically in float64: gradcheck (the backward kernels,
 * for the in-place forms the result-based rules of EluBackward1/CeluBackward1/LeakyReluBackward1) and
 * gradgradcheck (the Tensor form a create_graph backward records), at points away from every kink and pole. An
 * in-place form runs on {@code x * 1}, as it may not run on the leaf itself.
 */
class InPlaceAndTanErfcGradCheckTest {
    private static final double[] POINTS = {-4.3, -2.7, -1.9, -0.77, -0.31, 0.23, 0.61, 1.4, 2.2, 3.7, 6.9};

    private static final Map<String, UnaryOperator<Tensor>> OPS = new LinkedHashMap<>();
    static {
        OPS.put("tan", x -> x.mul(0.2).tan());
        OPS.put("erfc", Torch::erfc);
        OPS.put("elu_", x -> F.elu_(x.mul(1.0), 0.7));
        OPS.put("selu_", x -> F.selu_(x.mul(1.0)));
        OPS.put("celu_", x -> F.celu_(x.mul(1.0), 1.7));
        OPS.put("leaky_relu_", x -> F.leakyRelu_(x.mul(1.0), 0.2));
        OPS.put("hardtanh_", x -> F.hardtanh_(x.mul(1.0), -2.5, 0.5));
        OPS.put("threshold_", x -> F.threshold_(x.mul(1.0), 0.1, 20.0));
        OPS.put("silu inplace", x -> F.silu(x.mul(1.0), true));
        OPS.put("mish inplace", x -> F.mish(x.mul(1.0), true));
        OPS.put("hardswish inplace", x -> F.hardswish(x.mul(1.0), true));
        OPS.put("relu_", x -> F.relu_(x.mul(1.0)));
    }

    @TestFactory
    List<DynamicTest> firstAndSecondDerivatives() {
        List<DynamicTest> tests = new ArrayList<>();
        OPS.forEach((name, f) -> tests.add(DynamicTest.dynamicTest(name, () -> {
            Tensor x = Torch.tensor(POINTS, DType.FLOAT64).requiresGrad_(true);
            assertTrue(Autograd.gradcheck(in -> f.apply(in.get(0)), x), name + " gradcheck");
            assertTrue(Autograd.gradgradcheck(in -> f.apply(in.get(0)), x), name + " gradgradcheck");
        })));
        return tests;
    }

    /** Under noGrad() an in-place form records nothing and still bumps the version (PyTorch's counter counts writes). */
    @Test
    void noGradWritesBumpTheVersion() {
        Tensor x = Torch.tensor(POINTS, DType.FLOAT64).requiresGrad_(true);
        try (var ignored = GradMode.set(false)) {
            Tensor y = F.elu_(x, 1.0);
            assertEquals(1, x.version());
            assertEquals(null, y.gradFn());
        }
        assertTrue(x.requiresGrad());
    }
}
