// SPDX-License-Identifier: Apache-2.0
import static io.gradbook.autograd.Torch.*;

import io.gradbook.autograd.Tensor;
import java.util.Arrays;
import java.util.function.Supplier;

/** Gradbook's side of bench/run.sh: median times of the cases bench_torch.py times in PyTorch. */
public final class Bench {
    static double medianMicros(Runnable r, int reps, double minSeconds) {
        for (int i = 0; i < Math.max(3, reps / 5); i++) r.run(); // warm-up (JIT)
        double[] t = new double[reps];
        long until = System.nanoTime() + (long) (minSeconds * 1e9);
        int n = 0;
        while (n < reps) {
            long s = System.nanoTime();
            r.run();
            t[n++] = (System.nanoTime() - s) / 1e3;
            if (n >= 5 && System.nanoTime() > until) break;
        }
        double[] d = Arrays.copyOf(t, n);
        Arrays.sort(d);
        return d[n / 2];
    }

    /** Many tiny calls per sample, so the timer's own cost does not dominate. */
    static double perCall(Runnable r, int inner) {
        return medianMicros(() -> { for (int i = 0; i < inner; i++) r.run(); }, 200, 1.0) / inner;
    }

    public static void main(String[] args) {
        manualSeed(0);
        Tensor a = rand(2, 2), b = rand(2, 2);
        Tensor ag = rand(2, 2).requiresGrad_();
        report("add 2x2", perCall(() -> a.add(b), 10_000));
        report("add 2x2 requires_grad", perCall(() -> ag.add(b), 10_000));
        Tensor x = rand(3), w = rand(3).requiresGrad_(), bb = rand(3).requiresGrad_();
        report("(x*w+b).sum() fwd+bwd [3]", perCall(() -> x.mul(w).add(bb).sum().backward(), 2_000));
        for (int n : new int[] {64, 256, 1024}) {
            Tensor m1 = randn(n, n), m2 = randn(n, n);
            int reps = n >= 1024 ? 15 : 100;
            report("matmul n=" + n, medianMicros(() -> m1.matmul(m2), reps, 2.0));
        }
        Tensor xs = randn(128, 784), w1 = randn(256, 784).mul(0.03).requiresGrad_(), b1 = zeros(256).requiresGrad_();
        Tensor w2 = randn(10, 256).mul(0.06).requiresGrad_(), b2 = zeros(10).requiresGrad_();
        Tensor labels = tensor(new long[128]);
        Tensor[] params = {w1, b1, w2, b2};
        report("MLP 784-256-10 step, batch 128", medianMicros(() -> {
            Tensor loss = crossEntropy(linear(linear(xs, w1, b1).relu(), w2, b2), labels);
            loss.backward();
            try (var g = noGrad()) {
                for (Tensor p : params) {
                    p.sub_(p.grad().mul(0.01));
                    p.grad().zero_();
                }
            }
        }, 60, 3.0));
    }

    static void report(String name, double micros) {
        System.out.printf("%s\t%.3f%n", name, micros);
    }
}
