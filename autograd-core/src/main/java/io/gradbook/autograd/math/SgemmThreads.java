// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

import java.util.Arrays;

/**
 * The micro-kernel calls OpenBLAS 0.3.21's threaded sgemm (driver/level3/level3_thread.c, Haswell kernels) makes,
 * as single-threaded {@code sgemm} calls that make the same kernel calls for each element of C: the plan
 * {@link TorchBlas#sgemm} runs, one list of calls per OpenBLAS thread. Everything here is in OpenBLAS's column-major
 * terms (C is m x n, A m x k, B k x n).
 *
 * <p>What decides an element's bits (kernel/x86_64/sgemm_kernel_8x4_haswell_2.c): every tile sums its k block
 * into one accumulator per element with FMAs in k order, except the 8 x 4 tiles and the 8-row halves of the 12-column
 * steps that open and close each side of a column step (COMPUTE_m8n4, COMPUTE_H/T_m8n6), which sum even and odd k in
 * two accumulators per 8 k and add them at the end. Which tile an element falls in depends on the kernel call's rows
 * (its min_i block: the kernel steps through them by 8 and 16 from the call's first row) and columns (steps of 12,
 * then 8, 4, 2, 1 from its first column), and the sum over k on the k blocks (min_l). inner_thread makes, per k
 * block: for its first block of rows, one kernel call per 12 (else 4, else the rest) columns of its own range of n
 * (the packing steps of B) and one call per half of each other thread's range it shares (DIVIDE_RATE 2); for later
 * blocks of rows, one call per half of every range. A single-threaded call of at most GEMM_P rows and GEMM_Q deep
 * is level3.c's first block of rows alone, so it makes the packing-step calls; a call over whole 12-column steps
 * makes the same kernel steps as one wide call, and the 8-column step a wide call ends with (8 to 11 columns left)
 * sums each element in one accumulator, as 2-column calls do.
 *
 * <p>The partition is gemm_driver's and the level3_thread.c entry's (range_M, range_N, nthreads_m / nthreads_n), with
 * SWITCH_RATIO and GEMM_PREFERED_SIZE of the driver as Debian's DYNAMIC_ARCH build compiles it (its generic
 * defaults, 2 and 1: {@link #SWITCH_RATIO}), and GEMM_P, GEMM_Q, GEMM_R and the unrolling of the Haswell table
 * (param.h; {@link HaswellSgemm} checks them in nd4j's library).
 */
final class SgemmThreads {
    private SgemmThreads() {}

    /** level3_thread.c's SWITCH_RATIO and GEMM_PREFERED_SIZE in the driver PyTorch's OpenBLAS runs. */
    static final int SWITCH_RATIO = Integer.getInteger("gradbook.blas.switchRatio", 2),
            PREFERRED = Integer.getInteger("gradbook.blas.preferred", 1);
    /** Haswell sgemm: GEMM_P, GEMM_Q, GEMM_R, GEMM_UNROLL_M, GEMM_UNROLL_N. */
    static final int P = HaswellSgemm.P, Q = HaswellSgemm.Q, R = HaswellSgemm.R, UNROLL_M = HaswellSgemm.UNROLL_M,
            UNROLL_N = HaswellSgemm.UNROLL_N;

    /** One single-threaded call: rows [m0, m0 + rows), columns [n0, n0 + cols), depth [k0, k0 + depth). */
    interface Call {
        void run(int m0, int rows, int n0, int cols, int k0, int depth, boolean first);
    }

    /**
     * The level3_thread.c entry's and gemm_driver's partition: nthreads_m, the ranges of m, and per step of n
     * (GEMM_R x threads columns; one step below 2 x 104512 columns) the ranges of n, one per thread; null where
     * OpenBLAS runs the product as one single-threaded call.
     */
    record Split(int threadsM, int threads, int[] rangeM, int[][] rangesN) {}

    static Split split(int m, int n, int k, int threads) {
        if (m == 0 || n == 0 || k == 0) return null;
        int[] counts = threadCounts(m, n, threads);
        int threadsM = counts[0], nthreads = counts[0] * counts[1];
        if (nthreads <= 1) return null;
        int steps = (int) ((n + (long) R * nthreads - 1) / ((long) R * nthreads));
        int[][] rangesN = new int[steps][];
        for (int s = 0; s < steps; s++) {
            int js = (int) ((long) s * R * nthreads);
            rangesN[s] = partition((int) Math.min(n - js, (long) R * nthreads), nthreads, true, js);
        }
        return new Split(threadsM, nthreads, partition(m, threadsM, false, 0), rangesN);
    }

    /**
     * The level3_thread.c entry's nthreads_m and nthreads_n for {@code threads} threads (dgemm's split in
     * {@link TorchBlas#plan} too); a product of 1 means one single-threaded call.
     */
    static int[] threadCounts(int m, int n, int threads) {
        int threadsM, threadsN;
        if (m < 2 * SWITCH_RATIO) threadsM = 1;
        else {
            threadsM = threads;
            while (m < threadsM * SWITCH_RATIO) threadsM /= 2;
        }
        if (n < SWITCH_RATIO * threadsM) threadsN = 1;
        else {
            threadsN = (n + SWITCH_RATIO * threadsM - 1) / (SWITCH_RATIO * threadsM);
            if (threadsM * threadsN > threads) threadsN = threads / threadsM;
        }
        return new int[] {threadsM, threadsN};
    }

