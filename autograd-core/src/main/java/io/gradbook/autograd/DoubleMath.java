// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import io.gradbook.autograd.math.Float64Unary;
import io.gradbook.autograd.math.Sleef64;
import io.gradbook.autograd.math.Sleef64Erf;
import io.gradbook.autograd.math.Sleef64Exp;
import io.gradbook.autograd.math.Sleef64Trig;

/**
 * Float64 unary loops: the op chosen once, then a loop over the run (strided input, strided output). exp and log
 * are SLEEF's, as PyTorch's AVX2 build computes them for float64 ({@link Sleef64}); so are the other transcendental
 * ops, element by element where PyTorch's vml loop sends every element through SLEEF, and with the vector body and
 * scalar tail of its cpu_kernel_vec loops for sigmoid/sinh/cosh ({@link Float64Unary}).
 */
final class DoubleMath {
    private DoubleMath() {}

    static void unary(UnaryOp op, double[] a, int ao, int as, double[] o, int oo, int os, int n) {
        switch (op) {
            case NEG: for (int i = 0; i < n; i++) o[oo + i * os] = -a[ao + i * as]; return;
            case ABS: for (int i = 0; i < n; i++) o[oo + i * os] = Math.abs(a[ao + i * as]); return;
            case EXP: for (int i = 0; i < n; i++) o[oo + i * os] = Sleef64.exp(a[ao + i * as]); return;
            case LOG: for (int i = 0; i < n; i++) o[oo + i * os] = Sleef64.log(a[ao + i * as]); return;
            case SQRT: for (int i = 0; i < n; i++) o[oo + i * os] = Math.sqrt(a[ao + i * as]); return;
            case SIN: for (int i = 0; i < n; i++) o[oo + i * os] = Sleef64Trig.sin(a[ao + i * as]); return;
            case COS: for (int i = 0; i < n; i++) o[oo + i * os] = Sleef64Trig.cos(a[ao + i * as]); return;
            case TANH: for (int i = 0; i < n; i++) o[oo + i * os] = Sleef64Exp.tanh(a[ao + i * as]); return;
            case ASIN: for (int i = 0; i < n; i++) o[oo + i * os] = Sleef64Trig.asin(a[ao + i * as]); return;
            case ACOS: for (int i = 0; i < n; i++) o[oo + i * os] = Sleef64Trig.acos(a[ao + i * as]); return;
            case ATAN: for (int i = 0; i < n; i++) o[oo + i * os] = Sleef64Trig.atan(a[ao + i * as]); return;
            case EXPM1: for (int i = 0; i < n; i++) o[oo + i * os] = Sleef64Exp.expm1(a[ao + i * as]); return;
            case LOG1P: for (int i = 0; i < n; i++) o[oo + i * os] = Sleef64Exp.log1p(a[ao + i * as]); return;
            case LOG2: for (int i = 0; i < n; i++) o[oo + i * os] = Sleef64Exp.log2(a[ao + i * as]); return;
            case LOG10: for (int i = 0; i < n; i++) o[oo + i * os] = Sleef64Exp.log10(a[ao + i * as]); return;
            case ERF: for (int i = 0; i < n; i++) o[oo + i * os] = Sleef64Erf.erf(a[ao + i * as]); return;
            case SIGMOID: Float64Unary.sigmoid(a, ao, as, o, oo, os, n); return;
            case SINH: Float64Unary.sinh(a, ao, as, o, oo, os, n); return;
            case COSH: Float64Unary.cosh(a, ao, as, o, oo, os, n); return;
            case RECIPROCAL: for (int i = 0; i < n; i++) o[oo + i * os] = 1 / a[ao + i * as]; return;
            default: for (int i = 0; i < n; i++) o[oo + i * os] = op.applyAsDouble(a[ao + i * as]);
        }
    }
}
