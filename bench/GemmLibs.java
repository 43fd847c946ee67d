// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math; // NativeGemm and GemmBlocks are package-private

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.bytedeco.javacpp.Loader;

/**
 * Where the matrix-product gap to PyTorch comes from, in one JVM (JDK 22+), all variants interleaved round by round
 * so that the shared machine's load falls on all alike:
 * <ol>
 * <li>{@code lib}: the library's kernel. nd4j-native's OpenBLAS 0.3.19 (what the engine ships, loaded by JavaCPP)
 *     against Debian's 0.3.21 (what PyTorch 1.13 links here, opened with {@code SymbolLookup.libraryLookup}; this
 *     program only), each on 1 thread, same arrays, same calls (critical FFM downcalls on the heap arrays). Per
 *     product: wall and the calling thread's CPU time (ThreadMXBean), medians.</li>
 * <li>{@code split}: the 256 and the MLP's product in 1 block against 2 ({@link GemmBlocks}: caller + one
 *     common-pool helper), and the 512 and 1024 in 2 blocks by rows, by columns, (1024) and as one call on each
 *     library's own 2 threads. Per product: wall median, p90, p99 and max, to see the tail as well as the middle,
 *     and the process's CPU time.</li>
 * </ol>
 * {@code javac --release 25 -d bench/out -cp 'autograd-core/target/classes:kernel/target/lib/*' bench/GemmLibs.java;
 * java --enable-native-access=ALL-UNNAMED -cp 'bench/out:autograd-core/target/classes:kernel/target/lib/*'
 * io.gradbook.autograd.math.GemmLibs lib|split [rounds]} (the Debian library's path: {@code -Dgemm.lib=...}).
 */
public final class GemmLibs {
    /** One OpenBLAS library's entry points. */
    record Lib(String name, MethodHandle sgemm, MethodHandle setThreads, String core, String config) {
        void threads(int n) {
            try {
                setThreads.invokeExact(n);
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }

        void sgemm(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] c, int cOff, int ldc) {
            try {
                sgemm.invokeExact(101, 111, 111, m, n, k, 1f, MemorySegment.ofArray(a).asSlice(aOff * 4L), lda,
                        MemorySegment.ofArray(b).asSlice(bOff * 4L), ldb, 0f, MemorySegment.ofArray(c).asSlice(cOff * 4L), ldc);
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }

        /** The whole m x n x k product (row-major, no transposes) through GemmBlocks in `blocks` blocks. */
        void blocks(int m, int n, int k, int blocks, boolean byRows, float[] a, float[] b, float[] c) {
            GemmBlocks.run(m, n, blocks, byRows, (r0, r1, c0, c1) -> sgemm(r1 - r0, c1 - c0, k, a, r0 * k, k, b, c0, n, c, r0 * n + c0, n));
        }
    }

    static Lib open(String name, SymbolLookup lookup) throws Throwable {
        Linker linker = Linker.nativeLinker();
        var i32 = ValueLayout.JAVA_INT;
        var f32 = ValueLayout.JAVA_FLOAT;
        var adr = ValueLayout.ADDRESS;
        MethodHandle sgemm = linker.downcallHandle(lookup.find("cblas_sgemm").orElseThrow(),
                FunctionDescriptor.ofVoid(i32, i32, i32, i32, i32, i32, f32, adr, i32, adr, i32, f32, adr, i32),
                Linker.Option.critical(true));
        MethodHandle set = linker.downcallHandle(lookup.find("openblas_set_num_threads").orElseThrow(), FunctionDescriptor.ofVoid(i32));
        String core = text((MemorySegment) linker.downcallHandle(lookup.find("openblas_get_corename").orElseThrow(), FunctionDescriptor.of(adr)).invokeExact());
        String config = text((MemorySegment) linker.downcallHandle(lookup.find("openblas_get_config").orElseThrow(), FunctionDescriptor.of(adr)).invokeExact());
        return new Lib(name, sgemm, set, core, config);
    }

    static String text(MemorySegment p) {
        return p.reinterpret(1000).getString(0);
    }

