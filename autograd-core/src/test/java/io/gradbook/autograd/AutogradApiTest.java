// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import static io.gradbook.autograd.Torch.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gradbook.autograd.forward.ForwardAD;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case of oracle/autograd_api.json (recorded from PyTorch 1.13.1 by autograd_api.py): custom functions,
 * torch.autograd.functional, forward-mode AD, gradcheck, anomaly mode, hooks and inference mode. Each port prints
 * what the Python case prints; exceptions and warnings are shown as the script shows them.
 */
class AutogradApiTest {
    private static final Map<String, Runnable> PORTS = new LinkedHashMap<>();
    private static StringBuilder out;

    private static void print(Object... xs) {
        List<String> parts = new ArrayList<>();
        for (Object x : xs) parts.add(PyRepr.str(x));
        out.append(String.join(" ", parts)).append('\n');
    }

    private static void port(String name, Runnable java) {
        PORTS.put(name, java);
    }

    // ---- the custom functions of the Python side ------------------------------------------------------------------
    static final class LegendrePolynomial3 extends Autograd.Function {
        @Override
        public Tensor forward(FunctionCtx ctx, Tensor... in) {
            Tensor x = in[0];
            ctx.saveForBackward(x);
            return x.pow(3).mul(5).sub(x.mul(3)).mul(0.5);
        }

        @Override
        public Tensor[] backward(FunctionCtx ctx, Tensor... grads) {
            Tensor x = ctx.savedTensors().get(0);
            return new Tensor[] {grads[0].mul(1.5).mul(x.pow(2).mul(5).sub(1))};
        }
    }

    static final class MulAdd extends Autograd.Function {
        @Override
        public Tensor forward(FunctionCtx ctx, Tensor... in) {
            ctx.saveForBackward(in[0], in[1]);
            print("needs_input_grad", ctx.needsInputGrad());
            return in[0].mul(in[1]).add(in[1]);
        }

        @Override
        public Tensor[] backward(FunctionCtx ctx, Tensor... g) {
            Tensor x = ctx.savedTensors().get(0), y = ctx.savedTensors().get(1);
            print("backward needs_input_grad", ctx.needsInputGrad());
            return new Tensor[] {ctx.needsInputGrad(0) ? g[0].mul(y) : null, ctx.needsInputGrad(1) ? g[0].mul(x.add(1)) : null};
        }
    }

    static final class AddOneInPlace extends Autograd.Function {
        @Override
        public Tensor forward(FunctionCtx ctx, Tensor... in) {
            in[0].add_(1);
            ctx.markDirty(in[0]);
            return in[0];
        }

        @Override
        public Tensor[] backward(FunctionCtx ctx, Tensor... g) {
            return g;
        }
    }

    static final class ScaleInPlace extends Autograd.Function {
        @Override
        public Tensor forward(FunctionCtx ctx, Tensor... in) {
            in[0].mul_(3);
            ctx.markDirty(in[0]);
            return in[0];
        }

        @Override
        public Tensor[] backward(FunctionCtx ctx, Tensor... g) {
            return new Tensor[] {g[0].mul(3)};
        }
    }

    static final class DirtyNotReturned extends Autograd.Function {
        @Override
        public Tensor forward(FunctionCtx ctx, Tensor... in) {
            in[0].add_(1);
            ctx.markDirty(in[0]);
            return in[0].mul(2);
        }

        @Override
        public Tensor[] backward(FunctionCtx ctx, Tensor... g) {
            return new Tensor[] {g[0].mul(2)};
        }
    }

    static final class Signum extends Autograd.Function {
        @Override
        public Tensor forward(FunctionCtx ctx, Tensor... in) {
            Tensor out = in[0].sign();
            ctx.markNonDifferentiable(out);
            return out;
        }

        @Override
        public Tensor[] backward(FunctionCtx ctx, Tensor... g) {
            return g;
        }
    }

    static final class DoubleAndSign extends Autograd.Function {
        @Override
        public Tensor[] forwardMany(FunctionCtx ctx, Tensor... in) {
            ctx.setMaterializeGrads(false);
            Tensor s = in[0].sign();
            ctx.markNonDifferentiable(s);
            return new Tensor[] {in[0].mul(2), s};
        }

