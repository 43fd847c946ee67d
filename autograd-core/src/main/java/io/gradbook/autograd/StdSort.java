// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import java.util.function.IntBinaryOperator;

/**
 * libstdc++'s {@code std::sort} (GCC 12), which PyTorch 1.13's CPU sort calls when {@code stable=False} (the
 * default): introsort (median-of-three pivot moved to the front, unguarded partition, heapsort past depth
 * 2 log2 n), then insertion sort with a 16-element threshold. It is not stable, and the order it leaves equal
 * values in is the order {@code sort}/{@code argsort} indices show, so it is reproduced step for step here. The
 * array holds positions; {@code less(p, q)} is PyTorch's KeyValueCompAsc/Desc on their keys. topk's
 * {@code std::nth_element} and {@code std::partial_sort} are here too, built from the same pieces.
 */
final class StdSort {
    private StdSort() {}

    private static final int THRESHOLD = 16;

    static void sort(int[] a, int first, int last, IntBinaryOperator less) {
        if (first == last) return;
        introsortLoop(a, first, last, 2 * (31 - Integer.numberOfLeadingZeros(last - first)), less);
        finalInsertionSort(a, first, last, less);
    }

    private static boolean lt(IntBinaryOperator less, int p, int q) {
        return less.applyAsInt(p, q) != 0;
    }

    private static void introsortLoop(int[] a, int first, int last, int depth, IntBinaryOperator less) {
        while (last - first > THRESHOLD) {
            if (depth == 0) {
                heapSort(a, first, last, less);
                return;
            }
            depth--;
            int cut = partitionPivot(a, first, last, less);
            introsortLoop(a, cut, last, depth, less);
            last = cut;
        }
    }

    private static int partitionPivot(int[] a, int first, int last, IntBinaryOperator less) {
        int mid = first + (last - first) / 2;
        moveMedianToFirst(a, first, first + 1, mid, last - 1, less);
        // unguarded partition of [first + 1, last) around a[first]
        int lo = first + 1, hi = last;
        while (true) {
            while (lt(less, a[lo], a[first])) lo++;
            hi--;
            while (lt(less, a[first], a[hi])) hi--;
            if (!(lo < hi)) return lo;
            swap(a, lo, hi);
            lo++;
        }
    }

    private static void moveMedianToFirst(int[] a, int result, int x, int y, int z, IntBinaryOperator less) {
        if (lt(less, a[x], a[y])) {
            if (lt(less, a[y], a[z])) swap(a, result, y);
            else if (lt(less, a[x], a[z])) swap(a, result, z);
            else swap(a, result, x);
        } else if (lt(less, a[x], a[z])) swap(a, result, x);
        else if (lt(less, a[y], a[z])) swap(a, result, z);
        else swap(a, result, y);
    }

    private static void finalInsertionSort(int[] a, int first, int last, IntBinaryOperator less) {
        if (last - first > THRESHOLD) {
            insertionSort(a, first, first + THRESHOLD, less);
            for (int i = first + THRESHOLD; i < last; i++) unguardedLinearInsert(a, i, less);
        } else {
            insertionSort(a, first, last, less);
        }
    }

    private static void insertionSort(int[] a, int first, int last, IntBinaryOperator less) {
        if (first == last) return;
        for (int i = first + 1; i < last; i++) {
            if (lt(less, a[i], a[first])) {
                int v = a[i];
                System.arraycopy(a, first, a, first + 1, i - first);
                a[first] = v;
            } else {
                unguardedLinearInsert(a, i, less);
            }
        }
    }

    private static void unguardedLinearInsert(int[] a, int last, IntBinaryOperator less) {
        int v = a[last];
        int next = last - 1;
        while (lt(less, v, a[next])) {
            a[last] = a[next];
            last = next;
            next--;
        }
        a[last] = v;
    }

    // ---- std::nth_element and std::partial_sort (PyTorch 1.13's topk: TopKImpl.h / SortingUtils.h) ---------------

    /**
     * {@code std::nth_element(first, nth, last, less)}: introselect (the same unguarded median-of-three partition as
     * sort, depth limit 2 log2 n, then heap select), insertion sort once a range has 3 elements or fewer.
     */
    static void nthElement(int[] a, int first, int nth, int last, IntBinaryOperator less) {
        if (first == last || nth == last) return;
        int depth = 2 * (31 - Integer.numberOfLeadingZeros(last - first));
        while (last - first > 3) {
            if (depth == 0) {
                heapSelect(a, first, nth + 1, last, less);
                // place the nth element in its final position
                swap(a, first, nth);
                return;
            }
            depth--;
            int cut = partitionPivot(a, first, last, less);
            if (cut <= nth) first = cut;
            else last = cut;
        }
        insertionSort(a, first, last, less);
    }

    /** {@code std::partial_sort(first, middle, last, less)}: heap select, then sort_heap of [first, middle). */
    static void partialSort(int[] a, int first, int middle, int last, IntBinaryOperator less) {
        heapSelect(a, first, middle, last, less);
        sortHeap(a, first, middle, less);
    }

    /** std::__heap_select: a heap of [first, middle), and every later element less than its top replaces the top. */
    private static void heapSelect(int[] a, int first, int middle, int last, IntBinaryOperator less) {
        makeHeap(a, first, middle, less);
        for (int i = middle; i < last; i++) {
            if (lt(less, a[i], a[first])) {
                // std::__pop_heap(first, middle, i)
                int v = a[i];
                a[i] = a[first];
                adjustHeap(a, first, 0, middle - first, v, less);
            }
        }
    }

    // ---- heapsort (std::__partial_sort(first, last, last): make_heap, then sort_heap) ----------------------------

    private static void heapSort(int[] a, int first, int last, IntBinaryOperator less) {
        makeHeap(a, first, last, less);
        sortHeap(a, first, last, less);
    }

    private static void makeHeap(int[] a, int first, int last, IntBinaryOperator less) {
        int len = last - first;
        if (len < 2) return;
        for (int parent = (len - 2) / 2; ; parent--) {
            adjustHeap(a, first, parent, len, a[first + parent], less);
            if (parent == 0) break;
        }
    }

    private static void sortHeap(int[] a, int first, int last, IntBinaryOperator less) {
        while (last - first > 1) {
            last--;
            int v = a[last];
            a[last] = a[first];
            adjustHeap(a, first, 0, last - first, v, less);
        }
    }

    private static void adjustHeap(int[] a, int first, int hole, int len, int value, IntBinaryOperator less) {
        int top = hole, child = hole;
        while (child < (len - 1) / 2) {
            child = 2 * (child + 1);
            if (lt(less, a[first + child], a[first + child - 1])) child--;
            a[first + hole] = a[first + child];
            hole = child;
        }
        if ((len & 1) == 0 && child == (len - 2) / 2) {
            child = 2 * (child + 1);
            a[first + hole] = a[first + child - 1];
            hole = child - 1;
        }
        int parent = (hole - 1) / 2;
        while (hole > top && lt(less, a[first + parent], value)) {
            a[first + hole] = a[first + parent];
            hole = parent;
            parent = (hole - 1) / 2;
        }
        a[first + hole] = value;
    }

    private static void swap(int[] a, int i, int j) {
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
