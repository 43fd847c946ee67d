// SPDX-License-Identifier: Apache-2.0
import java.util.concurrent.*;
import java.util.concurrent.atomic.*;
import java.util.concurrent.locks.LockSupport;

/**
 * How long a part handed to the common fork-join pool waits before a helper starts it (as GemmBlocks.parts hands the
 * split's second part over), against a dedicated helper thread that spins 0.5 ms for the next job before it parks
 * (as OpenBLAS's threads spin): 2,000 hand-offs each, the caller busy for [gap ns] in between; min, p10, median, p90.
 * {@code javac -d /tmp/out bench/PoolHandOff.java; java -cp /tmp/out PoolHandOff [gap ns]}
 */
public class PoolHandOff {
    static volatile long started;
    static volatile int jobSeq;   // dedicated helper: next job number
    static volatile int doneSeq;
    public static void main(String[] a) throws Exception {
        int n = 2000;
        long gapNs = Long.parseLong(a.length > 0 ? a[0] : "100000");
        // FJP common pool
        long[] fj = new long[n];
        for (int i = 0; i < n; i++) {
            started = 0;
            long t0 = System.nanoTime();
            ForkJoinPool.commonPool().execute(() -> started = System.nanoTime());
            while (started == 0) Thread.onSpinWait();
            fj[i] = started - t0;
            busy(gapNs);
        }
        // dedicated spinning helper: spins up to 500us after each job, then parks
        Thread caller = Thread.currentThread();
        AtomicReference<Thread> helperRef = new AtomicReference<>();
        Thread helper = new Thread(() -> {
            int seen = 0;
            while (true) {
                long spinStart = System.nanoTime();
                while (jobSeq == seen) {
                    if (System.nanoTime() - spinStart < 500_000) Thread.onSpinWait();
                    else LockSupport.park();
                }
                seen = jobSeq;
                started = System.nanoTime();
            }
        });
        helper.setDaemon(true); helper.start();
        long[] ded = new long[n];
        for (int i = 0; i < n; i++) {
            started = 0;
            long t0 = System.nanoTime();
            jobSeq++;
            LockSupport.unpark(helper);
            while (started == 0) Thread.onSpinWait();
            ded[i] = started - t0;
            busy(gapNs);
        }
        java.util.Arrays.sort(fj); java.util.Arrays.sort(ded);
        System.out.printf("gap %d us: FJP start latency us min %.1f p10 %.1f median %.1f p90 %.1f | spinning helper min %.1f p10 %.1f median %.1f p90 %.1f%n",
            gapNs / 1000, fj[0] / 1e3, fj[n / 10] / 1e3, fj[n / 2] / 1e3, fj[9 * n / 10] / 1e3, ded[0] / 1e3, ded[n / 10] / 1e3, ded[n / 2] / 1e3, ded[9 * n / 10] / 1e3);
    }
    static void busy(long ns) { long t = System.nanoTime(); while (System.nanoTime() - t < ns) {} }
}
