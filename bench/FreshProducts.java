// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math; // TorchBlas's package-private pieces

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Random;

/**
 * Float32 products into fresh arrays, as a matmul cell makes them ({@code new float[]}, then the split), two ways
 * interleaved product by product in one JVM so that the shared machine's load falls on both alike: "beta 0" is
 * {@link TorchBlas#sgemm} with beta 0 (the split zeroes C again), "into zeros" is {@link TorchBlas#sgemmIntoZeros}.
 * Per way: the Java threads' CPU per product (caller + pool helper; the allocation included), wall best and median.
 * Checks that both ways give the same bits.
 * {@code javac -d /tmp/out -cp 'kernel/target/lib/*' bench/FreshProducts.java; OPENBLAS_CORETYPE=Haswell java
 * --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -XX:+UseTransparentHugePages -cp 'kernel/target/lib/*:/tmp/out'
 * io.gradbook.autograd.math.FreshProducts [products per way] [n ...]} (JDK 22+).
 */
public final class FreshProducts {
    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int[] sizes = args.length > 1 ? Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray() : new int[] {256, 512, 1024, 2048};
        if (!FfmGemm.available()) throw new IllegalStateException(FfmGemm.problem());
        Thread.sleep(3000); // the binding thread's SplitWarmUp
        var mx = ManagementFactory.getThreadMXBean();
        Random r = new Random(0);
        String[] ways = {"beta 0", "into zeros"};
        for (int n : sizes) {
            float[] a = new float[n * n], b = new float[n * n];
            for (int i = 0; i < a.length; i++) { a[i] = (float) r.nextGaussian(); b[i] = (float) r.nextGaussian(); }
            int reps = Math.max(1, (int) ((1L << 30) / ((long) n * n * n)));
            int rounds = Math.max(4, count * 1024 / Math.max(n, 1024) / reps);
            double[][] wall = new double[2][rounds], cpu = new double[2][rounds];
            float[][] last = new float[2][];
            for (int round = -3; round < rounds; round++) {
                for (int w0 = 0; w0 < 2; w0++) {
                    int w = (w0 + round) & 1;
                    long c0 = cpu(mx), t0 = System.nanoTime();
                    for (int rep = 0; rep < reps; rep++) {
                        float[] c = new float[n * n];
                        if (w == 0) TorchBlas.sgemm(false, false, n, n, n, a, 0, n, b, 0, n, 0f, c, 0, n);
                        else TorchBlas.sgemmIntoZeros(false, false, n, n, n, a, 0, n, b, 0, n, c, 0, n);
                        last[w] = c;
                    }
                    if (round >= 0) {
                        wall[w][round] = (System.nanoTime() - t0) / 1e6 / reps;
                        cpu[w][round] = (cpu(mx) - c0) / 1e6 / reps;
                    }
                }
                if (!Arrays.equals(last[0], last[1])) throw new AssertionError(n + ": the ways differ");
            }
            System.out.printf("n %d, %d interleaved rounds x %d, load %s: per product CPU median (min) / wall best, median ms%n", n, rounds, reps, load());
            for (int w = 0; w < 2; w++)
                System.out.printf("  %-11s cpu %8.3f (%8.3f)   wall %8.3f %8.3f%n", ways[w], median(cpu[w]), min(cpu[w]), min(wall[w]), median(wall[w]));
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

    static double median(double[] v) { double[] s = v.clone(); Arrays.sort(s); return s[s.length / 2]; }
    static double min(double[] v) { return Arrays.stream(v).min().orElse(0); }
    static String load() {
        try { return new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/loadavg"))).trim().split(" ")[0]; }
        catch (java.io.IOException e) { return "?"; }
    }
}
