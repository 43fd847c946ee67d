// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

import java.lang.management.ManagementFactory;

/**
 * What a fresh JVM's first native product costs beside the product itself: loading OpenBLAS ({@link NativeGemm}), then
 * binding its FFM downcall handles ({@link FfmGemm}, on its own thread in the kernel; here the caller waits), by
 * wall and process CPU. In the engine's package (both are package-private). Run with the kernel's JVM options
 * (kernel.json's argv between the java and -cp, less -XX:AOTCache) and its env (OPENBLAS_CORETYPE, OMP_NUM_THREADS=1):
 *
 * <pre>
 * javac -d /tmp/fb -cp 'SHARE/gradbook/lib/*' bench/FfmBindCost.java
 * java OPTIONS -cp 'SHARE/gradbook/lib/*:/tmp/fb' io.gradbook.autograd.math.FfmBindCost
 * </pre>
 */
public final class FfmBindCost {
    public static void main(String[] args) {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long c0 = os.getProcessCpuTime(), t0 = System.nanoTime();
        boolean loaded = NativeGemm.available();
        long c1 = os.getProcessCpuTime(), t1 = System.nanoTime();
        boolean bound = FfmGemm.available();
        long c2 = os.getProcessCpuTime(), t2 = System.nanoTime();
        System.out.printf("OpenBLAS loaded %b: %.0f ms wall, %.0f ms CPU | FFM bound %b (Haswell kernels %b): %.0f ms wall, %.0f ms CPU%n",
                loaded, (t1 - t0) / 1e6, (c1 - c0) / 1e6, bound, HaswellSgemm.ready(), (t2 - t1) / 1e6, (c2 - c1) / 1e6);
    }
}
