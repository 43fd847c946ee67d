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
 * <li>{@code split}: the 256 product in 1 block against 2 ({@link GemmBlocks}: caller + one common-pool helper), and
 *     the 1024 product in 2 blocks by rows, by columns, and as one call on each library's own 2 threads. Per product:
 *     wall median, p90, p99 and max, to see the tail as well as the middle.</li>
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

    /** 2. The 256 product in 1 vs 2 blocks; the 1024 in 2 blocks by rows / columns vs each library's 2 threads. */
    static void split(Lib[] libs, int rounds) {
        Lib nd4j = libs[0], deb = libs[1];
        Random r = new Random(0);
        String[] ways256 = {"256 1 block", "256 2 blocks rows", "256 2 blocks cols", "256 nd4j 2 thr", "256 deb 2 thr"};
        String[] ways1024 = {"1024 2 blocks rows", "1024 2 blocks cols", "1024 1 block", "1024 nd4j 2 thr", "1024 deb 2 thr"};
        float[] a2 = rand(r, 256 * 256), b2 = rand(r, 256 * 256), c2 = new float[256 * 256];
        float[] a1 = rand(r, 1024 * 1024), b1 = rand(r, 1024 * 1024), c1 = new float[1024 * 1024];
        int reps256 = 50;
        double[][] t256 = new double[ways256.length][rounds * reps256];
        double[][] t1024 = new double[ways1024.length][rounds];
        for (int round = -3; round < rounds; round++) {
            for (int w = 0; w < ways256.length; w++) {
                Lib lib = w == 4 ? deb : nd4j;
                if (w >= 3) lib.threads(2);
                for (int rep = 0; rep < reps256; rep++) {
                    long t0 = System.nanoTime();
                    switch (w) {
                        case 0 -> nd4j.blocks(256, 256, 256, 1, true, a2, b2, c2);
                        case 1 -> nd4j.blocks(256, 256, 256, 2, true, a2, b2, c2);
                        case 2 -> nd4j.blocks(256, 256, 256, 2, false, a2, b2, c2);
                        default -> lib.sgemm(256, 256, 256, a2, 0, 256, b2, 0, 256, c2, 0, 256);
                    }
                    if (round >= 0) t256[w][round * reps256 + rep] = (System.nanoTime() - t0) / 1e6;
                }
                if (w >= 3) {
                    lib.threads(1);
                    sleep(200); // the library's worker spins ~0.1 s after a threaded call: not into the next variant
                }
            }
            for (int w = 0; w < ways1024.length; w++) {
                Lib lib = w == 4 ? deb : nd4j;
                if (w >= 3) lib.threads(2);
                long t0 = System.nanoTime();
                switch (w) {
                    case 0 -> nd4j.blocks(1024, 1024, 1024, 2, true, a1, b1, c1);
                    case 1 -> nd4j.blocks(1024, 1024, 1024, 2, false, a1, b1, c1);
                    case 2 -> nd4j.blocks(1024, 1024, 1024, 1, true, a1, b1, c1);
                    default -> lib.sgemm(1024, 1024, 1024, a1, 0, 1024, b1, 0, 1024, c1, 0, 1024);
                }
                if (round >= 0) t1024[w][round] = (System.nanoTime() - t0) / 1e6;
                if (w >= 3) {
                    lib.threads(1);
                    sleep(200);
                }
            }
        }
        System.out.printf("wall ms per product: median / p90 / p99 / max (best) over %d rounds (x%d for 256), interleaved%n", rounds, reps256);
        for (int w = 0; w < ways256.length; w++) row(ways256[w], t256[w], 2.0 * 256 * 256 * 256);
        for (int w = 0; w < ways1024.length; w++) row(ways1024[w], t1024[w], 2.0 * 1024 * 1024 * 1024);
    }

    static void row(String name, double[] t, double flops) {
        double[] s = t.clone();
        Arrays.sort(s);
        double med = s[s.length / 2];
        System.out.printf("  %-20s %8.3f / %8.3f / %8.3f / %8.3f (%8.3f)  %6.1f GFLOP/s at the median%n", name, med,
                s[(int) (s.length * 0.9)], s[Math.min(s.length - 1, (int) (s.length * 0.99))], s[s.length - 1], s[0], flops / med / 1e6);
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
