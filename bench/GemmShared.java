// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math; // SharedPackSgemm, GemmBlocks and FfmGemm are package-private

import java.util.Arrays;
import java.util.Random;

/**
 * Square float32 products five ways, interleaved round by round so that the shared machine's load falls on all
 * alike: the {@link GemmBlocks} blocks (one {@code cblas_sgemm} each, caller + one pool helper; what shipped before
 * {@link SharedPackSgemm}), {@link SharedPackSgemm} on 2 threads (what ships), SharedPackSgemm on 1 thread, one
 * {@code cblas_sgemm} call on 1 thread (the library's own efficiency on one core), and the blocks' calls one after another
 * on 1 thread (what the shared packing saves, without the second thread's noise). Per product: wall ms median and
 * best, GFLOP/s of the median, and process CPU ms per product (the sum of its threads' schedstat) with GFLOP per CPU-second (the number that load does
 * not inflate much: the cores' efficiency). Each way checks its bits against the blocks'
 * (for 256, which ships as one call, against the one call).
 * {@code javac --release 25 -d bench/out -cp "autograd-core/target/classes:$(cat cp.txt)" bench/GemmShared.java;
 * OPENBLAS_CORETYPE=Haswell java --enable-native-access=ALL-UNNAMED -cp "bench/out:autograd-core/target/classes:$(cat cp.txt)"
 * io.gradbook.autograd.math.GemmShared [rounds] [sizes...]} (JDK 22+; cp.txt from {@code mvn dependency:build-classpath}).
 */
public final class GemmShared {
    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int[] sizes = args.length > 1 ? Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray() : new int[] {256, 512, 1024, 2048};
        if (!FfmGemm.available()) throw new IllegalStateException("no FFM path: " + FfmGemm.problem());
        if (!HaswellSgemm.ready()) throw new IllegalStateException("no Haswell kernels: " + HaswellSgemm.problem());
        String[] ways = {"blocks (before)", "shared pack, 2 thr", "shared pack, 1 thr", "one call, 1 thr", "blocks, 1 thr"};
        Random r = new Random(0);
        int S = sizes.length, W = ways.length;
        double[][][] wall = new double[S][W][rounds];
        double[][] cpu = new double[S][W];
        float[][] a = new float[S][], b = new float[S][];
        float[][][] c = new float[S][W][];
        for (int s = 0; s < S; s++) {
            int n = sizes[s];
            a[s] = rand(r, n * n);
            b[s] = rand(r, n * n);
            for (int w = 0; w < W; w++) c[s][w] = new float[n * n];
        }
        System.out.printf("load before: %s%n", load());
        for (int round = -3; round < rounds; round++) {
            for (int s = 0; s < S; s++) {
                int n = sizes[s], reps = n <= 256 ? 20 : n <= 512 ? 5 : 1;
                int blocks = GemmBlocks.blocks(n, n, n);
                for (int w0 = 0; w0 < W; w0++) {
                    int w = (w0 + round + 3) % W; // rotate the order too
                    float[] cc = c[s][w], aa = a[s], bb = b[s];
                    long p0 = processCpuNanos(), t0 = System.nanoTime();
                    for (int rep = 0; rep < reps; rep++) {
                        switch (w) {
                            case 0 -> GemmBlocks.run(n, n, blocks, false, (r0, r1, c0, c1) -> FfmGemm.sgemmCall(false, false, r1 - r0, c1 - c0, n, 1f,
                                    aa, r0 * n, n, bb, c0, n, 0f, cc, r0 * n + c0, n));
                            case 1 -> SharedPackSgemm.sgemm(blocks, false, 2, false, false, n, n, n, 1f, aa, 0, n, bb, 0, n, 0f, cc, 0, n);
                            case 2 -> SharedPackSgemm.sgemm(blocks, false, 1, false, false, n, n, n, 1f, aa, 0, n, bb, 0, n, 0f, cc, 0, n);
                            case 3 -> FfmGemm.sgemmCall(false, false, n, n, n, 1f, aa, 0, n, bb, 0, n, 0f, cc, 0, n);
                            default -> {
                                for (int bl = 0; bl < blocks; bl++) {
                                    int c0 = GemmBlocks.edge(n, blocks, bl), c1 = GemmBlocks.edge(n, blocks, bl + 1);
                                    FfmGemm.sgemmCall(false, false, n, c1 - c0, n, 1f, aa, 0, n, bb, c0, n, 0f, cc, c0, n);
                                }
                            }
                        }
                    }
                    long t1 = System.nanoTime(), p1 = processCpuNanos();
                    if (round >= 0) {
                        wall[s][w][round] = (t1 - t0) / 1e6 / reps;
                        cpu[s][w] += (p1 - p0) / 1e6 / reps;
                    }
                }
                if (round == -3)
                    for (int w = 1; w < W; w++) {
                        float[] want = blocks == 1 || w != 3 ? c[s][0] : null;
                        if (want != null && !Arrays.equals(want, c[s][w]))
                            System.out.printf("n=%d: %s differs from the blocks%n", n, ways[w]);
                    }
            }
        }
        System.out.printf("load after: %s; %d rounds%n", load(), rounds);
        System.out.printf("%-6s %-20s %10s %9s %9s %10s %12s%n", "n", "way", "median ms", "best ms", "GFLOP/s", "CPU ms", "GFLOP/CPU-s");
        for (int s = 0; s < S; s++) {
            double flop = 2.0 * sizes[s] * sizes[s] * sizes[s];
            for (int w = 0; w < W; w++) {
                double[] v = wall[s][w].clone();
                Arrays.sort(v);
                double med = v[v.length / 2], cpuMs = cpu[s][w] / rounds;
                System.out.printf("%-6d %-20s %10.3f %9.3f %9.1f %10.2f %12.1f%n", sizes[s], ways[w], med, v[0], flop / med / 1e6, cpuMs, flop / cpuMs / 1e6);
            }
        }
    }

    /** The process's CPU time in ns: the sum of /proc/self/task/N/schedstat (getProcessCpuTime ticks in 10 ms here). */
    static long processCpuNanos() {
        long sum = 0;
        try (var tasks = java.nio.file.Files.newDirectoryStream(java.nio.file.Path.of("/proc/self/task"))) {
            for (var t : tasks) {
                try {
                    String st = java.nio.file.Files.readString(t.resolve("schedstat"));
                    sum += Long.parseLong(st.substring(0, st.indexOf(' ')));
                } catch (java.io.IOException | RuntimeException gone) {
                    // a thread that ended between the listing and the read
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return sum;
    }

    static String load() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    static float[] rand(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = r.nextFloat() * 2 - 1;
        return v;
    }
}
