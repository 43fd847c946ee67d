// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

/**
 * How OpenBLAS 0.3.21 splits a gemv of at least {@code 2304 * 4} elements over its threads (interface/gemv.c hands it
 * to driver/level2/gemv_thread.c), so that PyTorch's bits for a large {@code torch.mv} come out: 'T' (a row-major
 * matrix) cuts the outputs into ranges, one per thread, each summed by the single-threaded kernel on its own rows
 * (where the range starts decides which rows the 4-row FMA kernel and which the 2- and 1-row SSE kernels take);
 * 'N' cuts the outputs the same way, unless that leaves a thread idle (at most 4 outputs a thread), when it cuts the
 * columns instead and adds the threads' partial sums into y one after the other (gemv_thread.c's split_x and its
 * reduction). Widths: {@code ceil(left / threadsLeft)}, at least 4. Threads: {@link TorchBlas#THREADS} (PyTorch's
 * OpenBLAS on the reference machine: 2). Matches PyTorch bit for bit (BlasGemvOracleTest's products from 9,216
 * elements; fuzz seed 1097: a [195, 64] mv split 98/97).
 */
public final class GemvThreads {
    private GemvThreads() {}

    /** One single-threaded call: outputs {@code from..to} of 'T', or of 'N' (columns all), into y at its offset. */
    @FunctionalInterface
    public interface Range {
        void run(int from, int to);
    }

    /** One 'N' call over columns {@code from..to} only, all outputs, returning its partial sums. */
    @FunctionalInterface
    public interface Columns {
        float[] run(int from, int to);
    }

    /** The same for float64. */
    @FunctionalInterface
    public interface Columns64 {
        double[] run(int from, int to);
    }

    /** Whether OpenBLAS runs an m x n gemv on more than one thread. */
    public static boolean threaded(long m, long n) {
        return TorchBlas.THREADS > 1 && m * n >= BlasGemv.SINGLE_THREAD_BELOW;
    }

    /** gemv_thread.c's cut of {@code count} outputs (or columns): the bounds of each thread's range, 0 first. */
    static int[] ranges(int count) {
        int threads = TorchBlas.THREADS;
        int[] bounds = new int[threads + 2];
        int parts = 0, left = count;
        while (left > 0 && parts < threads + 1) {
            int width = Math.max(4, (left + threads - parts - 1) / Math.max(1, threads - parts));
            if (left < width) width = left;
            bounds[parts + 1] = bounds[parts] + width;
            parts++;
            left -= width;
        }
        return java.util.Arrays.copyOf(bounds, parts + 1);
    }

    /** Runs {@code range} over each thread's outputs ('T', or 'N' when every thread gets some). */
    public static void byOutputs(int outputs, Range range) {
        int[] b = ranges(outputs);
        for (int p = 0; p + 1 < b.length; p++) range.run(b[p], b[p + 1]);
    }

    /**
     * Whether a threaded m x n 'N' gemv splits its columns (split_x): a thread would be idle, m * n is above
     * 24 * 24 * 4 * 4 and the partial sums fit gemv_thread.c's buffer of 1024 elements.
     */
    public static boolean splitsColumns(int m, int n) {
        return ranges(m).length - 1 < TorchBlas.THREADS && (long) m * n > 24L * 24 * 4 * 4
                && (long) m * TorchBlas.THREADS <= 1024;
    }

    /** split_x: the threads' partial sums over their columns, added into y (zeroed by beta 0) in thread order. */
    public static float[] byColumns(int m, int n, Columns columns) {
        float[] y = new float[m];
        int[] b = ranges(n);
        for (int p = 0; p + 1 < b.length; p++) {
            float[] part = columns.run(b[p], b[p + 1]);
            for (int j = 0; j < m; j++) y[j] += part[j];
        }
        return y;
    }

    /** The same for float64. */
    public static double[] byColumns64(int m, int n, Columns64 columns) {
        double[] y = new double[m];
        int[] b = ranges(n);
        for (int p = 0; p + 1 < b.length; p++) {
            double[] part = columns.run(b[p], b[p + 1]);
            for (int j = 0; j < m; j++) y[j] += part[j];
        }
        return y;
    }
}
