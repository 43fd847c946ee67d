// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

/**
 * In-place arithmetic written straight into the tensor's own memory, as PyTorch's {@code add_}/{@code sub_}/
 * {@code mul_}/{@code div_}/{@code fill_}/{@code copy_} do, instead of computing a fresh tensor and copying it back
 * (on the MLP step's 784x256 weights the temporary and the copy took 0.18 ms for {@code sub_}, PyTorch 0.014).
 * Used by {@link Tensor#inPlace} only when the op records nothing; each method returns false, having written
 * nothing, when its case is not the plain one, and the general path (which also gives every error text) runs.
 *
 * <p>The plain case: this tensor float32 or float64 and contiguous, the other operand of the same dtype and
 * broadcastable to this tensor's shape, and not overlapping it except element for element ({@code w.sub_(w)}).
 * Each element is the same single operation as in the out-of-place op ({@link FloatLoops}), so the bits are too.
 */
final class DirectInPlace {
    private DirectInPlace() {}

    /** {@code self op= other} (alpha for ADD_ALPHA), or false. */
    static boolean binary(BinaryOp op, Tensor self, Tensor other, double alpha) {
        if (!plainTarget(self) || other.dtype() != self.dtype()) return false;
        if (!Shape.expandableTo(other.shapeArray(), self.shapeArray()) || !disjointOrSame(self, other)) return false;
        Elementwise.binaryInPlace(op, self, other, alpha);
        return true;
    }

    /** {@code self op= s} for a Python scalar, or false (a scalar that would change self's dtype). */
    static boolean scalar(BinaryOp op, Tensor self, Scalar s) {
        if (!plainTarget(self)) return false;
        DType dt = s.resultWith(self.dtype());
        if (op == BinaryOp.DIV) dt = Promotion.floatOf(dt);
        if (dt != self.dtype()) return false;
        Elementwise.binaryInPlace(op, self, s.wrapped(dt), 1);
        return true;
    }

    /** {@code self.fill_(value)}, or false. */
    static boolean fill(Tensor self, double value) {
        if (!plainTarget(self)) return false;
        int from = self.offset, to = from + self.numel();
        // the value converted as torch.full converts it (Storage.setDouble: one rounding to float32). Plain loops, not
        // Arrays.fill: the kernel's compiler directives keep JDK methods off C2, and Arrays.fill under C1 took
        // 0.24 ms on 784x256 where this loop, compiled by C2 as engine code, takes 0.007
        if (self.storage instanceof Storage.FloatStorage) {
            float[] a = ((Storage.FloatStorage) self.storage).a;
            float v = (float) value;
            for (int i = from; i < to; i++) a[i] = v;
        } else {
            double[] a = ((Storage.DoubleStorage) self.storage).a;
            for (int i = from; i < to; i++) a[i] = value;
        }
        return true;
    }

    /** {@code self.copy_(src)} for a source of self's dtype, or false. */
    static boolean copy(Tensor self, Tensor src) {
        if (!plainTarget(self) || src.dtype() != self.dtype()) return false;
        if (!Shape.expandableTo(src.shapeArray(), self.shapeArray()) || !disjointOrSame(self, src)) return false;
        Elementwise.copyInto(self, src);
        return true;
    }

    private static boolean plainTarget(Tensor t) {
        return (t.dtype() == DType.FLOAT32 || t.dtype() == DType.FLOAT64) && t.isContiguous();
    }

    /**
     * Whether writing self element by element never changes an element of other that is still to be read:
     * other in other memory, or exactly self (same offset, shape and strides).
     */
    private static boolean disjointOrSame(Tensor self, Tensor other) {
        if (other.storage != self.storage) return true;
        return other.offset == self.offset && java.util.Arrays.equals(other.shapeArray(), self.shapeArray())
                && java.util.Arrays.equals(other.strides, self.strides);
    }
}
