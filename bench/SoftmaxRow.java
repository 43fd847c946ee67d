// SPDX-License-Identifier: Apache-2.0
import static io.gradbook.autograd.Torch.*;

import io.gradbook.autograd.Tensor;
import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * The benchmark row "softmax + cross entropy fwd+bwd, 512x1000" exactly as bench/kernel_vs_torch.py writes it
 * ({@code softmax(sl, 1); crossEntropy(sl, st).backward();}, x.grad kept between runs as there), in one JVM, for A/B
 * runs of two builds with the kernel's own flags ({@code bench/softmax_row_ab.py} runs them interleaved). Per cell
 * of {@code runs} rows it prints the medians of the row's wall time, the calling thread's CPU, the CPU of every
 * Java thread (the caller and the pool's), the bytes the caller allocated, and the cell's GC count and time.
 * Cell 0 starts cold (the quick row's first run is its run 0). {@code java [flags] -cp 'lib/*:bench/out' SoftmaxRow
 * [cells] [runs] [toggle]}: with {@code toggle}, odd cells run with backward's recycling off ({@code GradArrays.enabled},
 * what {@code -Dgradbook.recycle=false} sets), so both ways alternate in one JVM.
 */
public final class SoftmaxRow {
    static final com.sun.management.ThreadMXBean MX = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    public static void main(String[] args) {
        int cells = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        boolean toggle = args.length > 2 && args[2].equals("toggle");
        manualSeed(0);
        Tensor sl = randn(512, 1000).requiresGrad_();
        Tensor st = tensor(java.util.stream.LongStream.range(0, 512).toArray());
        for (int c = 0; c < cells; c++) {
            if (toggle) recycle(c % 2 == 0);
            long[][] t = new long[4][runs];
            long gc0 = gcCount(), gt0 = gcTime();
            long cellStart = System.nanoTime();
            for (int r = 0; r < runs; r++) {
                long all0 = allCpu(), c0 = MX.getCurrentThreadCpuTime(), b0 = MX.getCurrentThreadAllocatedBytes();
                long w0 = System.nanoTime();
                softmax(sl, 1); crossEntropy(sl, st).backward();
                long w1 = System.nanoTime();
                t[0][r] = w1 - w0;
                t[1][r] = MX.getCurrentThreadCpuTime() - c0;
                t[2][r] = allCpu() - all0;
                t[3][r] = MX.getCurrentThreadAllocatedBytes() - b0;
            }
            long cellWall = System.nanoTime() - cellStart;
            StringBuilder sb = new StringBuilder(String.format("cell %d" + (toggle ? (c % 2 == 0 ? " on" : " off") : "") + ": first %.3f", c, t[0][0] / 1e6));
            String[] names = {"wall", "cpu", "allCpu"};
            for (int k = 0; k < 3; k++) sb.append(String.format(" %s %.3f", names[k], median(t[k]) / 1e6));
            sb.append(String.format(" bytes %.2fM gc %d x %d ms cellWall %.1f", median(t[3]) / 1e6, gcCount() - gc0, gcTime() - gt0, cellWall / 1e6));
            System.out.println(sb);
        }
        System.out.println("check " + sl.grad().sum().item());
    }

    /** GradArrays.enabled (package-private: the bench reaches it by reflection). */
    static void recycle(boolean on) {
        try {
            var f = Class.forName("io.gradbook.autograd.GradArrays").getDeclaredField("enabled");
            f.setAccessible(true);
            f.setBoolean(null, on);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    static long median(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    /** CPU of every live Java thread (the caller and the pool's workers), in ns. */
    static long allCpu() {
        long s = 0;
        for (long id : MX.getAllThreadIds()) s += Math.max(0, MX.getThreadCpuTime(id));
        return s;
    }

    static long gcCount() {
        long n = 0;
        for (var g : ManagementFactory.getGarbageCollectorMXBeans()) n += g.getCollectionCount();
        return n;
    }

    static long gcTime() {
        long n = 0;
        for (var g : ManagementFactory.getGarbageCollectorMXBeans()) n += g.getCollectionTime();
        return n;
    }
}
