// SPDX-License-Identifier: Apache-2.0
import static io.gradbook.autograd.Torch.*;

import io.gradbook.autograd.Tensor;
import io.gradbook.autograd.math.Float32Softmax;
import io.gradbook.autograd.math.RowSplit;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The softmax + cross entropy row's float32 kernels on one thread (RowSplit off), by the calling thread's CPU time
 * and bytes allocated per call: on a loaded 2-core machine a JVM's own thread CPU is what can be compared, and
 * kernels interleaved call by call see the same load. Also the whole row ({@code softmax(sl, 1);
 * crossEntropy(sl, st).backward()}) on one thread and split. For A/B of two builds run it in alternating JVMs with
 * the kernel's flags: {@code java [kernel.json's flags] -cp 'LIB/*:bench/out' SoftmaxKernels [rounds]}. Prints best,
 * first quartile and median ms of CPU, and the median bytes a call (a vector left boxed by the JIT shows there:
 * 2-4 MB where the kernel allocates nothing).
 */
public final class SoftmaxKernels {
    static final com.sun.management.ThreadMXBean MX = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int rows = 512, n = 1000;
        manualSeed(0);
        Tensor sl = randn(rows, n).requiresGrad_();
        Tensor st = tensor(java.util.stream.LongStream.range(0, rows).toArray());
        float[] x = sl.detach().toFloatArray(), out = new float[x.length], g = new float[x.length];
        float[] sm = softmax(sl.detach(), 1).toFloatArray(), lsm = logSoftmax(sl.detach(), 1).toFloatArray();
        for (int i = 0; i < rows; i++) g[i * n + i] = -1f / rows; // nll_loss's gradient: one -1/N a row
        Map<String, Runnable> ks = new LinkedHashMap<>();
        ks.put("softmax", () -> Float32Softmax.softmax(x, 0, out, 0, rows, n, 1));
        ks.put("logSoftmax", () -> Float32Softmax.logSoftmax(x, 0, out, 0, rows, n, 1));
        ks.put("softmaxBackward", () -> Float32Softmax.softmaxBackward(g, 0, sm, 0, out, 0, rows, n, 1, true));
        ks.put("logSoftmaxBackward", () -> Float32Softmax.logSoftmaxBackward(g, 0, lsm, 0, out, 0, rows, n, 1, true));
        ks.put("row, one thread", () -> { softmax(sl, 1); crossEntropy(sl, st).backward(); });
        ks.put("row, split (caller's CPU)", () -> { softmax(sl, 1); crossEntropy(sl, st).backward(); });
        Map<String, long[][]> t = new LinkedHashMap<>();
        for (String k : ks.keySet()) t.put(k, new long[2][rounds]);
        for (int w = 0; w < 2 * rounds; w++) run(ks, null, 0);
        for (int i = 0; i < rounds; i++) run(ks, t, i);
        RowSplit.setParallel(true);
        System.out.printf("%-28s %8s %8s %8s %10s%n", "one call, ms CPU", "best", "p25", "median", "bytes");
        for (var e : t.entrySet()) {
            long[] c = e.getValue()[0], b = e.getValue()[1];
            Arrays.sort(c);
            Arrays.sort(b);
            System.out.printf("%-28s %8.3f %8.3f %8.3f %10d%n", e.getKey(), c[0] / 1e6, c[rounds / 4] / 1e6, c[rounds / 2] / 1e6, b[rounds / 2]);
        }
    }

    static void run(Map<String, Runnable> ks, Map<String, long[][]> t, int i) {
        for (var e : ks.entrySet()) {
            RowSplit.setParallel(e.getKey().contains("split"));
            long c = MX.getCurrentThreadCpuTime(), b = MX.getCurrentThreadAllocatedBytes();
            e.getValue().run();
            if (t == null) continue;
            t.get(e.getKey())[0][i] = MX.getCurrentThreadCpuTime() - c;
            t.get(e.getKey())[1][i] = MX.getCurrentThreadAllocatedBytes() - b;
        }
    }
}
