// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math; // SgemmInnerThread, HaswellSgemm, PackScratch are package-private

import static org.bytedeco.openblas.global.openblas_nolapack.blas_set_num_threads;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Random;

/**
 * Where the threaded float32 split's time goes (square n x n x n or m x n x k, column-major as AddmmCall hands it to TorchBlas),
 * against nd4j's own 2-thread sgemm, interleaved round by round so that the shared machine's load falls on all alike:
 * <ul>
 * <li>"native 2 thr": one cblas_sgemm on OpenBLAS's 2 threads (other bits; its worker's spin after the call is
 * left out: a pause follows it);
 * <li>"split": {@link TorchBlas#sgemm} as shipped (PyTorch's bits);
 * <li>"phases": the split's inner_thread as {@link SgemmInnerThread} runs it (its own copy of B per thread), on
 * the pool, with each phase timed per thread: B packed, A packed, kernel calls, and the hand-off (from the call
 * to the part's start) and the wait at the end (the first part done to the last);
 * <li>"phases shared B": the same for {@link SgemmSharedB} (B's panels packed once, by whichever thread claims them).
 * </ul>
 * Prints wall ms best / median, GFLOP/s of the median, the CPU ms of the Java threads per product, and the phases'
 * mean ms per thread. Checks every variant's bits against the split's.
 * {@code javac -d bench/out -cp 'kernel/target/lib/*' bench/SplitPhases.java;
 * OPENBLAS_CORETYPE=Haswell java --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -cp 'kernel/target/lib/*:bench/out'
 * io.gradbook.autograd.math.SplitPhases [rounds] [n or MxNxK ...]} (JDK 22+).
 */
