// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

/**
 * Runs a row-wise kernel over rows {@code [0, rows)} in chunks on the calling thread and {@link HotWorkers},
 * as PyTorch's {@code parallel_for} over the outer size. A chunk holds a whole number of rows, sized only by the row
 * length (never by the number of threads), and every row is computed by itself, so the bits are the same on any
 * machine and with the pool off.
 *
 * <p>The caller and one helper per worker claim chunks from one counter until none is left ({@link HotWorkers#parts}),
 * so a worker that starts late (its core busy with the JIT) costs the caller nothing but the chunks it did not take. No
 * parallel stream: under the kernel's compiler directives the JDK's stream and spliterator code stays on C1, while
 * this bookkeeping is engine code that C2 compiles (the difference per op was below the noise of a loaded machine;
 * README, softmax + cross entropy, eighth session).
 *
 * <pre>
 * jshell&gt; RowSplit.run(512, 1000, (from, to) -&gt; { ... })   // 16 chunks of 32 rows
 * </pre>
 */
public final class RowSplit {
    private RowSplit() {}

    /** Elements per chunk: measured on the 2-core machine (the same size as TensorIterator's chunks). */
    static final int CHUNK = 1 << 15;
    /** Below this many elements in all, the rows stay on the calling thread. */
    static final int PARALLEL_MIN = 2 * CHUNK;
    /** Tests switch it off to check that the results do not depend on threading. */
    private static volatile boolean parallel = true;

    /** The body of a row-wise kernel: rows {@code [from, to)}. */
    @FunctionalInterface
    public interface Rows {
        void run(int from, int to);
    }

    /** Rows {@code [0, rows)} of {@code rowSize} elements each, through {@code body}. */
    public static void run(int rows, long rowSize, Rows body) {
        if (rows <= 0) return;
        long total = rows * rowSize;
        int per = (int) Math.max(1, CHUNK / Math.max(1, rowSize));
        int chunks = (rows + per - 1) / per;
        if (!parallel || total < PARALLEL_MIN || HotWorkers.COUNT < 1 || chunks < 2) {
            body.run(0, rows);
            return;
        }
        // a failed chunk is thrown once the chunks taken before it have ended (those after it are skipped)
        HotWorkers.parts(chunks, HotWorkers.COUNT, c -> body.run(c * per, Math.min(rows, (c + 1) * per)));
    }

    /** Whether large row-wise kernels split over the pool (tests compare both ways). */
    public static boolean parallel() {
        return parallel;
    }

    public static void setParallel(boolean on) {
        parallel = on;
    }
}
