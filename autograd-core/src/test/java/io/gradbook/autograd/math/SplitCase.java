// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * One float32 product's operands for the split's path-against-path tests (GemmTorchSplitTest, GemmJavaKernelTest,
 * GemmSharedBTest): a shape, the transposes from the round's low bits, padded leading dimensions and an offset, and
 * beta 0 (over a NaN: beta 0 overwrites), 1 and -0.5 in turn. C's start values are {@code c0}; each path gets a clone.
 */
record SplitCase(int m, int n, int k, boolean ta, boolean tb, int off, int lda, int ldb, int ldc, float beta,
                 float[] a, float[] b, float[] c0) {

    /** How the shapes after the fixed ones are drawn. */
    record Shapes(int[][] fixed, boolean plainFixed, int small, int maxM, int maxN, int maxK, int deepK, int minK) {}

    /**
     * Round {@code round}: {@code fixed[round]} while there is one (without padding or offset if plainFixed), then
     * m up to maxM and n up to maxN, one of them at most {@code small} in one round in five each, k from minK up to
     * maxK, or deepK in one round in four.
     */
    static SplitCase draw(SplittableRandom r, int round, Shapes s) {
        int m, n, k;
        boolean fixed = round < s.fixed().length;
        if (fixed) {
            m = s.fixed()[round][0];
            n = s.fixed()[round][1];
            k = s.fixed()[round][2];
        } else {
            m = 1 + r.nextInt(round % 5 == 0 ? s.small() : s.maxM());
            n = 1 + r.nextInt(round % 5 == 1 ? s.small() : s.maxN());
            k = s.minK() + r.nextInt(round % 4 == 0 ? s.deepK() : s.maxK());
        }
        boolean ta = (round & 1) != 0, tb = (round & 2) != 0;
        boolean plain = fixed && s.plainFixed();
        int pad = plain ? 0 : r.nextInt(3), off = plain ? 0 : r.nextInt(5);
        float beta = new float[] {0f, 1f, -0.5f}[round % 3];
        int depth = Math.max(k, 1); // k 0 still needs a leading dimension of at least 1
        int lda = (ta ? depth : m) + pad, ldb = (tb ? n : depth) + pad, ldc = m + pad;
        float[] a = rand(r, off + lda * (ta ? m : depth)), b = rand(r, off + ldb * (tb ? depth : n));
        float[] c0 = rand(r, off + ldc * n);
        if (beta == 0f) c0[off] = Float.NaN;
        return new SplitCase(m, n, k, ta, tb, off, lda, ldb, ldc, beta, a, b, c0);
    }

    static float[] rand(SplittableRandom r, int size) {
        float[] v = new float[size];
        for (int i = 0; i < size; i++) v[i] = (float) (r.nextDouble() * 2 - 1);
        return v;
    }

    @Override
    public String toString() {
        return m + "x" + n + "x" + k + " ta=" + ta + " tb=" + tb + " beta=" + beta + " off=" + off;
    }

    /**
     * This case's product through SgemmSharedB on these pieces and {@code split}: C from {@link #c0()}, the threads'
     * parts in order ({@code order} 0), reversed (1), or at once on two threads (2).
     */
    float[] sharedB(Supplier<SgemmPieces> pieces, SgemmThreads.Split split, int order) throws Exception {
        float[] shared = c0().clone();
        for (int[] rangeN : split.rangesN()) {
            try (SgemmSharedB.Job job = SgemmSharedB.job(pieces, tb(), k(), b(), off(), ldb(), rangeN, split.threadsM())) {
                if (order == 2) {
                    CompletableFuture<?> other = CompletableFuture.runAsync(() -> SgemmSharedB.run(job, ta(), k(), a(), off(),
                            lda(), beta(), shared, off(), ldc(), split.rangeM(), 1));
                    SgemmSharedB.run(job, ta(), k(), a(), off(), lda(), beta(), shared, off(), ldc(), split.rangeM(), 0);
                    other.get();
                } else {
                    for (int i = 0; i < split.threads(); i++) {
                        int t = order == 0 ? i : split.threads() - 1 - i;
                        SgemmSharedB.run(job, ta(), k(), a(), off(), lda(), beta(), shared, off(), ldc(), split.rangeM(), t);
                    }
                }
            }
        }
        return shared;
    }
}
