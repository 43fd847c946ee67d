// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code torch.autograd}: {@link #backward} accumulates into leaves' {@code .grad}; {@link #grad} returns the
 * gradients of outputs with respect to given inputs without touching {@code .grad}.
 *
 * <pre>
 * jshell> var x = ones(3).requiresGrad_(); var y = x.mul(x).sum();
 * jshell> Autograd.grad(y, x)
 * (tensor([2., 2., 2.]),)
 * </pre>
 */
public final class Autograd {
    private Autograd() {}

    /**
     * {@code torch.autograd.functional}: {@code Autograd.functional.jacobian(f, x)}, {@code hessian}, {@code vjp},
     * {@code jvp}, {@code hvp}, {@code vhp}.
     */
    public static final io.gradbook.autograd.functional.Functional functional = new io.gradbook.autograd.functional.Functional();

    /** {@code torch.autograd.backward(tensors, grad_tensors, retain_graph, create_graph)}; grads may be null. */
    public static void backward(List<Tensor> tensors, List<Tensor> gradTensors, boolean retainGraph, boolean createGraph) {
        Edge[] roots = new Edge[tensors.size()];
        Tensor[] grads = makeGrads(tensors, gradTensors, roots);
        Engine.run(roots, grads, retainGraph, createGraph, null);
    }

    /** {@code torch.autograd.grad(outputs, inputs)}: PyTorch's defaults (no retain, no create, unused is an error). */
    public static List<Tensor> grad(Tensor output, Tensor... inputs) {
        return grad(List.of(output), Arrays.asList(inputs), null, false, false, false);
    }

    public static List<Tensor> grad(Tensor output, Tensor input, Tensor gradOutput, boolean retainGraph, boolean createGraph) {
        return grad(List.of(output), List.of(input), gradOutput == null ? null : List.of(gradOutput), retainGraph, createGraph, false);
    }

    /**
     * {@code torch.autograd.grad(outputs, inputs, grad_outputs, retain_graph, create_graph, allow_unused)} in
     * PyTorch's positional order. An input the outputs do not depend on is an error unless
     * {@code allowUnused}, in which case its gradient is null (PyTorch's None).
     */
    public static List<Tensor> grad(List<Tensor> outputs, List<Tensor> inputs, List<Tensor> gradOutputs,
                                    boolean retainGraph, boolean createGraph, boolean allowUnused) {
        Edge[] roots = new Edge[outputs.size()];
        Tensor[] grads = makeGrads(outputs, gradOutputs, roots);
        Edge[] captures = new Edge[inputs.size()];
        for (int i = 0; i < inputs.size(); i++) {
            Tensor in = inputs.get(i);
            if (!in.requiresGrad()) {
                throw new TorchException.RuntimeError("One of the differentiated Tensors does not require grad");
            }
            captures[i] = Graph.edgeOf(in);
        }
        Tensor[] result = Engine.run(roots, grads, retainGraph || createGraph, createGraph, captures);
        List<Tensor> out = new ArrayList<>(result.length);
        for (Tensor r : result) {
            if (r == null && !allowUnused) {
                throw new TorchException.RuntimeError("One of the differentiated Tensors appears to not have been used in the graph. Set allow_unused=True if this is the desired behavior.");
            }
            out.add(r == null || createGraph ? r : r.detach());
        }
        return PyTuple.copyOf(out);
    }

    /** Validates the outputs and their gradients (implicit ones for scalars) and fills in the root edges. */
    private static Tensor[] makeGrads(List<Tensor> outputs, List<Tensor> gradOutputs, Edge[] roots) {
        if (gradOutputs != null && gradOutputs.size() != outputs.size()) {
            throw new TorchException.RuntimeError("grad requires one gradient per output: got " + gradOutputs.size() + " gradients for " + outputs.size() + " outputs");
        }
        Tensor[] grads = new Tensor[outputs.size()];
        for (int i = 0; i < outputs.size(); i++) {
            Tensor out = outputs.get(i);
            Tensor g = gradOutputs == null ? null : gradOutputs.get(i);
            if (!out.requiresGrad()) {
                throw new TorchException.RuntimeError("element " + i + " of tensors does not require grad and does not have a grad_fn");
            }
            if (g == null) {
                if (out.numel() != 1) throw new TorchException.RuntimeError("grad can be implicitly created only for scalar outputs");
                g = Tensor.wrap(new double[] {1}, out.shapeArray().clone(), out.dtype());
            } else if (!Arrays.equals(g.shapeArray(), out.shapeArray())) {
                throw new TorchException.RuntimeError("Mismatch in shape: grad_output[" + i + "] has a shape of " + Shape.torchSize(g.shapeArray()) + " and output[" + i + "] has a shape of " + Shape.torchSize(out.shapeArray()) + ".");
            }
            grads[i] = g;
            roots[i] = Graph.edgeOf(out);
        }
        return grads;
    }

