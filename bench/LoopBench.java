// SPDX-License-Identifier: Apache-2.0
import static io.gradbook.autograd.Torch.*;

import io.gradbook.autograd.Tensor;
import io.gradbook.autograd.math.Simd;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The simple element-wise ops of the MLP step (issue 10) one by one, at the step's sizes: best and median wall
 * time and median thread CPU time per call, in microseconds. {@code simd} as the argument alternates the Vector
 * API and the scalar loops in rounds in this one process (so the machine's load hits both alike); {@code parallel}
 * alternates the fork-join split of large ops with one thread.
 * {@code java --add-modules jdk.incubator.vector -cp autograd-core/target/classes:<deps>:bench/out LoopBench [simd]}
 */
public final class LoopBench {
    static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) {
        boolean both = args.length > 0 && args[0].equals("simd");
        boolean par = args.length > 0 && args[0].equals("parallel");
        manualSeed(0);
        Tensor h = randn(128, 256), w = randn(784, 256), g = randn(784, 256), b = randn(256);
        Tensor y = randn(128, 256).relu(), gy = randn(128, 256);
        Tensor hr = randn(128, 256).requiresGrad_();
        Map<String, Runnable> cases = new LinkedHashMap<>();
        cases.put("relu 128x256", () -> h.relu());
        cases.put("relu fwd+bwd 128x256", () -> hr.relu().backward(gy));
        cases.put("add(b) 128x256 + 256", () -> h.add(b));
        cases.put("sum(0) 128x256", () -> h.sum(0));
        cases.put("w.mul(0.01) 784x256", () -> w.mul(0.01));
        cases.put("w.sub_(g) 784x256", () -> w.sub_(g));
        cases.put("w.add_(g) 784x256", () -> w.add_(g));
        cases.put("w.mul_(1.0) 784x256", () -> w.mul_(1.0));
        cases.put("g.zero_() 784x256", () -> g.zero_());
        cases.put("w.clone() 784x256", () -> w.clone());
        String[] modes = both ? new String[] {"simd", "scalar", "simd", "scalar"}
                : par ? new String[] {"parallel", "one thread", "parallel", "one thread"} : new String[] {Simd.enabled() ? "simd" : "scalar"};
        for (String mode : modes) {
            if (both) Simd.setEnabled(mode.equals("simd"));
            if (par) setParallel(mode.equals("parallel"));
            System.out.printf("%s (us per call: best wall, median wall, median thread CPU)%n", mode);
            for (var e : cases.entrySet()) {
                double[] r = measure(e.getValue(), 400);
                System.out.printf("  %-24s %8.1f %8.1f %8.1f%n", e.getKey(), r[0], r[1], r[2]);
            }
        }
    }

    /** TensorIterator.parallel, the switch its tests use, reached by reflection from this default-package bench. */
    static void setParallel(boolean on) {
        try {
            var f = Class.forName("io.gradbook.autograd.TensorIterator").getDeclaredField("parallel");
            f.setAccessible(true);
            f.setBoolean(null, on);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    static double[] measure(Runnable r, int reps) {
        for (int i = 0; i < reps; i++) r.run();
        double[] wall = new double[reps], cpu = new double[reps];
        for (int i = 0; i < reps; i++) {
            long c = MX.getCurrentThreadCpuTime(), t = System.nanoTime();
            r.run();
            wall[i] = (System.nanoTime() - t) / 1e3;
            cpu[i] = (MX.getCurrentThreadCpuTime() - c) / 1e3;
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        return new double[] {wall[0], wall[reps / 2], cpu[reps / 2]};
    }
}
