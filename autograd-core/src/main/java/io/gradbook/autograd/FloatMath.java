// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

/**
 * The one place the engine reaches each float32 math kernel from: a contiguous run of {@code n} elements,
 * {@code src[srcOff..]} to {@code dst[dstOff..]}, as PyTorch's kernel computes a contiguous tensor of n elements.
 * The PyTorch-exact kernels live in {@code io.gradbook.autograd.math}; an op without one here falls back to the
 * double-precision function rounded once to float (correctly rounded in almost every case, where PyTorch's
 * vectorized approximations are 1 ULP).
 */
final class FloatMath {
    private FloatMath() {}

    static void unary(UnaryOp op, float[] src, int srcOff, float[] dst, int dstOff, int n) {
        switch (op) {
            case NEG: for (int i = 0; i < n; i++) dst[dstOff + i] = -src[srcOff + i]; return;
            case ABS: for (int i = 0; i < n; i++) dst[dstOff + i] = Math.abs(src[srcOff + i]); return;
            case SIGN: for (int i = 0; i < n; i++) dst[dstOff + i] = sign(src[srcOff + i]); return;
            case RELU: for (int i = 0; i < n; i++) { float x = src[srcOff + i]; dst[dstOff + i] = x < 0f ? 0f : x; } return; // -0 and NaN pass, as max_ps(0, x)
            case SQRT: for (int i = 0; i < n; i++) dst[dstOff + i] = (float) Math.sqrt(src[srcOff + i]); return;
            case RECIPROCAL: for (int i = 0; i < n; i++) dst[dstOff + i] = 1f / src[srcOff + i]; return;
            case EXP: exp(src, srcOff, dst, dstOff, n); return;
            case LOG: log(src, srcOff, dst, dstOff, n); return;
            case SIN: sin(src, srcOff, dst, dstOff, n); return;
            case COS: cos(src, srcOff, dst, dstOff, n); return;
            case TANH: tanh(src, srcOff, dst, dstOff, n); return;
            case SIGMOID: sigmoid(src, srcOff, dst, dstOff, n); return;
            default: throw new IllegalStateException(op.name());
        }
    }

    /** PyTorch's {@code (0 < x) - (x < 0)}: 0 for NaN and for both zeros. */
    private static float sign(float x) {
        return x > 0 ? 1f : x < 0 ? -1f : 0f;
    }

    static void exp(float[] src, int srcOff, float[] dst, int dstOff, int n) {
        for (int i = 0; i < n; i++) dst[dstOff + i] = (float) Math.exp(src[srcOff + i]);
    }

    static void log(float[] src, int srcOff, float[] dst, int dstOff, int n) {
        for (int i = 0; i < n; i++) dst[dstOff + i] = (float) Math.log(src[srcOff + i]);
    }

    static void sin(float[] src, int srcOff, float[] dst, int dstOff, int n) {
        for (int i = 0; i < n; i++) dst[dstOff + i] = (float) Math.sin(src[srcOff + i]);
    }

    static void cos(float[] src, int srcOff, float[] dst, int dstOff, int n) {
        for (int i = 0; i < n; i++) dst[dstOff + i] = (float) Math.cos(src[srcOff + i]);
    }

    static void tanh(float[] src, int srcOff, float[] dst, int dstOff, int n) {
        for (int i = 0; i < n; i++) dst[dstOff + i] = (float) Math.tanh(src[srcOff + i]);
    }

    static void sigmoid(float[] src, int srcOff, float[] dst, int dstOff, int n) {
        for (int i = 0; i < n; i++) dst[dstOff + i] = (float) (1 / (1 + Math.exp(-src[srcOff + i])));
    }

    /**
     * {@code x.pow(e)} for a Python-scalar exponent (already rounded to float): PyTorch 1.13 turns 2 and 3 into
     * products, -2 into 1/(x*x), 0.5 / -0.5 / -1 into sqrt / rsqrt / reciprocal, and calls pow otherwise.
     */
    static void pow(float[] src, int srcOff, float[] dst, int dstOff, int n, float e) {
        if (e == 2f) {
            for (int i = 0; i < n; i++) { float x = src[srcOff + i]; dst[dstOff + i] = x * x; }
        } else if (e == 3f) {
            for (int i = 0; i < n; i++) { float x = src[srcOff + i]; dst[dstOff + i] = x * x * x; }
        } else if (e == -2f) {
            for (int i = 0; i < n; i++) { float x = src[srcOff + i]; dst[dstOff + i] = 1f / (x * x); }
        } else if (e == 0.5f) {
            for (int i = 0; i < n; i++) dst[dstOff + i] = (float) Math.sqrt(src[srcOff + i]);
        } else if (e == -0.5f) {
            for (int i = 0; i < n; i++) dst[dstOff + i] = 1f / (float) Math.sqrt(src[srcOff + i]);
        } else if (e == -1f) {
            for (int i = 0; i < n; i++) dst[dstOff + i] = 1f / src[srcOff + i];
        } else {
            for (int i = 0; i < n; i++) dst[dstOff + i] = (float) Math.pow(src[srcOff + i], e);
        }
    }

    /** {@code base.pow(exp)} element by element, both tensors. */
    static float pow(float x, float y) {
        return (float) Math.pow(x, y);
    }

    /** The sum of a contiguous run, as PyTorch's single-threaded float32 sum. */
    static float sum(float[] src, int off, int n) {
        double acc = 0;
        for (int i = off; i < off + n; i++) acc += src[i];
        return (float) acc;
    }

    /**
     * Sums over {@code reduceDims} of the strided tensor ({@code shape}, {@code strides} from {@code srcOff});
     * {@code dst} gets the kept dims in row-major order.
     */
    static void sum(float[] src, int srcOff, int[] shape, int[] strides, int[] reduceDims, float[] dst, int dstOff) {
        boolean[] reduce = new boolean[shape.length];
        for (int d : reduceDims) reduce[d] = true;
        int rank = shape.length;
        int[] perm = new int[rank];
        int k = 0;
        for (int d = 0; d < rank; d++) if (!reduce[d]) perm[k++] = d;
        int kept = k;
        for (int d = 0; d < rank; d++) if (reduce[d]) perm[k++] = d;
        int outer = 1, group = 1;
        for (int i = 0; i < kept; i++) outer *= shape[perm[i]];
        for (int i = kept; i < rank; i++) group *= shape[perm[i]];
        int[] idx = new int[rank];
        for (int o = 0; o < outer; o++) {
            double acc = 0;
            for (int g = 0; g < group; g++) {
                int flat = o * group + g, pos = srcOff;
                for (int i = rank - 1; i >= 0; i--) {
                    int s = shape[perm[i]];
                    pos += (flat % s) * strides[perm[i]];
                    flat /= s;
                }
                acc += src[pos];
            }
            dst[dstOff + o] = (float) acc;
        }
    }
}
