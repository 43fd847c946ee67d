// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import jdk.incubator.vector.FloatVector;

/**
 * The benchmark's sum of 10^7 float32 elements apart from the kernel: the one-thread cascade
 * ({@link Float32Simd#multiRowSum4x8}), the split over the pool ({@link SumSplit#blocksThenRest}), and two plain
 * streaming sums (4 vector accumulators, no cascade) on one thread and on the caller + one hot worker (halves), which
 * say what the memory system gives one and two cores on 40 MB. Modes alternate round by round; per mode the best and
 * median wall time and the caller's median thread CPU. Run with the kernel's JVM options (kernel.json's argv less
 * the AOT cache):
 *
 * <pre>
 * javac --add-modules jdk.incubator.vector -d /tmp/lb -cp 'SHARE/gradbook/lib/*' bench/LongSum.java
 * java OPTIONS -cp 'SHARE/gradbook/lib/*:/tmp/lb' io.gradbook.autograd.math.LongSum [rounds] [elements] [modes, e.g. 0,1]
 * </pre>
 */
public final class LongSum {
    private static final jdk.incubator.vector.VectorSpecies<Float> F = FloatVector.SPECIES_256;

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 10_000_000;
        float[] x = new float[n];
        java.util.Random r = new java.util.Random(0);
        for (int i = 0; i < n; i++) x[i] = r.nextFloat();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        int sizeIlp = n / 8 / 4;
        int levelPower = Math.max(4, Float32Reduce.ceilLog2(sizeIlp) / 4);
        float[] out = new float[32];
        String[] names = {"cascade 1 thread", "cascade split", "stream 1 thread", "stream 2 threads"};
        int[] chosen = args.length > 2 ? java.util.Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray() : new int[] {0, 1, 2, 3};
        String[] modes = java.util.Arrays.stream(chosen).mapToObj(i -> names[i]).toArray(String[]::new);
        long[][] wall = new long[modes.length][rounds], cpu = new long[modes.length][rounds];
        float[] sink = new float[1];
        for (int round = 0; round < rounds; round++) {
            for (int m = 0; m < modes.length; m++) {
                long c0 = mx.getCurrentThreadCpuTime(), t0 = System.nanoTime();
                switch (chosen[m]) {
                    case 0 -> Float32Simd.multiRowSum4x8(x, 0, 32, sizeIlp, levelPower, out, 0);
                    case 1 -> SumSplit.blocksThenRest(x, 0, 32, sizeIlp, levelPower, HotWorkers.COUNT, out);
                    case 2 -> sink[0] += stream(x, 0, n);
                    default -> {
                        float[] halves = new float[2];
                        HotWorkers.parts(2, 1, p -> halves[p] = stream(x, p == 0 ? 0 : n / 2 / 32 * 32, p == 0 ? n / 2 / 32 * 32 : n));
                        sink[0] += halves[0] + halves[1];
                    }
                }
                wall[m][round] = System.nanoTime() - t0;
                cpu[m][round] = mx.getCurrentThreadCpuTime() - c0;
            }
        }
        for (int m = 0; m < modes.length; m++) {
            long[] w = wall[m].clone(), c = cpu[m].clone();
            java.util.Arrays.sort(w);
            java.util.Arrays.sort(c);
            System.out.printf("%-18s wall best %.3f median %.3f ms, caller CPU median %.3f ms (%.1f GB/s best)%n", modes[m],
                    w[0] / 1e6, w[rounds / 2] / 1e6, c[rounds / 2] / 1e6, 4.0 * n / w[0]);
        }
        System.out.println(sink[0] + out[0]);
    }

    /** A plain sum of [from, to) (to - from a multiple of 32): 4 vector accumulators, what the memory gives. */
    static float stream(float[] x, int from, int to) {
        FloatVector a = FloatVector.zero(F), b = a, c = a, d = a;
        for (int i = from; i < to; i += 32) {
            a = a.add(FloatVector.fromArray(F, x, i));
            b = b.add(FloatVector.fromArray(F, x, i + 8));
            c = c.add(FloatVector.fromArray(F, x, i + 16));
            d = d.add(FloatVector.fromArray(F, x, i + 24));
        }
        return a.add(b).add(c).add(d).reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
    }
}