    /**
     * {@code tensor.backward(gradient, retain_graph, create_graph, inputs)}: accumulates into the {@code .grad} of
     * the given inputs only (leaves or not); every other leaf is left alone.
     */
    public static void backward(List<Tensor> tensors, List<Tensor> gradTensors, boolean retainGraph, boolean createGraph, List<Tensor> inputs) {
        if (inputs == null) {
            backward(tensors, gradTensors, retainGraph, createGraph);
            return;
        }
        if (inputs.isEmpty()) throw new TorchException.RuntimeError("'inputs' argument to backward() cannot be empty.");
        Edge[] roots = new Edge[tensors.size()];
        Tensor[] grads = makeGrads(tensors, gradTensors, roots);
        Edge[] captures = new Edge[inputs.size()];
        for (int i = 0; i < captures.length; i++) {
            if (!inputs.get(i).requiresGrad()) throw new TorchException.RuntimeError("One of the differentiated Tensors does not require grad");
            captures[i] = Graph.edgeOf(inputs.get(i));
        }
        Tensor[] result = Engine.run(roots, grads, retainGraph || createGraph, createGraph, captures);
        for (int i = 0; i < result.length; i++) {
            Tensor g = result[i];
            if (g == null) continue;
            Tensor in = inputs.get(i);
            Tensor current = in.gradUnchecked();
            Tensor add = createGraph ? g : g.detach().contiguousCopy();
            try (var mode = GradMode.set(createGraph)) {
                in.setGradUnchecked(current == null ? add : current.add(add));
            }
        }
    }

    // ---- custom functions ---------------------------------------------------------------------------------------

    /**
     * {@code torch.autograd.Function}: an op with a forward and a backward of your own. Subclass it, then call
     * {@code new MyFunction().apply(x)} (the instance form: constants a function needs go in its constructor).
     * The node is named after the class, {@code LegendrePolynomial3Backward}; a backward written with tensor ops
     * can itself be differentiated (double backward).
     *
     * <pre>
     * jshell> class LegendrePolynomial3 extends Autograd.Function {
     *    ...>     public Tensor forward(FunctionCtx ctx, Tensor... in) {
     *    ...>         ctx.saveForBackward(in[0]);
     *    ...>         return in[0].pow(3).mul(5).sub(in[0].mul(3)).mul(0.5);
     *    ...>     }
     *    ...>     public Tensor[] backward(FunctionCtx ctx, Tensor... grads) {
     *    ...>         Tensor x = ctx.savedTensors().get(0);
     *    ...>         return new Tensor[] {grads[0].mul(1.5).mul(x.pow(2).mul(5).sub(1))};
     *    ...>     }
     *    ...> }
     * jshell> new LegendrePolynomial3().apply(tensor(0.5, 2.0).requiresGrad_())
     * tensor([-0.4375, 17.0000], grad_fn=&lt;LegendrePolynomial3Backward&gt;)
     * </pre>
     */
    public abstract static class Function {
        /** The forward computation (run without recording); override this, or {@link #forwardMany} for several outputs. */
        public Tensor forward(FunctionCtx ctx, Tensor... inputs) {
            throw new UnsupportedOperationException(getClass().getSimpleName() + " must override forward (or forwardMany for several outputs)");
        }

        /** A forward with several outputs, called by {@link #applyMany}. */
        public Tensor[] forwardMany(FunctionCtx ctx, Tensor... inputs) {
            return new Tensor[] {forward(ctx, inputs)};
        }

        /**
         * The gradients of the inputs (one per input; null for PyTorch's None) from those of the outputs. Annotate
         * it with {@link OnceDifferentiable} when it cannot itself be differentiated.
         */
        public abstract Tensor[] backward(FunctionCtx ctx, Tensor... gradOutputs);

        /** {@code MyFunction.apply(x, ...)}: runs forward and records the node. */
        public final Tensor apply(Tensor... inputs) {
            return CustomFunctionNode.apply(this, inputs, false)[0];
        }

