// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a row-wise kernel over rows {@code [0, rows)} in chunks on the calling thread and the common fork-join pool,
 * as PyTorch's {@code parallel_for} over the outer size. A chunk holds a whole number of rows, sized only by the row
 * length (never by the number of threads), and every row is computed by itself, so the bits are the same on any
 * machine and with the pool off.
 *
 * <p>The caller and one helper task per pool thread claim chunks from one counter until none is left, so a pool
 * thread that starts late (its core busy with the JIT) costs the caller nothing but the chunks it did not take. No
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
        int helpers = Math.min(ForkJoinPool.getCommonPoolParallelism(), chunks - 1);
        if (!parallel || total < PARALLEL_MIN || helpers < 1) {
            body.run(0, rows);
            return;
        }
        Claims claims = new Claims(rows, per, chunks, body);
        ForkJoinTask<?>[] tasks = new ForkJoinTask<?>[helpers];
        for (int h = 0; h < helpers; h++) tasks[h] = ForkJoinPool.commonPool().submit(claims::drain);
        Throwable failed = null;
        try {
            claims.drain();
        } catch (Throwable t) {
            failed = t;
        }
        // a helper still inside a chunk must finish before the caller reads the output; one that has not started
        // finds no chunk left (or, if join runs it here, returns at once)
        for (ForkJoinTask<?> t : tasks) {
            try {
                t.join();
            } catch (Throwable t2) {
                if (failed == null) failed = t2;
            }
        }
        if (failed instanceof RuntimeException) throw (RuntimeException) failed;
        if (failed instanceof Error) throw (Error) failed;
        if (failed != null) throw new IllegalStateException(failed);
    }

    /** The chunks of one call, claimed one at a time by whichever thread asks next. */
    private static final class Claims {
        final int rows, per, chunks;
        final Rows body;
        final AtomicInteger next = new AtomicInteger();

        Claims(int rows, int per, int chunks, Rows body) {
            this.rows = rows;
            this.per = per;
            this.chunks = chunks;
            this.body = body;
        }

        void drain() {
            for (int c; (c = next.getAndIncrement()) < chunks; ) body.run(c * per, Math.min(rows, (c + 1) * per));
        }
    }

    /** Whether large row-wise kernels split over the pool (tests compare both ways). */
    public static boolean parallel() {
        return parallel;
    }

    public static void setParallel(boolean on) {
        parallel = on;
    }
}
