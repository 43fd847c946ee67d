// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import java.util.function.LongBinaryOperator;

/**
 * Element-wise integer ops computed in {@code long}, for the ops whose general path goes through double
 * ({@link Kernels#zip}): int64 values beyond 2^53 are not doubles, and PyTorch's integer kernels are exact
 * (remainder and fmod of int64 2^62 + 3 by 7 is 0 in PyTorch, where a double path gives 4).
 */
final class IntegerKernels {
    private IntegerKernels() {}

    /** {@code f(a, b)} with broadcasting, exactly in int64, the result stored as {@code out} (an integer dtype). */
    static Tensor zip(Tensor a, Tensor b, DType out, LongBinaryOperator f) {
        int[] shape = Shape.broadcast(a.shapeArray(), b.shapeArray());
        long[] va = Kernels.expandRaw(a, shape).toLongArray(), vb = Kernels.expandRaw(b, shape).toLongArray();
        long[] r = new long[va.length];
        for (int i = 0; i < r.length; i++) r[i] = f.applyAsLong(va[i], vb[i]);
        // laid out as TensorIterator lays out an element-wise result (x.t() % y.t() has x.t()'s strides)
        return OutputLayout.laidOut(of(r, shape, out), a, b);
    }

    /** {@code f(a, b)} of each element with one number, exactly in int64. */
    static Tensor map(Tensor a, long b, DType out, LongBinaryOperator f) {
        long[] va = a.toLongArray();
        long[] r = new long[va.length];
        for (int i = 0; i < r.length; i++) r[i] = f.applyAsLong(va[i], b);
        return OutputLayout.laidOut(of(r, a.shapeArray().clone(), out), a);
    }

    /** A tensor of {@code shape} and integer dtype {@code dt} holding {@code values} (int32 wraps as a C cast). */
    static Tensor of(long[] values, int[] shape, DType dt) {
        Storage s = Storage.allocate(dt, values.length);
        for (int i = 0; i < values.length; i++) s.setLong(i, values[i]);
        return Tensor.wrap(s, shape);
    }

    /** Python's {@code %} on integers (the divisor's sign); a zero divisor raises as PyTorch's integer kernel does. */
    static long remainder(long a, long b) {
        if (b == 0) throw new TorchException.RuntimeError("ZeroDivisionError");
        long r = a % b;
        return r != 0 && (r < 0) != (b < 0) ? r + b : r;
    }

    /** C's {@code %} on integers (the dividend's sign); a zero divisor raises as PyTorch's integer kernel does. */
    static long fmod(long a, long b) {
        if (b == 0) throw new TorchException.RuntimeError("ZeroDivisionError");
        return a % b;
    }
}
