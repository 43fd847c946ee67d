// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import io.gradbook.autograd.math.Float32Reduce;
import io.gradbook.autograd.math.Float32Unary;

/**
 * The one place the engine reaches each float32 math kernel from: a contiguous run of {@code n} elements,
 * {@code src[srcOff..]} to {@code dst[dstOff..]}, computed as PyTorch's kernel computes a contiguous tensor of n
 * elements. The kernels themselves are PyTorch-exact pure array functions in {@code io.gradbook.autograd.math}.
 */
final class FloatMath {
    private FloatMath() {}

    static void unary(UnaryOp op, float[] src, int srcOff, float[] dst, int dstOff, int n) {
        switch (op) {
            case NEG: Float32Unary.neg(src, srcOff, dst, dstOff, n); return;
            case ABS: Float32Unary.abs(src, srcOff, dst, dstOff, n); return;
            case SIGN: for (int i = 0; i < n; i++) dst[dstOff + i] = sign(src[srcOff + i]); return;
            case RELU: Float32Unary.relu(src, srcOff, dst, dstOff, n); return;
            case SQRT: Float32Unary.sqrt(src, srcOff, dst, dstOff, n); return;
            case RECIPROCAL: Float32Unary.reciprocal(src, srcOff, dst, dstOff, n); return;
            case EXP: Float32Unary.exp(src, srcOff, dst, dstOff, n); return;
            case LOG: Float32Unary.log(src, srcOff, dst, dstOff, n); return;
            case SIN: Float32Unary.sin(src, srcOff, dst, dstOff, n); return;
            case COS: Float32Unary.cos(src, srcOff, dst, dstOff, n); return;
            case TANH: Float32Unary.tanh(src, srcOff, dst, dstOff, n); return;
            case SIGMOID: Float32Unary.sigmoid(src, srcOff, dst, dstOff, n); return;
            case EXPM1: Float32Unary.expm1(src, srcOff, dst, dstOff, n); return;
            case LOG1P: Float32Unary.log1p(src, srcOff, dst, dstOff, n); return;
            case ATAN: Float32Unary.atan(src, srcOff, dst, dstOff, n); return;
            case SINH: Float32Unary.sinh(src, srcOff, dst, dstOff, n); return;
            case COSH: Float32Unary.cosh(src, srcOff, dst, dstOff, n); return;
            case ASINH: Float32Unary.asinh(src, srcOff, dst, dstOff, n); return;
            case ATANH: Float32Unary.atanh(src, srcOff, dst, dstOff, n); return;
            case ERF: Float32Unary.erf(src, srcOff, dst, dstOff, n); return;
            case LOG2: Float32Unary.log2(src, srcOff, dst, dstOff, n); return;
            case LOG10: Float32Unary.log10(src, srcOff, dst, dstOff, n); return;
            case ASIN: Float32Unary.asin(src, srcOff, dst, dstOff, n); return;
            case ACOS: Float32Unary.acos(src, srcOff, dst, dstOff, n); return;
            case RSQRT: Float32Unary.rsqrt(src, srcOff, dst, dstOff, n); return;
            case SQUARE: Float32Unary.square(src, srcOff, dst, dstOff, n); return;
            default: throw new IllegalStateException(op.name());
        }
    }

    /** PyTorch's {@code (0 < x) - (x < 0)}: 0 for NaN and for both zeros. */
    private static float sign(float x) {
        return x > 0 ? 1f : x < 0 ? -1f : 0f;
    }

    /** {@code x.pow(e)} for a Python-scalar exponent (PyTorch's special cases compare the double exponent). */
    static void pow(float[] src, int srcOff, float[] dst, int dstOff, int n, double e) {
        Float32Unary.pow(src, srcOff, dst, dstOff, n, e);
    }

    /** {@code base.pow(exp)} of two contiguous runs. */
    static void pow(float[] base, int baseOff, float[] exp, int expOff, float[] dst, int dstOff, int n) {
        Float32Unary.pow(base, baseOff, exp, expOff, dst, dstOff, n);
    }

    /** {@code base.pow(exp)} of a contiguous run against a broadcast scalar (the operand with stride 0). */
    static void powBroadcast(float[] base, int baseOff, int baseStride, float[] exp, int expOff, int expStride, float[] dst, int dstOff, int n) {
        Float32Unary.pow(base, baseOff, baseStride, exp, expOff, expStride, dst, dstOff, n);
    }

    /** {@code base.pow(exp)} of one element of a strided run: the scalar op, glibc's powf. */
    static float powScalar(float x, float y) {
        return Float32Unary.powScalar(x, y);
    }

    /** The sum of a contiguous run, as PyTorch's single-threaded float32 cascade sum. */
    static float sum(float[] src, int off, int n) {
        return Float32Reduce.sum(src, off, n);
    }

    /**
     * Sums over {@code reduceDims} of the strided tensor ({@code shape}, {@code strides} from {@code srcOff});
     * {@code dst} gets the kept dims in row-major order.
     */
    static void sum(float[] src, int srcOff, int[] shape, int[] strides, int[] reduceDims, float[] dst, int dstOff) {
        Float32Reduce.sum(src, srcOff, shape, strides, reduceDims, dst, dstOff);
    }
}
