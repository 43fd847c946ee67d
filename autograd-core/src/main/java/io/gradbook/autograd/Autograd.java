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
 * [tensor([2., 2., 2.])]
 * </pre>
 */
public final class Autograd {
    private Autograd() {}

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
        return out;
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
}
