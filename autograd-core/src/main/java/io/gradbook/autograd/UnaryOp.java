// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

/** The element-wise unary op families; float32 ones go to {@link FloatMath}, one entry point each. */
enum UnaryOp {
    NEG, ABS, SIGN, RELU, EXP, LOG, SQRT, SIN, COS, TANH, SIGMOID, RECIPROCAL,
    EXPM1, LOG1P, ATAN, SINH, COSH, ASINH, ATANH, ERF, LOG2, LOG10, ASIN, ACOS, RSQRT, SQUARE;

    /** Whether the op's result is floating even for an integer input (exp of an int64 tensor is float32). */
    boolean floatResult() {
        return ordinal() >= EXP.ordinal() && this != SQUARE;
    }

    /** The op in double precision (float64 loops, and the dtypes without loops of their own). */
    double applyAsDouble(double x) {
        switch (this) {
            case NEG: return -x;
            case ABS: return Math.abs(x);
            case SIGN: return x > 0 ? 1 : x < 0 ? -1 : 0;
            case RELU: return x < 0 ? 0 : x;
            case EXP: return io.gradbook.autograd.math.Sleef64.exp(x);
            case LOG: return io.gradbook.autograd.math.Sleef64.log(x);
            case SQRT: return Math.sqrt(x);
            case SIN: return Math.sin(x);
            case COS: return Math.cos(x);
            case TANH: return Math.tanh(x);
            case SIGMOID: return 1 / (1 + Math.exp(-x));
            case RECIPROCAL: return 1 / x;
            case EXPM1: return Math.expm1(x);
            case LOG1P: return Math.log1p(x);
            case ATAN: return Math.atan(x);
            case SINH: return Math.sinh(x);
            case COSH: return Math.cosh(x);
            case ASINH: return Double.isInfinite(x) ? x : Math.copySign(Math.log1p(Math.abs(x) + x * x / (1 + Math.sqrt(1 + x * x))), x);
            case ATANH: return 0.5 * Math.log1p(2 * x / (1 - x));
            case LOG2: return Math.log(x) / Math.log(2);
            case LOG10: return Math.log10(x);
            case ASIN: return Math.asin(x);
            case ACOS: return Math.acos(x);
            case RSQRT: return 1 / Math.sqrt(x);
            case SQUARE: return x * x;
            default: throw new UnsupportedOperationException(name().toLowerCase() + " has no float64 kernel yet");
        }
    }
}
