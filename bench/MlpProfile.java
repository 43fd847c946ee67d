// SPDX-License-Identifier: Apache-2.0
import static io.gradbook.autograd.Torch.*;

import io.gradbook.autograd.Tensor;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The MLP step of bench/kernel_vs_torch.py (784-256-10, batch 128, plain SGD) outside Jupyter, op by op: each
 * part's median thread CPU time over the steps (CPU time, because the shared machine's load inflates wall time),
 * then the whole step and softmax + cross entropy on 512x1000 as the kernel benchmark runs them.
 * {@code java -cp autograd-core.jar:deps:bench/out MlpProfile [steps]}
 */
public final class MlpProfile {
    static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
    static final Map<String, double[]> PARTS = new LinkedHashMap<>();
    static int step;

    static <T> T time(String name, Supplier<T> f) {
        long s = MX.getCurrentThreadCpuTime();
        T r = f.get();
        PARTS.computeIfAbsent(name, k -> new double[STEPS])[step] = (MX.getCurrentThreadCpuTime() - s) / 1e6;
        return r;
    }

    static int STEPS = 200;

    static double median(double[] v) {
        double[] d = v.clone();
        Arrays.sort(d);
        return d[d.length / 2];
    }

    public static void main(String[] args) {
        if (args.length > 0) STEPS = Integer.parseInt(args[0]);
        manualSeed(0);
        Tensor xs = randn(128, 784);
        Tensor labels = tensor(java.util.stream.LongStream.range(0, 128).map(i -> i % 10).toArray());
        Tensor w1 = randn(784, 256).mul(0.03).requiresGrad_(), b1 = zeros(256).requiresGrad_();
        Tensor w2 = randn(256, 10).mul(0.06).requiresGrad_(), b2 = zeros(10).requiresGrad_();
        Tensor[] params = {w1, b1, w2, b2};
        for (step = 0; step < STEPS; step++) {
            long s = MX.getCurrentThreadCpuTime(), w = System.nanoTime();
            Tensor h = time("xs.matmul(w1)", () -> xs.matmul(w1));
            Tensor hb = time(".add(b1)", () -> h.add(b1));
            Tensor r = time(".relu()", () -> hb.relu());
            Tensor o = time(".matmul(w2)", () -> r.matmul(w2));
            Tensor ob = time(".add(b2)", () -> o.add(b2));
            Tensor loss = time("crossEntropy", () -> crossEntropy(ob, labels));
            time("backward", () -> { loss.backward(); return null; });
            time("sgd update", () -> {
                for (Tensor p : params) { p.data().sub_(p.grad().mul(0.01)); p.grad().zero_(); }
                return null;
            });
            PARTS.computeIfAbsent("whole step", k -> new double[STEPS])[step] = (MX.getCurrentThreadCpuTime() - s) / 1e6;
            PARTS.computeIfAbsent("whole step wall", k -> new double[STEPS])[step] = (System.nanoTime() - w) / 1e6;
        }
        System.out.printf("MLP step, median thread CPU ms (wall for the last line) over %d steps (first half dropped as warm-up)%n", STEPS);
        for (var e : PARTS.entrySet()) {
            double[] v = Arrays.copyOfRange(e.getValue(), STEPS / 2, STEPS);
            System.out.printf("  %-16s %8.3f%n", e.getKey(), median(v));
        }
        if (Boolean.getBoolean("mlp.only")) return; // -Dmlp.only=true: the step alone (for a profiler)
        Tensor sl = randn(512, 1000).requiresGrad_();
        Tensor st = tensor(java.util.stream.LongStream.range(0, 512).toArray());
        double[] t = new double[Math.max(20, STEPS / 4)];
        for (int i = 0; i < t.length; i++) {
            long s = MX.getCurrentThreadCpuTime();
            softmax(sl, 1);
            crossEntropy(sl, st).backward();
            t[i] = (MX.getCurrentThreadCpuTime() - s) / 1e6;
        }
        System.out.printf("softmax + cross entropy fwd+bwd 512x1000: %.3f ms%n", median(Arrays.copyOfRange(t, t.length / 2, t.length)));
        System.out.println("loss after training: " + loss(xs, w1, b1, w2, b2, labels));
    }

    static String loss(Tensor xs, Tensor w1, Tensor b1, Tensor w2, Tensor b2, Tensor labels) {
        return String.valueOf(crossEntropy(xs.matmul(w1).add(b1).relu().matmul(w2).add(b2), labels).item());
    }
}
