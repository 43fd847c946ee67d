// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.nn;

import io.gradbook.autograd.TensorPrinter;

/** Python's spelling of values inside module reprs. */
final class Modules {
    private Modules() {}

    /** A Python tuple of ints: {@code (3,)}, {@code (2, 3)}. */
    static String tuple(int[] v) {
        return "(" + join(v) + (v.length == 1 ? ",)" : ")");
    }

    static String join(int[] v) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < v.length; i++) sb.append(i == 0 ? "" : ", ").append(v[i]);
        return sb.toString();
    }

    static String bool(boolean b) {
        return b ? "True" : "False";
    }

    static String num(double v) {
        return TensorPrinter.pythonFloat(v);
    }
}
