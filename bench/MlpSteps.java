// SPDX-License-Identifier: Apache-2.0
import static io.gradbook.autograd.Torch.*;

import io.gradbook.autograd.Tensor;
import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * The MLP cell of bench/kernel_vs_torch.py (784-256-10, batch 128, 20 SGD steps) in process, run [runs] times after
 * [warm] untimed runs: per run its wall time, the Java threads' CPU (the caller and the helper, not the JIT or GC;
 * a HotWorkers worker's spin included) and the caller's own CPU, and each step's wall time (its best and p10 are
 * the least disturbed by other processes on a loaded machine);
 * prints the median and best of each. For A/B runs of JVM options in alternated fresh JVMs (e.g.
 * {@code -Dgradbook.blas.splitPoolFrom=67108864}, the ninth session's pool threshold, against the default 2^24).
 * {@code javac -d /tmp/out -cp 'kernel/target/lib/*' bench/MlpSteps.java; OPENBLAS_CORETYPE=Haswell java
 * --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector -XX:+UseSerialGC -cp 'kernel/target/lib/*:/tmp/out'
 * MlpSteps [warm] [runs]}
 */
public final class MlpSteps {
    public static void main(String[] args) {
        int warm = args.length > 0 ? Integer.parseInt(args[0]) : 30, runs = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        manualSeed(0);
        Tensor xs = randn(128, 784);
        Tensor labels = tensor(java.util.stream.LongStream.range(0, 128).map(i -> i % 10).toArray());
        Tensor w1 = randn(784, 256).mul(0.03).requiresGrad_(), b1 = zeros(256).requiresGrad_();
        Tensor w2 = randn(256, 10).mul(0.06).requiresGrad_(), b2 = zeros(10).requiresGrad_();
        Tensor[] params = {w1, b1, w2, b2};
        double[] wall = new double[runs], cpu = new double[runs], own = new double[runs], steps = new double[runs * 20];
        // bytes the Java threads allocate per run (the caller and the helpers): a vector the JIT leaves boxed shows here
        double[] bytes = new double[runs];
        boolean series = Boolean.getBoolean("mlpsteps.series");
        java.util.Map<String, long[]> threads0 = null;
        for (int r = -warm; r < runs; r++) {
            if (r == 0) threads0 = threads();
            long t0 = System.nanoTime(), c0 = javaThreadsCpu(mx), o0 = mx.getCurrentThreadCpuTime(), b0 = javaThreadsBytes(mx);
            for (int step = 0; step < 20; step++) {
                long s0 = System.nanoTime();
                Tensor loss = crossEntropy(xs.matmul(w1).add(b1).relu().matmul(w2).add(b2), labels);
                loss.backward();
                for (Tensor p : params) {
                    p.data().sub_(p.grad().mul(0.01));
                    p.grad().zero_();
                }
                if (r >= 0) steps[r * 20 + step] = (System.nanoTime() - s0) / 1e6;
            }
            if (r >= 0) {
                wall[r] = (System.nanoTime() - t0) / 1e6;
                cpu[r] = (javaThreadsCpu(mx) - c0) / 1e6;
                own[r] = (mx.getCurrentThreadCpuTime() - o0) / 1e6;
                bytes[r] = (javaThreadsBytes(mx) - b0) / 1e6;
            }
        }
        // the other threads' CPU over the timed runs (the JIT's compiler threads, GC, the VM thread), and each thread's
        // wait on the run queue, per 20 steps: /proc/self/task/*/schedstat, ns (bench/kernel_mlp_gap.py prints the same
        // for the kernel's cell)
        var threads1 = threads();
        var sb = new StringBuilder("  threads, CPU / run-queue wait per 20 steps, ms:");
        for (var e : new java.util.TreeMap<>(threads1).entrySet()) {
            long[] b = threads0.getOrDefault(e.getKey(), new long[2]);
            long c = e.getValue()[0] - b[0], w = e.getValue()[1] - b[1];
            if (c > 200_000 || w > 200_000) sb.append(String.format(" %s %.2f/%.2f,", e.getKey().replace(' ', '_'), c / 1e6 / runs, w / 1e6 / runs));
        }
        if (series) // each timed run's caller CPU in order: how fast the JIT settles
            System.out.println("  caller's CPU run by run, ms: " + Arrays.stream(own).mapToObj(c -> String.format("%.1f", c)).collect(java.util.stream.Collectors.joining(" ")));
        if (series) // and the Java threads' MB allocated: a vector the JIT left boxed allocates
            System.out.println("  Java threads' MB allocated run by run: " + Arrays.stream(bytes).mapToObj(c -> String.format("%.1f", c)).collect(java.util.stream.Collectors.joining(" ")));
        Arrays.sort(wall);
        Arrays.sort(cpu);
        Arrays.sort(own);
        Arrays.sort(steps);
        Arrays.sort(bytes);
        System.out.printf("load %s, pool from %s: 20 steps wall median %.2f best %.2f ms, Java threads' CPU median %.2f best %.2f ms, the caller's CPU median %.2f best %.2f ms; one step's wall p10 %.3f best %.3f ms%n",
                load(), System.getProperty("gradbook.blas.splitPoolFrom", "default"), wall[runs / 2], wall[0], cpu[runs / 2], cpu[0], own[runs / 2], own[0], steps[steps.length / 10], steps[0]);
        // where the steps' time goes: a few slow steps (a lost core, a collection) against all steps a little slower
        System.out.println(sb);
        System.out.printf("  steps p50 %.3f p75 %.3f p90 %.3f p99 %.3f max %.3f ms; sum of steps over 2 ms %.1f ms%n",
                steps[steps.length / 2], steps[steps.length * 3 / 4], steps[steps.length * 9 / 10], steps[steps.length * 99 / 100],
                steps[steps.length - 1], Arrays.stream(steps).filter(t -> t > 2).sum());
        System.out.printf("  allocated per run median %.2f least %.2f most %.2f MB%n", bytes[runs / 2], bytes[0], bytes[runs - 1]);
    }

    /** Per thread name (threads of one name summed): CPU and run-queue wait so far, ns. */
    static java.util.Map<String, long[]> threads() {
        var m = new java.util.HashMap<String, long[]>();
        try (var ds = java.nio.file.Files.newDirectoryStream(java.nio.file.Path.of("/proc/self/task"))) {
            for (var d : ds) {
                try {
                    String name = java.nio.file.Files.readString(d.resolve("comm")).trim();
                    String[] f = java.nio.file.Files.readString(d.resolve("schedstat")).trim().split(" ");
                    long[] a = m.computeIfAbsent(name, k -> new long[2]);
                    a[0] += Long.parseLong(f[0]);
                    a[1] += Long.parseLong(f[1]);
                } catch (java.io.IOException gone) {
                    // the thread ended
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return m;
    }

    static long javaThreadsCpu(java.lang.management.ThreadMXBean mx) {
        long sum = 0;
        for (long id : mx.getAllThreadIds()) sum += Math.max(0, mx.getThreadCpuTime(id));
        return sum;
    }

    static long javaThreadsBytes(java.lang.management.ThreadMXBean mx) {
        var sun = (com.sun.management.ThreadMXBean) mx;
        long sum = 0;
        for (long id : mx.getAllThreadIds()) sum += Math.max(0, sun.getThreadAllocatedBytes(id));
        return sum;
    }

    static String load() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
