// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

/**
 * A Python number used as an operand ({@code x * 2}, {@code x + 0.5}): Java's {@code long} arguments act as
 * Python ints and {@code double} arguments as Python floats, so {@code arange(3).mul(2)} stays int64 while
 * {@code arange(3).mul(2.0)} is float32, as in PyTorch.
 */
final class Scalar {
    final double value;
    final boolean floating;

    private Scalar(double value, boolean floating) {
        this.value = value;
        this.floating = floating;
    }

    static Scalar of(double v) {
        return new Scalar(v, true);
    }

    static Scalar of(long v) {
        return new Scalar(v, false);
    }

    /** PyTorch's result type of (tensor op scalar): the tensor's dtype unless the scalar's category is higher. */
    DType resultWith(DType t) {
        if (t.isFloatingPoint()) return t;
        if (floating) return DType.DEFAULT_FLOAT;
        return t == DType.BOOL ? DType.INT64 : t;
    }

    /** The scalar as the 0-dim tensor PyTorch wraps it in (saved by nodes, and freed with them). */
    Tensor wrapped(DType dtype) {
        return Tensor.wrap(new double[] {dtype.round(value)}, Shape.SCALAR, dtype);
    }
}
