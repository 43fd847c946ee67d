// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import java.util.function.IntBinaryOperator;

/**
 * PyTorch 1.13's {@code quick_select_template} (aten/src/ATen/native/Sorting.cpp, TH's Sedgewick quickselect),
 * which kthvalue runs on a contiguous copy of each line with its indices alongside. Among equal values the one it
 * leaves at {@code k} is its swaps' accident (median-of-three pivot moved to L, Hoare partition), so the swaps are
 * reproduced one for one. The array holds positions (a value and its index always move together);
 * {@code gtOrNan(p, q)} is PyTorch's {@code (isnan(x) && !isnan(y)) || x > y} on their values.
 */
final class QuickSelect {
    private QuickSelect() {}

    static void select(int[] arr, int k, IntBinaryOperator gtOrNan) {
        int l = 0, r = arr.length - 1;
        while (true) {
            if (r <= l) return; // one element only
            if (r == l + 1) { // two elements only
                if (gt(gtOrNan, arr[l], arr[r])) swap(arr, l, r);
                return;
            }
            // median of three for the pivot, moved to L
            int p = (l + r) >>> 1;
            swap(arr, p, l + 1);
            if (gt(gtOrNan, arr[l + 1], arr[r])) swap(arr, l + 1, r);
            if (gt(gtOrNan, arr[l], arr[r])) swap(arr, l, r);
            if (gt(gtOrNan, arr[l + 1], arr[l])) swap(arr, l + 1, l);
            int i = l + 1, j = r;
            int piv = arr[l];
            while (true) {
                do i++; while (gt(gtOrNan, piv, arr[i]));
                do j--; while (gt(gtOrNan, arr[j], piv));
                if (j < i) break;
                swap(arr, i, j);
            }
            swap(arr, l, j);
            // the active partition
            if (j <= k) l = i;
            if (j >= k) r = j - 1;
        }
    }

    private static boolean gt(IntBinaryOperator gtOrNan, int p, int q) {
        return gtOrNan.applyAsInt(p, q) != 0;
    }

    private static void swap(int[] a, int i, int j) {
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
