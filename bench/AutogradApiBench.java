// SPDX-License-Identifier: Apache-2.0
import static io.gradbook.autograd.Torch.*;

import io.gradbook.autograd.Autograd;
import io.gradbook.autograd.FunctionCtx;
import io.gradbook.autograd.Tensor;
import io.gradbook.autograd.forward.ForwardAD;
import java.util.List;
import java.util.function.Function;

/**
 * The autograd API beyond the engine, timed (bench/autograd_api.sh runs it beside bench_autograd_api.py for
 * PyTorch): a custom Function against the same built-in ops, functional Jacobians, and forward mode with an
 * explicit tangent rule (sin) against the double-backward fallback (abs), against plain ops outside a dual level.
 */
public final class AutogradApiBench {
    static final class LegendrePolynomial3 extends Autograd.Function {
        @Override
        public Tensor forward(FunctionCtx ctx, Tensor... in) {
            ctx.saveForBackward(in[0]);
            return in[0].pow(3).mul(5).sub(in[0].mul(3)).mul(0.5);
        }

        @Override
        public Tensor[] backward(FunctionCtx ctx, Tensor... g) {
            Tensor x = ctx.savedTensors().get(0);
            return new Tensor[] {g[0].mul(1.5).mul(x.pow(2).mul(5).sub(1))};
        }
    }

    public static void main(String[] args) {
        manualSeed(0);
        var p3 = new LegendrePolynomial3();
        Tensor x = randn(64).requiresGrad_();
        report("P3 custom Function fwd+bwd [64]", Bench.perCall(() -> p3.apply(x).sum().backward(), 500));
        report("P3 built-in ops fwd+bwd [64]", Bench.perCall(() -> x.pow(3).mul(5).sub(x.mul(3)).mul(0.5).sum().backward(), 500));
        Tensor w = randn(16, 16), x0 = randn(16), v = randn(16);
        Function<Tensor, Tensor> f = t -> w.matmul(t.tanh());
        report("jacobian 16->16 (reverse, 16 backward passes)", Bench.perCall(() -> Autograd.functional.jacobian(f, x0), 20));
        report("functional.jvp 16->16 (double-backward trick)", Bench.perCall(() -> Autograd.functional.jvp(f, x0, v), 100));
        report("forward-mode jvp 16->16 (one dual pass)", Bench.perCall(() -> {
            try (var level = ForwardAD.dualLevel()) {
                ForwardAD.unpackDual(f.apply(ForwardAD.makeDual(x0, v))).tangent();
            }
        }, 100));
        Tensor big = randn(1000), tangent = randn(1000);
        report("sin [1000], no dual level", Bench.perCall(() -> big.sin(), 1000));
        report("sin [1000] dual (explicit tangent rule)", Bench.perCall(() -> {
            try (var level = ForwardAD.dualLevel()) {
                ForwardAD.makeDual(big, tangent).sin();
            }
        }, 200));
        report("abs [1000] dual (double-backward fallback)", Bench.perCall(() -> {
            try (var level = ForwardAD.dualLevel()) {
                ForwardAD.makeDual(big, tangent).abs();
            }
        }, 200));
        Tensor xd = randn(float64, 8).requiresGrad_();
        report("gradcheck P3 [8] float64", Bench.perCall(() -> Autograd.gradcheck(xs -> p3.apply(xs.get(0)), xd), 5));
    }

    static void report(String name, double micros) {
        System.out.println(name + "\t" + micros);
    }
}
