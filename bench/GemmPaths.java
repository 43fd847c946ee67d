// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math; // NativeGemm and FfmGemm are package-private

import static org.bytedeco.openblas.global.openblas_nolapack.blas_set_num_threads;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Random;

/**
 * The square products, the CNN-sized one and the MLP's, three ways on Java arrays, interleaved round by round so
 * that the shared machine's load falls on all alike: copies into off-heap scratch ({@link NativeGemm}, the JDK 17
 * path), in place through FFM ({@link FfmGemm}, JDK 22+), both on the {@link GemmBlocks} blocks, and in place as one
 * call on 2 OpenBLAS threads. Prints, per product, wall ms best / median, GFLOP/s of the median wall time, and the
 * process CPU ms per product (mean over the rounds; OpenBLAS's worker spinning after its threaded call is left out
 * of every column); checks that copies and in place give the same bits.
 * {@code javac -d bench/out -cp 'kernel/target/lib/*' bench/GemmPaths.java;
 * java --enable-native-access=ALL-UNNAMED -cp 'kernel/target/lib/*:bench/out' io.gradbook.autograd.math.GemmPaths [rounds]}
 * (JDK 22+).
 */
public final class GemmPaths {
    record Shape(String name, int m, int n, int k) {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        if (!FfmGemm.available()) throw new IllegalStateException("no FFM path: " + FfmGemm.problem());
        Shape[] shapes = {
            new Shape("MLP [128,784]x[784,256]", 128, 256, 784),
            new Shape("square 256", 256, 256, 256),
            new Shape("square 512", 512, 512, 512),
            new Shape("square 1024", 1024, 1024, 1024),
            new Shape("square 2048", 2048, 2048, 2048),
            new Shape("CNN [25088,576]x[576,64]", 25088, 64, 576),
        };
        String[] ways = {"copies, blocks", "in place, blocks", "in place, 2 OpenBLAS thr"};
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Random r = new Random(0);
        double[][][] wall = new double[shapes.length][ways.length][rounds];
        double[][] cpu = new double[shapes.length][ways.length]; // process CPU ns, all rounds (the clock ticks in ms)
        float[][] a = new float[shapes.length][], b = new float[shapes.length][];
        float[][][] c = new float[shapes.length][ways.length][];
        for (int s = 0; s < shapes.length; s++) {
            Shape sh = shapes[s];
            a[s] = rand(r, sh.m * sh.k);
            b[s] = rand(r, sh.k * sh.n);
            for (int w = 0; w < ways.length; w++) c[s][w] = new float[sh.m * sh.n];
        }
        String load0 = load();
        for (int round = -3; round < rounds; round++) {
            for (int s = 0; s < shapes.length; s++) {
                Shape sh = shapes[s];
                int reps = sh.m * (long) sh.n * sh.k < 1 << 26 ? 10 : 1;
                for (int w = 0; w < ways.length; w++) {
                    long t0 = System.nanoTime(), p0 = os.getProcessCpuTime();
                    for (int rep = 0; rep < reps; rep++) {
                        float[] cc = c[s][w];
                        switch (w) {
                            case 0 -> NativeGemm.sgemm(false, false, sh.m, sh.n, sh.k, 1f, a[s], 0, sh.k, b[s], 0, sh.n, 0f, cc, 0, sh.n);
                            case 1 -> FfmGemm.sgemm(false, false, sh.m, sh.n, sh.k, 1f, a[s], 0, sh.k, b[s], 0, sh.n, 0f, cc, 0, sh.n);
                            default -> {
                                blas_set_num_threads(2);
                                FfmGemm.sgemmCall(false, false, sh.m, sh.n, sh.k, 1f, a[s], 0, sh.k, b[s], 0, sh.n, 0f, cc, 0, sh.n);
                                blas_set_num_threads(1);
                            }
                        }
                    }
                    if (round >= 0) {
                        wall[s][w][round] = (System.nanoTime() - t0) / 1e6 / reps;
                        cpu[s][w] += (os.getProcessCpuTime() - p0) / (double) reps;
                    }
                    // OpenBLAS's worker busy-waits ~0.1 s after a threaded call: let it stop before the next
                    // variant's CPU is measured (so that spin is in no column)
                    if (w == 2) sleep(250);
                }
                if (!Arrays.equals(c[s][0], c[s][1])) throw new AssertionError(sh.name + ": in place differs from copies");
            }
        }
        System.out.printf("ms per product: wall best / median (GFLOP/s of the median) | process CPU ms per product (mean); %d interleaved rounds, load %s -> %s%n",
                rounds, load0, load());
        for (int s = 0; s < shapes.length; s++) {
            Shape sh = shapes[s];
            System.out.printf("  %-26s", sh.name + " (" + GemmBlocks.blocks(sh.m, sh.n, sh.k) + " bl)");
            for (int w = 0; w < ways.length; w++) {
                double med = median(wall[s][w]);
                double cpuMs = cpu[s][w] / rounds / 1e6;
                System.out.printf(" | %s: %7.2f / %7.2f (%5.1f) cpu %7.2f", ways[w], min(wall[s][w]), med,
                        2.0 * sh.m * sh.n * sh.k / med / 1e6, cpuMs);
            }
            System.out.println();
        }
    }

    static void sleep(long ms) {
        try { Thread.sleep(ms); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
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
