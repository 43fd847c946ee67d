// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

/** The element-wise unary op families; float32 ones go to {@link FloatMath}, one entry point each. */
enum UnaryOp {
    NEG, ABS, SIGN, RELU, EXP, LOG, SQRT, SIN, COS, TANH, SIGMOID, RECIPROCAL;

    /** Whether the op's result is floating even for an integer input (exp of an int64 tensor is float32). */
    boolean floatResult() {
        return ordinal() >= EXP.ordinal();
    }

    /** The op in double precision (float64 loops, and the dtypes without loops of their own). */
    double applyAsDouble(double x) {
        switch (this) {
            case NEG: return -x;
            case ABS: return Math.abs(x);
            case SIGN: return x > 0 ? 1 : x < 0 ? -1 : 0;
            case RELU: return x < 0 ? 0 : x;
            case EXP: return Math.exp(x);
            case LOG: return Math.log(x);
            case SQRT: return Math.sqrt(x);
            case SIN: return Math.sin(x);
            case COS: return Math.cos(x);
            case TANH: return Math.tanh(x);
            case SIGMOID: return 1 / (1 + Math.exp(-x));
            default: return 1 / x;
        }
    }
}
