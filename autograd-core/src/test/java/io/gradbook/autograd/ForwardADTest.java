// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import static io.gradbook.autograd.Torch.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradbook.autograd.forward.ForwardAD;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Forward mode against reverse mode: for every op of {@link GradCheckTest}'s list, the tangent that forward mode
 * computes equals J v, with J the Jacobian that reverse mode computes ({@code Autograd.functional.jacobian}),
 * in float64, for random primals and tangents. Ops with an explicit tangent rule and ops that fall back to the
 * double-backward trick are both covered.
 */
class ForwardADTest {
    /** J v from reverse mode: sum over inputs of jacobian_i (out.numel x in.numel) times the flattened tangent. */
    private static Tensor reverseJv(Function<List<Tensor>, Tensor> f, List<Tensor> primals, List<Tensor> tangents) {
        PyTuple<?> jac = Autograd.functional.jacobian(xs -> f.apply(xs), primals);
        Tensor out = f.apply(primals);
        Tensor jv = zeros(float64, out.numel());
        for (int i = 0; i < primals.size(); i++) {
            Tensor j = ((Tensor) jac.get(i)).reshape(out.numel(), primals.get(i).numel());
            jv = jv.add(j.mv(tangents.get(i).reshape(-1)));
        }
        return jv.reshape(out.shape());
    }

    private static Tensor forwardTangent(Function<List<Tensor>, Tensor> f, List<Tensor> primals, List<Tensor> tangents, boolean requireGrad) {
        try (var level = ForwardAD.dualLevel()) {
            List<Tensor> duals = new ArrayList<>();
            for (int i = 0; i < primals.size(); i++) {
                Tensor p = primals.get(i).detach();
                if (requireGrad) p = p.clone().requiresGrad_();
                duals.add(ForwardAD.makeDual(p, tangents.get(i)));
            }
            Tensor out = f.apply(duals);
            Tensor t = ForwardAD.unpackDual(out).tangent();
            assertNotNull(t, "the output carries a tangent");
            assertEquals(out.shape(), t.shape());
            return t;
        }
    }

    private static Stream<DynamicTest> everyOp(boolean requireGrad) {
        return everyOp(GradCheckTest.OPS, GradCheckTest.SHAPES, requireGrad);
    }

    private static Stream<DynamicTest> everyOp(java.util.Map<String, Function<List<Tensor>, Tensor>> ops, java.util.Map<String, int[][]> shapes, boolean requireGrad) {
        return ops.keySet().stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            manualSeed(3);
            Function<List<Tensor>, Tensor> f = ops.get(name);
            List<Tensor> primals = new ArrayList<>(), tangents = new ArrayList<>();
            for (int[] s : shapes.get(name)) {
                primals.add(randn(float64, s));
                tangents.add(randn(float64, s));
            }
            if (ops == OpsGradCheckTest.OPS && OpsGradCheckTest.FIRST_ORDER_ONLY.contains(name)) {
                TorchException e = org.junit.jupiter.api.Assertions.assertThrows(TorchException.NotImplementedError.class,
                        () -> forwardTangent(f, primals, tangents, requireGrad));
                assertTrue(e.getMessage().startsWith("Trying to use forward AD with _cdist_forward that does not support it"), e.getMessage());
                return;
            }
            Tensor expected = reverseJv(f, primals, tangents);
            Tensor got;
            try {
                got = forwardTangent(f, primals, tangents, requireGrad);
            } catch (AssertionError e) {
                throw new AssertionError(name + ": " + e.getMessage(), e);
            }
            assertTrue(allclose(got, expected, 1e-7, 1e-9), name + ": forward " + got + " vs reverse " + expected);
        }));
    }

    @TestFactory
    Stream<DynamicTest> tangentEqualsReverseModeJv() {
        return everyOp(false);
    }

    /** The course ops of issue 11 (OpsGradCheckTest's list): their tangents come from the double-backward fallback. */
    @TestFactory
    Stream<DynamicTest> courseOpsTangentEqualsReverseModeJv() {
        return everyOp(OpsGradCheckTest.OPS, OpsGradCheckTest.SHAPES, false);
    }

    /** Dual tensors that also require grad: forward mode must not disturb (or be disturbed by) recording. */
    @TestFactory
    Stream<DynamicTest> tangentEqualsReverseModeJvWhileRecording() {
        return everyOp(true);
    }

    @Test
    void explicitRuleAndDoubleBackwardTrickAgree() {
        manualSeed(4);
        Tensor a = randn(float64, 2, 3), b = randn(float64, 3), ta = randn(float64, 2, 3), tb = randn(float64, 3);
        // DivBackward0 has an explicit rule; the same quotient as a * reciprocal(b) goes through MulBackward0 and
        // ReciprocalBackward0, whose tangent comes from the double-backward trick
        Tensor explicit, generic;
        try (var level = ForwardAD.dualLevel()) {
            Tensor da = ForwardAD.makeDual(a, ta), db = ForwardAD.makeDual(b, tb);
            explicit = ForwardAD.unpackDual(da.div(db)).tangent();
            generic = ForwardAD.unpackDual(da.mul(db.reciprocal())).tangent();
        }
        assertTrue(allclose(explicit, generic, 1e-12, 1e-12), explicit + " vs " + generic);
    }

    @Test
    void tangentsAreForgottenWhenTheLevelCloses() {
        Tensor x;
        try (var level = ForwardAD.dualLevel()) {
            x = ForwardAD.makeDual(ones(2), ones(2));
            assertNotNull(ForwardAD.unpackDual(x).tangent());
        }
        assertNull(ForwardAD.unpackDual(x).tangent());
        try (var level = ForwardAD.dualLevel()) {
            assertNull(ForwardAD.unpackDual(x).tangent());
        }
    }

    @Test
    void reverseModeStillWorksOnDualTensors() {
        try (var level = ForwardAD.dualLevel()) {
            Tensor p = tensor(1.0, 2.0).requiresGrad_();
            Tensor x = ForwardAD.makeDual(p, tensor(1.0, 0.0));
            Tensor y = x.mul(x).sum();
            y.backward();
            assertEquals("tensor([2., 4.])", p.grad().toString());
            assertEquals("tensor(2.)", ForwardAD.unpackDual(y).tangent().toString());
        }
    }
}
