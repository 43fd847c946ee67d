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
    /** A Python int's exact value (int64 arithmetic beyond 2^53 must not go through the double). */
    final long longValue;

    private Scalar(double value, boolean floating, long longValue) {
        this.value = value;
        this.floating = floating;
        this.longValue = longValue;
    }

    static Scalar of(double v) {
        return new Scalar(v, true, (long) v);
    }

    static Scalar of(long v) {
        return new Scalar(v, false, v);
    }

    /** PyTorch's result type of (tensor op scalar): the tensor's dtype unless the scalar's category is higher. */
    DType resultWith(DType t) {
        if (t.isFloatingPoint()) return t;
        if (floating) return DType.DEFAULT_FLOAT;
        return t == DType.BOOL ? DType.INT64 : t;
    }

    /** The scalar as the 0-dim tensor PyTorch wraps it in (saved by nodes, and freed with them). */
    Tensor wrapped(DType dtype) {
        Storage s = Storage.allocate(dtype, 1);
        if (floating) s.setDouble(0, value);
        else s.setLong(0, longValue);
        return Tensor.wrap(s, Shape.SCALAR);
    }
}