        /** {@code apply} for a forward with several outputs: they come back as PyTorch's tuple. */
        public final PyTuple<Tensor> applyMany(Tensor... inputs) {
            return PyTuple.of(CustomFunctionNode.apply(this, inputs, true));
        }

        boolean isOnceDifferentiable() {
            try {
                return getClass().getMethod("backward", FunctionCtx.class, Tensor[].class).isAnnotationPresent(OnceDifferentiable.class);
            } catch (NoSuchMethodException e) {
                return false;
            }
        }
    }

    /**
     * {@code @once_differentiable} on a custom function's backward: it runs without recording, and differentiating
     * its result fails with PyTorch's "trying to differentiate twice" error.
     */
    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
    @java.lang.annotation.Target(java.lang.annotation.ElementType.METHOD)
    public @interface OnceDifferentiable {}

    // ---- checks -------------------------------------------------------------------------------------------------

    /**
     * {@code torch.autograd.gradcheck(f, inputs)}: compares the gradients backward computes with central differences
     * (eps 1e-6, atol 1e-5, rtol 1e-3), raising PyTorch's {@code GradcheckError} with both Jacobians on a mismatch.
     * {@code f} takes the inputs as a list and returns a tensor or a list of tensors.
     */
    public static boolean gradcheck(java.util.function.Function<List<Tensor>, ?> f, Tensor... inputs) {
        return GradCheck.gradcheck(f, Arrays.asList(inputs), 1e-6, 1e-5, 1e-3, true);
    }

    /** gradcheck with PyTorch's {@code eps, atol, rtol, raise_exception} (false: return false instead of raising). */
    public static boolean gradcheck(java.util.function.Function<List<Tensor>, ?> f, List<Tensor> inputs, double eps, double atol, double rtol, boolean raiseException) {
        return GradCheck.gradcheck(f, inputs, eps, atol, rtol, raiseException);
    }

    /** {@code torch.autograd.gradgradcheck(f, inputs)}: gradcheck of the gradient itself (second derivatives). */
    public static boolean gradgradcheck(java.util.function.Function<List<Tensor>, ?> f, Tensor... inputs) {
        return GradCheck.gradgradcheck(f, Arrays.asList(inputs), 1e-6, 1e-5, 1e-3, true);
    }

    public static boolean gradgradcheck(java.util.function.Function<List<Tensor>, ?> f, List<Tensor> inputs, double eps, double atol, double rtol, boolean raiseException) {
        return GradCheck.gradgradcheck(f, inputs, eps, atol, rtol, raiseException);
    }

    // ---- anomaly mode and saved-tensor hooks --------------------------------------------------------------------

    /**
     * {@code with torch.autograd.detect_anomaly():} as {@code try (var a = Autograd.detectAnomaly()) { ... }}: NaN
     * checks on every backward node, and the forward call of a failing node shown as a warning.
     */
    public static AnomalyGuard detectAnomaly() {
        return detectAnomaly(true);
    }

    /** detect_anomaly(check_nan=...). */
    public static AnomalyGuard detectAnomaly(boolean checkNan) {
        Warnings.warn("UserWarning", "Anomaly Detection has been enabled. This mode will increase the runtime and should only be enabled for debugging.");
        return new AnomalyGuard(checkNan);
    }

    /** {@code torch.autograd.set_detect_anomaly(mode)} for the rest of the session. */
    public static void setDetectAnomaly(boolean mode) {
        AnomalyMode.set(mode, true);
    }

    /** {@code torch.is_anomaly_enabled()}. */
    public static boolean isAnomalyEnabled() {
        return AnomalyMode.isEnabled();
    }

    /** The scope of {@link #detectAnomaly()}; closing it restores the previous mode. */
    public static final class AnomalyGuard implements AutoCloseable {
        private final boolean previous, previousNan;

        AnomalyGuard(boolean checkNan) {
            previous = AnomalyMode.isEnabled();
            previousNan = AnomalyMode.isCheckNanEnabled();
            AnomalyMode.set(true, checkNan);
        }

        @Override
        public void close() {
            AnomalyMode.set(previous, previousNan);
        }
    }

    /**
     * {@code with torch.autograd.graph.saved_tensors_hooks(pack, unpack):} as try-with-resources: what nodes save
     * for backward goes through {@code pack}, and comes back through {@code unpack} when backward needs it.
     */
    public static <P> SavedTensorHooks savedTensorsHooks(java.util.function.Function<Tensor, P> pack, java.util.function.Function<P, Tensor> unpack) {
        return new SavedTensorHooks(pack, unpack);
    }
}
