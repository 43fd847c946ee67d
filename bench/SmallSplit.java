// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math; // SgemmSharedB, GemmBlocks are package-private

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Random;

/**
 * The float32 split's products between 2^18 and 2^26 multiply-adds (the ninth session's pool threshold): the parts one
 * after the other on the caller (SgemmInnerThread.runGroup, "caller", as the ninth session ran them), against the
 * parts on the pool sharing B as the large products do (SgemmSharedB, "pool", TorchBlas from 2^24 now), interleaved product by product into fresh
 * arrays. Per way: the Java threads' CPU per product and wall best / median; checks the bits agree.
 * Column-major MxNxK shapes; the defaults are matmul 256 and the MLP's [128, 784] x [784, 256] (256x128x784).
 * {@code javac -d /tmp/out -cp 'kernel/target/lib/*' bench/SmallSplit.java; OPENBLAS_CORETYPE=Haswell java
 * --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -cp 'kernel/target/lib/*:/tmp/out'
 * io.gradbook.autograd.math.SmallSplit [rounds] [MxNxK ...]} (JDK 22+).
 */
public final class SmallSplit {
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        String[] shapes = args.length > 1 ? Arrays.copyOfRange(args, 1, args.length) : new String[] {"256x256x256", "256x128x784"};
        if (!FfmGemm.available()) throw new IllegalStateException(FfmGemm.problem());
        Thread.sleep(3000);
        var mx = ManagementFactory.getThreadMXBean();
        Random r = new Random(0);
        for (String shape : shapes) {
            String[] d = shape.split("x");
            int m = Integer.parseInt(d[0]), n = Integer.parseInt(d[1]), k = Integer.parseInt(d[2]);
            float[] a = new float[m * k], b = new float[k * n];
            for (int i = 0; i < a.length; i++) a[i] = (float) r.nextGaussian();
            for (int i = 0; i < b.length; i++) b[i] = (float) r.nextGaussian();
            int reps = 10;
            double[][] wall = new double[2][rounds], cpu = new double[2][rounds];
            float[][] last = new float[2][];
            for (int round = -20; round < rounds; round++) {
                for (int w0 = 0; w0 < 2; w0++) {
                    int w = (w0 + round) & 1;
                    long c0 = FreshProducts.cpu(mx), t0 = System.nanoTime();
                    double best = 1e18;
                    for (int rep = 0; rep < reps; rep++) {
                        for (long g0 = System.nanoTime(); System.nanoTime() - g0 < GAP_NS; ) Thread.onSpinWait();
                        long s0 = System.nanoTime();
                        float[] c = new float[m * n];
                        if (w == 0) caller(m, n, k, a, b, c);
                        else pool(m, n, k, a, b, c);
                        best = Math.min(best, System.nanoTime() - s0);
                        last[w] = c;
                    }
                    if (round >= 0) {
                        wall[w][round] = best / 1e6;
                        cpu[w][round] = (FreshProducts.cpu(mx) - c0) / 1e6 / reps;
                    }
                }
                if (!Arrays.equals(last[0], last[1])) throw new AssertionError(shape + ": the ways differ");
            }
            System.out.printf("%s, gap %d us, %d interleaved rounds x %d, load %s: per product CPU median (min); wall of the round's best product: best, median ms%n", shape, GAP_NS / 1000, rounds, reps, FreshProducts.load());
            System.out.println("  parts the pool's helper ran: " + HELPED.getAndSet(0));
            String[] ways = {"caller", "pool"};
            for (int w = 0; w < 2; w++)
                System.out.printf("  %-7s cpu %7.3f (%7.3f)   wall %7.3f %7.3f%n", ways[w], FreshProducts.median(cpu[w]), FreshProducts.min(cpu[w]), FreshProducts.min(wall[w]), FreshProducts.median(wall[w]));
        }
    }

    /** The parts one after the other on the caller, a group sharing its packed B (C fresh: beta 1). */
    static void caller(int m, int n, int k, float[] a, float[] b, float[] c) {
        SgemmThreads.Split split = SgemmThreads.split(m, n, k, 2);
        for (int[] rangeN : split.rangesN())
            for (int g = 0; g < split.threads() / split.threadsM(); g++)
                SgemmInnerThread.runGroup(false, false, k, a, 0, m, b, 0, k, 1f, c, 0, m, split.rangeM(), rangeN, split.threadsM(), g);
    }

    /**
     * The caller busy this long before each product ({@code -DgapMicros}, default 0), as the MLP's other ops keep it
     * between its products: a helper that parks when idle (the common pool) has parked by then.
     */
    static final long GAP_NS = 1000L * Long.getLong("gapMicros", 0);

    static final java.util.concurrent.atomic.AtomicLong HELPED = new java.util.concurrent.atomic.AtomicLong();

    /** The parts on the pool sharing B, as TorchBlas runs products from 2 * BLOCK_WORK (C fresh: beta 1). */
    static void pool(int m, int n, int k, float[] a, float[] b, float[] c) {
        SgemmThreads.Split split = SgemmThreads.split(m, n, k, 2);
        for (int[] rangeN : split.rangesN()) {
            try (SgemmSharedB.Job job = SgemmSharedB.job(false, k, b, 0, k, rangeN, split.threadsM())) {
                Thread caller = Thread.currentThread();
                GemmBlocks.parts(split.threads(), t -> {
                    if (Thread.currentThread() != caller) HELPED.incrementAndGet();
                    SgemmSharedB.run(job, false, k, a, 0, m, 1f, c, 0, m, split.rangeM(), t);
                });
            }
        }
    }
}
