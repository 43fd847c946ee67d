// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * The softmax row's vector loops one by one over a 512x1000 tensor's rows, on one thread, by the calling thread's
 * CPU: which pass costs what (the row maximum, the exp map that stores, the sums, log_softmax's last map, its
 * backward's exp map) beside the whole kernels. In the math package to reach the package-private loops; compile
 * and run with the kernel's flags:
 * {@code javac --add-modules jdk.incubator.vector -d OUT -cp 'LIB/*' bench/SoftmaxLoopParts.java} then
 * {@code java [kernel.json's flags] -cp 'LIB/*:OUT' io.gradbook.autograd.math.SoftmaxLoopParts [rounds]}.
 * Prints best and median ms of CPU per pass over all rows (eleventh session: bench/RESULTS.md).
 */
public final class SoftmaxLoopParts {
    static final com.sun.management.ThreadMXBean MX = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    static float sink;

    public static void main(String[] args) {
        int rows = 512, n = 1000, rounds = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        RowSplit.setParallel(false);
        Random r = new Random(0);
        float[] x = new float[rows * n], y = new float[rows * n], g = new float[rows * n], acc = new float[8];
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
        for (int i = 0; i < rows; i++) g[i * n + i] = -1f / rows; // nll_loss's gradient: one -1/N a row
        Map<String, Runnable> ks = new LinkedHashMap<>();
        ks.put("reduceMax (loop)", () -> { for (int o = 0; o < rows; o++) Float32Simd.reduceMax(x, o * n, n, acc); });
        ks.put("reduceMax (row)", () -> { for (int o = 0; o < rows; o++) sink += Float32Softmax.reduceMax(x, o * n, n, true); });
        ks.put("expShifted", () -> { for (int o = 0; o < rows; o++) Float32Simd.expShifted(x, o * n, y, o * n, n, 1.5f); });
        ks.put("exp map", () -> { for (int o = 0; o < rows; o++) Float32Simd.exp(x, o * n, y, o * n, n); });
        ks.put("reduceSum (loop)", () -> { for (int o = 0; o < rows; o++) Float32Simd.reduceSum(y, o * n, n, acc); });
        ks.put("reduceSum (row)", () -> { for (int o = 0; o < rows; o++) sink += Float32Softmax.reduceSum(y, o * n, n, true); });
        ks.put("mapExpReduceSum", () -> { for (int o = 0; o < rows; o++) Float32Simd.mapExpReduceSum(x, o * n, n, 1.5f, acc); });
        ks.put("subMaxLogSum", () -> { for (int o = 0; o < rows; o++) Float32SoftmaxSimd.subMaxLogSum(x, o * n, y, o * n, n, 1.5f, 0.3f); });
        ks.put("expFnma", () -> { for (int o = 0; o < rows; o++) Float32SoftmaxSimd.expFnma(g, o * n, x, o * n, y, o * n, n, 0.3f); });
        ks.put("softmax", () -> Float32Softmax.softmax(x, 0, y, 0, rows, n, 1));
        ks.put("logSoftmax", () -> Float32Softmax.logSoftmax(x, 0, y, 0, rows, n, 1));
        ks.put("logSoftmaxBackward", () -> Float32Softmax.logSoftmaxBackward(g, 0, x, 0, y, 0, rows, n, 1, true));
        Map<String, long[]> t = new LinkedHashMap<>();
        for (String k : ks.keySet()) t.put(k, new long[rounds]);
        for (int w = 0; w < 2 * rounds; w++) for (Runnable k : ks.values()) k.run();
        for (int i = 0; i < rounds; i++) {
            for (var e : ks.entrySet()) {
                long c = MX.getCurrentThreadCpuTime();
                e.getValue().run();
                t.get(e.getKey())[i] = MX.getCurrentThreadCpuTime() - c;
            }
        }
        RowSplit.setParallel(true);
        for (var e : t.entrySet()) {
            long[] c = e.getValue();
            Arrays.sort(c);
            System.out.printf("%-20s best %.3f  median %.3f ms%n", e.getKey(), c[0] / 1e6, c[rounds / 2] / 1e6);
        }
    }
}
