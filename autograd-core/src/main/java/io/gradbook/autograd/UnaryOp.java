// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import io.gradbook.autograd.math.Float64Unary;
import io.gradbook.autograd.math.Glibc64Hyp;
import io.gradbook.autograd.math.Sleef64;
import io.gradbook.autograd.math.Sleef64Erf;
import io.gradbook.autograd.math.Sleef64Exp;
import io.gradbook.autograd.math.Sleef64Trig;

/** The element-wise unary op families; float32 ones go to {@link FloatMath}, one entry point each. */
enum UnaryOp {
    NEG, ABS, SIGN, RELU, EXP, LOG, SQRT, SIN, COS, TANH, SIGMOID, RECIPROCAL,
    EXPM1, LOG1P, ATAN, SINH, COSH, ASINH, ATANH, ERF, LOG2, LOG10, ASIN, ACOS, RSQRT, SQUARE;

    /** Whether the op's result is floating even for an integer input (exp of an int64 tensor is float32). */
    boolean floatResult() {
        return ordinal() >= EXP.ordinal() && this != SQUARE;
    }

    /**
     * The name of PyTorch 1.13.1's CPU kernel for the op, as its error for a float16 input names it, or null where
     * there is a Half kernel (neg, abs, sign, reciprocal, square). On CPU the transcendental ops, sqrt and relu have
     * none: {@code torch.exp(x.half())} raises {@code "exp_vml_cpu" not implemented for 'Half'} (make_half_unary.py).
     */
    String halfKernel() {
        switch (this) {
            case NEG: case ABS: case SIGN: case RECIPROCAL: case SQUARE: return null;
            case RELU: return "clamp_min_cpu";
            case SIGMOID: case SINH: case COSH: case ASINH: case ATANH: case RSQRT: return name().toLowerCase(java.util.Locale.ROOT) + "_cpu";
            default: return name().toLowerCase(java.util.Locale.ROOT) + "_vml_cpu";
        }
    }

    /** PyTorch's error for a kernel without a float16 version. */
    static TorchException.RuntimeError noHalfKernel(String kernel) {
        return noKernel(kernel, DType.FLOAT16);
    }

    /** PyTorch's dispatch error for a kernel without a version for {@code dtype}. */
    static TorchException.RuntimeError noKernel(String kernel, DType dtype) {
        return new TorchException.RuntimeError("\"" + kernel + "\" not implemented for '" + TensorPrinter.typeName(dtype) + "'");
    }

    /**
     * The op in double precision for one element, as PyTorch's float64 loop computes a lone element (the functions
     * {@link DoubleMath}'s loops call: SLEEF's lanes for the vml ops, glibc's scalar code for sigmoid/sinh/cosh); for
     * the float64 ops without a loop of their own, and for float16's Half kernels, whose c10::Half arithmetic
     * computes in float and rounds the float result to half.
     */
    double applyAsDouble(double x) {
        switch (this) {
            case NEG: return -x;
            case ABS: return Math.abs(x);
            case SIGN: return x > 0 ? 1 : x < 0 ? -1 : 0;
            case RELU: return x < 0 ? 0 : x;
            case EXP: return Sleef64.exp(x);
            case LOG: return Sleef64.log(x);
            case SQRT: return Math.sqrt(x);
            case SIN: return Sleef64Trig.sin(x);
            case COS: return Sleef64Trig.cos(x);
            case TANH: return Sleef64Exp.tanh(x);
            case SIGMOID: return Float64Unary.sigmoidScalar(x);
            case RECIPROCAL: return 1 / x;
            case EXPM1: return Sleef64Exp.expm1(x);
            case LOG1P: return Sleef64Exp.log1p(x);
            case ATAN: return Sleef64Trig.atan(x);
            case SINH: return Float64Unary.sinhScalar(x);
            case COSH: return Float64Unary.coshScalar(x);
            case ASINH: return Glibc64Hyp.asinh(x);
            case ATANH: return Glibc64Hyp.atanh(x);
            case ERF: return Sleef64Erf.erf(x);
            case LOG2: return Sleef64Exp.log2(x);
            case LOG10: return Sleef64Exp.log10(x);
            case ASIN: return Sleef64Trig.asin(x);
            case ACOS: return Sleef64Trig.acos(x);
            case RSQRT: return 1 / Math.sqrt(x);
            case SQUARE: return x * x;
            default: throw new UnsupportedOperationException(name().toLowerCase() + " has no float64 kernel yet");
        }
    }
}
