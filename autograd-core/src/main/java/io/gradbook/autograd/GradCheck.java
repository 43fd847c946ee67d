// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@code torch.autograd.gradcheck} / {@code gradgradcheck} (PyTorch's slow mode): the numerical Jacobian by
 * central differences, the analytical one by one backward per output element, compared with
 * {@code |a - n| <= atol + rtol * |n|}. Both are laid out as PyTorch prints them: one row per input element,
 * one column per output element.
 */
final class GradCheck {
    private GradCheck() {}

    static boolean gradcheck(Function<List<Tensor>, ?> f, List<Tensor> inputs, double eps, double atol, double rtol, boolean raise) {
        boolean any = false;
        for (int i = 0; i < inputs.size(); i++) {
            Tensor x = inputs.get(i);
            if (x == null || !x.requiresGrad()) continue;
            any = true;
            if (x.dtype() != DType.FLOAT64) {
                Warnings.warn("UserWarning", "Input #" + i + " requires gradient and is not a double precision floating point or complex. This check will likely fail if all the inputs are not of double precision floating point or complex. ");
            }
        }
        if (!any) throw new TorchException.ValueError("gradcheck expects at least one input tensor to require gradient, but none of the them have requires_grad=True.");
        List<Tensor> outputs = outputsOf(f.apply(inputs));
        for (int o = 0; o < outputs.size(); o++) {
            Tensor out = outputs.get(o);
            if (!out.dtype().isFloatingPoint()) continue;
            for (int i = 0; i < inputs.size(); i++) {
                Tensor x = inputs.get(i);
                if (x == null || !x.requiresGrad()) continue;
                Tensor numerical = numerical(f, inputs, i, o, eps);
                Tensor analytical = analytical(out, x, numerical.shapeArray());
                if (!Torch.allclose(analytical, numerical, rtol, atol)) {
                    if (!raise) return false;
                    throw new GradcheckError("Jacobian mismatch for output " + o + " with respect to input " + i + ",\nnumerical:" + numerical + "\nanalytical:" + analytical + "\n");
                }
            }
        }
        return true;
    }

    /**
     * gradcheck of {@code (inputs, gradOutputs) -> grad(f(inputs), inputs, gradOutputs, create_graph)} with random
     * gradOutputs in [-1, 1), as PyTorch draws them.
     */
    static boolean gradgradcheck(Function<List<Tensor>, ?> f, List<Tensor> inputs, double eps, double atol, double rtol, boolean raise) {
        List<Tensor> outputs = outputsOf(f.apply(inputs));
        List<Tensor> all = new ArrayList<>(inputs);
        for (Tensor out : outputs) all.add(Random.rand(out.shapeArray(), out.dtype(), null).mul(2).sub(1).requiresGrad_());
        int n = inputs.size();
        Function<List<Tensor>, ?> grads = xs -> {
            List<Tensor> diff = new ArrayList<>();
            for (Tensor x : xs.subList(0, n)) if (x != null && x.requiresGrad()) diff.add(x);
            List<Tensor> outs = outputsOf(f.apply(xs.subList(0, n)));
            List<Tensor> result = new ArrayList<>();
            for (Tensor g : Autograd.grad(outs, diff, xs.subList(n, xs.size()), true, true, true)) if (g != null) result.add(g);
            return result;
        };
        return gradcheck(grads, all, eps, atol, rtol, raise);
    }

    @SuppressWarnings("unchecked")
    static List<Tensor> outputsOf(Object result) {
        if (result instanceof Tensor) return List.of((Tensor) result);
        if (result instanceof List) return (List<Tensor>) result;
        throw new TorchException.TypeError("gradcheck: the function must return a Tensor or a list of Tensors, got " + (result == null ? "None" : result.getClass().getSimpleName()));
    }

    /** d output[o] / d input[i] by central differences, the input perturbed in a fresh tensor each time. */
    private static Tensor numerical(Function<List<Tensor>, ?> f, List<Tensor> inputs, int i, int o, double eps) {
        Tensor x = inputs.get(i);
        double[] base = x.values().clone();
        int outNumel = -1;
        double[][] rows = new double[base.length][];
        // grad mode stays as it is: gradgradcheck's function differentiates inside
        for (int k = 0; k < base.length; k++) {
            double[] plus = evalWith(f, inputs, i, o, base, k, base[k] + eps);
            double[] minus = evalWith(f, inputs, i, o, base, k, base[k] - eps);
            rows[k] = new double[plus.length];
            for (int j = 0; j < plus.length; j++) rows[k][j] = (plus[j] - minus[j]) / (2 * eps);
            outNumel = plus.length;
        }
        if (outNumel < 0) outNumel = outputsOf(f.apply(inputs)).get(o).numel();
        double[] flat = new double[base.length * outNumel];
        for (int k = 0; k < base.length; k++) System.arraycopy(rows[k], 0, flat, k * outNumel, outNumel);
        return Tensor.wrap(flat, new int[] {base.length, outNumel}, DType.FLOAT64);

    }

    /** Output o of f with element k of input i set to value (in a fresh tensor, so x itself is never written). */
    private static double[] evalWith(Function<List<Tensor>, ?> f, List<Tensor> inputs, int i, int o, double[] base, int k, double value) {
        Tensor x = inputs.get(i);
        double[] v = base.clone();
        v[k] = value;
        List<Tensor> in = new ArrayList<>(inputs);
        in.set(i, Tensor.wrap(x.dtype() == DType.FLOAT64 ? v : roundTo(v, x.dtype()), x.shapeArray().clone(), x.dtype()).requiresGrad_(x.requiresGrad()));
        return outputsOf(f.apply(in)).get(o).to(DType.FLOAT64).values();
    }

    private static double[] roundTo(double[] v, DType dtype) {
        for (int j = 0; j < v.length; j++) v[j] = dtype.round(v[j]);
        return v;
    }

    /** Row k of the result is d output / d input element k, from one backward per output element. */
    private static Tensor analytical(Tensor out, Tensor x, int[] shape) {
        int rows = shape[0], cols = shape[1];
        double[] flat = new double[rows * cols];
        if (out.requiresGrad()) {
            for (int j = 0; j < cols; j++) {
                double[] unit = new double[cols];
                unit[j] = 1;
                Tensor g = Tensor.wrap(unit, out.shapeArray().clone(), out.dtype());
                Tensor gx = Autograd.grad(List.of(out), List.of(x), List.of(g), true, false, true).get(0);
                if (gx == null) continue;
                double[] v = gx.to(DType.FLOAT64).values();
                for (int k = 0; k < rows; k++) flat[k * cols + j] = v[k];
            }
        }
        return Tensor.wrap(flat, shape, DType.FLOAT64);
    }
}