    /** nd4j-native's OpenBLAS, loaded by JavaCPP as the engine loads it, opened again by its path. */
    static Lib nd4j() throws Throwable {
        if (!NativeGemm.available()) throw new IllegalStateException("nd4j's OpenBLAS did not load");
        for (var e : Loader.getLoadedLibraries().entrySet()) {
            if (e.getKey().startsWith("openblas_nolapack") && e.getValue() != null)
                return open("nd4j 0.3.19", SymbolLookup.libraryLookup(Path.of(e.getValue()), Arena.global()));
        }
        throw new IllegalStateException("nd4j's OpenBLAS path not found");
    }

    static Lib debian() throws Throwable {
        String core = System.getProperty("gemm.debcore"); // OPENBLAS_CORETYPE for Debian's library alone
        if (core != null) {
            Linker linker = Linker.nativeLinker();
            MethodHandle setenv = linker.downcallHandle(linker.defaultLookup().find("setenv").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
            Arena arena = Arena.global();
            int rc = (int) setenv.invokeExact(arena.allocateFrom("OPENBLAS_CORETYPE"), arena.allocateFrom(core), 1);
            if (rc != 0) throw new IllegalStateException("setenv failed");
        }
        Path p = Path.of(System.getProperty("gemm.lib", "/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblasp-r0.3.21.so"));
        return open("Debian 0.3.21", SymbolLookup.libraryLookup(p, Arena.global()));
    }

    public static void main(String[] args) throws Throwable {
        String what = args.length > 0 ? args[0] : "lib";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Lib[] libs = {nd4j(), debian()};
        for (Lib l : libs) {
            l.threads(1);
            System.out.println(l.name + ": core " + l.core + "; " + l.config);
        }
        System.out.println("load " + load() + ", JDK " + Runtime.version());
        if (what.equals("lib")) lib(libs, rounds);
        else split(libs, rounds);
        System.out.println("load " + load());
    }

    /** 1. Single-thread sgemm, each library, interleaved. */
    static void lib(Lib[] libs, int rounds) {
        ThreadMXBean tmx = ManagementFactory.getThreadMXBean();
        int[] sizes = {256, 512, 1024, 2048};
        Random r = new Random(0);
        double[][][] wall = new double[sizes.length][libs.length][rounds], cpu = new double[sizes.length][libs.length][rounds];
        float[][] a = new float[sizes.length][], b = new float[sizes.length][];
        float[][][] c = new float[sizes.length][libs.length][];
        for (int s = 0; s < sizes.length; s++) {
            a[s] = rand(r, sizes[s] * sizes[s]);
            b[s] = rand(r, sizes[s] * sizes[s]);
            for (int l = 0; l < libs.length; l++) c[s][l] = new float[sizes[s] * sizes[s]];
        }
        for (int round = -3; round < rounds; round++) {
            for (int s = 0; s < sizes.length; s++) {
                int n = sizes[s];
                int reps = n <= 256 ? 20 : n <= 512 ? 4 : 1;
                for (int l0 = 0; l0 < libs.length; l0++) {
                    int l = (l0 + round + 3) % libs.length; // alternate which library goes first
                    long t0 = System.nanoTime(), c0 = tmx.getCurrentThreadCpuTime();
                    for (int rep = 0; rep < reps; rep++) libs[l].sgemm(n, n, n, a[s], 0, n, b[s], 0, n, c[s][l], 0, n);
                    if (round >= 0) {
                        wall[s][l][round] = (System.nanoTime() - t0) / 1e6 / reps;
                        cpu[s][l][round] = (tmx.getCurrentThreadCpuTime() - c0) / 1e6 / reps;
                    }
                }
            }
        }
        System.out.printf("1 thread each, %d interleaved rounds: ms per product, wall median (best) | thread CPU median -> GFLOP/s of CPU median%n", rounds);
        for (int s = 0; s < sizes.length; s++) {
            int n = sizes[s];
            System.out.printf("  %4d:", n);
            for (int l = 0; l < libs.length; l++) {
                double cm = median(cpu[s][l]);
                System.out.printf("  %s %7.3f (%7.3f) | cpu %7.3f -> %5.1f", libs[l].name, median(wall[s][l]), min(wall[s][l]), cm, 2.0 * n * n * n / cm / 1e6);
            }
            System.out.printf("  max |diff| %.2e%n", maxDiff(c[s][0], c[s][1]));
        }
    }

    /** A way to run an m x n x k product: GemmBlocks with `blocks` blocks, or one call on a library's 2 threads. */
    record Way(String name, int m, int n, int k, int blocks, boolean byRows, int lib) {}

    /**
     * 2. The 256 product and the MLP's [128,784]x[784,256] in 1 vs 2 blocks; the 1024 in 2 blocks by rows / columns
     * vs each library's own 2 threads. With -Dgemm.quiet=MS each round first waits (up to MS ms) for 300 ms in which
     * the rest of the machine used under a fifth of a core (/proc/stat less this process): idle spells. -Dgemm.only=REGEX
     * keeps the ways whose names it finds; -Dgemm.quietonly=true runs rounds only after a quiet spell (until
     * -Dgemm.deadline=S seconds have passed, then as they come).
     */
    static void split(Lib[] libs, int rounds) {
        Way[] ways = {
            new Way("256 1 block", 256, 256, 256, 1, true, -1),
            new Way("256 2 blocks rows", 256, 256, 256, 2, true, -1),
            new Way("256 2 blocks cols", 256, 256, 256, 2, false, -1),
            new Way("256 nd4j 2 thr", 256, 256, 256, 0, true, 0),
            new Way("256 deb 2 thr", 256, 256, 256, 0, true, 1),
            new Way("MLP 1 block", 128, 256, 784, 1, true, -1),
            new Way("MLP 2 blocks cols", 128, 256, 784, 2, false, -1),
            new Way("512 2 blocks cols", 512, 512, 512, 2, false, -1),
            new Way("512 2 blocks rows", 512, 512, 512, 2, true, -1),
            new Way("1024 2 blocks rows", 1024, 1024, 1024, 2, true, -1),
            new Way("1024 2 blocks cols", 1024, 1024, 1024, 2, false, -1),
            new Way("1024 1 block", 1024, 1024, 1024, 1, true, -1),
            new Way("1024 nd4j 2 thr", 1024, 1024, 1024, 0, true, 0),
            new Way("1024 deb 2 thr", 1024, 1024, 1024, 0, true, 1),
            new Way("2048 4 blocks cols", 2048, 2048, 2048, 4, false, -1),
            new Way("2048 4 blocks rows", 2048, 2048, 2048, 4, true, -1),
            new Way("2048 2 blocks rows", 2048, 2048, 2048, 2, true, -1),
            new Way("2048 deb 2 thr", 2048, 2048, 2048, 0, true, 1),
            new Way("CNN 2 blocks rows", 25088, 64, 576, 2, true, -1),
            new Way("CNN deb 2 thr", 25088, 64, 576, 0, true, 1),
        };
        String only = System.getProperty("gemm.only"); // a regex: only the ways whose names it finds
        if (only != null) ways = Arrays.stream(ways).filter(x -> java.util.regex.Pattern.compile(only).matcher(x.name).find()).toArray(Way[]::new);
        long quietMs = Long.getLong("gemm.quiet", 0);
        Random r = new Random(0);
        java.util.Map<String, float[][]> data = new java.util.HashMap<>();
        double[][] t = new double[ways.length][];
        double[] cpu = new double[ways.length];
        int[] reps = new int[ways.length];
        for (int w = 0; w < ways.length; w++) {
            Way x = ways[w];
            reps[w] = (long) x.m * x.n * x.k <= 1 << 25 ? 50 : (long) x.m * x.n * x.k <= 1 << 27 ? 10 : 1;
            t[w] = new double[rounds * reps[w]];
            data.computeIfAbsent(x.m + "x" + x.n + "x" + x.k, key -> new float[][] {rand(r, x.m * x.k), rand(r, x.k * x.n), new float[x.m * x.n]});
        }
        int quietRounds = 0;
        boolean quietOnly = Boolean.getBoolean("gemm.quietonly");
        long deadline = System.currentTimeMillis() + 1000 * Long.getLong("gemm.deadline", 3600);
        for (int round = -3; round < rounds; round++) {
            if (quietMs > 0 && round >= 0) {
                if (waitQuiet(quietMs)) quietRounds++;
                else if (quietOnly && System.currentTimeMillis() < deadline) { round--; continue; } // idle rounds only
            }
            for (int w = 0; w < ways.length; w++) {
                Way x = ways[w];
                float[][] d = data.get(x.m + "x" + x.n + "x" + x.k);
                Lib lib = x.lib >= 0 ? libs[x.lib] : libs[0];
                if (x.lib >= 0) lib.threads(2);
                long p0 = cpuNs();
                for (int rep = 0; rep < reps[w]; rep++) {
                    long t0 = System.nanoTime();
                    if (x.lib >= 0) lib.sgemm(x.m, x.n, x.k, d[0], 0, x.k, d[1], 0, x.n, d[2], 0, x.n);
                    else lib.blocks(x.m, x.n, x.k, x.blocks, x.byRows, d[0], d[1], d[2]);
                    if (round >= 0) t[w][round * reps[w] + rep] = (System.nanoTime() - t0) / 1e6;
                }
                if (round >= 0) cpu[w] += (cpuNs() - p0) / 1e6 / reps[w];
                if (x.lib >= 0) {
                    lib.threads(1);
                    sleep(200); // the library's worker spins ~0.1 s after a threaded call: not into the next variant
                }
            }
        }
        System.out.printf("wall ms per product: median / p90 / p99 / max (best), process CPU ms per product (mean, all"
                + " threads' schedstat; a library's own threads' spin after the call left out), %d interleaved rounds (x50 for <= 2^25"
                + " multiply-adds, x10 for <= 2^27)%s%n", rounds, quietMs > 0 ? ", " + quietRounds + " rounds after a quiet spell" : "");
        for (int w = 0; w < ways.length; w++)
            row(ways[w].name, t[w], 2.0 * ways[w].m * ways[w].n * ways[w].k, cpu[w] / rounds);
    }

    /** This process's CPU time in ns, all its threads (/proc/self/task/N/schedstat: ns, where getProcessCpuTime ticks). */
    static long cpuNs() {
        long sum = 0;
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                try {
                    sum += Long.parseLong(Files.readString(t.resolve("schedstat")).trim().split(" ")[0]);
                } catch (java.io.IOException | RuntimeException gone) { /* ended meanwhile */ }
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return sum;
    }

    /** Waits up to `limitMs` for 300 ms in which other processes used under 0.2 cores; whether it came. */
    static boolean waitQuiet(long limitMs) {
        long end = System.currentTimeMillis() + limitMs;
        while (System.currentTimeMillis() < end) {
            long[] a = busy();
            long p0 = cpuNs();
            sleep(300);
            long[] b = busy();
            double others = (b[0] - a[0]) * 10.0 - (cpuNs() - p0) / 1e6; // ms of CPU (100 ticks/s)
            if (others < 0.2 * 300) return true;
        }
        return false;
    }

    /** Busy clock ticks of all cores (user + nice + system + irq + softirq + steal). */
    static long[] busy() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long b = 0;
            for (int i : new int[] {1, 2, 3, 6, 7, 8}) b += Long.parseLong(f[i]);
            return new long[] {b};
        } catch (java.io.IOException e) {
            return new long[] {0};
        }
    }