        @Override
        public Tensor[] backward(FunctionCtx ctx, Tensor... g) {
            print("backward got", g[0], g[1]);
            return new Tensor[] {g[0].mul(2)};
        }
    }

    static final class DoubleAndArgmax extends Autograd.Function {
        @Override
        public Tensor[] forwardMany(FunctionCtx ctx, Tensor... in) {
            return new Tensor[] {in[0].mul(2), in[0].argmax(0)};
        }

        @Override
        public Tensor[] backward(FunctionCtx ctx, Tensor... g) {
            print("backward got", g[0], g[1]);
            return new Tensor[] {g[0].mul(2)};
        }
    }

    static final class TwoGrads extends Autograd.Function {
        @Override
        public Tensor forward(FunctionCtx ctx, Tensor... in) {
            return in[0].mul(2);
        }

        @Override
        public Tensor[] backward(FunctionCtx ctx, Tensor... g) {
            return new Tensor[] {g[0].mul(2), g[0]};
        }
    }

    static final class Square extends Autograd.Function {
        @Override
        public Tensor forward(FunctionCtx ctx, Tensor... in) {
            ctx.saveForBackward(in[0]);
            return in[0].pow(2);
        }

        @Override
        @Autograd.OnceDifferentiable
        public Tensor[] backward(FunctionCtx ctx, Tensor... g) {
            Tensor x = ctx.savedTensors().get(0);
            return new Tensor[] {x.mul(2).mul(g[0])};
        }
    }

    static final class BadCube extends Autograd.Function {
        @Override
        public Tensor forward(FunctionCtx ctx, Tensor... in) {
            ctx.saveForBackward(in[0]);
            return in[0].pow(3);
        }

        @Override
        public Tensor[] backward(FunctionCtx ctx, Tensor... g) {
            Tensor x = ctx.savedTensors().get(0);
            return new Tensor[] {g[0].mul(2).mul(x.pow(2))};
        }
    }

    static final class DetachedCube extends Autograd.Function {
        @Override
        public Tensor forward(FunctionCtx ctx, Tensor... in) {
            ctx.saveForBackward(in[0]);
            return in[0].pow(3);
        }

        @Override
        public Tensor[] backward(FunctionCtx ctx, Tensor... g) {
            Tensor x = ctx.savedTensors().get(0);
            return new Tensor[] {g[0].mul(3).mul(x.detach().pow(2))};
        }
    }

    private static final LegendrePolynomial3 P3 = new LegendrePolynomial3();

    private static Tensor f64(double... v) {
        return tensor(v).to(float64);
    }

