// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math; // TorchBlas' paths are package-private

import java.util.Arrays;
import java.util.Random;

/**
 * The float32 split on the wide kernel (WideKernel32, 16 lanes: {@link TorchBlas#sgemmWide}) against OpenBLAS's
 * Haswell kernels through FFM ({@link TorchBlas#sgemmKernels}) and the 8-lane port ({@link TorchBlas#sgemmJava}),
 * round by round alternated, on the MLP's products and squares 256-2048 (column-major, as AddmmCall hands them over).
 * Prints per product best / median ms and GFLOP/s at the best. Same bits on every path (GemmWideKernelTest).
 * {@code javac -d bench/out -cp 'kernel/target/lib/*' bench/WideGemm.java; OPENBLAS_CORETYPE=Haswell
 * java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -cp 'kernel/target/lib/*:bench/out'
 * io.gradbook.autograd.math.WideGemm [rounds]} (JDK 22+ for the FFM path).
 */
public final class WideGemm {
    record Shape(String name, boolean ta, boolean tb, int m, int n, int k) {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Shape[] shapes = {
            new Shape("MLP fwd 128x784 @ 784x256", true, false, 256, 128, 784),
            new Shape("MLP grad x 128x256 @ 256x784", false, false, 784, 128, 256),
            new Shape("MLP grad w 256x128 @ 128x784", false, true, 784, 256, 128),
            new Shape("square 256", false, false, 256, 256, 256),
            new Shape("square 512", false, false, 512, 512, 512),
            new Shape("square 1024", false, false, 1024, 1024, 1024),
            new Shape("square 2048", false, false, 2048, 2048, 2048),
            new Shape("CNN [25088,576]x[576,64]", false, false, 64, 25088, 576),
        };
        boolean ffm = FfmGemm.available();
        String[] ways = ffm ? new String[] {"haswell native", "wide", "port"} : new String[] {"port", "wide"};
        Random r = new Random(0);
        for (Shape s : shapes) {
            float[] a = new float[s.m * s.k], b = new float[s.k * s.n];
            for (int i = 0; i < a.length; i++) a[i] = r.nextFloat() - 0.5f;
            for (int i = 0; i < b.length; i++) b[i] = r.nextFloat() - 0.5f;
            float[][] c = new float[ways.length][s.m * s.n];
            double[][] ms = new double[ways.length][rounds];
            int lda = s.ta ? s.k : s.m, ldb = s.tb ? s.n : s.k;
            int reps = (int) Math.max(1, Math.min(50, 2e8 / (2.0 * s.m * s.n * s.k)));
            for (int round = -3; round < rounds; round++) {
                for (int w = 0; w < ways.length; w++) {
                    long t = System.nanoTime();
                    for (int i = 0; i < reps; i++) run(ways[w], s, a, lda, b, ldb, c[w]);
                    if (round >= 0) ms[w][round] = (System.nanoTime() - t) / 1e6 / reps;
                }
            }
            for (int w = 1; w < ways.length; w++)
                if (!Arrays.equals(c[0], c[w])) throw new AssertionError(s.name + ": " + ways[w] + " differs from " + ways[0]);
            StringBuilder line = new StringBuilder(String.format("%-30s", s.name));
            for (int w = 0; w < ways.length; w++) {
                double[] x = ms[w].clone();
                Arrays.sort(x);
                line.append(String.format("  %s %.3f / %.3f ms (%.0f GFLOP/s)", ways[w], x[0], x[x.length / 2], 2.0 * s.m * s.n * s.k / x[0] / 1e6));
            }
            System.out.println(line);
        }
    }

    private static void run(String way, Shape s, float[] a, int lda, float[] b, int ldb, float[] c) {
        switch (way) {
            case "haswell native" -> TorchBlas.sgemmKernels(s.ta, s.tb, s.m, s.n, s.k, a, 0, lda, b, 0, ldb, 0f, c, 0, s.m);
            case "wide" -> TorchBlas.sgemmWide(s.ta, s.tb, s.m, s.n, s.k, a, 0, lda, b, 0, ldb, 0f, c, 0, s.m);
            default -> TorchBlas.sgemmJava(s.ta, s.tb, s.m, s.n, s.k, a, 0, lda, b, 0, ldb, 0f, c, 0, s.m);
        }
    }
}