    static void row(String name, double[] t, double flops, double cpuMs) {
        double[] s = t.clone();
        Arrays.sort(s);
        double med = s[s.length / 2];
        System.out.printf("  %-20s %8.3f / %8.3f / %8.3f / %8.3f (%8.3f)  %6.1f GFLOP/s at the median | cpu %8.3f%n", name, med,
                s[(int) (s.length * 0.9)], s[Math.min(s.length - 1, (int) (s.length * 0.99))], s[s.length - 1], s[0], flops / med / 1e6, cpuMs);
    }

    static void sleep(long ms) {
        try { Thread.sleep(ms); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
    }

    static double maxDiff(float[] x, float[] y) {
        double d = 0;
        for (int i = 0; i < x.length; i++) d = Math.max(d, Math.abs(x[i] - y[i]));
        return d;
    }

    static double median(double[] v) { double[] s = v.clone(); Arrays.sort(s); return s[s.length / 2]; }
    static double min(double[] v) { return Arrays.stream(v).min().orElse(0); }
    static String load() {
        try { return Files.readString(Path.of("/proc/loadavg")).trim().split(" ")[0]; }
        catch (java.io.IOException e) { return "?"; }
    }
    static float[] rand(Random r, int size) {
        float[] v = new float[size];
        for (int i = 0; i < size; i++) v[i] = (float) r.nextGaussian();
        return v;
    }
}
