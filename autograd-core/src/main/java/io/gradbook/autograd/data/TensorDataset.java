// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.data;

import io.gradbook.autograd.Tensor;
import io.gradbook.autograd.Torch;
import io.gradbook.autograd.TorchException;
import java.util.ArrayList;
import java.util.List;

/** {@code TensorDataset(*tensors)}: sample i is the i-th row of every tensor. */
public final class TensorDataset implements Dataset {
    private final List<Tensor> tensors;

    public TensorDataset(Tensor... tensors) {
        for (Tensor t : tensors) {
            if (t.dim() == 0 || t.size(0) != tensors[0].size(0)) throw new TorchException.RuntimeError("Size mismatch between tensors");
        }
        this.tensors = List.of(tensors);
    }

    public List<Tensor> tensors() {
        return tensors;
    }

    @Override
    public List<Tensor> get(int index) {
        List<Tensor> out = new ArrayList<>();
        for (Tensor t : tensors) out.add(t.get(index));
        return out;
    }

    @Override
    public int size() {
        return tensors.get(0).size(0);
    }

    /** One gather per tensor: the same values as stacking the rows. */
    @Override
    public List<Tensor> getBatch(int[] indices) {
        long[] idx = new long[indices.length];
        for (int i = 0; i < idx.length; i++) idx[i] = indices[i];
        Tensor index = Torch.tensor(idx);
        List<Tensor> out = new ArrayList<>();
        for (Tensor t : tensors) out.add(t.index(index));
        return out;
    }
}
