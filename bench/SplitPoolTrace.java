// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math; // SgemmSharedB, GemmBlocks are package-private

import java.util.*;

/**
 * When each thread of a split product on the pool runs (SgemmSharedB's parts through GemmBlocks.parts, C fresh):
 * for MxNxK products one after the other, the pool helper's start and end and the caller's end of part 0, from the
 * call, for the products (after 500) where the helper ran a part, at 12 points of their sorted wall times. Shows
 * whether two cores overlap (at 256: the helper started 18-30 us after the call, the product took 0.18-0.24 ms) or
 * take turns (under load, when the other core is busy).
 * {@code javac -d /tmp/out -cp 'kernel/target/lib/*' bench/SplitPoolTrace.java; OPENBLAS_CORETYPE=Haswell java
 * --enable-native-access=ALL-UNNAMED -cp 'kernel/target/lib/*:/tmp/out' io.gradbook.autograd.math.SplitPoolTrace M N K}
 */
public final class SplitPoolTrace {
    public static void main(String[] args) throws Exception {
        int m = Integer.parseInt(args[0]), n = Integer.parseInt(args[1]), k = Integer.parseInt(args[2]);
        FfmGemm.available(); Thread.sleep(3000);
        Random r = new Random(0);
        float[] a = new float[m * k], b = new float[k * n];
        for (int i = 0; i < a.length; i++) a[i] = (float) r.nextGaussian();
        for (int i = 0; i < b.length; i++) b[i] = (float) r.nextGaussian();
        int N = 3000;
        long[][] ev = new long[N][5];
        for (int p = 0; p < N; p++) {
            float[] c = new float[m * n];
            long t0 = System.nanoTime();
            long[] e = ev[p];
            SgemmThreads.Split split = SgemmThreads.split(m, n, k, 2);
            Thread caller = Thread.currentThread();
            for (int[] rangeN : split.rangesN()) {
                try (SgemmSharedB.Job job = SgemmSharedB.job(false, k, b, 0, k, rangeN, split.threadsM())) {
                    GemmBlocks.parts(split.threads(), t -> {
                        long s = System.nanoTime();
                        SgemmSharedB.run(job, false, k, a, 0, m, 1f, c, 0, m, split.rangeM(), t);
                        if (Thread.currentThread() != caller) { e[0] = s - t0; e[1] = System.nanoTime() - t0; e[4] = 1; }
                        else if (t == 0) e[2] = System.nanoTime() - t0;
                    });
                }
            }
            e[3] = System.nanoTime() - t0;
        }
        // products where the helper ran: start delay, helper end, caller part-0 end, total
        List<long[]> helped = new ArrayList<>();
        for (int p = 500; p < N; p++) if (ev[p][4] == 1) helped.add(ev[p]);
        helped.sort(Comparator.comparingLong(x -> x[3]));
        System.out.println("helped " + helped.size() + " of " + (N - 500));
        for (int i = 0; i < helped.size(); i += Math.max(1, helped.size() / 12)) {
            long[] e = helped.get(i);
            System.out.printf("total %.3f | helper start %.3f end %.3f | caller part0 end %.3f%n", e[3] / 1e6, e[0] / 1e6, e[1] / 1e6, e[2] / 1e6);
        }
    }
}
