// SPDX-License-Identifier: Apache-2.0
import static io.gradbook.autograd.Torch.*;

import io.gradbook.autograd.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The MLP step of bench/kernel_vs_torch.py (784-256-10, batch 128, plain SGD) in process, by WALL time per step (the
 * kernel benchmark's measure), with where the process's CPU went: every thread's on-CPU and run-queue wait time from
 * /proc/self/task/N/schedstat, summed per thread name (OpenBLAS workers, fork-join workers, JIT compilers, GC),
 * per step, for each window of steps. Run with the kernel's JVM options to see what the kernel sees:
 * {@code java <kernel.json's options> -cp kernel-jar:lib/*:bench/out MlpWall [steps] [window]}.
 */
public final class MlpWall {
    /** on-CPU ns and run-queue wait ns per thread name, summed over the process's threads. */
    static Map<String, long[]> threads() {
        Map<String, long[]> m = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                try {
                    String name = Files.readString(t.resolve("comm")).trim().replaceAll("[0-9]+$", "#");
                    // native threads (OpenBLAS's workers) inherit the launcher's name "java": tell them apart by id
                    if (name.equals("java")) name = "java:" + t.getFileName();
                    String[] s = Files.readString(t.resolve("schedstat")).trim().split(" ");
                    long[] v = m.computeIfAbsent(name, k -> new long[2]);
                    v[0] += Long.parseLong(s[0]);
                    v[1] += Long.parseLong(s[1]);
                } catch (IOException | RuntimeException gone) { /* the thread ended meanwhile */ }
            }
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
        return m;
    }

    static void report(String label, Map<String, long[]> before, Map<String, long[]> after, int steps) {
        StringBuilder sb = new StringBuilder("    per step, ms cpu/wait:");
        for (var e : after.entrySet()) {
            long[] b = before.getOrDefault(e.getKey(), new long[2]);
            double cpu = (e.getValue()[0] - b[0]) / 1e6 / steps, wait = (e.getValue()[1] - b[1]) / 1e6 / steps;
            if (cpu >= 0.01 || wait >= 0.01) sb.append(String.format(" %s %.2f/%.2f;", e.getKey(), cpu, wait));
        }
        System.out.println(label);
        System.out.println(sb);
    }

    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int window = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        manualSeed(0);
        Tensor xs = randn(128, 784);
        Tensor labels = tensor(java.util.stream.LongStream.range(0, 128).map(i -> i % 10).toArray());
        Tensor w1 = randn(784, 256).mul(0.03).requiresGrad_(), b1 = zeros(256).requiresGrad_();
        Tensor w2 = randn(256, 10).mul(0.06).requiresGrad_(), b2 = zeros(10).requiresGrad_();
        Tensor[] params = {w1, b1, w2, b2};
        double[] wall = new double[window];
        StringBuilder sums = new StringBuilder("window sums, ms:");
        Map<String, long[]> before = threads();
        for (int step = 0; step < steps; step++) {
            long w = System.nanoTime();
            Tensor loss = crossEntropy(xs.matmul(w1).add(b1).relu().matmul(w2).add(b2), labels);
            loss.backward();
            for (Tensor p : params) { p.data().sub_(p.grad().mul(0.01)); p.grad().zero_(); }
            wall[step % window] = (System.nanoTime() - w) / 1e6;
            if (step % window == window - 1) {
                Map<String, long[]> now = threads();
                double[] d = wall.clone();
                Arrays.sort(d);
                report(String.format("[epoch ms %d] steps %3d-%3d: wall ms/step median %.2f, mean %.2f, max %.2f", System.currentTimeMillis(), step + 1 - window,
                        step, d[window / 2], Arrays.stream(d).average().orElse(0), d[window - 1]), before, now, window);
                before = now;
                sums.append(String.format(" %.0f", Arrays.stream(wall).sum()));
            }
        }
        System.out.println(sums);
    }
}