public final class SplitPhases {
    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        String[] shapes = args.length > 1 ? Arrays.copyOfRange(args, 1, args.length) : new String[] {"512", "1024", "2048", "64x25088x576"};
        if (!FfmGemm.available()) throw new IllegalStateException("no FFM path: " + FfmGemm.problem());
        HaswellSgemm.bind();
        if (!HaswellSgemm.ready()) throw new IllegalStateException("no Haswell kernels: " + HaswellSgemm.problem());
        String[] ways = {"native 2 thr", "split", "own B", "own B, timed", "shared B"};
        // -Dways=1,4 runs only those variants (by index in ways)
        boolean[] run = new boolean[ways.length];
        for (int w = 0; w < ways.length; w++) run[w] = System.getProperty("ways") == null;
        if (System.getProperty("ways") != null) for (String w : System.getProperty("ways").split(",")) run[Integer.parseInt(w)] = true;
        var mx = ManagementFactory.getThreadMXBean();
        // the native variant's OpenBLAS worker is no Java thread: its CPU is the process's (the JIT quiet by then)
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Random r = new Random(0);
        for (String shape : shapes) {
            // column-major m x n = A (m x k) B (k x n), as AddmmCall hands TorchBlas a row-major product (the CNN
            // row's [25088, 576] x [576, 64] is 64x25088x576)
            String[] dims = shape.split("x");
            int m = Integer.parseInt(dims[0]), n = dims.length > 1 ? Integer.parseInt(dims[1]) : m, k = dims.length > 2 ? Integer.parseInt(dims[2]) : m;
            float[] a = rand(r, m * k), b = rand(r, k * n);
            float[][] c = new float[ways.length][m * n];
            double[][] wall = new double[ways.length][rounds];
            double[] cpu = new double[ways.length];
            double[][][] phase = new double[ways.length][2][Phases.COUNT];
            int reps = (long) m * n * k <= 1L << 28 ? 10 : 1;
            for (int round = -3; round < rounds; round++) {
                for (int w0 = 0; w0 < ways.length; w0++) {
                    int w = Math.floorMod(w0 + round, ways.length);
                    if (!run[w]) continue;
                    Phases.reset();
                    long t0 = System.nanoTime(), p0 = w == 0 ? os.getProcessCpuTime() : cpu(mx);
                    for (int rep = 0; rep < reps; rep++) {
                        switch (w) {
                            case 0 -> {
                                blas_set_num_threads(2);
                                FfmGemm.sgemmCall(false, false, n, m, k, 1f, b, 0, k, a, 0, m, 0f, c[w], 0, m);
                                blas_set_num_threads(1);
                            }
                            case 1 -> TorchBlas.sgemm(false, false, m, n, k, a, 0, m, b, 0, k, 0f, c[w], 0, m);
                            default -> phased(w - 2, m, n, k, a, b, c[w]);
                        }
                    }
                    if (round >= 0) {
                        wall[w][round] = (System.nanoTime() - t0) / 1e6 / reps;
                        cpu[w] += ((w == 0 ? os.getProcessCpuTime() : cpu(mx)) - p0) / (double) reps;
                        for (int t = 0; t < 2; t++)
                            for (int p = 0; p < Phases.COUNT; p++) phase[w][t][p] += Phases.NS[t][p] / 1e6 / reps;
                    }
                    if (w == 0) sleep(200); // OpenBLAS's worker spins ~0.1 s after a threaded call
                }
                for (int w = 2; w < ways.length; w++)
                    if (run[1] && run[w] && !Arrays.equals(c[1], c[w])) throw new AssertionError(shape + ": " + ways[w] + " differs from the split");
            }
            System.out.printf("%s, %d interleaved rounds x %d, load %s: wall best / median ms (GFLOP/s of the median), CPU ms (Java threads; native: the process); phases in thread CPU ms (handoff, idleEnd: wall)%n",
                    shape, rounds, reps, load());
            for (int w = 0; w < ways.length; w++) {
                if (!run[w]) continue;
                double med = median(wall[w]);
                System.out.printf("  %-16s %8.3f / %8.3f (%6.1f) cpu %8.3f", ways[w], min(wall[w]), med, 2.0 * m * n * k / med / 1e6, cpu[w] / rounds / 1e6);
                if (w >= 2) {
                    System.out.printf(" | part CPU max %.3f", phase[w][0][Phases.PART_MAX] / rounds);
                    for (int t = 0; t < 2; t++) {
                        System.out.printf(" | t%d", t);
                        for (int p = 0; p < Phases.COUNT; p++) System.out.printf(" %s %.3f", Phases.NAMES[p], phase[w][t][p] / rounds);
                    }
                }
                System.out.println();
            }
        }
    }

    /** The split on the pool, each part's phases timed. */
    static void phased(int mode, int m, int n, int k, float[] a, float[] b, float[] c) {
        boolean shared = mode == 2;
        long[] partCpu = new long[2];
        SgemmThreads.Split split = SgemmThreads.split(m, n, k, 2);
        long start = System.nanoTime();
        long[] end = new long[2];
        for (int[] rangeN : split.rangesN()) {
            SgemmSharedB.Job job = shared ? SgemmSharedB.job(false, k, b, 0, k, rangeN, split.threadsM()) : null;
            try {
                GemmBlocks.parts(split.threads(), t -> {
                    Phases.NS[t][Phases.HANDOFF] += System.nanoTime() - start;
                    long c0 = cpuNow();
                    if (shared) SgemmSharedB.run(job, false, k, a, 0, m, 0f, c, 0, m, split.rangeM(), t);
                    else if (mode == 1) timedInner(m, k, a, b, c, split.rangeM(), rangeN, split.threadsM(), t);
                    else SgemmInnerThread.run(false, false, k, a, 0, m, b, 0, k, 0f, c, 0, m, split.rangeM(), rangeN, split.threadsM(), t);
                    partCpu[t] += cpuNow() - c0;
                    end[t] = System.nanoTime();
                });
            } finally {
                if (job != null) job.close();
            }
        }
        long last = Math.max(end[0], end[1]), first = Math.min(end[0], end[1]);
        Phases.NS[end[0] <= end[1] ? 0 : 1][Phases.IDLE_END] += last - first;
        Phases.NS[0][Phases.PART_MAX] += Math.max(partCpu[0], partCpu[1]);
    }

    /** SgemmInnerThread.run (untransposed, beta 0) with its phases timed into Phases.NS[pos]. */
    static void timedInner(int m, int k, float[] a, float[] b, float[] c, int[] rangeM, int[] rangeN, int threadsM, int pos) {
        final int P = SgemmThreads.P, Q = SgemmThreads.Q, UNROLL_M = SgemmThreads.UNROLL_M, UNROLL_N = SgemmThreads.UNROLL_N;
        int lda = m, ldb = k, ldc = m;
        long[] ns = Phases.NS[pos];
        int posN = pos / threadsM, posM = pos - posN * threadsM, group = posN * threadsM;
        int mFrom = rangeM[posM], mTo = rangeM[posM + 1], nFrom = rangeN[pos], nTo = rangeN[pos + 1];
        int cFrom = rangeN[group], cTo = rangeN[group + threadsM];
        long t0 = cpuNow();
        for (int j = cFrom; j < cTo; j++) Arrays.fill(c, j * ldc + mFrom, j * ldc + mTo, 0f);
        PackScratch s = PackScratch.take();
        try {
            long sa = s.a.address((long) P * Q);
            long sb = s.b.address((long) Q * (cTo - cFrom + 8L * threadsM));
            long[] half = new long[2 * threadsM + 2];
            long t1 = cpuNow();
            ns[Phases.ZERO] += t1 - t0;
            for (int ls = 0, minL; ls < k; ls += minL) {
                minL = k - ls;
                if (minL >= 2 * Q) minL = Q;
                else if (minL > Q) minL = (minL + 1) / 2;
                long at = sb, p0 = cpuNow();
                for (int cur = group, h = 0; cur < group + threadsM; cur++) {
                    int from = rangeN[cur], to = rangeN[cur + 1], divN = (to - from + 1) / 2;
                    for (int js = from; js < to; js += divN, h++) {
                        int w = Math.min(to - js, divN);
                        HaswellSgemm.copyB(false, minL, w, b, ls + js * ldb, ldb, at);
                        half[h] = at;
                        at += 4L * minL * ((w + UNROLL_N - 1) / UNROLL_N * UNROLL_N);
                    }
                }
                ns[Phases.PACK_B] += cpuNow() - p0;
                int minI = mTo - mFrom;
                if (minI >= 2 * P) minI = P;
                else if (minI > P) minI = (minI / 2 + UNROLL_M - 1) / UNROLL_M * UNROLL_M;
                for (int is = mFrom; is < mTo; is += minI) {
                    if (is > mFrom) {
                        minI = mTo - is;
                        if (minI >= 2 * P) minI = P;
                        else if (minI > P) minI = ((minI + 1) / 2 + UNROLL_M - 1) / UNROLL_M * UNROLL_M;
                    }
                    long q0 = cpuNow();
                    HaswellSgemm.copyA(false, minL, minI, a, is + ls * lda, lda, sa);
                    long q1 = cpuNow();
                    ns[Phases.PACK_A] += q1 - q0;
                    for (int cur = group, h = 0; cur < group + threadsM; cur++) {
                        int from = rangeN[cur], to = rangeN[cur + 1], divN = (to - from + 1) / 2;
                        for (int js = from; js < to; js += divN, h++) {
                            int w = Math.min(to - js, divN);
                            if (is == mFrom && cur == pos) {
                                for (int jjs = js, jj; jjs < js + w; jjs += jj) {
                                    int left = js + w - jjs;
                                    jj = left >= 3 * UNROLL_N ? 3 * UNROLL_N : left > UNROLL_N ? UNROLL_N : left;
                                    HaswellSgemm.kernel(minI, jj, minL, 1f, sa, half[h] + 4L * minL * (jjs - js), c, is + jjs * ldc, ldc);
                                    ns[Phases.CALLS]++;
                                }
                            } else {
                                HaswellSgemm.kernel(minI, w, minL, 1f, sa, half[h], c, is + js * ldc, ldc);
                                ns[Phases.CALLS]++;
                            }
                        }
                    }
                    ns[Phases.KERNEL] += cpuNow() - q1;
                }
            }
        } finally {
            s.giveBack();
        }
    }

    /** Per part (OpenBLAS thread), ns per phase; CALLS counts kernel calls (printed as thousands). */
    static final class Phases {
        static final int HANDOFF = 0, ZERO = 1, PACK_B = 2, PACK_A = 3, KERNEL = 4, IDLE_END = 5, CALLS = 6, PART_MAX = 7, COUNT = 8;
        static final String[] NAMES = {"handoff", "zero", "packB", "packA", "kernel", "idleEnd", "kcalls/1e6(x1e6)", "partCpuMax"};
        static final long[][] NS = new long[2][COUNT];

        static void reset() {
            for (long[] t : NS) Arrays.fill(t, 0);
        }
    }

    private static final java.lang.management.ThreadMXBean MX = ManagementFactory.getThreadMXBean();

    /** The calling thread's CPU ns: phases measured on the thread's own clock, so that preemption is left out. */
    static long cpuNow() {
        return MX.getCurrentThreadCpuTime();
    }

    static void sleep(long ms) {
        try { Thread.sleep(ms); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
    }

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
