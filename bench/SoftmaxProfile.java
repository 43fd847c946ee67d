// SPDX-License-Identifier: Apache-2.0
import static io.gradbook.autograd.Torch.*;

import io.gradbook.autograd.Tensor;
import io.gradbook.autograd.math.Float32Softmax;
import io.gradbook.autograd.math.Simd;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The benchmark row "softmax + cross entropy fwd+bwd, 512x1000" taken apart: each op and each float32 kernel on its
 * own, best and median of rounds, in both wall time and the CPU time of all threads (the pool's threads count too; the
 * shared machine's load inflates wall time). {@code java --add-modules jdk.incubator.vector -cp
 * autograd-core/target/classes:deps:bench/out SoftmaxProfile [rounds]}; {@code -Dgradbook.simd=false} for the
 * scalar loops.
 */
public final class SoftmaxProfile {
    static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
    static final Map<String, double[][]> PARTS = new LinkedHashMap<>();

    static boolean warming;

    static void time(String name, int rounds, Runnable r) {
        if (warming) {
            for (int i = 0; i < rounds; i++) r.run();
            return;
        }
        double[][] t = new double[2][rounds];
        for (int i = 0; i < 5; i++) r.run();
        for (int i = 0; i < rounds; i++) {
            long c = cpu(), w = System.nanoTime();
            r.run();
            t[0][i] = (System.nanoTime() - w) / 1e6;
            t[1][i] = (cpu() - c) / 1e6;
        }
        PARTS.put(name, t);
    }

    /** CPU time of every live thread (this one and the pool's), in ns: the process's own counter ticks by 10 ms. */
    static long cpu() {
        long s = 0;
        for (long id : MX.getAllThreadIds()) s += Math.max(0, MX.getThreadCpuTime(id));
        return s;
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        manualSeed(0);
        Tensor sl = randn(512, 1000).requiresGrad_();
        Tensor st = tensor(java.util.stream.LongStream.range(0, 512).toArray());
        Tensor x = sl.detach();
        Tensor lp = logSoftmax(x, 1), sm = softmax(x, 1);
        Tensor g = randn(512, 1000);
        float[] xa = x.toFloatArray(), ya = sm.toFloatArray(), la = lp.toFloatArray(), ga = g.toFloatArray();
        float[] out = new float[xa.length];
        Tensor x3 = randn(64, 100, 80);
        float[] x3a = x3.toFloatArray(), o3 = new float[x3a.length], g3 = randn(64, 100, 80).toFloatArray();
        float[] y3 = softmax(x3, 1).toFloatArray(), l3 = logSoftmax(x3, 1).toFloatArray();

        // every part warm (C2) before any is timed: the parts share kernels
        for (int pass = 0; pass < 2; pass++) {
            warming = pass == 0;
            parts(rounds, sl, st, x, lp, xa, ya, la, ga, out, x3a, o3, g3, y3, l3);
        }
        System.out.printf("SIMD %s; %d rounds; ms: best wall / median wall / median CPU of all threads%n", Simd.enabled(), rounds);
        for (var e : PARTS.entrySet()) {
            double[] w = e.getValue()[0].clone(), c = e.getValue()[1].clone();
            Arrays.sort(w);
            Arrays.sort(c);
            System.out.printf("  %-44s %7.3f %7.3f %7.3f%n", e.getKey(), w[0], w[w.length / 2], c[c.length / 2]);
        }
    }

    static void parts(int rounds, Tensor sl, Tensor st, Tensor x, Tensor lp, float[] xa, float[] ya, float[] la, float[] ga,
                      float[] out, float[] x3a, float[] o3, float[] g3, float[] y3, float[] l3) {
        time("softmax(sl, 1)", rounds, () -> softmax(x, 1));
        time("logSoftmax(sl, 1)", rounds, () -> logSoftmax(x, 1));
        time("nllLoss(logp, st)", rounds, () -> nllLoss(lp, st));
        time("crossEntropy fwd", rounds, () -> crossEntropy(x, st));
        time("crossEntropy fwd+bwd", rounds, () -> crossEntropy(sl, st).backward());
        time("the row: softmax; crossEntropy fwd+bwd", rounds, () -> { softmax(sl, 1); crossEntropy(sl, st).backward(); });
        time("kernel softmax 512x1000", rounds, () -> Float32Softmax.softmax(xa, 0, out, 0, 512, 1000, 1));
        time("kernel logSoftmax 512x1000", rounds, () -> Float32Softmax.logSoftmax(xa, 0, out, 0, 512, 1000, 1));
        time("kernel softmaxBackward 512x1000", rounds, () -> Float32Softmax.softmaxBackward(ga, 0, ya, 0, out, 0, 512, 1000, 1, true));
        time("kernel logSoftmaxBackward 512x1000", rounds, () -> Float32Softmax.logSoftmaxBackward(ga, 0, la, 0, out, 0, 512, 1000, 1, true));
        time("kernel softmax 64x100x80 dim 1", rounds, () -> Float32Softmax.softmax(x3a, 0, o3, 0, 64, 100, 80));
        time("kernel logSoftmax 64x100x80 dim 1", rounds, () -> Float32Softmax.logSoftmax(x3a, 0, o3, 0, 64, 100, 80));
        time("kernel softmaxBackward 64x100x80 dim 1", rounds, () -> Float32Softmax.softmaxBackward(g3, 0, y3, 0, o3, 0, 64, 100, 80, false));
        time("kernel logSoftmaxBackward 64x100x80 dim 1", rounds, () -> Float32Softmax.logSoftmaxBackward(g3, 0, l3, 0, o3, 0, 64, 100, 80, false));
    }
}
