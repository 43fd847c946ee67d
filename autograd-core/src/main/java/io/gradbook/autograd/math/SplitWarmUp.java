// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

/**
 * The JIT warm-up of TorchBlas's float32 split on OpenBLAS's kernels ({@link SgemmInnerThread}, {@link SgemmSharedB}
 * and the FFM downcalls of {@link HaswellSgemm}), run by FfmGemm's binding thread once the kernels are bound: small
 * split products on its own arrays, so that the split's Java side is compiled by the time a training loop's second run
 * needs it. Without it a fresh kernel's MLP cell (784-256-10, 5 split products a step) ran that side interpreted and
 * in C1 for its first runs and did not reach C2's code within 80 steps (the products' CPU per 20 steps 37-42 ms
 * against 27-30 after this warm-up, in process; bench/RESULTS.md). It runs on the binding thread beside the first
 * product cell, which uses the split's single-threaded calls until the kernels are bound anyway.
 *
 * <p>Invisible: no random stream, no shared state but PackScratch's pool (one more pair of small buffers in it), the
 * same kernel calls as any product. {@code -Dgradbook.blas.splitWarmUp=N} runs N products (0: none).
 */
final class SplitWarmUp {
    private SplitWarmUp() {}

    /**
     * Products run (2,000: ~50-100 ms of the binding thread's CPU; 500 left the MLP's small products cold), and half as
     * many again through the pool's loop (SgemmSharedB).
     */
    static final int PRODUCTS = Integer.getInteger("gradbook.blas.splitWarmUp", 2000);

    /**
     * Column-major m, n, k of the warm-up's products, chosen to take every branch of the split's loops the MLP's
     * shapes take (C2 compiles a branch never taken as a trap, and a trap sends the code back to the interpreter):
     * rows split between the threads and columns split between them (m < 4), k in one block, in halves and in
     * GEMM_Q blocks, several blocks of rows (m over 2 GEMM_P a thread), the 12, 4 and fewer column steps.
     */
    private static final int[][] SHAPES = {{16, 100, 700}, {10, 24, 40}, {24, 8, 400}, {2, 24, 40}, {1300, 2, 3}};

    /** The products; never throws (a failure only leaves the code cold). */
    static void run() {
        if (PRODUCTS <= 0 || !TorchBlas.SPLIT32 || !TorchBlas.KERNELS || TorchBlas.THREADS < 2 || !HaswellSgemm.ready()) return;
        try {
            float[] a = values(16 * 700), b = values(100 * 700), c = new float[1300 * 2];
            for (int i = 0; i < PRODUCTS; i++) {
                int[] s = SHAPES[i % SHAPES.length];
                int m = s[0], n = s[1], k = s[2];
                boolean ta = (i / SHAPES.length & 1) != 0, tb = (i / SHAPES.length & 2) != 0;
                float beta = (i & 7) == 7 ? 1f : 0f;
                TorchBlas.sgemmKernels(ta, tb, m, n, k, a, 0, ta ? k : m, b, 0, tb ? n : k, beta, c, 0, m);
            }
            // the parts on the pool (SgemmSharedB: the products from
            // TorchBlas.SHARED_POOL_FROM), both threads' parts one after the other here: the same loops, whoever runs them
            for (int i = 0; i < PRODUCTS / 2; i++) {
                int[] s = SHAPES[i % SHAPES.length];
                int m = s[0], n = s[1], k = s[2];
                boolean ta = (i / SHAPES.length & 1) != 0, tb = (i / SHAPES.length & 2) != 0;
                float beta = (i & 1) != 0 ? 1f : 0f;
                SgemmThreads.Split split = SgemmThreads.split(m, n, k, TorchBlas.THREADS);
                if (split == null) continue;
                for (int[] rangeN : split.rangesN()) {
                    try (SgemmSharedB.Job job = SgemmSharedB.job(tb, k, b, 0, tb ? n : k, rangeN, split.threadsM())) {
                        for (int t = 0; t < split.threads(); t++)
                            SgemmSharedB.run(job, ta, k, a, 0, ta ? k : m, beta, c, 0, m, split.rangeM(), t);
                    }
                }
            }
            // the packing routines' downcalls run a few times a k block, too seldom for C2 within the products: in C1
            // each call goes through the handle's lambda forms one by one
            PackScratch s = PackScratch.take();
            try {
                long to = s.b.address(64);
                for (int i = 0; i < 3 * PRODUCTS; i++) {
                    boolean t = (i & 1) != 0;
                    HaswellSgemm.copyA(t, 2, 2, a, 0, 2, to);
                    HaswellSgemm.copyB(t, 2, 2, b, 0, 2, to);
                }
            } finally {
                s.giveBack();
            }
        } catch (Throwable e) {
            // the products run as before, only without this warm-up
        }
    }

    /** Small values whose products stay finite (the warm-up's results are thrown away). */
    private static float[] values(int size) {
        float[] v = new float[size];
        for (int i = 0; i < size; i++) v[i] = (i % 17 - 8) / 64f;
        return v;
    }
}
