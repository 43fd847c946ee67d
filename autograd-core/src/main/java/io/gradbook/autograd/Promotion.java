// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

/** PyTorch's result_type for two tensors: dimensioned operands outrank 0-dim ones unless of a lower category. */
final class Promotion {
    private Promotion() {}

    static DType resultType(Tensor a, Tensor b) {
        boolean da = a.dim() > 0, db = b.dim() > 0;
        if (da == db) return DType.promote(a.dtype(), b.dtype());
        DType dimensioned = da ? a.dtype() : b.dtype();
        DType zeroDim = da ? b.dtype() : a.dtype();
        return zeroDim.category() > dimensioned.category() ? zeroDim : dimensioned;
    }

    /** The dtype of a float-valued op's result: floats keep theirs, integers and bools become float32. */
    static DType floatOf(DType t) {
        return t.isFloatingPoint() ? t : DType.DEFAULT_FLOAT;
    }
}
