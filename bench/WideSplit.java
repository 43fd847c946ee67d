// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math; // SgemmSharedB, SgemmChunkedB, SgemmThreads are package-private

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Random;

/**
 * The float32 split of a wide, short product (default the CNN row's, column-major 64 x 25088 x 576, as AddmmCall hands
 * it to TorchBlas) on the pool, B shared two ways, interleaved round by round: "shared B" ({@link SgemmSharedB}, each
 * block of k in turn, a thread's halves packed whole) and "chunked" ({@link SgemmChunkedB}, B's chunks through every
 * block of k while in cache; what TorchBlas runs since the thirteenth session). Prints wall best / median, the two
 * parts' thread CPU summed and the busier part's (best / median, ms), and checks that both give the same bits.
 * {@code javac -d bench/out -cp 'kernel/target/lib/*' bench/WideSplit.java;
 * OPENBLAS_CORETYPE=Haswell java --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -cp 'kernel/target/lib/*:bench/out'
 * io.gradbook.autograd.math.WideSplit [rounds] [MxNxK ...]} (JDK 22+; {@code -Dgradbook.blas.chunk=N} another chunk).
 */
public final class WideSplit {
    private static final long[][] PART_CPU = new long[2][2];

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        String[] shapes = args.length > 1 ? Arrays.copyOfRange(args, 1, args.length) : new String[] {"64x25088x576"};
        if (!FfmGemm.available()) throw new IllegalStateException("no FFM path: " + FfmGemm.problem());
        HaswellSgemm.bind();
        if (!HaswellSgemm.ready()) throw new IllegalStateException("no Haswell kernels: " + HaswellSgemm.problem());
        String[] ways = {"shared B", "chunked"};
        Random r = new Random(0);
        for (String shape : shapes) {
            String[] d = shape.split("x");
            int m = Integer.parseInt(d[0]), n = Integer.parseInt(d[1]), k = Integer.parseInt(d[2]);
            float[] a = new float[m * k], b = new float[k * n];
            for (int i = 0; i < a.length; i++) a[i] = (float) r.nextGaussian();
            for (int i = 0; i < b.length; i++) b[i] = (float) r.nextGaussian();
            double[][] wall = new double[2][rounds], cpu = new double[2][rounds], busier = new double[2][rounds];
            float[][] c = new float[2][];
            for (int round = -5; round < rounds; round++) {
                for (int w0 = 0; w0 < 2; w0++) {
                    int w = (w0 + Math.max(0, round)) % 2;
                    c[w] = new float[m * n]; // a fresh C, as AddmmCall's (beta 0 onto +0.0: the parts add)
                    PART_CPU[w][0] = PART_CPU[w][1] = 0;
                    long t0 = System.nanoTime();
                    run(w == 1, m, n, k, a, b, c[w]);
                    long t1 = System.nanoTime();
                    if (round >= 0) {
                        wall[w][round] = (t1 - t0) / 1e6;
                        cpu[w][round] = (PART_CPU[w][0] + PART_CPU[w][1]) / 1e6;
                        busier[w][round] = Math.max(PART_CPU[w][0], PART_CPU[w][1]) / 1e6;
                    }
                    sleep(20);
                }
                if (!Arrays.equals(c[0], c[1])) {
                    float[] own = new float[m * n];
                    SgemmThreads.Split split = SgemmThreads.split(m, n, k, 2);
                    for (int[] rangeN : split.rangesN())
                        for (int t = 0; t < split.threads(); t++)
                            SgemmInnerThread.run(false, false, k, a, 0, m, b, 0, k, 1f, own, 0, m, split.rangeM(), rangeN, split.threadsM(), t);
                    int i = 0;
                    while (c[0][i] == c[1][i]) i++;
                    throw new AssertionError(shape + ": the two orders differ at " + i + " (row " + i % m + ", column " + i / m + "): "
                            + c[0][i] + " / " + c[1][i] + ", each thread's own B: " + own[i] + "; shared B = own B: "
                            + Arrays.equals(own, c[0]) + ", chunked = own B: " + Arrays.equals(own, c[1]));
                }
            }
            System.out.printf("%s, %d interleaved rounds, chunk %d, load %.2f: wall best / median ms, the parts' thread CPU (sum, busier part) best / median ms%n",
                    shape, rounds, SgemmChunkedB.CHUNK, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            for (int w = 0; w < 2; w++)
                System.out.printf("  %-9s wall %7.2f / %7.2f | CPU %7.2f / %7.2f | busier %7.2f / %7.2f%n", ways[w],
                        min(wall[w]), median(wall[w]), min(cpu[w]), median(cpu[w]), min(busier[w]), median(busier[w]));
        }
    }

    /** TorchBlas's pool branch for this product, with B shared one way or the other. */
    private static void run(boolean chunked, int m, int n, int k, float[] a, float[] b, float[] c) {
        SgemmThreads.Split split = SgemmThreads.split(m, n, k, 2);
        int w = chunked ? 1 : 0;
        for (int[] rangeN : split.rangesN()) {
            if (chunked && !SgemmChunkedB.fits(split.rangeM(), split.threadsM(), rangeN, k))
                throw new IllegalArgumentException(m + "x" + n + "x" + k + " is not wide and short");
            if (chunked) {
                try (SgemmChunkedB.Job job = SgemmChunkedB.job(SgemmPieces.NATIVE, false, k, b, 0, k, rangeN, split.threadsM())) {
                    GemmBlocks.parts(split.threads(), t -> timed(w, t, () -> SgemmChunkedB.run(job, false, k, a, 0, m, 1f, c, 0, m, split.rangeM(), t)));
                }
            } else {
                try (SgemmSharedB.Job job = SgemmSharedB.job(SgemmPieces.NATIVE, false, k, b, 0, k, rangeN, split.threadsM())) {
                    GemmBlocks.parts(split.threads(), t -> timed(w, t, () -> SgemmSharedB.run(job, false, k, a, 0, m, 1f, c, 0, m, split.rangeM(), t)));
                }
            }
        }
    }

    private static void timed(int way, int part, Runnable body) {
        var mx = ManagementFactory.getThreadMXBean();
        long c0 = mx.getCurrentThreadCpuTime();
        body.run();
        PART_CPU[way][part] += mx.getCurrentThreadCpuTime() - c0;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static double min(double[] x) {
        return Arrays.stream(x).min().orElse(Double.NaN);
    }

    private static double median(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
