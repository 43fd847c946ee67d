// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math; // TorchBlas.call32, FfmGemm are package-private

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Random;

/**
 * PyTorch's OpenBLAS split ({@link TorchBlas#sgemm}: SgemmThreads' calls, each OpenBLAS thread's calls one part on
 * the pool) against the session-7 path (one single-threaded call, {@link GemmBlocks}' blocks from 2^26 multiply-adds:
 * {@link FfmGemm#sgemm}), interleaved round by round so that the shared machine's load falls on both alike: the
 * MLP's products (forward and both gradients of [128, 784] x [784, 256], and [128, 256] x [256, 10]), squares 256,
 * 512, 1024, 2048 in PyTorch's column-major terms. Prints, per product, wall ms best / median and the CPU ms per
 * product of the Java threads (mean over the rounds; the JIT's threads left out).
 * {@code javac -d bench/out -cp 'kernel/target/lib/*' bench/TorchSplit.java;
 * java --enable-native-access=ALL-UNNAMED -cp 'kernel/target/lib/*:bench/out' io.gradbook.autograd.math.TorchSplit [rounds]}
 * (JDK 22+, so that both run in place through FFM).
 */
public final class TorchSplit {
    /** Column-major m x n = op(A) m x k times op(B) k x n, as AddmmCall hands it to TorchBlas. */
    record Shape(String name, boolean ta, boolean tb, int m, int n, int k) {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        if (!FfmGemm.available()) throw new IllegalStateException("no FFM path: " + FfmGemm.problem());
        Shape[] shapes = {
            new Shape("MLP fwd 128x784 @ 784x256", true, false, 256, 128, 784),
            new Shape("MLP grad x 128x256 @ 256x784", false, false, 784, 128, 256),
            new Shape("MLP grad w 256x128 @ 128x784", false, true, 784, 256, 128),
            new Shape("MLP fwd 128x256 @ 256x10", true, false, 10, 128, 256),
            new Shape("square 256", false, false, 256, 256, 256),
            new Shape("square 512", false, false, 512, 512, 512),
            new Shape("square 1024", false, false, 1024, 1024, 1024),
            new Shape("square 2048", false, false, 2048, 2048, 2048),
        };
        String[] ways = {"session 7", "PyTorch split", "split on 1 thread"};
        var mx = ManagementFactory.getThreadMXBean();
        Random r = new Random(0);
        double[][][] wall = new double[shapes.length][ways.length][rounds];
        double[][] cpu = new double[shapes.length][ways.length];
        float[][] a = new float[shapes.length][], b = new float[shapes.length][];
        float[][][] c = new float[shapes.length][ways.length][];
        for (int s = 0; s < shapes.length; s++) {
            Shape sh = shapes[s];
            a[s] = rand(r, sh.m * sh.k);
            b[s] = rand(r, sh.k * sh.n);
            for (int w = 0; w < ways.length; w++) c[s][w] = new float[sh.m * sh.n];
        }
        String load0 = load();
        for (int round = -5; round < rounds; round++) {
            for (int s = 0; s < shapes.length; s++) {
                Shape sh = shapes[s];
                int lda = sh.ta ? sh.k : sh.m, ldb = sh.tb ? sh.n : sh.k;
                long work = (long) sh.m * sh.n * sh.k;
                int reps = work < 1 << 26 ? 20 : work < 1L << 31 ? 3 : 1;
                for (int w0 = 0; w0 < ways.length; w0++) {
                    int w = Math.floorMod(w0 + round, ways.length); // rotate which goes first
                    float[] cc = c[s][w];
                    long t0 = System.nanoTime(), p0 = cpu(mx);
                    for (int rep = 0; rep < reps; rep++) {
                        if (w == 0) FfmGemm.sgemm(sh.tb, sh.ta, sh.n, sh.m, sh.k, 1f, b[s], 0, ldb, a[s], 0, lda, 0f, cc, 0, sh.m);
                        else if (w == 1) TorchBlas.sgemm(sh.ta, sh.tb, sh.m, sh.n, sh.k, a[s], 0, lda, b[s], 0, ldb, 0f, cc, 0, sh.m);
                        else sequential(sh, a[s], lda, b[s], ldb, cc);
                    }
                    if (round >= 0) {
                        wall[s][w][round] = (System.nanoTime() - t0) / 1e6 / reps;
                        cpu[s][w] += (cpu(mx) - p0) / (double) reps;
                    }
                }
            }
        }
        System.out.printf("ms per product: wall best / median | CPU ms per product of the Java threads (mean); %d interleaved rounds, load %s -> %s%n",
                rounds, load0, load());
        for (int s = 0; s < shapes.length; s++) {
            Shape sh = shapes[s];
            System.out.printf("  %-30s", sh.name);
            for (int w = 0; w < ways.length; w++) {
                System.out.printf(" | %s: %7.3f / %7.3f cpu %7.3f", ways[w], min(wall[s][w]), median(wall[s][w]), cpu[s][w] / rounds / 1e6);
            }
            System.out.println();
        }
    }

    /** The split's threads one after the other on the caller: its cost without the pool's hand-offs. */
    static void sequential(Shape sh, float[] a, int lda, float[] b, int ldb, float[] c) {
        SgemmThreads.Split split = SgemmThreads.split(sh.m, sh.n, sh.k, 2);
        if (split == null) {
            TorchBlas.call32(sh.ta, sh.tb, sh.m, sh.n, sh.k, a, 0, lda, b, 0, ldb, 0f, c, 0, sh.m);
            return;
        }
        for (int[] rangeN : split.rangesN())
            for (int t = 0; t < split.threads(); t++)
                SgemmInnerThread.run(sh.ta, sh.tb, sh.k, a, 0, lda, b, 0, ldb, 0f, c, 0, sh.m, split.rangeM(), rangeN, split.threadsM(), t);
    }

    /** CPU ns of the process's Java threads (the caller and the pool's helpers; not the JIT's threads), per thread clocks. */
    static long cpu(java.lang.management.ThreadMXBean mx) {
        long sum = 0;
        for (long id : mx.getAllThreadIds()) sum += Math.max(0, mx.getThreadCpuTime(id));
        return sum;
    }

    static double median(double[] v) { double[] s = v.clone(); Arrays.sort(s); return s[s.length / 2]; }
    static double min(double[] v) { return Arrays.stream(v).min().orElse(0); }
    static String load() {
        try { return new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/loadavg"))).trim().split(" ")[0]; }
        catch (java.io.IOException e) { return "?"; }
    }
    static float[] rand(Random r, int size) {
        float[] v = new float[size];
        for (int i = 0; i < size; i++) v[i] = (float) r.nextGaussian();
        return v;
    }
}
