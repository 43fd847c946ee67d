// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

/**
 * Tight float64 loops for the binary op families, the same structure as {@link FloatLoops} in double.
 *
 * <p>Each family has three loops: all operands contiguous (the JIT vectorizes it), the second operand a broadcast
 * scalar (stride 0), and the general strided one. Generated in the same shape for float, double and long.
 */
final class DoubleLoops {
    private DoubleLoops() {}

    /** out[i] = a[i] op b[i] over one run of the iteration. */
    static void binary(BinaryOp op, double[] o, int oo, int os, double[] a, int ao, int as, double[] b, int bo, int bs, int n, double alpha) {
        switch (op) {
            case ADD: add(o, oo, os, a, ao, as, b, bo, bs, n); return;
            case SUB: sub(o, oo, os, a, ao, as, b, bo, bs, n); return;
            case MUL: mul(o, oo, os, a, ao, as, b, bo, bs, n); return;
            case DIV: div(o, oo, os, a, ao, as, b, bo, bs, n); return;
            case ADD_ALPHA: addalpha(o, oo, os, a, ao, as, b, bo, bs, n, alpha); return;
            case MAXIMUM: maximum(o, oo, os, a, ao, as, b, bo, bs, n); return;
            case MINIMUM: minimum(o, oo, os, a, ao, as, b, bo, bs, n); return;
            case POW: pow(o, oo, os, a, ao, as, b, bo, bs, n); return;
            default: throw new IllegalStateException(op.name());
        }
    }

    private static void add(double[] o, int oo, int os, double[] a, int ao, int as, double[] b, int bo, int bs, int n) {
        if (os == 1 && as == 1 && bs == 1) {
            for (int i = 0; i < n; i++) o[oo + i] = a[ao + i] + b[bo + i];
        } else if (os == 1 && as == 1 && bs == 0) {
            double y = b[bo];
            for (int i = 0; i < n; i++) o[oo + i] = a[ao + i] + y;
        } else {
            for (int i = 0; i < n; i++) o[oo + i * os] = a[ao + i * as] + b[bo + i * bs];
        }
    }

    private static void sub(double[] o, int oo, int os, double[] a, int ao, int as, double[] b, int bo, int bs, int n) {
        if (os == 1 && as == 1 && bs == 1) {
            for (int i = 0; i < n; i++) o[oo + i] = a[ao + i] - b[bo + i];
        } else if (os == 1 && as == 1 && bs == 0) {
            double y = b[bo];
            for (int i = 0; i < n; i++) o[oo + i] = a[ao + i] - y;
        } else {
            for (int i = 0; i < n; i++) o[oo + i * os] = a[ao + i * as] - b[bo + i * bs];
        }
    }

    private static void mul(double[] o, int oo, int os, double[] a, int ao, int as, double[] b, int bo, int bs, int n) {
        if (os == 1 && as == 1 && bs == 1) {
            for (int i = 0; i < n; i++) o[oo + i] = a[ao + i] * b[bo + i];
        } else if (os == 1 && as == 1 && bs == 0) {
            double y = b[bo];
            for (int i = 0; i < n; i++) o[oo + i] = a[ao + i] * y;
        } else {
            for (int i = 0; i < n; i++) o[oo + i * os] = a[ao + i * as] * b[bo + i * bs];
        }
    }

    private static void div(double[] o, int oo, int os, double[] a, int ao, int as, double[] b, int bo, int bs, int n) {
        if (os == 1 && as == 1 && bs == 1) {
            for (int i = 0; i < n; i++) o[oo + i] = a[ao + i] / b[bo + i];
        } else if (os == 1 && as == 1 && bs == 0) {
            double y = b[bo];
            for (int i = 0; i < n; i++) o[oo + i] = a[ao + i] / y;
        } else {
            for (int i = 0; i < n; i++) o[oo + i * os] = a[ao + i * as] / b[bo + i * bs];
        }
    }

    /** {@code a + alpha * b} as one fused multiply-add: PyTorch's vector body uses vec::fmadd, and its scalar tail, built with FMA enabled, contracts to the same. */
    private static void addalpha(double[] o, int oo, int os, double[] a, int ao, int as, double[] b, int bo, int bs, int n, double alpha) {
        if (os == 1 && as == 1 && bs == 1) {
            for (int i = 0; i < n; i++) o[oo + i] = Math.fma(b[bo + i], alpha, a[ao + i]);
        } else {
            for (int i = 0; i < n; i++) o[oo + i * os] = Math.fma(b[bo + i * bs], alpha, a[ao + i * as]);
        }
    }