    static {
        port("p3_forward", () -> {
            Tensor x = tensor(0.5, 2.0).requiresGrad_();
            Tensor y = P3.apply(x);
            print(y);
            print(y.gradFn());
            print(y.gradFn().nextFunctions());
            y.sum().backward();
            print(x.grad());
        });
        port("p3_double_backward", () -> {
            Tensor x = f64(0.5, 2.0).requiresGrad_();
            Tensor g = Autograd.grad(List.of(P3.apply(x).sum()), List.of(x), null, false, true, false).get(0);
            print(g);
            print(Autograd.grad(g.sum(), x).get(0));
        });
        port("p3_no_grad_input", () -> {
            Tensor y = P3.apply(tensor(1.0, 3.0));
            print(y, y.gradFn(), y.requiresGrad());
        });
        port("needs_input_grad", () -> {
            Tensor x = tensor(1.0, 2.0).requiresGrad_();
            Tensor y = tensor(3.0, 4.0);
            Tensor z = new MulAdd().apply(x, y);
            print(z.gradFn().nextFunctions());
            z.sum().backward();
            print(x.grad(), y.grad());
        });
        port("mark_dirty", () -> {
            Tensor a = tensor(1.0, 2.0).requiresGrad_();
            Tensor b = a.mul(2);
            Tensor c = new AddOneInPlace().apply(b);
            print(c == b, c, b.gradFn(), b.version());
            c.sum().backward();
            print(a.grad());
        });
        port("mark_dirty_leaf", () -> new AddOneInPlace().apply(tensor(1.0, 2.0).requiresGrad_()));
        port("mark_dirty_view", () -> {
            Tensor a = tensor(new double[][] {{1.0, 2.0}, {3.0, 4.0}}).requiresGrad_();
            Tensor b = a.mul(1);
            Tensor r = new ScaleInPlace().apply(b.get(0));
            print(r.detach(), b, b.gradFn().nextFunctions());
            b.mul(tensor(new double[][] {{1.0, 2.0}, {3.0, 4.0}})).sum().backward();
            print(a.grad());
        });
        port("mark_dirty_not_returned", () -> new DirtyNotReturned().apply(tensor(new double[] {1.0}).requiresGrad_().mul(1)));
        port("mark_non_differentiable", () -> {
            Tensor x = tensor(1.4, -2.6).requiresGrad_();
            Tensor y = new Signum().apply(x);
            print(y, y.requiresGrad(), y.gradFn());
        });
        port("two_outputs_materialize_grads", () -> {
            Tensor x = tensor(1.5, -2.0).requiresGrad_();
            PyTuple<Tensor> as = new DoubleAndSign().applyMany(x);
            Tensor a = as.get(0), s = as.get(1);
            print(a, s, s.requiresGrad());
            print(a.gradFn().nextFunctions());
            a.sum().backward();
            print(x.grad());
        });
        port("integer_output", () -> {
            Tensor x = tensor(1.5, -2.0, 3.0).requiresGrad_();
            PyTuple<Tensor> ai = new DoubleAndArgmax().applyMany(x);
            print(ai.get(0), ai.get(1), ai.get(1).requiresGrad(), ai.get(1).gradFn());
            ai.get(0).sum().backward();
            print(x.grad());
        });
        port("wrong_number_of_grads", () -> new TwoGrads().apply(tensor(1.0).requiresGrad_()).sum().backward());
        port("once_differentiable_error", () -> {
            Tensor x = tensor(1.0, 2.0).requiresGrad_();
            Tensor y = new Square().apply(x);
            Tensor v = ones(2).requiresGrad_();
            Tensor g = Autograd.grad(List.of(y), List.of(x), List.of(v), false, true, false).get(0);
            print(g);
            g.sum().backward();
        });
        port("saved_tensors_freed", () -> {
            Tensor x = tensor(1.0, 2.0).requiresGrad_();
            Tensor y = P3.apply(x).sum();
            y.backward();
            y.backward();
        });

        // ---- functional ----
        var F = Autograd.functional;
        port("jacobian_one", () -> {
            Tensor x = tensor(1.0, 2.0, 3.0);
            print(F.jacobian(t -> t.pow(2).mul(3), x));
            print(F.jacobian(t -> t.exp().sum(), x));
        });
        port("jacobian_two_inputs", () -> print(F.jacobian((x, y) -> x.mul(y).add(y.pow(2)), tensor(1.0, 2.0), tensor(3.0, 4.0))));
        port("jacobian_two_outputs", () -> print(F.jacobian(xs -> List.of(xs.get(0).mul(xs.get(1)), xs.get(0).sum().add(xs.get(1))), List.of(tensor(1.0, 2.0), tensor(3.0, 4.0)))));
        port("jacobian_create_graph", () -> {
            Tensor j = F.jacobian(x -> x.pow(3), tensor(1.0, 2.0), true, false);
            print(j);
            print(j.requiresGrad());
        });
        port("jacobian_strict", () -> F.jacobian(x -> ones(2), tensor(1.0, 2.0), false, true));
        port("hessian_one", () -> print(F.hessian(x -> x.pow(3).sum(), tensor(1.0, 2.0))));
        port("hessian_two", () -> print(F.hessian((x, y) -> x.mul(y).mul(y).sum(), tensor(1.0, 2.0), tensor(3.0, 4.0))));
        port("vjp_jvp", () -> {
            Tensor x = tensor(1.0, 2.0), v = tensor(1.0, 0.5);
            print(F.vjp(t -> t.pow(2), x, v));
            print(F.jvp(t -> t.pow(2), x, v));
            print(F.vjp(t -> t.sin().sum(), x));
        });
        port("vjp_two_inputs", () -> {
            Tensor x = tensor(1.0, 2.0), y = tensor(3.0, 4.0), v = tensor(1.0, -1.0);
            print(F.vjp((a, b) -> a.mul(b), x, y, v));
            print(F.jvp((a, b) -> a.mul(b), x, y, v, v));
        });
        port("vjp_needs_v", () -> F.vjp(t -> t.pow(2), tensor(1.0, 2.0)));
        port("vjp_bad_v", () -> F.vjp(t -> t.pow(2), tensor(1.0, 2.0), ones(3)));
        port("jvp_strict_independent", () -> F.jvp(t -> ones(2).mul(2), tensor(1.0, 2.0), ones(2), false, true));
        port("jacobian_unused_input", () -> print(F.jacobian((x, y) -> x.mul(2), tensor(1.0, 2.0), tensor(new double[] {3.0}))));
        port("hessian_create_graph", () -> {
            Tensor h = F.hessian(x -> x.pow(3).sum(), tensor(1.0, 2.0), true, false);
            print(h, h.requiresGrad());
        });
        port("vhp_two_inputs", () -> {
            Tensor x = tensor(1.0, 2.0), y = tensor(3.0, 4.0);
            print(F.vhp((a, b) -> a.mul(b).mul(b).sum(), x, y, ones(2), ones(2)));
            print(F.hvp((a, b) -> a.mul(b).mul(b).sum(), x, y, ones(2), ones(2)));
        });
        port("hvp_vhp", () -> {
            Tensor x = tensor(1.0, 2.0), v = tensor(1.0, 1.0);
            print(F.hvp(t -> t.pow(3).sum(), x, v));
            print(F.vhp(t -> t.pow(3).sum(), x, v));
        });
        port("hvp_not_scalar", () -> F.hvp(t -> t.pow(3), tensor(1.0, 2.0), tensor(1.0, 1.0)));

        // ---- forward mode ----
        port("forward_ad_sin", () -> {
            try (var level = ForwardAD.dualLevel()) {
                Tensor x = ForwardAD.makeDual(tensor(1.0, 2.0), tensor(1.0, 0.0));
                var u = ForwardAD.unpackDual(x.sin());
                print(u.primal());
                print(u.tangent());
                print(ForwardAD.unpackDual(ones(2)).tangent());
            }
        });
        port("forward_ad_chain", () -> {
            try (var level = ForwardAD.dualLevel()) {
                Tensor x = ForwardAD.makeDual(tensor(0.5, -1.0, 2.0), tensor(1.0, 2.0, 3.0));
                Tensor w = tensor(new double[][] {{1.0, 2.0, 3.0}, {0.5, -1.0, 0.25}});
                Tensor y = w.matmul(x.tanh()).exp().div(x.sum().add(1)).sub(x.relu().mean().mul(x.sigmoid().pow(2).sum()));
                print(ForwardAD.unpackDual(y).tangent());
                Tensor z = x.mul(x).add(1).log().cos();
                print(ForwardAD.unpackDual(z).tangent());
            }
        });
        port("forward_ad_print", () -> {
            try (var level = ForwardAD.dualLevel()) {
                Tensor x = ForwardAD.makeDual(tensor(1.0, 2.0), tensor(1.0, 0.0));
                print(x);
                print(x.sin());
                print(ForwardAD.makeDual(ones(2).requiresGrad_(), tensor(0.5, 0.25)));
                print(ForwardAD.makeDual(ones(float64, 2, 3), ones(float64, 2, 3)));
                print(ForwardAD.makeDual(tensor(2.0), tensor(3.0)).mul(2));
            }
        });
        port("forward_ad_after_level", () -> {
            Tensor y;
            try (var level = ForwardAD.dualLevel()) {
                Tensor x = ForwardAD.makeDual(tensor(1.0, 2.0), tensor(1.0, 0.0));
                y = x.mul(3);
            }
            print(ForwardAD.unpackDual(y).tangent());
        });
        port("forward_ad_errors", () -> {
            try {
                ForwardAD.makeDual(ones(2), ones(2));
            } catch (TorchException.RuntimeError e) {
                print(e.getMessage());
            }
            try (var level = ForwardAD.dualLevel()) {
                try {
                    ForwardAD.makeDual(ones(2), ones(3));
                } catch (TorchException.RuntimeError e) {
                    print(e.getMessage());
                }
                try (var inner = ForwardAD.dualLevel()) {
                    print("unreachable");
                }
            }
        });
        port("forward_ad_in_place_view", () -> {
            try (var level = ForwardAD.dualLevel()) {
                Tensor x = ForwardAD.makeDual(tensor(1.0, 2.0, 3.0), tensor(1.0, 1.0, 1.0));
                Tensor y = zeros(2, 3);
                y.set(1, x.mul(2));
                print(ForwardAD.unpackDual(y));
                Tensor z = x.clone();
                z.mul_(x);
                print(ForwardAD.unpackDual(z).tangent());
                try (var g = noGrad()) {
                    print(ForwardAD.unpackDual(x.exp()).tangent());
                }
                print(ForwardAD.unpackDual(x.max(0).values()));
            }
        });

        // ---- gradcheck ----
        port("gradcheck_pass", () -> {
            Tensor x = f64(0.5, -1.0, 2.0).requiresGrad_();
            print(Autograd.gradcheck(xs -> xs.get(0).sin(), x));
            print(Autograd.gradcheck(xs -> P3.apply(xs.get(0)), x));
            print(Autograd.gradgradcheck(xs -> P3.apply(xs.get(0)), x));
        });
        port("gradcheck_fail_false", () -> {
            Tensor x = f64(0.5, -1.0).requiresGrad_();
            print(Autograd.gradcheck(xs -> new BadCube().apply(xs.get(0)), List.of(x), 1e-6, 1e-5, 1e-3, false));
            print(Autograd.gradgradcheck(xs -> new DetachedCube().apply(xs.get(0)), List.of(x), 1e-6, 1e-5, 1e-3, false));
        });
        port("gradcheck_fail_text", () -> Autograd.gradcheck(xs -> new BadCube().apply(xs.get(0)), f64(0.5, -1.0).requiresGrad_()));
        port("gradcheck_two_inputs_text", () -> Autograd.gradcheck(xs -> xs.get(0).mul(new BadCube().apply(xs.get(1))),
                List.of(f64(0.5, -1.0).requiresGrad_(), f64(2.0, 3.0).requiresGrad_()), 1e-6, 1e-5, 1e-3, true));
        port("gradcheck_no_input_requires_grad", () -> Autograd.gradcheck(xs -> xs.get(0).sin(), f64(1.0)));
        port("gradcheck_float32_warning", () -> print(Autograd.gradcheck(xs -> xs.get(0).exp(), List.of(tensor(0.5, 1.0).requiresGrad_()), 1e-3, 1e-2, 1e-2, true)));

        // ---- anomaly mode ----
        port("anomaly_nan", () -> {
            Tensor a = tensor(0.0).view(1).detach().requiresGrad_();
            Tensor b = tensor(0.0).view(1).detach().requiresGrad_();
            try (var anomaly = Autograd.detectAnomaly()) {
                Tensor y = a.div(b).mul(0).sum();
                y.backward();
            }
        });
        port("anomaly_nan_second_output", () -> {
            Tensor x = tensor(new double[] {0.0}).requiresGrad_();
            Autograd.setDetectAnomaly(true);
            try {
                print(Autograd.isAnomalyEnabled());
                x.div(x).sum().backward();
            } finally {
                Autograd.setDetectAnomaly(false);
            }
            print(Autograd.isAnomalyEnabled());
        });
        port("no_anomaly_nan", () -> {
            Tensor x = tensor(new double[] {0.0}).requiresGrad_();
            x.div(x).sum().backward();
            print(x.grad());
        });

        // ---- hooks ----
        port("node_hooks", () -> {
            Tensor x = tensor(1.0, 2.0).requiresGrad_();
            Tensor y = x.mul(2);
            y.gradFn().registerHook((gi, go) -> print("hook", gi, go));
            y.gradFn().registerPrehook(go -> print("prehook", go));
            y.registerHook(g -> print("tensor hook", g));
            y.sum().backward();
        });
        port("node_hooks_two_inputs", () -> {
            Tensor x = tensor(1.0, 2.0).requiresGrad_();
            Tensor w = tensor(3.0, 4.0);
            Tensor y = x.mul(w);
            y.gradFn().registerHook((gi, go) -> print(gi, go));
            y.backward(tensor(1.0, 0.5));
        });
        port("grad_tuple", () -> {
            Tensor x = tensor(1.5).requiresGrad_();
            Tensor u = tensor(2.0).requiresGrad_();
            print(Autograd.grad(List.of(x.mul(2)), List.of(x, u), null, false, false, true));
            print(Autograd.grad(x.mul(x).sum(), x));
        });
        port("backward_inputs", () -> {
            Tensor x = tensor(1.0, 2.0).requiresGrad_();
            Tensor w = tensor(3.0, 4.0).requiresGrad_();
            x.mul(w).sum().backward(null, false, false, List.of(x));
            print(x.grad(), w.grad());
            Tensor y = x.mul(w);
            y.backward(ones(2), true, false, List.of(w));
            print(x.grad(), w.grad());
        });
        port("saved_tensors_hooks", () -> {
            Tensor x = tensor(1.0, 2.0).requiresGrad_();
            Tensor z;
            try (var hooks = Autograd.savedTensorsHooks(t -> {
                print("pack", t);
                return t.mul(1);
            }, t -> {
                print("unpack", t);
                return t;
            })) {
                Tensor y = x.exp();
                z = y.sin();
            }
            z.sum().backward();
            print(x.grad());
        });

        // ---- inference mode ----
        port("inference_tensors", () -> {
            try (var g = inferenceMode()) {
                Tensor t = ones(2);
                Tensor u = t.mul(2);
                print(t.isInference(), u.isInference(), isInferenceModeEnabled());
            }
            print(ones(2).isInference(), isInferenceModeEnabled());
        });
        port("inference_inplace", () -> {
            Tensor t;
            try (var g = inferenceMode()) {
                t = ones(2);
            }
            t.add_(1);
        });
        port("inference_saved", () -> {
            Tensor t;
            try (var g = inferenceMode()) {
                t = ones(2);
            }
            Tensor w = ones(2).requiresGrad_();
            print(t.add(w));
            t.mul(w);
        });
        port("inference_requires_grad", () -> {
            Tensor t;
            try (var g = inferenceMode()) {
                t = ones(2);
            }
            t.requiresGrad_();
        });
        port("inference_inplace_inside", () -> {
            Tensor t;
            try (var g = inferenceMode()) {
                t = ones(2);
                t.add_(1);
            }
            print(t);
        });
    }

