// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math; // TorchBlas.sgemmCalls / sgemmJava / sgemmKernels are package-private

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Random;

/**
 * The ways TorchBlas runs PyTorch's 2-thread float32 split (the same bits), interleaved round by round so the shared
 * machine's load falls on all alike: SgemmThreads' single-threaded OpenBLAS calls (JDK 17-21 before the Java port),
 * the Java port of OpenBLAS's Haswell kernel and packing (SgemmInnerThread32: JDK 17-21 now) and, on JDK 22+ with the
 * Haswell kernels bound, OpenBLAS's own kernels through FFM (SgemmInnerThread). Shapes: the MLP's products (784-256-10,
 * batch 128: both layers forward, the weight gradients, the hidden gradient) and squares 256, 512, 1024, 2048, in PyTorch's
 * column-major terms. Prints per product wall ms best / median and CPU ms of the Java threads (ThreadMXBean, mean over
 * rounds), and the MLP's products summed. As TorchBlas runs them (the parts on the pool sharing B from 2^24 multiply-adds; -Dgradbook.blas.sharedB=false: the port as the ninth session ran it).
 * {@code javac --add-modules jdk.incubator.vector -d bench/out -cp 'kernel/target/lib/*' bench/TorchSplit17.java;
 * java --add-modules jdk.incubator.vector -cp 'kernel/target/lib/*:bench/out' io.gradbook.autograd.math.TorchSplit17 [rounds]}
 * (OPENBLAS_CORETYPE=Haswell; on JDK 22+ add --enable-native-access=ALL-UNNAMED).
 */
public final class TorchSplit17 {
    record Shape(String name, boolean ta, boolean tb, int m, int n, int k, boolean mlp) {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        boolean ffm = Runtime.version().feature() >= 22 && FfmGemm.available() && HaswellSgemm.ready();
        Shape[] shapes = {
            new Shape("MLP fwd1 128x784 @ 784x256", true, false, 256, 128, 784, true),
            new Shape("MLP grad w1 256x128 @ 128x784", false, true, 784, 256, 128, true),
            new Shape("MLP fwd2 128x256 @ 256x10", true, false, 10, 128, 256, true),
            new Shape("MLP grad w2 10x128 @ 128x256", false, true, 256, 10, 128, true),
            new Shape("MLP grad h 128x10 @ 10x256", false, false, 256, 128, 10, true),
            new Shape("square 256", false, false, 256, 256, 256, false),
            new Shape("square 512", false, false, 512, 512, 512, false),
            new Shape("square 1024", false, false, 1024, 1024, 1024, false),
            new Shape("square 2048", false, false, 2048, 2048, 2048, false),
        };
        // -Donly=REGEX: only the shapes whose name matches
        String only = System.getProperty("only");
        if (only != null) shapes = Arrays.stream(shapes).filter(sh -> sh.name.matches(".*(" + only + ").*")).toArray(Shape[]::new);
        String[] ways = ffm ? new String[] {"calls", "java", "ffm"} : new String[] {"calls", "java"};
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
        for (int round = -10; round < rounds; round++) {
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
                        if (ways[w].equals("calls")) TorchBlas.sgemmCalls(sh.ta, sh.tb, sh.m, sh.n, sh.k, a[s], 0, lda, b[s], 0, ldb, 0f, cc, 0, sh.m);
                        else if (ways[w].equals("java")) TorchBlas.sgemmJava(sh.ta, sh.tb, sh.m, sh.n, sh.k, a[s], 0, lda, b[s], 0, ldb, 0f, cc, 0, sh.m);
                        else TorchBlas.sgemmKernels(sh.ta, sh.tb, sh.m, sh.n, sh.k, a[s], 0, lda, b[s], 0, ldb, 0f, cc, 0, sh.m);
                    }
                    if (round >= 0) {
                        wall[s][w][round] = (System.nanoTime() - t0) / 1e6 / reps;
                        cpu[s][w] += (cpu(mx) - p0) / (double) reps;
                    }
                }
                for (int w = 1; w < ways.length; w++) {
                    if (!Arrays.equals(c[s][0], c[s][w])) throw new AssertionError(sh.name + ": " + ways[w] + " differs from calls");
                }
            }
        }
        System.out.printf("JDK %s; ms per product: wall best / median | CPU ms of the Java threads (mean); %d interleaved rounds, load %s -> %s%n",
                Runtime.version(), rounds, load0, load());
        double[] mlpWall = new double[ways.length], mlpCpu = new double[ways.length];
        for (int s = 0; s < shapes.length; s++) {
            Shape sh = shapes[s];
            System.out.printf("  %-30s", sh.name);
            for (int w = 0; w < ways.length; w++) {
                double cp = cpu[s][w] / rounds / 1e6;
                System.out.printf(" | %s: %7.3f / %7.3f cpu %7.3f", ways[w], min(wall[s][w]), median(wall[s][w]), cp);
                if (sh.mlp) {
                    mlpWall[w] += median(wall[s][w]);
                    mlpCpu[w] += cp;
                }
            }
            System.out.println();
        }
        System.out.printf("  %-30s", "MLP products (sum)");
        for (int w = 0; w < ways.length; w++) System.out.printf(" | %s: median %7.3f cpu %7.3f", ways[w], mlpWall[w], mlpCpu[w]);
        System.out.println();
    }

    /** CPU ns of the process's Java threads (the caller and the pool's helpers; not the JIT's threads). */
    static long cpu(java.lang.management.ThreadMXBean mx) {
        long sum = 0;
        for (long id : mx.getAllThreadIds()) {
            var info = mx.getThreadInfo(id);
            if (info != null && info.getThreadName().contains("Compiler")) continue;
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
    static float[] rand(Random r, int size) {
        float[] v = new float[size];
        for (int i = 0; i < size; i++) v[i] = (float) r.nextGaussian();
        return v;
    }
}
