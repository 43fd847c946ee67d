// SPDX-License-Identifier: Apache-2.0
import static io.gradbook.autograd.Torch.*;

import io.gradbook.autograd.Tensor;
import java.util.Arrays;

/**
 * The benchmark row "softmax + cross entropy fwd+bwd, 512x1000" by phase, in process: the same statements as
 * {@code bench/softmax_phases.py} sends to the kernel as cells (keep the two alike), so one JVM with the kernel's
 * own flags (the driver passes them) shows what the row costs outside JShell. Phases: softmax forward, log_softmax
 * forward, nll_loss forward, then backward split by tensor hooks (nll_loss backward up to log_softmax's output,
 * log_softmax backward up to the leaf, AccumulateGrad's add_), and the whole row as the benchmark writes it, with
 * the calling thread's CPU time for it (the pool's thread does the other chunks).
 * {@code java [kernel flags] -cp 'lib/*:bench/out' SoftmaxPhases [cells] [rounds]}: prints one line per "cell".
 */
public final class SoftmaxPhases {
    static final long[] HOOK = new long[2];
    static final java.lang.management.ThreadMXBean MX = java.lang.management.ManagementFactory.getThreadMXBean();

    public static void main(String[] args) {
        int cells = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        manualSeed(0);
        Tensor sl = randn(512, 1000).requiresGrad_();
        Tensor st = tensor(java.util.stream.LongStream.range(0, 512).toArray());
        sl.registerHook(g -> HOOK[1] = System.nanoTime());
        for (int c = 0; c < cells; c++) {
            long[][] t = new long[rounds][8];
            for (int r = 0; r < rounds; r++) {
                long t0 = System.nanoTime();
                Tensor y = softmax(sl, 1);
                long t1 = System.nanoTime();
                Tensor lp = logSoftmax(sl, 1);
                long t2 = System.nanoTime();
                Tensor loss = nllLoss(lp, st);
                long t3 = System.nanoTime();
                lp.registerHook(g -> HOOK[0] = System.nanoTime());
                long t3b = System.nanoTime();
                loss.backward();
                long t4 = System.nanoTime(), h0 = HOOK[0], h1 = HOOK[1];
                long c4 = MX.getCurrentThreadCpuTime();
                softmax(sl, 1); crossEntropy(sl, st).backward();
                long t5 = System.nanoTime(), c5 = MX.getCurrentThreadCpuTime();
                t[r] = new long[] {t1 - t0, t2 - t1, t3 - t2, h0 - t3b, h1 - h0, t4 - h1, t5 - t4, c5 - c4};
            }
            System.out.println(line(c, t));
        }
    }

    /** Medians per phase over the cell's rounds, in ms. */
    static String line(int cell, long[][] t) {
        String[] names = {"softmax", "logSoftmax", "nll", "nllBwd", "lsmBwd", "accum", "row", "rowCpu"};
        StringBuilder sb = new StringBuilder("cell " + cell + ":");
        for (int k = 0; k < names.length; k++) {
            long[] v = new long[t.length];
            for (int r = 0; r < t.length; r++) v[r] = t[r][k];
            Arrays.sort(v);
            sb.append(String.format(" %s %.3f", names[k], v[v.length / 2] / 1e6));
        }
        return sb.toString();
    }
}
