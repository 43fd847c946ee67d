// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.forward;

import io.gradbook.autograd.PyRepr;
import io.gradbook.autograd.Tensor;

/** What {@code fwAD.unpack_dual} returns: PyTorch's named tuple {@code UnpackedDualTensor(primal, tangent)}. */
public final class UnpackedDualTensor {
    private final Tensor primal, tangent;

    UnpackedDualTensor(Tensor primal, Tensor tangent) {
        this.primal = primal;
        this.tangent = tangent;
    }

    /** The value, without the tangent. */
    public Tensor primal() {
        return primal;
    }

    /** The tangent (J t of the ops that made this tensor), or null when it has none. */
    public Tensor tangent() {
        return tangent;
    }

    @Override
    public String toString() {
        return "UnpackedDualTensor(primal=" + PyRepr.repr(primal) + ", tangent=" + PyRepr.repr(tangent) + ")";
    }
}