    static JsonNode oracle() {
        try (InputStream in = AutogradApiTest.class.getResourceAsStream("/oracle/autograd_api.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Runs one port the way autograd_api.py runs its case: output, then the exception, then the warnings. */
    static String run(Runnable port) {
        out = new StringBuilder();
        List<String> warnings = new ArrayList<>();
        Warnings.reset();
        Warnings.setHandler((category, message, caller) -> warnings.add(category + ": " + message.split("\n", -1)[0]));
        try {
            port.run();
        } catch (TorchException e) {
            print(e.pythonType() + ": " + e.getMessage());
        } finally {
            Warnings.setHandler(null);
            Autograd.setDetectAnomaly(false);
        }
        for (String w : warnings) out.append(w).append('\n');
        return Reference.maskAddresses(out.toString());
    }

    @TestFactory
    Stream<DynamicTest> everyCaseAsPyTorch() {
        JsonNode cases = oracle().get("cases");
        List<String> names = new ArrayList<>();
        cases.fieldNames().forEachRemaining(names::add);
        assertEquals(names, new ArrayList<>(PORTS.keySet()), "every recorded case has a Java port, in order");
        return names.stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            manualSeed(0);
            assertEquals(cases.get(name).asText(), run(PORTS.get(name)), name);
        }));
    }

    @Test
    void recordedWithPyTorch113() {
        assertTrue(oracle().get("torch").asText().startsWith("1.13"));
    }
}
