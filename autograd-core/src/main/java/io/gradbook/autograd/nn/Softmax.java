// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.nn;

import io.gradbook.autograd.Tensor;

/** {@code nn.Softmax(dim)}; without a dim, PyTorch's legacy choice: dim 0 for 0-, 1- and 3-D input, else 1. */
public class Softmax extends Module {
    /** null when constructed without a dim ({@code dim=None}). */
    public final Integer dim;

    public Softmax() {
        this.dim = null;
    }

    public Softmax(int dim) {
        this.dim = dim;
    }

    @Override
    public Tensor forward(Tensor input) {
        int d = dim != null ? dim : (input.dim() == 0 || input.dim() == 1 || input.dim() == 3 ? 0 : 1);
        return input.softmax(d);
    }

    @Override
    public String extraRepr() {
        return "dim=" + (dim == null ? "None" : dim.toString());
    }
}
