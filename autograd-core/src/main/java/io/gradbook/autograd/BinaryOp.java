// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

/**
 * The element-wise binary op families the loops are specialised for. The op is chosen once per op call
 * (a switch outside the loop); each family has its own tight loop per dtype.
 */
enum BinaryOp {
    ADD, SUB, MUL, DIV,
    /** {@code a + alpha * b}: PyTorch's add with alpha (and sub, which is add with -alpha). */
    ADD_ALPHA,
    MAXIMUM, MINIMUM, POW,
    // comparisons and logic: bool results
    EQ, NE, GT, GE, LT, LE, AND, OR;

    boolean isComparison() {
        return ordinal() >= EQ.ordinal();
    }

    /** The op on doubles, for the dtypes without their own loops (int32, bool, float16). */
    double applyAsDouble(double x, double y, double alpha) {
        switch (this) {
            case ADD: return x + y;
            case SUB: return x - y;
            case MUL: return x * y;
            case DIV: return x / y;
            case ADD_ALPHA: return x + alpha * y;
            case MAXIMUM: return Double.isNaN(x) || Double.isNaN(y) ? Double.NaN : x < y ? y : x; // std::max: the first of equal ones (-0.0, 0.0)
            case MINIMUM: return Double.isNaN(x) || Double.isNaN(y) ? Double.NaN : y < x ? y : x; // std::min
            case POW: return Math.pow(x, y);
            default: return test(x, y) ? 1 : 0;
        }
    }

    boolean test(double x, double y) {
        switch (this) {
            case EQ: return x == y;
            case NE: return x != y;
            case GT: return x > y;
            case GE: return x >= y;
            case LT: return x < y;
            case LE: return x <= y;
            case AND: return x != 0 && y != 0;
            case OR: return x != 0 || y != 0;
            default: throw new IllegalStateException(name() + " is not a comparison");
        }
    }
}
