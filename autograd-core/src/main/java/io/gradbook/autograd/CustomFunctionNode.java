// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The backward node of a custom {@link Autograd.Function} ({@code LegendrePolynomial3Backward}), and the
 * recording that {@code apply} does: run forward without recording, then wire the outputs to this node the way
 * PyTorch's {@code Function.apply} does (dirty inputs re-based, non-differentiable outputs left out, an input
 * returned as is made a new tensor).
 */
final class CustomFunctionNode extends Node {
    static final String ONCE_DIFFERENTIABLE = "trying to differentiate twice a function that was marked with @once_differentiable";

    private final String name;
    private final Autograd.Function function;
    private final FunctionCtx ctx;
    private final int[][] outputShapes;
    private final DType[] outputDTypes;

    private CustomFunctionNode(String name, Edge[] next, int[][] shapes, DType[] dtypes, Tensor[] outputs, Autograd.Function function, FunctionCtx ctx) {
        super(next, shapes, dtypes, outputs.length, nextSequenceNr());
        this.name = name;
        this.function = function;
        this.ctx = ctx;
        outputShapes = new int[outputs.length][];
        outputDTypes = new DType[outputs.length];
        for (int i = 0; i < outputs.length; i++) {
            outputShapes[i] = outputs[i] == null ? Shape.SCALAR : outputs[i].shapeArray();
            outputDTypes[i] = outputs[i] == null ? DType.FLOAT32 : outputs[i].dtype();
        }
    }

    static Tensor[] apply(Autograd.Function function, Tensor[] inputs, boolean multi) {
        boolean[] needs = new boolean[inputs.length];
        boolean any = false;
        for (int i = 0; i < inputs.length; i++) any |= needs[i] = inputs[i] != null && inputs[i].requiresGrad();
        FunctionCtx ctx = new FunctionCtx(needs);
        Tensor[] outputs;
        try (var g = GradMode.set(false)) {
            outputs = multi ? function.forwardMany(ctx, inputs) : new Tensor[] {function.forward(ctx, inputs)};
        }
        for (Tensor d : ctx.dirty) {
            boolean returned = false;
            for (Tensor o : outputs) returned |= o == d;
            if (!returned) {
                throw new TorchException.RuntimeError("Some elements marked as dirty during the forward method were not returned as output. The inputs that are modified inplace must all be outputs of the Function.");
            }
            d.version.bump();
        }
        if (!any || !GradMode.isEnabled()) return outputs;

        Edge[] next = new Edge[inputs.length];
        int[][] shapes = new int[inputs.length][];
        DType[] dtypes = new DType[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            next[i] = Graph.edgeOf(inputs[i]);
            shapes[i] = inputs[i] == null ? Shape.SCALAR : inputs[i].shapeArray();
            dtypes[i] = inputs[i] == null ? DType.FLOAT64 : inputs[i].dtype();
        }
        String name = function.getClass().getSimpleName() + "Backward";
        CustomFunctionNode node = new CustomFunctionNode(name, next, shapes, dtypes, outputs, function, ctx);
        Map<Tensor, Tensor> replaced = new IdentityHashMap<>();
        for (int i = 0; i < outputs.length; i++) {
            Tensor out = outputs[i];
            // integer outputs (indices, counts) are never differentiable, marked or not
            if (out == null || ctx.nonDifferentiable.contains(out) || !out.isFloatingPoint()) continue;
            boolean isInput = false;
            for (Tensor in : inputs) isInput |= in == out;
            if (ctx.dirty.contains(out)) {
                if (out.isLeaf() && out.requiresGrad()) {
                    throw new TorchException.RuntimeError("a leaf Variable that requires grad has been used in an in-place operation.");
                }
                if (out.viewBase != null) {
                    // as Tensor.inPlace does for a view: the base's history becomes CopySlices around this node
                    if (outputs.length != 1 || inputs.length == 0 || inputs[0] != out) {
                        throw new TorchException.RuntimeError("mark_dirty on a view is supported when the view is the function's first input and only output (Gradbook); "
                                + "Hint: clone the view first, or return the modified view alone.");
                    }
                    Tensor base = out.viewBase;
                    base.setHistory(new CopySlices(Graph.edgeOf(base), base, node, out.viewReplay), 0);
                    Tensor replayed = out.viewReplay.apply(base);
                    out.setHistory(replayed.gradFn(), replayed.outputNr);
                    continue;
                }
            } else if (isInput) {
                // PyTorch returns view_as(input): a new tensor object, so the input keeps its own history
                Tensor alias = out.detach();
                replaced.put(out, alias);
                outputs[i] = out = alias;
            }
            out.setHistory(node, i);
        }
        List<Tensor> toSave = ctx.toSave();
        ctx.saved = new SavedTensor[toSave.size()];
        for (int k = 0; k < toSave.size(); k++) {
            Tensor t = toSave.get(k);
            if (t == null) continue;
            t = replaced.getOrDefault(t, t);
            ctx.saved[k] = t.gradFn() == node ? SavedTensor.output(t, node) : SavedTensor.input(t);
        }
        return outputs;
    }