    /**
     * Which of two equal zeros maximum/minimum return, as cpu_kernel_vec has it: vec::maximum/minimum
     * ({@code _mm256_max/min_pd}: the second operand where the two compare equal, so max(-0.0, 0.0) is 0.0 and
     * max(0.0, -0.0) -0.0) on the vector body of a run whose operands are contiguous or exactly one a broadcast scalar
     * (8 elements a step), std::max/min (the first operand unless the other is larger/smaller) on the run's tail
     * and on every other run (wide fuzz seed 10862: -0.0 against an int 0 on a tail). Math.max/min (vectorized by C2)
     * differ from both only there, so they run first and this pass rewrites the zeros that came from equal zeros:
     * measured on 1M float32 (thread CPU, fastest of 60 rounds, load ~10) 1.6 → 2.2 ms contiguous, 1.1 → 1.65
     * broadcast; the per-element choice in one loop, which C2 did not vectorize, took 8.1 and 5.3.
     */
    private static void equalZeros(double[] o, int oo, int os, double[] a, int ao, int as, double[] b, int bo, int bs, int n) {
        boolean vec = io.gradbook.autograd.math.Float64Binary.vectorizable(os, as, bs);
        int body = vec ? n - n % 8 : 0;
        for (int i = 0; i < n; i++) {
            if (o[oo + i * os] == 0.0) {
                double x = a[ao + i * as], y = b[bo + i * bs];
                if (x == y) o[oo + i * os] = i < body ? y : x;
            }
        }
    }

    private static void maximum(double[] o, int oo, int os, double[] a, int ao, int as, double[] b, int bo, int bs, int n) {
        if (os == 1 && as == 1 && bs == 1) {
            for (int i = 0; i < n; i++) o[oo + i] = a[ao + i] != a[ao + i] || b[bo + i] != b[bo + i] ? Double.NaN : Math.max(a[ao + i], b[bo + i]);
        } else if (os == 1 && as == 1 && bs == 0) {
            double y = b[bo];
            for (int i = 0; i < n; i++) o[oo + i] = a[ao + i] != a[ao + i] || y != y ? Double.NaN : Math.max(a[ao + i], y);
        } else {
            for (int i = 0; i < n; i++) o[oo + i * os] = a[ao + i * as] != a[ao + i * as] || b[bo + i * bs] != b[bo + i * bs] ? Double.NaN : Math.max(a[ao + i * as], b[bo + i * bs]);
        }
        equalZeros(o, oo, os, a, ao, as, b, bo, bs, n);
    }

    private static void minimum(double[] o, int oo, int os, double[] a, int ao, int as, double[] b, int bo, int bs, int n) {
        if (os == 1 && as == 1 && bs == 1) {
            for (int i = 0; i < n; i++) o[oo + i] = a[ao + i] != a[ao + i] || b[bo + i] != b[bo + i] ? Double.NaN : Math.min(a[ao + i], b[bo + i]);
        } else if (os == 1 && as == 1 && bs == 0) {
            double y = b[bo];
            for (int i = 0; i < n; i++) o[oo + i] = a[ao + i] != a[ao + i] || y != y ? Double.NaN : Math.min(a[ao + i], y);
        } else {
            for (int i = 0; i < n; i++) o[oo + i * os] = a[ao + i * as] != a[ao + i * as] || b[bo + i * bs] != b[bo + i * bs] ? Double.NaN : Math.min(a[ao + i * as], b[bo + i * bs]);
        }
        equalZeros(o, oo, os, a, ao, as, b, bo, bs, n);
    }

    /** PyTorch's float64 pow: SLEEF's vector body, the scalar tail ({@link io.gradbook.autograd.math.Float64Binary}). */
    private static void pow(double[] o, int oo, int os, double[] a, int ao, int as, double[] b, int bo, int bs, int n) {
        io.gradbook.autograd.math.Float64Binary.pow(o, oo, os, a, ao, as, b, bo, bs, n);
    }

    /** out[i] = a[i] cmp b[i] into a bool run. */
    static void compare(BinaryOp op, boolean[] o, int oo, int os, double[] a, int ao, int as, double[] b, int bo, int bs, int n) {
        switch (op) {
            case EQ: for (int i = 0; i < n; i++) o[oo + i * os] = a[ao + i * as] == b[bo + i * bs]; return;
            case NE: for (int i = 0; i < n; i++) o[oo + i * os] = a[ao + i * as] != b[bo + i * bs]; return;
            case GT: for (int i = 0; i < n; i++) o[oo + i * os] = a[ao + i * as] > b[bo + i * bs]; return;
            case GE: for (int i = 0; i < n; i++) o[oo + i * os] = a[ao + i * as] >= b[bo + i * bs]; return;
            case LT: for (int i = 0; i < n; i++) o[oo + i * os] = a[ao + i * as] < b[bo + i * bs]; return;
            case LE: for (int i = 0; i < n; i++) o[oo + i * os] = a[ao + i * as] <= b[bo + i * bs]; return;
            case AND: for (int i = 0; i < n; i++) o[oo + i * os] = a[ao + i * as] != 0 && b[bo + i * bs] != 0; return;
            case OR: for (int i = 0; i < n; i++) o[oo + i * os] = a[ao + i * as] != 0 || b[bo + i * bs] != 0; return;
            default: throw new IllegalStateException(op.name());
        }
    }


}
