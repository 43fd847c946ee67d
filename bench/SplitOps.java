// SPDX-License-Identifier: Apache-2.0
import static io.gradbook.autograd.Torch.*;

import io.gradbook.autograd.Tensor;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The sin row's ops on 1000x1000, each timed split over the pool and on the calling thread alone, alternating round
 * by round in one JVM (TensorIterator's test switch, read by reflection), so a loaded machine's minutes fall on both
 * sides alike: median and fastest wall, and the CPU of every thread (the pool's included), per op. The fastest round
 * is the one nearest an idle machine (both threads on a core). Build and run as bench/SinRowProfile.java says;
 * {@code -Drounds=N -Dwarm=N}; {@code -Dgradbook.serialArithMax=262144} for the arithmetic's split side (by default
 * 1000x1000 arithmetic stays on one thread, so both its columns are one thread).
 */
public final class SplitOps {
    static final java.lang.management.ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    static long cpuNanos() {
        long s = 0;
        for (long id : THREADS.getAllThreadIds()) s += Math.max(0, THREADS.getThreadCpuTime(id));
        return s;
    }

    public static void main(String[] args) throws Exception {
        var parallel = Class.forName("io.gradbook.autograd.TensorIterator").getDeclaredField("parallel");
        parallel.setAccessible(true);
        int rounds = Integer.getInteger("rounds", 60), warm = Integer.getInteger("warm", 40);
        manualSeed(0);
        Tensor x = randn(1000, 1000), y = randn(1000, 1000), acc = zeros(1000, 1000), g = ones(new int[] {});
        Map<String, Supplier<Object>> ops = new LinkedHashMap<>();
        ops.put("sin", x::sin);
        ops.put("exp", x::exp);
        ops.put("cos", x::cos);
        ops.put("mul", () -> x.mul(y));
        ops.put("add", () -> x.add(y));
        ops.put("expanded scalar * t", () -> g.expand(1000, 1000).mul(y));
        ops.put("add_ (in place)", () -> acc.add_(y));
        double[][][] t = new double[ops.size()][4][rounds]; // [op][split wall, split cpu, serial wall, serial cpu]
        for (int r = -warm; r < rounds; r++) {
            int k = 0;
            for (var op : ops.values()) {
                for (int side = 0; side < 2; side++) {
                    // alternate which side goes first, so neither always follows the other's cache state
                    boolean split = (side == 0) == (r % 2 == 0);
                    parallel.setBoolean(null, split);
                    long w = System.nanoTime(), c = cpuNanos();
                    op.get();
                    double dw = (System.nanoTime() - w) / 1e6, dc = (cpuNanos() - c) / 1e6;
                    if (r >= 0) {
                        t[k][split ? 0 : 2][r] = dw;
                        t[k][split ? 1 : 3][r] = dc;
                    }
                }
                k++;
            }
        }
        parallel.setBoolean(null, true);
        System.out.printf("%-22s %26s   %26s%n", "op, ms (" + rounds + " rounds)", "split: wall med/min, cpu", "one thread: wall med/min, cpu");
        int k = 0;
        for (String name : ops.keySet()) {
            double[][] a = t[k++];
            System.out.printf("%-22s %8.3f %8.3f %8.3f   %8.3f %8.3f %8.3f%n", name, median(a[0]), min(a[0]), median(a[1]),
                    median(a[2]), min(a[2]), median(a[3]));
        }
    }

    static double median(double[] a) {
        double[] d = a.clone();
        Arrays.sort(d);
        return d[d.length / 2];
    }

    static double min(double[] a) {
        return Arrays.stream(a).min().getAsDouble();
    }
}
