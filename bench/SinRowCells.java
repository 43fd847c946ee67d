// SPDX-License-Identifier: Apache-2.0
import static io.gradbook.autograd.Torch.*;

import io.gradbook.autograd.Tensor;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * The sin row's 5-pass cell (kernel_vs_torch.py: {@code x.sin().mul(x).exp().sum()} fwd+bwd on 1000x1000, 5 times)
 * in one JVM, for A/B runs of JVM flags and engine settings: the process's CPU per cell (every thread, the GC's
 * included, which ThreadMXBean's per-thread clocks leave out under SerialGC), median wall, GC count and time, and the
 * bytes the cell thread allocated. {@code -Dcells=N -Dwarm=N -Dsets=N} (sets: repeated blocks, each printed).
 * Build and run as bench/SinRowProfile.java says (same class path and flags).
 */
public final class SinRowCells {
    public static void main(String[] args) {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        int cells = Integer.getInteger("cells", 40), warm = Integer.getInteger("warm", 60), sets = Integer.getInteger("sets", 3);
        manualSeed(0);
        Tensor x = randn(1000, 1000).requiresGrad_();
        for (int i = 0; i < warm; i++) x.sin().mul(x).exp().sum().backward();
        for (int s = 0; s < sets; s++) {
            double[] wall = new double[cells];
            long cpu0 = os.getProcessCpuTime(), gcN0 = gcCount(), gcT0 = gcMillis();
            long bytes0 = threads.getCurrentThreadAllocatedBytes();
            for (int c = 0; c < cells; c++) {
                long t = System.nanoTime();
                for (int i = 0; i < 5; i++) x.sin().mul(x).exp().sum().backward();
                wall[c] = (System.nanoTime() - t) / 1e6;
            }
            double cpu = (os.getProcessCpuTime() - cpu0) / 1e6 / cells;
            double mb = (threads.getCurrentThreadAllocatedBytes() - bytes0) / 1e6 / cells;
            Arrays.sort(wall);
            System.out.printf("set %d: CPU %.2f ms/cell, wall median %.2f min %.2f, GC %d (%d ms) over %d cells, %.1f MB/cell%n",
                    s, cpu, wall[cells / 2], wall[0], gcCount() - gcN0, gcMillis() - gcT0, cells, mb);
        }
        System.out.println("grad[0] " + x.grad().flatten().get(0).item());
    }

    static long gcCount() {
        long s = 0;
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) s += b.getCollectionCount();
        return s;
    }

    static long gcMillis() {
        long s = 0;
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) s += b.getCollectionTime();
        return s;
    }
}
