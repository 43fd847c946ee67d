// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

/**
 * Watches a path's large products for a crawl: {@value #IN_A_ROW} in a row below {@link #macsPerNs} multiply-adds a
 * nanosecond trip it, once, and it stays tripped. {@link WideSgemm} keeps one: the Vector API kernel runs at 150+
 * GFLOP/s a core compiled by C2, but a method C2 has not compiled (after a deoptimization, or a compile that bailed out:
 * the nineteenth session saw the tile boxed at 1 GFLOP/s after an unrelated flag change) runs an object per vector,
 * 100x slower, where OpenBLAS's kernel would give the same bits at its own speed. Three in a row, so that a
 * product stretched by a GC pause or a busy machine does not trip it; the threshold far below any speed measured on
 * a loaded machine (the native path's worst seen in the kernel: ~70 GFLOP/s).
 */
final class CrawlGuard {
    /** Products in a row below the threshold that trip the guard. */
    static final int IN_A_ROW = 3;

    private final long watchedFrom;
    private final double macsPerNs;
    private int slow;
    private volatile String tripped;

    /** Watches products of {@code watchedFrom} multiply-adds and more; a crawl is fewer than {@code macsPerNs} a ns. */
    CrawlGuard(long watchedFrom, double macsPerNs) {
        this.watchedFrom = watchedFrom;
        this.macsPerNs = macsPerNs;
    }

    /** One product's multiply-adds and wall time; true once the guard has tripped (now or before). */
    synchronized boolean observe(long macs, long nanos) {
        if (tripped != null) return true;
        if (macs < watchedFrom) return false;
        if (macs >= macsPerNs * nanos) {
            slow = 0;
            return false;
        }
        if (++slow < IN_A_ROW) return false;
        tripped = String.format("%d products in a row under %.0f GFLOP/s (the last %.1f)", IN_A_ROW, 2 * macsPerNs,
                2.0 * macs / nanos);
        return true;
    }

    /** Why it tripped, or null. */
    String tripped() {
        return tripped;
    }
}
