// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

import java.util.function.Supplier;

/**
 * One round of a Java gemm kernel's JIT warm-up ({@link SgemmInnerThread32}'s port, {@link WideSgemm}'s wide kernel):
 * small split products through the kernel's pieces on the calling thread alone (no pool: the warm-ups' rule), every
 * transpose, beta 0 and 1, each also through the shared-B path's code ({@link SgemmSharedB#partsOnCaller}) every other
 * round. The shapes from {@code firstMlp} on are the MLP's (few rows a thread, k under 16) and run every other round:
 * without them C2 compiled the port with those branches never taken, and the first MLP step after the warm-up
 * deoptimized its kernel, step and step12 (unstable_if, -XX:+LogCompilation; bench/PortCold17) and ran them
 * interpreted and in C1 until C2 compiled them again; their branches need to be in the profile, not hot.
 */
final class SgemmWarmUpRound {
    private SgemmWarmUpRound() {}

    /** Round {@code round} of products of the column-major shapes {m, n, k} through these pieces. */
    static void run(Supplier<SgemmPieces> pieces, int[][] shapes, int firstMlp, int round) {
        for (int s = 0; s < shapes.length; s++) {
            if (s >= firstMlp && round % 2 == 1) continue;
            int m = shapes[s][0], n = shapes[s][1], k = shapes[s][2];
            float[] a = new float[m * k], b = new float[k * n], c = new float[m * n];
            for (int i = 0; i < a.length; i++) a[i] = (i % 13) * 0.1f;
            for (int i = 0; i < b.length; i++) b[i] = (i % 7) * 0.1f;
            for (int t = 0; t < 4; t++) {
                boolean ta = (t & 1) != 0, tb = (t & 2) != 0;
                // beta 0 and 1: the products into fresh arrays (sgemmIntoZeros) run the parts with beta 1
                float beta = (round & 2) == 0 ? 0f : 1f;
                TorchBlas.sgemmOn(pieces, ta, tb, m, n, k, a, 0, ta ? k : m, b, 0, tb ? n : k, beta, c, 0, m);
                // the pool's path (SgemmSharedB, from TorchBlas.SHARED_POOL_FROM), its parts one after the other here
                if (round % 2 == 0) SgemmSharedB.partsOnCaller(pieces, ta, tb, m, n, k, a, b, beta, c);
            }
        }
    }
}
