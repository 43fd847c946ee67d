// SPDX-License-Identifier: Apache-2.0
import static io.gradbook.autograd.Torch.*;

import io.gradbook.autograd.Tensor;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The quick MLP row's cold steps in one JVM (bench/kernel_mlp_cold.py without Jupyter): a fresh JVM runs what the
 * quick benchmark runs before the row (add 2x2 10^4 times and the linear regression's 2000 steps, 1 + 3 runs each),
 * the MLP's setup, then STEPS steps, printing the thread's CPU time per 10 steps and the sum over steps 20-80 (the
 * quick row's timed runs), then the quick softmax + cross entropy row's 4 runs (its kernels are the MLP's). Start it with the kernel's JVM flags (kernel.json) to see what the kernel's first cell
 * pays; by CPU time, since the shared machine's load inflates wall time.
 * {@code java [kernel flags] -cp autograd-core.jar:deps:bench/out MlpCold [steps]}
 */
public final class MlpCold {
    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 80;
        // "first": the MLP is the JVM's first work (kernel_vs_torch.py --only MLP: no earlier rows), and the first
        // 20 steps' CPU is printed step by step
        boolean first = args.length > 1 && args[1].equals("first");
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long t0 = mx.getCurrentThreadCpuTime();
        for (int run = 0; run < (first ? 0 : 4); run++) {
            Tensor ta = rand(2, 2), tb = rand(2, 2);
            for (int i = 0; i < 10_000; i++) ta.add(tb);
        }
        manualSeed(0);
        Tensor lx = randn(100), ly = lx.mul(3).add(2).add(randn(100).mul(0.1));
        Tensor lw = zeros(1).requiresGrad_(), lb = zeros(1).requiresGrad_();
        for (int run = 0; run < (first ? 0 : 4); run++) {
            for (int step = 0; step < 2000; step++) {
                Tensor loss = lx.mul(lw).add(lb).sub(ly).pow(2).mean();
                loss.backward();
                lw.data().sub_(lw.grad().mul(0.01)); lb.data().sub_(lb.grad().mul(0.01));
                lw.grad().zero_(); lb.grad().zero_();
            }
        }
        long t1 = mx.getCurrentThreadCpuTime();
        manualSeed(0);
        Tensor xs = randn(128, 784);
        Tensor labels = tensor(java.util.stream.LongStream.range(0, 128).map(i -> i % 10).toArray());
        Tensor w1 = randn(784, 256).mul(0.03).requiresGrad_(), b1 = zeros(256).requiresGrad_();
        Tensor w2 = randn(256, 10).mul(0.06).requiresGrad_(), b2 = zeros(10).requiresGrad_();
        Tensor[] params = {w1, b1, w2, b2};
        double[] per10 = new double[steps / 10];
        StringBuilder perStep = new StringBuilder();
        long mark = mx.getCurrentThreadCpuTime();
        System.err.println("MARK 0 " + System.currentTimeMillis()); // wall clock marks, to cut a profiler's recording
        Tensor loss = null;
        long stepMark = mark;
        // the whole process's CPU beside the thread's (the JIT's threads, the FFM binding thread), and the step at
        // which products stop going through NativeGemm's copies (FfmGemm bound; read by reflection, package-private)
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long proc0 = os.getProcessCpuTime(), wall0 = System.nanoTime();
        int boundAt = -1;
        java.lang.reflect.Field bound = null;
        try {
            bound = Class.forName("io.gradbook.autograd.math.FfmGemm").getDeclaredField("bound");
            bound.setAccessible(true);
        } catch (ReflectiveOperationException e) {
            // not this build's class: no step reported
        }
        for (int step = 0; step < steps; step++) {
            loss = crossEntropy(xs.matmul(w1).add(b1).relu().matmul(w2).add(b2), labels);
            loss.backward();
            for (Tensor p : params) { p.data().sub_(p.grad().mul(0.01)); p.grad().zero_(); }
            try {
                if (boundAt < 0 && bound != null && bound.getBoolean(null)) boundAt = step;
            } catch (IllegalAccessException e) {
                bound = null;
            }
            if (first && step < 20) {
                long now = mx.getCurrentThreadCpuTime();
                perStep.append(String.format(" %.1f", (now - stepMark) / 1e6));
                stepMark = now;
            }
            if (step + 1 == 20 || step + 1 == 80) System.err.println("MARK " + (step + 1) + " " + System.currentTimeMillis());
            if ((step + 1) % 10 == 0) {
                long now = mx.getCurrentThreadCpuTime();
                per10[step / 10] = (now - mark) / 1e6;
                mark = now;
            }
        }
        double procSteps = (os.getProcessCpuTime() - proc0) / 1e6, wallSteps = (System.nanoTime() - wall0) / 1e6;
        // the quick benchmark's softmax row after it (1 + 3 runs): its kernels are the MLP's softmax rows' methods
        Tensor sl = randn(512, 1000).requiresGrad_();
        Tensor st = tensor(java.util.stream.LongStream.range(0, 512).toArray());
        StringBuilder soft = new StringBuilder();
        for (int run = 0; run < 4; run++) {
            long c = mx.getCurrentThreadCpuTime();
            softmax(sl, 1);
            crossEntropy(sl, st).backward();
            soft.append(String.format(" %.1f", (mx.getCurrentThreadCpuTime() - c) / 1e6));
        }
        StringBuilder sb = new StringBuilder();
        double cold = 0;
        for (int w = 0; w < per10.length; w++) {
            sb.append(String.format(" %.0f", per10[w]));
            if (w >= 2 && w < 8) cold += per10[w];
        }
        if (first) System.out.printf("first 20 steps, CPU ms each:%s | %d steps: process CPU %.0f ms, wall %.0f ms | FFM products from step %d%n",
                perStep, steps, procSteps, wallSteps, boundAt);
        System.out.printf("earlier rows %.0f ms CPU | MLP CPU ms per 10 steps%s | steps 20-80: %.0f ms | loss %s | softmax row after it, CPU ms per run%s%n",
                (t1 - t0) / 1e6, sb, cold, Float.toHexString((float) loss.item()), soft);
    }
}
