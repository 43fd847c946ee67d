// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Random;

/**
 * The quick MLP row's five float32 products per step (784-256-10, batch 128: forward x w1 and h w2, backward the
 * gradients of w2, h and w1; all above 2^18 multiply-adds, so all through TorchBlas's 2-thread split) without the
 * rest of the engine, in a fresh JVM: the caller thread's CPU per product shape over the first steps, so the split's
 * cold cost (the FFM binding, the first calls of SgemmInnerThread and the Haswell kernels' downcalls interpreted or
 * C1) shows apart from the engine's own. Run it with the kernel's JVM options (kernel.json's argv less the AOT cache)
 * and its env (OPENBLAS_CORETYPE=Haswell, OMP_NUM_THREADS=1); {@code -Dgradbook.blas.torchSplit32=false} for the old
 * path, interleaved, by CPU time (the shared machine's load moves wall time):
 *
 * <pre>
 * javac -d /tmp/sc -cp 'SHARE/gradbook/lib/*' bench/SplitCold.java
 * java OPTIONS -cp 'SHARE/gradbook/lib/*:/tmp/sc' io.gradbook.autograd.math.SplitCold [steps] [wait]
 * </pre>
 * {@code wait}: the first product waits for the FFM binding (as if it had been bound at idle before the cell).
 */
public final class SplitCold {
    /** Column-major m, n, k, transA, transB of the MLP's products as the engine hands them to TorchBlas. */
    private static final int[][] SHAPES = {
            {256, 128, 784, 0, 0}, // x @ w1
            {10, 128, 256, 0, 0}, // relu(h) @ w2
            {256, 128, 10, 1, 0}, // grad h = g @ w2^T
            {10, 256, 128, 0, 1}, // grad w2 = h^T @ g
            {256, 784, 128, 0, 1}, // grad w1 = x^T @ gh
    };

    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 80;
        boolean wait = args.length > 1 && args[1].equals("wait");
        int prewarm = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Random r = new Random(0);
        float[][][] ops = new float[SHAPES.length][3][];
        for (int s = 0; s < SHAPES.length; s++) {
            int m = SHAPES[s][0], n = SHAPES[s][1], k = SHAPES[s][2];
            ops[s][0] = fill(r, m * k);
            ops[s][1] = fill(r, k * n);
            ops[s][2] = new float[m * n];
        }
        if (wait) {
            NativeGemm.available();
            FfmGemm.available();
        }
        if (prewarm > 0) {
            // the split's Java side run on small products first (a warm-up's), so the JIT has compiled it
            long c = mx.getCurrentThreadCpuTime();
            float[] a = fill(r, 64 * 700), b = fill(r, 700 * 64), out = new float[64 * 64];
            int[][] small = {{16, 16, 700}, {8, 24, 40}, {24, 8, 40}, {2, 24, 40}};
            for (int i = 0; i < prewarm; i++) {
                int[] sh = small[i % small.length];
                boolean ta = (i & 4) != 0, tb = (i & 8) != 0;
                TorchBlas.sgemmKernels(ta, tb, sh[0], sh[1], sh[2], a, 0, ta ? sh[2] : sh[0], b, 0, tb ? sh[1] : sh[2], 0f, out, 0, sh[0]);
            }
            System.out.printf("prewarm %d products: %.0f ms CPU%n", prewarm, (mx.getCurrentThreadCpuTime() - c) / 1e6);
        }
        long[][] cpu = new long[steps][SHAPES.length];
        long proc0 = os.getProcessCpuTime(), wall0 = System.nanoTime();
        int kernelsAt = -1;
        long[] upAt = new long[(steps + 19) / 20];
        for (int step = 0; step < steps; step++) {
            if (step % 20 == 0) upAt[step / 20] = ManagementFactory.getRuntimeMXBean().getUptime();
            if (kernelsAt < 0 && HaswellSgemm.ready()) kernelsAt = step;
            for (int s = 0; s < SHAPES.length; s++) {
                int[] sh = SHAPES[s];
                int m = sh[0], n = sh[1], k = sh[2];
                boolean ta = sh[3] == 1, tb = sh[4] == 1;
                long c = mx.getCurrentThreadCpuTime();
                TorchBlas.sgemm(ta, tb, m, n, k, ops[s][0], 0, ta ? k : m, ops[s][1], 0, tb ? n : k, 0f, ops[s][2], 0, m);
                cpu[step][s] = mx.getCurrentThreadCpuTime() - c;
            }
        }
        double proc = (os.getProcessCpuTime() - proc0) / 1e6, wall = (System.nanoTime() - wall0) / 1e6;
        StringBuilder sb = new StringBuilder();
        for (int from = 0; from < steps; from += 20) {
            int to = Math.min(steps, from + 20);
            sb.append(String.format(" | steps %d-%d (from %d ms):", from, to, upAt[from / 20]));
            double all = 0;
            for (int s = 0; s < SHAPES.length; s++) {
                long sum = 0;
                for (int i = from; i < to; i++) sum += cpu[i][s];
                all += sum / 1e6;
                sb.append(String.format(" %.1f", sum / 1e6));
            }
            sb.append(String.format(" = %.1f", all));
        }
        System.out.printf("split %s kernels from step %d | process CPU %.0f ms, wall %.0f ms%s%n",
                TorchBlas.SPLIT32, kernelsAt, proc, wall, sb);
    }

    private static float[] fill(Random r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) r.nextGaussian();
        return a;
    }
}
