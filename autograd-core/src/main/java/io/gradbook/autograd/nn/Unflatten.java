// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.nn;

import io.gradbook.autograd.Tensor;

/** {@code nn.Unflatten(dim, unflattened_size)}: splits one dim into several (a view). */
public class Unflatten extends Module {
    public final int dim;
    private final int[] sizes;

    public Unflatten(int dim, int... unflattenedSize) {
        this.dim = dim;
        this.sizes = unflattenedSize.clone();
    }

    public int[] unflattenedSize() {
        return sizes.clone();
    }

    @Override
    public Tensor forward(Tensor input) {
        int d = dim < 0 ? dim + input.dim() : dim;
        int[] shape = new int[input.dim() - 1 + sizes.length];
        int k = 0;
        for (int i = 0; i < input.dim(); i++) {
            if (i == d) for (int s : sizes) shape[k++] = s;
            else shape[k++] = input.size(i);
        }
        return input.view(shape);
    }

    @Override
    public String extraRepr() {
        return "dim=" + dim + ", unflattened_size=" + Modules.tuple(sizes);
    }
}