    /** The calls, per OpenBLAS thread: {@code calls[t]} holds 7 ints a call (Call's arguments, first as 0/1). */
    static int[][] plan(int m, int n, int k, int threads) {
        if (m == 0 || n == 0) return new int[0][];
        Split split = split(m, n, k, threads);
        if (split == null) return new int[][] {{0, m, 0, n, 0, k, 1}};
        Plan[] plans = new Plan[split.threads];
        for (int t = 0; t < split.threads; t++) plans[t] = new Plan();
        for (int[] rangeN : split.rangesN) {
            for (int t = 0; t < split.threads; t++) thread(plans[t], split.rangeM, rangeN, split.threadsM, t, k);
        }
        int[][] out = new int[split.threads][];
        for (int t = 0; t < split.threads; t++) out[t] = plans[t].calls();
        return out;
    }

    /**
     * gemm_driver's partition of {@code length} into {@code parts} ranges, {@code parts + 1} edges from {@code from}
     * (a range left empty where the parts run out, as it fills range_N).
     */
    static int[] partition(int length, int parts, boolean leastWidth, int from) {
        int[] edges = new int[parts + 1];
        edges[0] = from;
        int count = 0;
        for (int left = length; left > 0; count++) {
            int width = (left + parts - count - 1) / (parts - count);
            if (leastWidth && width < SWITCH_RATIO) width = SWITCH_RATIO;
            if (!(PREFERRED > left || width <= PREFERRED)) width = (width + PREFERRED - 1) / PREFERRED * PREFERRED;
            left -= width;
            if (left < 0) width += left;
            edges[count + 1] = edges[count] + width;
        }
        for (int i = count; i < parts; i++) edges[i + 1] = edges[count];
        return edges;
    }

    /** inner_thread for thread {@code pos}: its calls appended to {@code plan}. */
    private static void thread(Plan plan, int[] rangeM, int[] rangeN, int threadsM, int pos, int k) {
        int posN = pos / threadsM, posM = pos - posN * threadsM;
        int mFrom = rangeM[posM], mTo = rangeM[posM + 1], nFrom = rangeN[pos], nTo = rangeN[pos + 1];
        int group = posN * threadsM;
        if (mTo <= mFrom) return;
        for (int ls = 0, minL; ls < k; ls += minL) {
            minL = k - ls;
            if (minL >= 2 * Q) minL = Q;
            else if (minL > Q) minL = (minL + 1) / 2;
            boolean first = ls == 0;
            int minI = mTo - mFrom;
            if (minI >= 2 * P) minI = P;
            else if (minI > P) minI = (minI / 2 + UNROLL_M - 1) / UNROLL_M * UNROLL_M;
            // its own range of n: one call per half, which steps through it as inner_thread packs it
            int divN = (nTo - nFrom + 1) / 2;
            for (int js = nFrom; js < nTo; js += divN) plan.add(mFrom, minI, js, Math.min(nTo, js + divN) - js, ls, minL, first);
            // the other ranges of its group: one kernel call per half
            for (int current = pos + 1; ; current++) {
                if (current >= group + threadsM) current = group;
                if (current == pos) break;
                wide(plan, mFrom, minI, rangeN[current], rangeN[current + 1], ls, minL, first);
            }
            for (int is = mFrom + minI; is < mTo; is += minI) {
                minI = mTo - is;
                if (minI >= 2 * P) minI = P;
                else if (minI > P) minI = ((minI + 1) / 2 + UNROLL_M - 1) / UNROLL_M * UNROLL_M;
                for (int current = group; current < group + threadsM; current++)
                    wide(plan, is, minI, rangeN[current], rangeN[current + 1], ls, minL, first);
            }
        }
    }

    /** One kernel call per half of the range [from, to), as calls that step through its columns alike. */
    private static void wide(Plan plan, int m0, int rows, int from, int to, int ls, int minL, boolean first) {
        int divN = (to - from + 1) / 2;
        for (int js = from; js < to; js += divN) {
            int width = Math.min(to - js, divN), whole = width / (3 * UNROLL_N) * (3 * UNROLL_N), left = width - whole;
            if (whole > 0) plan.add(m0, rows, js, whole, ls, minL, first);
            int j = js + whole;
            if (left >= 2 * UNROLL_N) {
                // the kernel's 8-column step: one accumulator per element, as in 2-column calls (a call of 8 would
                // pack and step by 4, which sums even and odd k apart)
                for (int c = 0; c < 2 * UNROLL_N; c += 2) plan.add(m0, rows, j + c, 2, ls, minL, first);
                j += 2 * UNROLL_N;
                left -= 2 * UNROLL_N;
            }
            if (left > 0) plan.add(m0, rows, j, left, ls, minL, first);
        }
    }

    /** Calls as 7 ints each. */
    private static final class Plan {
        private int[] calls = new int[7 * 8];
        private int size;

        void add(int m0, int rows, int n0, int cols, int k0, int depth, boolean first) {
            if (rows <= 0 || cols <= 0) return;
            if (size + 7 > calls.length) calls = Arrays.copyOf(calls, calls.length * 2);
            calls[size++] = m0;
            calls[size++] = rows;
            calls[size++] = n0;
            calls[size++] = cols;
            calls[size++] = k0;
            calls[size++] = depth;
            calls[size++] = first ? 1 : 0;
        }

        int[] calls() {
            return Arrays.copyOf(calls, size);
        }
    }
}
