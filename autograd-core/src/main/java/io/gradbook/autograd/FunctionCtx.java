// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The {@code ctx} a custom {@link Autograd.Function} receives in {@code forward} and again in {@code backward}:
 * what forward saves for backward, which inputs need a gradient, and which outputs were modified in place or are
 * not differentiable.
 *
 * <pre>
 * jshell> // in forward:  ctx.saveForBackward(x);   in backward:  Tensor x = ctx.savedTensors().get(0);
 * </pre>
 */
public final class FunctionCtx {
    private final boolean[] needsInputGrad;
    private List<Tensor> toSave = List.of();
    /** Filled when the node is recorded; unpacked (and version-checked) by {@link #savedTensors()}. */
    SavedTensor[] saved = new SavedTensor[0];
    final Set<Tensor> dirty = Collections.newSetFromMap(new IdentityHashMap<>());
    final Set<Tensor> nonDifferentiable = Collections.newSetFromMap(new IdentityHashMap<>());
    boolean materializeGrads = true;

    FunctionCtx(boolean[] needsInputGrad) {
        this.needsInputGrad = needsInputGrad;
    }

    /** {@code ctx.save_for_backward(*tensors)}: keeps inputs or outputs for backward, with the in-place check. */
    public void saveForBackward(Tensor... tensors) {
        toSave = new ArrayList<>(java.util.Arrays.asList(tensors));
    }

    List<Tensor> toSave() {
        return toSave;
    }

    /**
     * {@code ctx.saved_tensors}: what forward saved, in order. Fails with PyTorch's texts once the graph was freed
     * or when a saved tensor was modified in place since.
     */
    public PyTuple<Tensor> savedTensors() {
        Tensor[] out = new Tensor[saved.length];
        for (int i = 0; i < saved.length; i++) out[i] = saved[i] == null ? null : saved[i].unpack();
        return PyTuple.of(out);
    }

    /** {@code ctx.needs_input_grad[i]}: whether input i requires grad (so backward may skip its gradient). */
    public boolean needsInputGrad(int i) {
        return needsInputGrad[i];
    }

    /** {@code ctx.needs_input_grad}, printed as PyTorch's tuple {@code (True, False)}. */
    public PyTuple<Boolean> needsInputGrad() {
        Boolean[] b = new Boolean[needsInputGrad.length];
        for (int i = 0; i < b.length; i++) b[i] = needsInputGrad[i];
        return PyTuple.of(b);
    }

    /** {@code ctx.mark_dirty(*tensors)}: these inputs were modified in place by forward and are returned. */
    public void markDirty(Tensor... tensors) {
        Collections.addAll(dirty, tensors);
    }

    /** {@code ctx.mark_non_differentiable(*outputs)}: these outputs do not require grad (indices, masks). */
    public void markNonDifferentiable(Tensor... outputs) {
        Collections.addAll(nonDifferentiable, outputs);
    }

    /**
     * {@code ctx.set_materialize_grads(value)}: with false, backward receives null (PyTorch's None) for outputs that
     * got no gradient, instead of zeros.
     */
    public void setMaterializeGrads(boolean value) {
        materializeGrads = value;
    }
}
