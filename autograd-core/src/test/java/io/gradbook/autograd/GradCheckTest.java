// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import static io.gradbook.autograd.Torch.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Numerical gradient checks in float64 (central differences, as torch.autograd.gradcheck does) of every op,
 * for every input, with broadcast and view cases; and second derivatives (gradgradcheck) of the smooth ops.
 */
class GradCheckTest {
    private static final double EPS = 1e-6, ATOL = 1e-5, RTOL = 1e-3;

    /** An op on float64 inputs; the output is reduced by a fixed random weighting so every element is checked. */
    static final Map<String, Function<List<Tensor>, Tensor>> OPS = new LinkedHashMap<>();
    static final Map<String, int[][]> SHAPES = new LinkedHashMap<>();
    private static final List<String> SMOOTH = new ArrayList<>();

    private static void op(String name, boolean smooth, Function<List<Tensor>, Tensor> f, int[]... shapes) {
        OPS.put(name, f);
        SHAPES.put(name, shapes);
        if (smooth) SMOOTH.add(name);
    }

    static {
        op("add", true, a -> a.get(0).add(a.get(1)), new int[] {2, 3}, new int[] {2, 3});
        op("add broadcast", true, a -> a.get(0).add(a.get(1)), new int[] {2, 3}, new int[] {3});
        op("add alpha", true, a -> a.get(0).add(a.get(1), 2.5), new int[] {2, 3}, new int[] {2, 1});
        op("sub broadcast", true, a -> a.get(0).sub(a.get(1)), new int[] {3}, new int[] {2, 3});
        op("rsub", true, a -> a.get(0).rsub(2), new int[] {3});
        op("mul", true, a -> a.get(0).mul(a.get(1)), new int[] {2, 3}, new int[] {2, 3});
        op("mul broadcast 0-dim", true, a -> a.get(0).mul(a.get(1)), new int[] {2, 3}, new int[] {});
        op("div", true, a -> a.get(0).div(a.get(1).abs().add(0.5)), new int[] {2, 3}, new int[] {3});
        op("rdiv", true, a -> a.get(0).abs().add(0.5).rdiv(2), new int[] {3});
        op("pow scalar", true, a -> a.get(0).pow(3), new int[] {2, 3});
        op("pow tensor", true, a -> a.get(0).abs().add(0.5).pow(a.get(1)), new int[] {2, 3}, new int[] {2, 3});
        op("pow scalar base", true, a -> pow(2.0, a.get(0)), new int[] {3});
        op("neg", true, a -> a.get(0).neg(), new int[] {4});
        op("abs", false, a -> a.get(0).abs(), new int[] {4});
        op("exp", true, a -> a.get(0).exp(), new int[] {4});
        op("log", true, a -> a.get(0).abs().add(0.5).log(), new int[] {4});
        op("sqrt", true, a -> a.get(0).abs().add(0.5).sqrt(), new int[] {4});
        op("sin", true, a -> a.get(0).sin(), new int[] {4});
        op("cos", true, a -> a.get(0).cos(), new int[] {4});
        op("sigmoid", true, a -> a.get(0).sigmoid(), new int[] {4});
        op("tanh", true, a -> a.get(0).tanh(), new int[] {4});
        op("relu", false, a -> a.get(0).relu(), new int[] {6});
        op("reciprocal", true, a -> a.get(0).abs().add(0.5).reciprocal(), new int[] {4});
        op("clamp", false, a -> a.get(0).clamp(-0.5, 0.5), new int[] {6});
        op("maximum", false, a -> a.get(0).maximum(a.get(1)), new int[] {2, 3}, new int[] {3});
        op("where", false, a -> where(a.get(0).gt(0), a.get(0), a.get(1)), new int[] {2, 3}, new int[] {2, 3});
        op("sum", true, a -> a.get(0).sum(), new int[] {2, 3});
        op("sum dim", true, a -> a.get(0).sum(1), new int[] {2, 3});
        op("sum dim keepdim", true, a -> a.get(0).sum(0, true), new int[] {2, 3});
        op("mean", true, a -> a.get(0).mean(), new int[] {2, 3});
        op("mean dim", true, a -> a.get(0).mean(0), new int[] {2, 3});
        op("var", true, a -> a.get(0).var(), new int[] {2, 3});
        op("var dim", true, a -> a.get(0).var(1), new int[] {2, 3});
        op("std", true, a -> a.get(0).std(), new int[] {2, 3});
        op("std dim keepdim", true, a -> a.get(0).std(0, true, true), new int[] {3, 2});
        op("norm", true, a -> a.get(0).norm(), new int[] {2, 3});
        op("norm p=3 dim", true, a -> a.get(0).norm(3, 1), new int[] {2, 3});
        op("max", false, a -> a.get(0).max(), new int[] {2, 3});
        op("max dim", false, a -> a.get(0).max(1).values(), new int[] {2, 3});
        op("min dim keepdim", false, a -> a.get(0).min(0, true).values(), new int[] {2, 3});
        op("dot", true, a -> a.get(0).dot(a.get(1)), new int[] {4}, new int[] {4});
        op("mv", true, a -> a.get(0).mv(a.get(1)), new int[] {2, 3}, new int[] {3});
        op("mm", true, a -> a.get(0).mm(a.get(1)), new int[] {2, 3}, new int[] {3, 4});
        op("matmul 1d@2d", true, a -> a.get(0).matmul(a.get(1)), new int[] {3}, new int[] {3, 2});
        op("matmul 3d@2d", true, a -> a.get(0).matmul(a.get(1)), new int[] {2, 2, 3}, new int[] {3, 2});
        op("matmul batched broadcast", true, a -> a.get(0).matmul(a.get(1)), new int[] {2, 2, 3}, new int[] {3, 2});
        op("bmm", true, a -> a.get(0).bmm(a.get(1)), new int[] {2, 2, 3}, new int[] {2, 3, 2});
        op("linear", true, a -> linear(a.get(0), a.get(1), a.get(2)), new int[] {2, 3}, new int[] {4, 3}, new int[] {4});
        op("view", true, a -> a.get(0).view(3, 2).mul(a.get(0).view(3, 2)), new int[] {2, 3});
        op("reshape non-contiguous", true, a -> a.get(0).t().reshape(6).pow(2), new int[] {2, 3});
        op("t", true, a -> a.get(0).t().mul(a.get(0).t()), new int[] {2, 3});
        op("transpose", true, a -> a.get(0).transpose(0, 2).pow(2), new int[] {2, 3, 2});
        op("permute", true, a -> a.get(0).permute(2, 0, 1).pow(2), new int[] {2, 3, 2});
        op("select", true, a -> a.get(0).select(1, 2).pow(2), new int[] {2, 3});
        op("slice step", true, a -> a.get(0).slice(1, 0, 3, 2).pow(2), new int[] {2, 3});
        op("unsqueeze squeeze", true, a -> a.get(0).unsqueeze(1).squeeze().pow(2), new int[] {2, 3});
        op("expand", true, a -> a.get(0).expand(4, 3).pow(2), new int[] {3});
        op("index", false, a -> a.get(0).index(tensor(0, 1, 0)).pow(2), new int[] {2, 3});
        op("mask", false, a -> a.get(0).index(tensor(true, false, true, true)).pow(2), new int[] {4});
        op("cat", true, a -> cat(List.of(a.get(0), a.get(1)), 1).pow(2), new int[] {2, 3}, new int[] {2, 1});
        op("stack", true, a -> stack(List.of(a.get(0), a.get(1)), 1).pow(2), new int[] {2, 3}, new int[] {2, 3});
        op("unbind", true, a -> a.get(0).unbind(1).get(1).mul(a.get(0).unbind(1).get(2)), new int[] {2, 3});
        op("clone", true, a -> a.get(0).clone().pow(2), new int[] {3});
        op("softmax", true, a -> softmax(a.get(0), 1), new int[] {2, 3});
        op("log_softmax", true, a -> logSoftmax(a.get(0), 0), new int[] {2, 3});
        op("bce with logits", true, a -> binaryCrossEntropyWithLogits(a.get(0), a.get(1)), new int[] {2, 3}, new int[] {2, 3});
        op("bce", true, a -> binaryCrossEntropy(a.get(0).sigmoid(), tensor(new double[][] {{0.1, 0.5, 0.9}, {1, 0, 0.3}}, float64)), new int[] {2, 3});
        op("mse", true, a -> mseLoss(a.get(0), a.get(1)), new int[] {2, 3}, new int[] {2, 3});
        op("cross entropy", true, a -> crossEntropy(a.get(0), tensor(0, 2)), new int[] {2, 3});
        op("in-place on non-leaf", true, a -> a.get(0).mul(1).mul_(a.get(1)).add_(1), new int[] {3}, new int[] {3});
        op("copy into view (CopySlices)", true, a -> {
            Tensor z = zeros(float64, 2, 3);
            z.set(1, a.get(0).pow(2));
            return z.mul(a.get(1));
        }, new int[] {3}, new int[] {2, 3});
        op("in-place on view of non-leaf", true, a -> {
            Tensor z = a.get(0).mul(1);
            z.select(0, 1).mul_(a.get(1));
            return z;
        }, new int[] {2, 3}, new int[] {3});
    }

