// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

/**
 * Tight int64 loops for the binary op families: exact integer arithmetic in {@code long} (wrapping on
 * overflow as C does), so values beyond 2^53 stay exact.
 *
 * <p>Each family has three loops: all operands contiguous (the JIT vectorizes it), the second operand a broadcast
 * scalar (stride 0), and the general strided one. Generated in the same shape for float, double and long.
 */
final class LongLoops {
    private LongLoops() {}

    /** out[i] = a[i] op b[i] over one run of the iteration. */
    static void binary(BinaryOp op, long[] o, int oo, int os, long[] a, int ao, int as, long[] b, int bo, int bs, int n, long alpha) {
        switch (op) {
            case ADD: add(o, oo, os, a, ao, as, b, bo, bs, n); return;
            case SUB: sub(o, oo, os, a, ao, as, b, bo, bs, n); return;
            case MUL: mul(o, oo, os, a, ao, as, b, bo, bs, n); return;
            case ADD_ALPHA: addalpha(o, oo, os, a, ao, as, b, bo, bs, n, alpha); return;
            case MAXIMUM: maximum(o, oo, os, a, ao, as, b, bo, bs, n); return;
            case MINIMUM: minimum(o, oo, os, a, ao, as, b, bo, bs, n); return;
            case POW: pow(o, oo, os, a, ao, as, b, bo, bs, n); return;
            default: throw new IllegalStateException(op.name());
        }
    }

    private static void add(long[] o, int oo, int os, long[] a, int ao, int as, long[] b, int bo, int bs, int n) {
        if (os == 1 && as == 1 && bs == 1) {
            for (int i = 0; i < n; i++) o[oo + i] = a[ao + i] + b[bo + i];
        } else if (os == 1 && as == 1 && bs == 0) {
            long y = b[bo];
            for (int i = 0; i < n; i++) o[oo + i] = a[ao + i] + y;
        } else {
            for (int i = 0; i < n; i++) o[oo + i * os] = a[ao + i * as] + b[bo + i * bs];
        }
    }

    private static void sub(long[] o, int oo, int os, long[] a, int ao, int as, long[] b, int bo, int bs, int n) {
        if (os == 1 && as == 1 && bs == 1) {
            for (int i = 0; i < n; i++) o[oo + i] = a[ao + i] - b[bo + i];
        } else if (os == 1 && as == 1 && bs == 0) {
            long y = b[bo];
            for (int i = 0; i < n; i++) o[oo + i] = a[ao + i] - y;
        } else {
            for (int i = 0; i < n; i++) o[oo + i * os] = a[ao + i * as] - b[bo + i * bs];
        }
    }

    private static void mul(long[] o, int oo, int os, long[] a, int ao, int as, long[] b, int bo, int bs, int n) {
        if (os == 1 && as == 1 && bs == 1) {
            for (int i = 0; i < n; i++) o[oo + i] = a[ao + i] * b[bo + i];
        } else if (os == 1 && as == 1 && bs == 0) {
            long y = b[bo];
            for (int i = 0; i < n; i++) o[oo + i] = a[ao + i] * y;
        } else {
            for (int i = 0; i < n; i++) o[oo + i * os] = a[ao + i * as] * b[bo + i * bs];
        }
    }

    private static void addalpha(long[] o, int oo, int os, long[] a, int ao, int as, long[] b, int bo, int bs, int n, long alpha) {
        if (os == 1 && as == 1 && bs == 1) {
            for (int i = 0; i < n; i++) o[oo + i] = a[ao + i] + alpha * b[bo + i];
        } else if (os == 1 && as == 1 && bs == 0) {
            long y = b[bo];
            for (int i = 0; i < n; i++) o[oo + i] = a[ao + i] + alpha * y;
        } else {
            for (int i = 0; i < n; i++) o[oo + i * os] = a[ao + i * as] + alpha * b[bo + i * bs];
        }
    }

    private static void maximum(long[] o, int oo, int os, long[] a, int ao, int as, long[] b, int bo, int bs, int n) {
        if (os == 1 && as == 1 && bs == 1) {
            for (int i = 0; i < n; i++) o[oo + i] = Math.max(a[ao + i], b[bo + i]);
        } else if (os == 1 && as == 1 && bs == 0) {
            long y = b[bo];
            for (int i = 0; i < n; i++) o[oo + i] = Math.max(a[ao + i], y);
        } else {
            for (int i = 0; i < n; i++) o[oo + i * os] = Math.max(a[ao + i * as], b[bo + i * bs]);
        }
    }

    private static void minimum(long[] o, int oo, int os, long[] a, int ao, int as, long[] b, int bo, int bs, int n) {
        if (os == 1 && as == 1 && bs == 1) {
            for (int i = 0; i < n; i++) o[oo + i] = Math.min(a[ao + i], b[bo + i]);
        } else if (os == 1 && as == 1 && bs == 0) {
            long y = b[bo];
            for (int i = 0; i < n; i++) o[oo + i] = Math.min(a[ao + i], y);
        } else {
            for (int i = 0; i < n; i++) o[oo + i * os] = Math.min(a[ao + i * as], b[bo + i * bs]);
        }
    }

    private static void pow(long[] o, int oo, int os, long[] a, int ao, int as, long[] b, int bo, int bs, int n) {
        if (os == 1 && as == 1 && bs == 1) {
            for (int i = 0; i < n; i++) o[oo + i] = LongLoops.pow(a[ao + i], b[bo + i]);
        } else if (os == 1 && as == 1 && bs == 0) {
            long y = b[bo];
            for (int i = 0; i < n; i++) o[oo + i] = LongLoops.pow(a[ao + i], y);
        } else {
            for (int i = 0; i < n; i++) o[oo + i * os] = LongLoops.pow(a[ao + i * as], b[bo + i * bs]);
        }
    }

    /** out[i] = a[i] cmp b[i] into a bool run. */
    static void compare(BinaryOp op, boolean[] o, int oo, int os, long[] a, int ao, int as, long[] b, int bo, int bs, int n) {
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

    /** Integer power by squaring; a negative exponent of an integer is refused by PyTorch before it gets here. */
    static long pow(long base, long exp) {
        long result = 1;
        while (exp > 0) {
            if ((exp & 1) != 0) result *= base;
            base *= base;
            exp >>= 1;
        }
        return result;
    }

}
