// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math; // TorchBlas's package-private pieces

import java.lang.management.ManagementFactory;
import java.util.Random;

/**
 * The float32 split's large products in a fresh JVM, as the installed kernel's matmul cells run them: a handful of
 * n x n products, each into a fresh C, one after the other right after the binding thread's warm-up, each timed
 * (wall, and the Java threads' CPU: caller + pool helper). Shows whether the first products pay for the split's
 * pool-side Java code (SgemmSharedB.run) running cold.
 * {@code javac -d /tmp/out -cp 'kernel/target/lib/*' bench/SplitColdLarge.java; OPENBLAS_CORETYPE=Haswell java
 * --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -cp 'kernel/target/lib/*:/tmp/out'
 * io.gradbook.autograd.math.SplitColdLarge [n] [products]} (JDK 22+; -XX:+PrintCompilation shows when run compiles).
 */
public final class SplitColdLarge {
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1024, count = args.length > 1 ? Integer.parseInt(args[1]) : 25;
        if (!FfmGemm.available()) throw new IllegalStateException(FfmGemm.problem());
        Thread.sleep(Long.getLong("settle", 3000)); // the binding thread's SplitWarmUp
        var mx = ManagementFactory.getThreadMXBean();
        prewarm(Integer.getInteger("prewarm", 0));
        Random r = new Random(0);
        float[] a = new float[n * n], b = new float[n * n];
        for (int i = 0; i < a.length; i++) { a[i] = (float) r.nextGaussian(); b[i] = (float) r.nextGaussian(); }
        StringBuilder out = new StringBuilder();
        double cpuSum = 0, wallBest = 1e9;
        for (int p = 0; p < count; p++) {
            long c0 = cpu(mx), t0 = System.nanoTime();
            float[] c = new float[n * n];
            TorchBlas.sgemm(false, false, n, n, n, a, 0, n, b, 0, n, 0f, c, 0, n);
            double wall = (System.nanoTime() - t0) / 1e6, cpu = (cpu(mx) - c0) / 1e6;
            out.append(String.format("%d: wall %.2f cpu %.2f%n", p, wall, cpu));
            if (p >= count / 2) { cpuSum += cpu; wallBest = Math.min(wallBest, wall); }
        }
        System.out.print(out);
        System.out.printf("n %d, load %s: second half CPU mean %.2f ms, wall best %.2f%n", n, load(), cpuSum / (count - count / 2), wallBest);
    }

    /** Small products through SgemmSharedB's parts, one after the other on this thread (-Dprewarm=N). */
    static void prewarm(int products) {
        int m = 64, n = 48, k = 700;
        float[] a = new float[m * k], b = new float[k * n], c = new float[m * n];
        SgemmThreads.Split split = SgemmThreads.split(m, n, k, 2);
        for (int p = 0; p < products; p++) {
            for (int[] rangeN : split.rangesN()) {
                try (SgemmSharedB.Job job = SgemmSharedB.job(false, k, b, 0, k, rangeN, split.threadsM())) {
                    for (int t = 0; t < split.threads(); t++) SgemmSharedB.run(job, false, k, a, 0, m, 0f, c, 0, m, split.rangeM(), t);
                }
            }
        }
    }

    static long cpu(java.lang.management.ThreadMXBean mx) {
        long sum = 0;
        for (long id : mx.getAllThreadIds()) {
            var info = mx.getThreadInfo(id);
            if (info == null || info.getThreadName().startsWith("gradbook-ffm")) continue;
            sum += Math.max(0, mx.getThreadCpuTime(id));
        }
        return sum;
    }

    static String load() {
        try { return new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/loadavg"))).trim().split(" ")[0]; }
        catch (java.io.IOException e) { return "?"; }
    }
}
