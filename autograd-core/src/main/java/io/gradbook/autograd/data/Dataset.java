// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.data;

import io.gradbook.autograd.Tensor;
import java.util.List;

/** {@code torch.utils.data.Dataset} with a length: sample i is a list of tensors (features, label, ...). */
public interface Dataset {
    /** {@code dataset[i]}. */
    List<Tensor> get(int index);

    /** {@code len(dataset)}. */
    int size();

    /**
     * The samples at {@code indices} already collated into batch tensors (default collate: stacked along a new
     * dim 0). The default stacks {@link #get} results; {@link TensorDataset} indexes each tensor once instead.
     */
    default List<Tensor> getBatch(int[] indices) {
        List<List<Tensor>> samples = new java.util.ArrayList<>();
        for (int i : indices) samples.add(get(i));
        List<Tensor> out = new java.util.ArrayList<>();
        for (int f = 0; f < samples.get(0).size(); f++) {
            List<Tensor> column = new java.util.ArrayList<>();
            for (List<Tensor> s : samples) column.add(s.get(f));
            out.add(io.gradbook.autograd.Torch.stack(column));
        }
        return out;
    }
}
