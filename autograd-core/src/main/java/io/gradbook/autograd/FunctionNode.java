// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import java.util.ArrayList;
import java.util.List;

/**
 * The backward node of one recorded op: PyTorch's name for it, the tensors it saved, and its gradient rule.
 * Rules are written with Tensor operations, so running them with grad mode on (create_graph) records the
 * backward pass itself and higher-order gradients come for free.
 */
final class FunctionNode extends Node {
    private final String name;
    private final SavedTensor[] saved;
    private final Rule rule;

    /** A gradient rule: gradients of the outputs (null where none arrived), the unpacked saved tensors, and which inputs need a gradient. */
    @FunctionalInterface
    interface Rule {
        Tensor[] apply(Tensor[] gradOutputs, Tensor[] saved, boolean[] needs);
    }

    FunctionNode(String name, Edge[] next, int[][] inputShapes, DType[] inputDTypes, int numOutputs, SavedTensor[] saved, Rule rule) {
        super(next, inputShapes, inputDTypes, numOutputs, nextSequenceNr());
        this.name = name;
        this.saved = saved;
        this.rule = rule;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    Tensor[] apply(Tensor[] gradOutputs) {
        Tensor[] unpacked = new Tensor[saved.length];
        for (int i = 0; i < saved.length; i++) unpacked[i] = saved[i] == null ? null : saved[i].unpack();
        boolean[] needs = new boolean[next.length];
        for (int i = 0; i < next.length; i++) needs[i] = next[i].isValid();
        // only what the rule itself allocates may count as a fresh gradient (GradArrays; not an unpack hook's tensors)
        if (!OwnedGrads.large(this)) return rule.apply(gradOutputs, unpacked, needs);
        boolean was = GradArrays.recording(true);
        try {
            return rule.apply(gradOutputs, unpacked, needs);
        } finally {
            GradArrays.recording(was);
        }
    }

    @Override
    void releaseSavedTensors() {
        for (SavedTensor s : saved) if (s != null) s.release();
    }

    @Override
    public List<SavedTensor> savedTensors() {
        List<SavedTensor> out = new ArrayList<>();
        for (SavedTensor s : saved) if (s != null) out.add(s);
        return out;
    }

    /** After an in-place op, its saved result is the modified tensor itself (at its new version). */
    void rebindSavedOutput(Tensor result, Tensor self) {
        for (int i = 0; i < saved.length; i++) {
            if (saved[i] != null && saved[i].isOutput() && saved[i].peek() == result) saved[i] = SavedTensor.output(self, this);
        }
    }
}
