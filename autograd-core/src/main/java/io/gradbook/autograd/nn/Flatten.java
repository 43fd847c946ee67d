// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.nn;

import io.gradbook.autograd.Tensor;

/** {@code nn.Flatten(start_dim=1, end_dim=-1)}: merges the dims from start to end into one. */
public class Flatten extends Module {
    public final int startDim, endDim;

    public Flatten() {
        this(1, -1);
    }

    public Flatten(int startDim, int endDim) {
        this.startDim = startDim;
        this.endDim = endDim;
    }

    @Override
    public Tensor forward(Tensor input) {
        return flatten(input, startDim, endDim);
    }

    /** {@code torch.flatten(x, start, end)}: a reshape (a view where the memory allows). */
    static Tensor flatten(Tensor x, int start, int end) {
        int rank = Math.max(x.dim(), 1);
        int s = start < 0 ? start + rank : start, e = end < 0 ? end + rank : end;
        if (s < 0 || s >= rank || e < 0 || e >= rank) {
            int bad = s < 0 || s >= rank ? start : end;
            throw new io.gradbook.autograd.TorchException.IndexError("Dimension out of range (expected to be in range of [" + -rank + ", " + (rank - 1) + "], but got " + bad + ")");
        }
        if (s > e) throw new io.gradbook.autograd.TorchException.RuntimeError("flatten() has invalid args: start_dim cannot come after end_dim");
        if (x.dim() == 0) return x.reshape(1);
        if (s == e) return x;
        int[] shape = new int[x.dim() - (e - s)];
        int k = 0, merged = 1;
        for (int i = 0; i < x.dim(); i++) {
            if (i < s || i > e) shape[k++] = x.size(i);
            else {
                merged *= x.size(i);
                if (i == e) shape[k++] = merged;
            }
        }
        return x.reshape(shape);
    }

    @Override
    public String extraRepr() {
        return "start_dim=" + startDim + ", end_dim=" + endDim;
    }
}
