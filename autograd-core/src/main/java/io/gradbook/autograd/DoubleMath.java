// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import io.gradbook.autograd.math.Sleef64;

/**
 * Float64 unary loops: the op chosen once, then a loop over the run (strided input, strided output). exp and log
 * are SLEEF's, as PyTorch's AVX2 build computes them for float64 ({@link Sleef64}).
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
            case SIN: for (int i = 0; i < n; i++) o[oo + i * os] = Math.sin(a[ao + i * as]); return;
            case COS: for (int i = 0; i < n; i++) o[oo + i * os] = Math.cos(a[ao + i * as]); return;
            case TANH: for (int i = 0; i < n; i++) o[oo + i * os] = Math.tanh(a[ao + i * as]); return;
            case RECIPROCAL: for (int i = 0; i < n; i++) o[oo + i * os] = 1 / a[ao + i * as]; return;
            default: for (int i = 0; i < n; i++) o[oo + i * os] = op.applyAsDouble(a[ao + i * as]);
        }
    }
}
