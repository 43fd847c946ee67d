// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.functional;

import io.gradbook.autograd.Autograd;
import io.gradbook.autograd.PyTuple;
import io.gradbook.autograd.Tensor;
import io.gradbook.autograd.Torch;
import io.gradbook.autograd.TorchException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * {@code torch.autograd.functional}, reached as {@code Autograd.functional}: Jacobians, Hessians and their
 * products of a function given as a lambda, computed as PyTorch 1.13 computes them (reverse mode, one backward
 * per output element, the double-backward trick for jvp/hvp), so the numbers and the tuples printed match.
 *
 * <p>Three forms of each: a function of one tensor ({@code x -> x.pow(2)}), of two ({@code (x, y) -> x.mul(y)}),
 * and of a list of tensors returning a tensor or a list (PyTorch's tuples of inputs and outputs).
 *
 * <pre>
 * jshell> Autograd.functional.jacobian(x -> x.pow(2).mul(3), tensor(1., 2., 3.))
 * tensor([[ 6.,  0.,  0.],
 *         [ 0., 12.,  0.],
 *         [ 0.,  0., 18.]])
 * jshell> Autograd.functional.vjp(x -> x.pow(2), tensor(1., 2.), tensor(1., 0.5))
 * (tensor([1., 4.]), tensor([2., 2.]))
 * </pre>
 * {@code vectorize} is not offered: PyTorch's default (false) is what is computed.
 */
public final class Functional {
    public Functional() {}

    // ---- jacobian -------------------------------------------------------------------------------------------------

    /** {@code jacobian(f, x)}: shape {@code f(x).shape + x.shape}. */
    public Tensor jacobian(Function<Tensor, Tensor> f, Tensor x) {
        return jacobian(f, x, false, false);
    }

    public Tensor jacobian(Function<Tensor, Tensor> f, Tensor x, boolean createGraph, boolean strict) {
        return (Tensor) jacobian(one(f), List.of(x), false, createGraph, strict);
    }

    /** {@code jacobian(f, (x, y))}: one Jacobian per input. */
    @SuppressWarnings("unchecked")
    public PyTuple<Tensor> jacobian(BiFunction<Tensor, Tensor, Tensor> f, Tensor x, Tensor y) {
        return (PyTuple<Tensor>) jacobian(two(f), List.of(x, y), true, false, false);
    }

    /**
     * The general form: {@code f} takes the inputs as a list and returns a tensor (the result is a tuple per input)
     * or a list of tensors (a tuple per output of tuples per input).
     */
    public PyTuple<?> jacobian(Function<List<Tensor>, ?> f, List<Tensor> inputs) {
        return jacobian(f, inputs, false, false);
    }

    public PyTuple<?> jacobian(Function<List<Tensor>, ?> f, List<Tensor> inputs, boolean createGraph, boolean strict) {
        return (PyTuple<?>) jacobian(f, inputs, true, createGraph, strict);
    }

    private Object jacobian(Function<List<Tensor>, ?> f, List<Tensor> rawInputs, boolean inputsTuple, boolean createGraph, boolean strict) {
        try (var g = Torch.enableGrad()) {
            List<Tensor> inputs = preprocess(rawInputs, createGraph, true);
            Object result = f.apply(inputs);
            boolean outputsTuple = !(result instanceof Tensor);
            List<Tensor> outputs = asList(result, "outputs of the user-provided function", "jacobian");
            checkRequiresGrad(outputs, "outputs", strict);
            List<Object> jac = new ArrayList<>();
            for (int i = 0; i < outputs.size(); i++) {
                Tensor out = outputs.get(i);
                List<List<Tensor>> rows = new ArrayList<>();
                for (int k = 0; k < inputs.size(); k++) rows.add(new ArrayList<>());
                for (int j = 0; j < out.numel(); j++) {
                    List<Tensor> vj = autogradGrad(List.of(out.reshape(-1).get(j)), inputs, null, createGraph, true);
                    for (int k = 0; k < inputs.size(); k++) {
                        Tensor el = vj.get(k);
                        if (el != null) {
                            if (strict && createGraph && !el.requiresGrad()) {
                                throw new TorchException.RuntimeError("The jacobian of the user-provided function is independent of input " + i + ". This is not allowed in strict mode when create_graph=True.");
                            }
                            rows.get(k).add(el);
                        } else {
                            if (strict) {
                                throw new TorchException.RuntimeError("Output " + i + " of the user-provided function is independent of input " + k + ". This is not allowed in strict mode.");
                            }
                            rows.get(k).add(Torch.zerosLike(inputs.get(k)));
                        }
                    }
                }
                Tensor[] perInput = new Tensor[inputs.size()];
                for (int k = 0; k < inputs.size(); k++) {
                    int[] shape = concat(out.shape().toArray(), inputs.get(k).shape().toArray());
                    List<Tensor> r = rows.get(k);
                    perInput[k] = r.isEmpty() ? Torch.zeros(inputs.get(k).dtype(), shape) : Torch.stack(r, 0).view(shape);
                }
                jac.add(PyTuple.of(postprocess(perInput, createGraph)));
            }
            return tuplePostprocess2(jac, outputsTuple, inputsTuple);
        }
    }

    // ---- hessian --------------------------------------------------------------------------------------------------

    /** {@code hessian(f, x)} of a function with one element: shape {@code x.shape + x.shape}. */
    public Tensor hessian(Function<Tensor, Tensor> f, Tensor x) {
        return hessian(f, x, false, false);
    }

    public Tensor hessian(Function<Tensor, Tensor> f, Tensor x, boolean createGraph, boolean strict) {
        return (Tensor) hessian(one(f), List.of(x), false, createGraph, strict);
    }

    /** {@code hessian(f, (x, y))}: ((H_xx, H_xy), (H_yx, H_yy)). */
    @SuppressWarnings("unchecked")
    public PyTuple<PyTuple<Tensor>> hessian(BiFunction<Tensor, Tensor, Tensor> f, Tensor x, Tensor y) {
        return (PyTuple<PyTuple<Tensor>>) hessian(two(f), List.of(x, y), true, false, false);
    }

    public PyTuple<?> hessian(Function<List<Tensor>, Tensor> f, List<Tensor> inputs, boolean createGraph, boolean strict) {
        return (PyTuple<?>) hessian(f, inputs, true, createGraph, strict);
    }

    private Object hessian(Function<List<Tensor>, ?> f, List<Tensor> inputs, boolean inputsTuple, boolean createGraph, boolean strict) {
        Function<List<Tensor>, Object> single = inp -> {
            Object out = f.apply(inp);
            List<Tensor> t = asList(out, "outputs of the user-provided function", "hessian");
            checkRequiresGrad(t, "outputs", strict);
            if (!(out instanceof Tensor)) throw new TorchException.RuntimeError("The function given to hessian should return a single Tensor");
            if (((Tensor) out).numel() != 1) throw new TorchException.RuntimeError("The Tensor returned by the function given to hessian should contain a single element");
            return ((Tensor) out).squeeze();
        };
        Function<List<Tensor>, Object> jacFunc = inp -> {
            PyTuple<?> jac = (PyTuple<?>) jacobian(single, inp, true, true, false);
            List<Tensor> flat = new ArrayList<>();
            for (Object o : jac) flat.add((Tensor) o);
            checkRequiresGrad(flat, "jacobian", strict);
            return flat;
        };
        PyTuple<?> res = (PyTuple<?>) jacobian(jacFunc, inputs, true, createGraph, strict);
        List<Object> rows = new ArrayList<>(res);
        return tuplePostprocess2(rows, inputsTuple, inputsTuple);
    }

    // ---- vjp, jvp -------------------------------------------------------------------------------------------------

    /** {@code vjp(f, x, v)}: (f(x), v^T J); v may be null when f(x) has one element. */
    @SuppressWarnings("unchecked")
    public PyTuple<Tensor> vjp(Function<Tensor, Tensor> f, Tensor x, Tensor v) {
        return (PyTuple<Tensor>) vjp(one(f), List.of(x), false, v == null ? null : List.of(v), false, false);
    }

    public PyTuple<Tensor> vjp(Function<Tensor, Tensor> f, Tensor x) {
        return vjp(f, x, null);
    }

    @SuppressWarnings("unchecked")
    public PyTuple<Tensor> vjp(Function<Tensor, Tensor> f, Tensor x, Tensor v, boolean createGraph, boolean strict) {
        return (PyTuple<Tensor>) vjp(one(f), List.of(x), false, v == null ? null : List.of(v), createGraph, strict);
    }

    /** {@code vjp(f, (x, y), v)}: (f(x, y), (v^T J_x, v^T J_y)). */
    @SuppressWarnings("unchecked")
    public PyTuple<Object> vjp(BiFunction<Tensor, Tensor, Tensor> f, Tensor x, Tensor y, Tensor v) {
        return (PyTuple<Object>) vjp(two(f), List.of(x, y), true, v == null ? null : List.of(v), false, false);
    }

    /** The general form: f of a list of inputs returning a tensor or a list; v one tensor per output (or null). */
    @SuppressWarnings("unchecked")
    public PyTuple<Object> vjp(Function<List<Tensor>, ?> f, List<Tensor> inputs, List<Tensor> v, boolean createGraph, boolean strict) {
        return (PyTuple<Object>) vjp(f, inputs, true, v, createGraph, strict);
    }

    private Object vjp(Function<List<Tensor>, ?> f, List<Tensor> rawInputs, boolean inputsTuple, List<Tensor> rawV, boolean createGraph, boolean strict) {
        List<Tensor> inputs, outputs, v = null;
        boolean outputsTuple;
        try (var g = Torch.enableGrad()) {
            inputs = preprocess(rawInputs, createGraph, true);
            Object result = f.apply(inputs);
            outputsTuple = !(result instanceof Tensor);
            outputs = asList(result, "outputs of the user-provided function", "vjp");
            checkRequiresGrad(outputs, "outputs", strict);
            if (rawV != null) {
                v = preprocess(rawV, createGraph, false);
                validateV(v, outputs, outputsTuple);
            } else if (outputs.size() != 1 || outputs.get(0).numel() != 1) {
                throw new TorchException.RuntimeError("The vector v can only be None if the user-provided function returns a single Tensor with a single element.");
            }
        }
        Tensor[] vjp;
        try (var g = Torch.setGradEnabled(createGraph || Torch.isGradEnabled())) {
            vjp = fillInZeros(autogradGrad(outputs, inputs, v, createGraph, null), inputs, strict, createGraph, "back");
        }
        return PyTuple.of(tuplePostprocess(postprocess(outputs.toArray(new Tensor[0]), createGraph), outputsTuple),
                tuplePostprocess(postprocess(vjp, createGraph), inputsTuple));
    }

    /** {@code jvp(f, x, v)}: (f(x), J v), by the double-backward trick as PyTorch 1.13 computes it. */
    @SuppressWarnings("unchecked")
    public PyTuple<Tensor> jvp(Function<Tensor, Tensor> f, Tensor x, Tensor v) {
        return (PyTuple<Tensor>) jvp(one(f), List.of(x), false, v == null ? null : List.of(v), false, false);
    }

    @SuppressWarnings("unchecked")
    public PyTuple<Tensor> jvp(Function<Tensor, Tensor> f, Tensor x, Tensor v, boolean createGraph, boolean strict) {
        return (PyTuple<Tensor>) jvp(one(f), List.of(x), false, v == null ? null : List.of(v), createGraph, strict);
    }

    /** {@code jvp(f, (x, y), (vx, vy))}: (f(x, y), J_x vx + J_y vy). */
    @SuppressWarnings("unchecked")
    public PyTuple<Tensor> jvp(BiFunction<Tensor, Tensor, Tensor> f, Tensor x, Tensor y, Tensor vx, Tensor vy) {
        return (PyTuple<Tensor>) jvp(two(f), List.of(x, y), true, List.of(vx, vy), false, false);
    }

    @SuppressWarnings("unchecked")
    public PyTuple<Object> jvp(Function<List<Tensor>, ?> f, List<Tensor> inputs, List<Tensor> v, boolean createGraph, boolean strict) {
        return (PyTuple<Object>) jvp(f, inputs, true, v, createGraph, strict);
    }

    private Object jvp(Function<List<Tensor>, ?> f, List<Tensor> rawInputs, boolean inputsTuple, List<Tensor> rawV, boolean createGraph, boolean strict) {
        List<Tensor> inputs, outputs, v = null, gradOutputs = new ArrayList<>(), gradInputs;
        boolean outputsTuple;
        try (var g = Torch.enableGrad()) {
            inputs = preprocess(rawInputs, createGraph, true);
            if (rawV != null) {
                v = preprocess(rawV, createGraph, false);
                validateV(v, inputs, inputsTuple);
            } else if (inputs.size() != 1 || inputs.get(0).numel() != 1) {
                throw new TorchException.RuntimeError("The vector v can only be None if the input to the user-provided function is a single Tensor with a single element.");
            }
            Object result = f.apply(inputs);
            outputsTuple = !(result instanceof Tensor);
            outputs = asList(result, "outputs of the user-provided function", "jvp");
            checkRequiresGrad(outputs, "outputs", strict);
            // backward is linear in its incoming gradient: its value does not matter, only that it is finite
            for (Tensor out : outputs) gradOutputs.add(Torch.zerosLike(out).requiresGrad_());
            gradInputs = autogradGrad(outputs, inputs, gradOutputs, true, null);
            checkRequiresGrad(gradInputs, "grad_inputs", strict);
        }
        Tensor[] jvp;
        try (var g = Torch.setGradEnabled(createGraph || Torch.isGradEnabled())) {
            jvp = fillInZeros(autogradGrad(gradInputs, gradOutputs, v, createGraph, null), outputs, strict, createGraph, "back_trick");
        }
        return PyTuple.of(tuplePostprocess(postprocess(outputs.toArray(new Tensor[0]), createGraph), outputsTuple),
                tuplePostprocess(postprocess(jvp, createGraph), outputsTuple));
    }

    // ---- hvp, vhp -------------------------------------------------------------------------------------------------

    /** {@code hvp(f, x, v)}: (f(x), H v) for f with one element. */
    @SuppressWarnings("unchecked")
    public PyTuple<Tensor> hvp(Function<Tensor, Tensor> f, Tensor x, Tensor v) {
        return (PyTuple<Tensor>) secondOrder(one(f), List.of(x), false, v == null ? null : List.of(v), false, false, true);
    }

    /** {@code vhp(f, x, v)}: (f(x), v^T H). */
    @SuppressWarnings("unchecked")
    public PyTuple<Tensor> vhp(Function<Tensor, Tensor> f, Tensor x, Tensor v) {
        return (PyTuple<Tensor>) secondOrder(one(f), List.of(x), false, v == null ? null : List.of(v), false, false, false);
    }

    @SuppressWarnings("unchecked")
    public PyTuple<Object> hvp(BiFunction<Tensor, Tensor, Tensor> f, Tensor x, Tensor y, Tensor vx, Tensor vy) {
        return (PyTuple<Object>) secondOrder(two(f), List.of(x, y), true, List.of(vx, vy), false, false, true);
    }

    @SuppressWarnings("unchecked")
    public PyTuple<Object> vhp(BiFunction<Tensor, Tensor, Tensor> f, Tensor x, Tensor y, Tensor vx, Tensor vy) {
        return (PyTuple<Object>) secondOrder(two(f), List.of(x, y), true, List.of(vx, vy), false, false, false);
    }

    @SuppressWarnings("unchecked")
    public PyTuple<Object> hvp(Function<List<Tensor>, ?> f, List<Tensor> inputs, List<Tensor> v, boolean createGraph, boolean strict) {
        return (PyTuple<Object>) secondOrder(f, inputs, true, v, createGraph, strict, true);
    }

    @SuppressWarnings("unchecked")
    public PyTuple<Object> vhp(Function<List<Tensor>, ?> f, List<Tensor> inputs, List<Tensor> v, boolean createGraph, boolean strict) {
        return (PyTuple<Object>) secondOrder(f, inputs, true, v, createGraph, strict, false);
    }

    private Object secondOrder(Function<List<Tensor>, ?> f, List<Tensor> rawInputs, boolean inputsTuple, List<Tensor> rawV, boolean createGraph, boolean strict, boolean hvp) {
        String what = hvp ? "hvp" : "vhp";
        List<Tensor> inputs, outputs, v = null, jac, gradJac = new ArrayList<>(), doubleBack = null;
        boolean outputsTuple;
        try (var g = Torch.enableGrad()) {
            inputs = preprocess(rawInputs, createGraph, true);
            if (rawV != null) {
                v = preprocess(rawV, createGraph, false);
                validateV(v, inputs, inputsTuple);
            } else if (inputs.size() != 1 || inputs.get(0).numel() != 1) {
                throw new TorchException.RuntimeError("The vector v can only be None if the input to the user-provided function is a single Tensor with a single element.");
            }
            Object result = f.apply(inputs);
            outputsTuple = !(result instanceof Tensor);
            outputs = asList(result, "outputs of the user-provided function", what);
            checkRequiresGrad(outputs, "outputs", strict);
            if (outputsTuple) throw new TorchException.RuntimeError("The function given to " + what + " should return a single Tensor");
            if (outputs.get(0).numel() != 1) throw new TorchException.RuntimeError("The Tensor returned by the function given to " + what + " should contain a single element");
            jac = autogradGrad(outputs, inputs, null, true, null);
            checkRequiresGrad(jac, "jacobian", strict);
            if (hvp) {
                for (Tensor in : inputs) gradJac.add(Torch.zerosLike(in).requiresGrad_());
                doubleBack = autogradGrad(jac, inputs, gradJac, true, null);
                checkRequiresGrad(jac, "hessian", strict);
            }
        }
        Tensor[] res;
        try (var g = Torch.setGradEnabled(createGraph || Torch.isGradEnabled())) {
            res = hvp
                    ? fillInZeros(autogradGrad(doubleBack, gradJac, v, createGraph, null), inputs, strict, createGraph, "double_back_trick")
                    : fillInZeros(autogradGrad(jac, inputs, v, createGraph, null), inputs, strict, createGraph, "double_back");
        }
        return PyTuple.of(tuplePostprocess(postprocess(outputs.toArray(new Tensor[0]), createGraph), outputsTuple),
                tuplePostprocess(postprocess(res, createGraph), inputsTuple));
    }

    // ---- PyTorch's helpers (torch/autograd/functional.py) -----------------------------------------------------------

    private static Function<List<Tensor>, ?> one(Function<Tensor, Tensor> f) {
        return xs -> f.apply(xs.get(0));
    }

    private static Function<List<Tensor>, ?> two(BiFunction<Tensor, Tensor, Tensor> f) {
        return xs -> f.apply(xs.get(0), xs.get(1));
    }

    /** _grad_preprocess: fresh leaves that require grad, or views keeping the graph under create_graph. */
    private static List<Tensor> preprocess(List<Tensor> inputs, boolean createGraph, boolean needGraph) {
        List<Tensor> res = new ArrayList<>();
        for (Tensor t : inputs) {
            if (createGraph && t.requiresGrad()) res.add(t.viewAs(t));
            else res.add(t.detach().requiresGrad_(needGraph));
        }
        return res;
    }

    private static Tensor[] postprocess(Tensor[] ts, boolean createGraph) {
        if (createGraph) return ts;
        Tensor[] out = new Tensor[ts.length];
        for (int i = 0; i < ts.length; i++) out[i] = ts[i] == null ? null : ts[i].detach();
        return out;
    }

    private static Object tuplePostprocess(Tensor[] ts, boolean tuple) {
        return tuple ? PyTuple.of(ts) : ts[0];
    }

    /** A tuple (per output) of tuples (per input), collapsed where the caller gave a single tensor. */
    private static Object tuplePostprocess2(List<Object> perOutput, boolean outputsTuple, boolean inputsTuple) {
        List<Object> rows = new ArrayList<>();
        for (Object row : perOutput) rows.add(inputsTuple ? row : ((PyTuple<?>) row).get(0));
        return outputsTuple ? PyTuple.of(rows.toArray()) : rows.get(0);
    }

    @SuppressWarnings("unchecked")
    private static List<Tensor> asList(Object o, String argName, String fnName) {
        if (o instanceof Tensor) return List.of((Tensor) o);
        if (o instanceof List) {
            for (Object e : (List<?>) o) {
                if (!(e instanceof Tensor)) {
                    throw new TorchException.TypeError("The " + argName + " given to " + fnName + " must be either a Tensor or a tuple of Tensors but the value at index 0 has type " + (e == null ? "NoneType" : e.getClass().getSimpleName()) + ".");
                }
            }
            return (List<Tensor>) o;
        }
        throw new TorchException.TypeError("The " + argName + " given to " + fnName + " must be either a Tensor or a tuple of Tensors but the given " + argName + " has type " + (o == null ? "NoneType" : o.getClass().getSimpleName()) + ".");
    }

    private static void checkRequiresGrad(List<Tensor> ts, String type, boolean strict) {
        if (!strict) return;
        for (int i = 0; i < ts.size(); i++) {
            Tensor t = ts.get(i);
            if (t == null) throw new TorchException.RuntimeError("The output of the user-provided function is independent of input " + i + ". This is not allowed in strict mode.");
            if (t.requiresGrad()) continue;
            switch (type) {
                case "hessian":
                    throw new TorchException.RuntimeError("The hessian of the user-provided function with respect to input " + i + " is independent of the input. This is not allowed in strict mode. You should ensure that your function is thrice differentiable and that the hessian depends on the inputs.");
                case "jacobian":
                    throw new TorchException.RuntimeError("While computing the hessian, found that the jacobian of the user-provided function with respect to input " + i + " is independent of the input. This is not allowed in strict mode. You should ensure that your function is twice differentiable and that the jacobian depends on the inputs (this would be violated by a linear function for example).");
                case "grad_inputs":
                    throw new TorchException.RuntimeError("The gradient with respect to input " + i + " is independent of the inputs of the user-provided function. This is not allowed in strict mode.");
                default:
                    throw new TorchException.RuntimeError("Output " + i + " of the user-provided function does not require gradients. The outputs must be computed in a differentiable manner from the input when running in strict mode.");
            }
        }
    }

    private static void validateV(List<Tensor> v, List<Tensor> other, boolean otherTuple) {
        if (v.size() != other.size()) {
            String kind = otherTuple ? "tuple" : "Tensor";
            throw new TorchException.RuntimeError("v is a " + kind + " of invalid length: should be " + other.size() + " but got " + v.size() + ".");
        }
        for (int i = 0; i < v.size(); i++) {
            if (!Arrays.equals(v.get(i).shape().toArray(), other.get(i).shape().toArray())) {
                String prepend = otherTuple ? "Entry " + i + " in " : "";
                throw new TorchException.RuntimeError(prepend + "v has invalid size: should be " + other.get(i).shape() + " but got " + v.get(i).shape() + ".");
            }
        }
    }

    /**
     * _autograd_grad: outputs that do not require grad are dropped (with their grad_outputs); if none is left, every
     * gradient is None. retainGraph null means "as create_graph".
     */
    private static List<Tensor> autogradGrad(List<Tensor> outputs, List<Tensor> inputs, List<Tensor> gradOutputs, boolean createGraph, Boolean retainGraph) {
        List<Tensor> outs = new ArrayList<>(), gos = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
            Tensor o = outputs.get(i);
            if (o == null || !o.requiresGrad()) continue;
            outs.add(o);
            gos.add(gradOutputs == null ? null : gradOutputs.get(i));
        }
        if (outs.isEmpty()) return Arrays.asList(new Tensor[inputs.size()]);
        boolean retain = retainGraph == null ? createGraph : retainGraph;
        return Autograd.grad(outs, inputs, gradOutputs == null ? null : gos, retain, createGraph, true);
    }

    private static Tensor[] fillInZeros(List<Tensor> grads, List<Tensor> refs, boolean strict, boolean createGraph, String stage) {
        Tensor[] res = new Tensor[grads.size()];
        for (int i = 0; i < res.length; i++) {
            Tensor g = grads.get(i);
            if (g == null) {
                if (strict) {
                    switch (stage) {
                        case "back":
                            throw new TorchException.RuntimeError("The output of the user-provided function is independent of input " + i + ". This is not allowed in strict mode.");
                        case "back_trick":
                            throw new TorchException.RuntimeError("The gradient with respect to the input is independent of entry " + i + " in the grad_outputs when using the double backward trick to compute forward mode gradients. This is not allowed in strict mode.");
                        case "double_back":
                            throw new TorchException.RuntimeError("The jacobian of the user-provided function is independent of input " + i + ". This is not allowed in strict mode.");
                        default:
                            throw new TorchException.RuntimeError("The hessian of the user-provided function is independent of entry " + i + " in the grad_jacobian. This is not allowed in strict mode as it prevents from using the double backward trick to replace forward mode AD.");
                    }
                }
                g = Torch.zerosLike(refs.get(i));
            } else if (strict && createGraph && !g.requiresGrad()) {
                String which = stage.contains("double") ? "hessian" : "jacobian";
                throw new TorchException.RuntimeError("The " + which + " of the user-provided function is independent of input " + i + ". This is not allowed in strict mode when create_graph=True.");
            }
            res[i] = g;
        }
        return res;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
