// SPDX-License-Identifier: Apache-2.0
import static io.gradbook.autograd.Torch.*;

import io.gradbook.autograd.Tensor;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where one pass of the sin row goes (kernel_vs_torch.py's `x.sin().mul(x).exp().sum()` fwd+bwd on 1000x1000), op
 * by op, in one JVM: the forward ops one by one, then the backward's work replayed as the engine runs it (under
 * no_grad, the same calls its rules make), each timed by wall and process CPU; then whole passes, and GC time.
 * Prints median ms per op over the timed rounds; CPU is all threads' (the pool's chunks included). PyTorch's list of
 * the same pass: bench/sin_row_torch.py. Run from the repository root, JDK 25, the kernel's flags that matter here:
 * <pre>
 * mvn -B -ntp -o -q -pl autograd-core compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * javac -d bench/out -cp autograd-core/target/classes bench/SinRowProfile.java
 * java -Xss8m -XX:+UseSerialGC --add-modules jdk.incubator.vector --add-exports java.base/jdk.internal.misc=ALL-UNNAMED \
 *   -cp autograd-core/target/classes:$(cat /tmp/cp.txt):bench/out SinRowProfile
 * </pre>
 * ({@code -Drounds=N -Dwarm=N}; {@code -Dgradbook.uninitialized=false}, {@code -Dgradbook.serialArithMax=N} for the
 * variants.)
 */
public final class SinRowProfile {
    static final java.lang.management.ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** CPU time of all live threads (the process CPU clock ticks in 10 ms here; threads' clocks in ns). */
    static long cpuNanos() {
        long s = 0;
        for (long id : THREADS.getAllThreadIds()) s += Math.max(0, THREADS.getThreadCpuTime(id));
        return s;
    }
    static final Map<String, double[][]> TIMES = new LinkedHashMap<>();
    static int round;

    static Tensor timed(String name, java.util.function.Supplier<Tensor> op) {
        long w = System.nanoTime(), c = cpuNanos();
        Tensor t = op.get();
        double dw = (System.nanoTime() - w) / 1e6, dc = (cpuNanos() - c) / 1e6;
        if (round >= 0) {
            double[][] a = TIMES.computeIfAbsent(name, k -> new double[2][ROUNDS]);
            a[0][round] = dw;
            a[1][round] = dc;
        }
        return t;
    }

    static final int ROUNDS = Integer.getInteger("rounds", 40);

    static long gcMillis() {
        long s = 0;
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) s += b.getCollectionTime();
        return s;
    }

    public static void main(String[] args) {
        manualSeed(0);
        Tensor x = randn(1000, 1000).requiresGrad_();
        int warm = Integer.getInteger("warm", 60);
        for (int i = 0; i < warm; i++) x.sin().mul(x).exp().sum().backward();
        // whole passes, 5 at a time as the bench cell runs them
        double[] cells = new double[ROUNDS];
        long gc0 = gcMillis(), cpu0 = cpuNanos();
        for (int r = 0; r < ROUNDS; r++) {
            long t = System.nanoTime();
            for (int i = 0; i < 5; i++) x.sin().mul(x).exp().sum().backward();
            cells[r] = (System.nanoTime() - t) / 1e6;
        }
        double cellCpu = (cpuNanos() - cpu0) / 1e6 / ROUNDS;
        long gcCells = gcMillis() - gc0;
        // op by op
        Tensor grad = x.grad().clone();
        long gc1 = gcMillis();
        for (round = -5; round < ROUNDS; round++) {
            try (var ng = noGrad()) {
                Tensor xd = x.detach();
                Tensor s = timed("fwd sin", () -> xd.sin());
                Tensor m = timed("fwd mul", () -> s.mul(xd));
                Tensor e = timed("fwd exp", () -> m.exp());
                Tensor sum = timed("fwd sum", () -> e.sum());
                Tensor g = onesLike(sum);
                Tensor ge = timed("bwd Exp: g.expand.mul(result)", () -> g.expand(1000, 1000).mul(e));
                Tensor ga = timed("bwd Mul: g.mul(x)", () -> ge.mul(xd));
                Tensor gb = timed("bwd Mul: g.mul(sin)", () -> ge.mul(s));
                Tensor c = timed("bwd Sin: x.cos()", () -> xd.cos());
                Tensor gs = timed("bwd Sin: cos.mul_(g)", () -> c.mul_(ga)); // as SinBackward0 now does
                Tensor buf = timed("bwd buffer add", () -> gb.add(gs));
                timed("bwd AccumulateGrad add_", () -> grad.add_(buf));
            }
        }
        long gcOps = gcMillis() - gc1;
        System.out.printf("%-34s %8s %8s %8s%n", "op (median of " + ROUNDS + ")", "wall ms", "cpu ms", "min wall");
        double sw = 0, sc = 0;
        for (var en : TIMES.entrySet()) {
            double mw = median(en.getValue()[0]), mc = median(en.getValue()[1]);
            sw += mw;
            sc += mc;
            // the fastest round: on a loaded machine, the one closest to both threads having their cores
            System.out.printf("%-34s %8.3f %8.3f %8.3f%n", en.getKey(), mw, mc, Arrays.stream(en.getValue()[0]).min().getAsDouble());
        }
        System.out.printf("%-34s %8.3f %8.3f%n", "sum of op medians", sw, sc);
        System.out.printf("GC during op rounds: %d ms over %d rounds%n", gcOps, ROUNDS);
        System.out.printf("5-pass cell: median %.2f ms, min %.2f, CPU %.2f ms/cell, GC %d ms over %d cells%n",
                median(cells), Arrays.stream(cells).min().getAsDouble(), cellCpu, gcCells, ROUNDS);
    }

    static double median(double[] a) {
        double[] d = a.clone();
        Arrays.sort(d);
        return d[d.length / 2];
    }
}