    @Override
    public String name() {
        return name;
    }

    /** PyTorch shows a custom function's node with its Python module path. */
    @Override
    public String toString() {
        return "<torch.autograd.function." + name + " object at " + address() + ">";
    }

    @Override
    Tensor[] apply(Tensor[] gradOutputs) {
        Tensor[] grads = gradOutputs.clone();
        if (ctx.materializeGrads) {
            for (int i = 0; i < grads.length; i++) {
                if (grads[i] == null) grads[i] = Tensor.wrap(new double[Shape.numel(outputShapes[i])], outputShapes[i].clone(), outputDTypes[i]);
            }
        }
        if (!function.isOnceDifferentiable()) return function.backward(ctx, grads);
        Tensor[] result;
        try (var g = GradMode.set(false)) {
            result = function.backward(ctx, grads);
        }
        boolean gradsRequireGrad = false;
        for (Tensor g : grads) gradsRequireGrad |= g != null && g.requiresGrad();
        if (!GradMode.isEnabled() || !gradsRequireGrad) return result;
        return DelayedError.wrap(result);
    }

    @Override
    void releaseSavedTensors() {
        for (SavedTensor s : ctx.saved) if (s != null) s.release();
    }

    @Override
    public List<SavedTensor> savedTensors() {
        List<SavedTensor> out = new ArrayList<>();
        for (SavedTensor s : ctx.saved) if (s != null) out.add(s);
        return out;
    }

    /**
     * PyTorch's {@code DelayedError} (shown as {@code grad_fn=<Error>}): the gradients of a once-differentiable
     * backward hang from it, and differentiating through it fails with PyTorch's text.
     */
    static final class DelayedError extends Node {
        private DelayedError(Edge[] next, int[][] shapes, DType[] dtypes) {
            super(next, shapes, dtypes, next.length, nextSequenceNr());
        }

        static Tensor[] wrap(Tensor[] grads) {
            int n = grads.length;
            Edge[] next = new Edge[n];
            int[][] shapes = new int[n][];
            DType[] dtypes = new DType[n];
            Tensor[] out = new Tensor[n];
            for (int i = 0; i < n; i++) {
                if (grads[i] == null) {
                    next[i] = Edge.NONE;
                    shapes[i] = Shape.SCALAR;
                    dtypes[i] = DType.FLOAT32;
                    continue;
                }
                Tensor fake = grads[i].detach().requiresGrad_();
                next[i] = Graph.edgeOf(fake);
                shapes[i] = fake.shapeArray();
                dtypes[i] = fake.dtype();
                out[i] = grads[i].detach();
            }
            DelayedError node = new DelayedError(next, shapes, dtypes);
            for (int i = 0; i < n; i++) if (out[i] != null) out[i].setHistory(node, i);
            return out;
        }

        @Override
        public String name() {
            return "Error";
        }

        @Override
        Tensor[] apply(Tensor[] gradOutputs) {
            throw new TorchException.RuntimeError(ONCE_DIFFERENTIABLE);
        }
    }
}
