// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

import java.lang.management.ManagementFactory;
import java.util.Random;

/**
 * JDK 17-21: the MLP's five float32 products per step (784-256-10, batch 128, as the engine hands them to
 * TorchBlas) right after the Java port's warm-up has finished (SgemmInnerThread32.usable), step by step: the
 * process's CPU and the wall per step, and "step N" on stdout so that {@code -XX:+PrintCompilation} shows what the
 * JIT still compiles in the first steps after the warm-up. Run with the kernel's JVM options (kernel.json's argv) and
 * OPENBLAS_CORETYPE=Haswell:
 * <pre>
 * javac --add-modules jdk.incubator.vector -d OUT -cp 'SHARE/gradbook/lib/*' bench/PortCold17.java
 * java OPTIONS -cp 'SHARE/gradbook/lib/*:OUT' io.gradbook.autograd.math.PortCold17 [steps] [n: square n products]
 * </pre>
 */
public final class PortCold17 {
    private static int[][] SHAPES = {
            {256, 128, 784, 0, 0}, {10, 128, 256, 0, 0}, {256, 128, 10, 1, 0}, {10, 256, 128, 0, 1}, {256, 784, 128, 0, 1},
    };

    public static void main(String[] args) throws Exception {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 12;
        // [steps] [n]: a square n product per step instead of the MLP's five (the matmul cells)
        if (args.length > 1) {
            int n = Integer.parseInt(args[1]);
            SHAPES = new int[][] {{n, n, n, 0, 0}};
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Random r = new Random(0);
        float[][][] ops = new float[SHAPES.length][3][];
        for (int s = 0; s < SHAPES.length; s++) {
            ops[s][0] = fill(r, SHAPES[s][0] * SHAPES[s][2]);
            ops[s][1] = fill(r, SHAPES[s][2] * SHAPES[s][1]);
        }
        long w0 = System.nanoTime();
        // the first split product starts the warm-up (and runs through the calls); then wait for it
        step(ops);
        while (!SgemmInnerThread32.usable()) Thread.sleep(20);
        System.out.printf("warm after %.0f ms wall (VM uptime %d ms), process CPU %.0f ms%n", (System.nanoTime() - w0) / 1e6, ManagementFactory.getRuntimeMXBean().getUptime(), os.getProcessCpuTime() / 1e6);
        StringBuilder sb = new StringBuilder();
        for (int step = 0; step < steps; step++) {
            System.out.println("step " + step);
            long c = os.getProcessCpuTime(), t = System.nanoTime();
            step(ops);
            sb.append(String.format(" %.1f/%.1f", (os.getProcessCpuTime() - c) / 1e6, (System.nanoTime() - t) / 1e6));
        }
        System.out.println("per step CPU/wall ms:" + sb + " | load " + new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/loadavg"))).trim());
    }

    private static void step(float[][][] ops) {
        for (int s = 0; s < SHAPES.length; s++) {
            int[] sh = SHAPES[s];
            int m = sh[0], n = sh[1], k = sh[2];
            boolean ta = sh[3] == 1, tb = sh[4] == 1;
            // AddmmCall's results are fresh arrays
            TorchBlas.sgemmIntoZeros(ta, tb, m, n, k, ops[s][0], 0, ta ? k : m, ops[s][1], 0, tb ? n : k, new float[m * n], 0, m);
        }
    }

    private static float[] fill(Random r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) r.nextGaussian();
        return a;
    }
}
