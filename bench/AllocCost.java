// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd; // UninitializedArrays is package-private

import java.lang.management.ManagementFactory;

/**
 * What a fresh float[n] costs: {@code new} (zeroed) against UninitializedArrays.floats (the JDK's
 * allocateUninitializedArray), 200 allocations a round. At 4 MB and 16 MB both cost the same (0.11 / 0.49 ms): arrays
 * too large for the TLAB take the JVM's slow path, which zeroes them whatever C2 asked.
 * {@code javac -d /tmp/out -cp 'kernel/target/lib/*' bench/AllocCost.java; java -XX:+UseSerialGC
 * --add-exports java.base/jdk.internal.misc=ALL-UNNAMED -cp 'kernel/target/lib/*:/tmp/out' io.gradbook.autograd.AllocCost N}
 */
public final class AllocCost {
    static volatile float sink;
    public static void main(String[] a) {
        var mx = ManagementFactory.getThreadMXBean();
        int n = Integer.parseInt(a[0]);
        System.out.println("available " + UninitializedArrays.available());
        for (int round = 0; round < 8; round++) {
            for (int w = 0; w < 2; w++) {
                long best = Long.MAX_VALUE; long c0 = mx.getCurrentThreadCpuTime();
                for (int i = 0; i < 200; i++) {
                    long t0 = System.nanoTime();
                    float[] f = w == 0 ? new float[n] : UninitializedArrays.floats(n);
                    f[n - 1] = 1; sink = f[n / 2];
                    best = Math.min(best, System.nanoTime() - t0);
                }
                long c1 = mx.getCurrentThreadCpuTime();
                System.out.printf("%s n=%d best %.1f us, cpu/alloc %.1f us%n", w == 0 ? "new  " : "uninit", n, best / 1e3, (c1 - c0) / 200 / 1e3);
            }
        }
    }
}