    private static List<Tensor> inputs(int[][] shapes) {
        List<Tensor> in = new ArrayList<>();
        for (int[] s : shapes) in.add(randn(float64, s).requiresGrad_());
        return in;
    }

    /** Checks analytic gradients of sum(w * f(inputs)) against central differences. */
    private static void check(Function<List<Tensor>, Tensor> f, List<Tensor> in, String what) {
        Tensor out = f.apply(in);
        Tensor weight = randn(float64, out.shapeArray());
        List<Tensor> analytic = Autograd.grad(List.of(out.mul(weight).sum()), in, null, false, false, true);
        for (int i = 0; i < in.size(); i++) {
            Tensor x = in.get(i);
            double[] numeric = new double[x.numel()];
            for (int k = 0; k < numeric.length; k++) {
                double orig = x.storage.getDouble(k);
                double plus, minus;
                // grad mode stays on: the second-order check differentiates inside f
                x.storage.setDouble(k, orig + EPS);
                plus = f.apply(in).mul(weight).sum().item();
                x.storage.setDouble(k, orig - EPS);
                minus = f.apply(in).mul(weight).sum().item();
                x.storage.setDouble(k, orig);
                numeric[k] = (plus - minus) / (2 * EPS);
            }
            double[] got = analytic.get(i) == null ? new double[numeric.length] : analytic.get(i).toDoubleArray();
            for (int k = 0; k < numeric.length; k++) {
                assertTrue(Math.abs(got[k] - numeric[k]) <= ATOL + RTOL * Math.abs(numeric[k]),
                        what + ": d/d input " + i + "[" + k + "] analytic " + got[k] + " vs numeric " + numeric[k]);
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> firstDerivatives() {
        return OPS.keySet().stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            manualSeed(1);
            check(OPS.get(name), inputs(SHAPES.get(name)), name);
        }));
    }

    /** gradgradcheck: the gradient function itself, built with create_graph, checked numerically. */
    @TestFactory
    Stream<DynamicTest> secondDerivativesOfSmoothOps() {
        return SMOOTH.stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            manualSeed(2);
            List<Tensor> in = inputs(SHAPES.get(name));
            Function<List<Tensor>, Tensor> f = OPS.get(name);
            Tensor probe = f.apply(in);
            Tensor weight = randn(float64, probe.shapeArray());
            Function<List<Tensor>, Tensor> firstGrad = xs -> {
                List<Tensor> g = Autograd.grad(List.of(f.apply(xs).mul(weight).sum()), xs, null, true, true, true);
                Tensor acc = null;
                for (Tensor gi : g) if (gi != null) acc = acc == null ? gi.pow(2).sum() : acc.add(gi.pow(2).sum());
                return acc == null ? zeros(float64, 1) : acc;
            };
            Tensor value = firstGrad.apply(in);
            // a linear op's gradient does not depend on its inputs: nothing second-order to check
            if (!value.requiresGrad()) return;
            check(firstGrad, in, name + " (second order)");
        }));
    }
}
