// SPDX-License-Identifier: Apache-2.0
import io.gradbook.autograd.math.HotWorkers;
import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;

/**
 * How long a job handed to another thread waits before it starts, when that thread last worked [gap] ago: the common
 * fork-join pool (its worker parks when it finds no work) against the engine's HotWorkers (awake for
 * -Dgradbook.hot.spinMicros after a job). Per gap, rounds alternate the two; the caller is busy (a spin on nanoTime)
 * for gaps up to 10 ms, asleep for longer ones (an idle kernel between cells). Prints min, p10, median, p90, p99
 * and max in microseconds.
 * {@code javac -d /tmp/out -cp autograd-core/target/classes bench/HandOffLatency.java;
 * java -XX:+UseSerialGC -cp autograd-core/target/classes:/tmp/out HandOffLatency [samples] [gap us...]}
 */
public final class HandOffLatency {
    static volatile long started;

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 400;
        long[] gapsUs = args.length > 1 ? Arrays.stream(args, 1, args.length).mapToLong(Long::parseLong).toArray()
                : new long[] {10, 100, 1000, 10_000, 1_000_000};
        for (int w = 0; w < 2000; w++) { // warm both paths
            once(false, 0);
            once(true, 0);
        }
        for (long gap : gapsUs) {
            int samples = gap >= 1_000_000 ? Math.min(n, 20) : gap >= 100_000 ? Math.min(n, 60) : n;
            long[] fj = new long[samples], hot = new long[samples];
            for (int i = 0; i < samples; i++) {
                pause(gap);
                fj[i] = once(false, 0);
                pause(gap);
                hot[i] = once(true, 0);
            }
            System.out.printf("load %s gap %7d us  common pool %s | HotWorkers %s%n", load(), gap, stats(fj), stats(hot));
        }
    }

    /** One hand-off: ns from execute to the job's first instruction. */
    static long once(boolean hot, long ignored) {
        started = 0;
        long t0 = System.nanoTime();
        Runnable job = () -> started = System.nanoTime();
        if (hot) HotWorkers.execute(job);
        else ForkJoinPool.commonPool().execute(job);
        while (started == 0) Thread.onSpinWait();
        return started - t0;
    }

    static void pause(long us) throws InterruptedException {
        if (us > 10_000) {
            Thread.sleep(us / 1000);
            return;
        }
        long t = System.nanoTime();
        while (System.nanoTime() - t < us * 1000) Thread.onSpinWait();
    }

    static String stats(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return String.format("min %.1f p10 %.1f med %.1f p90 %.1f p99 %.1f max %.1f", s[0] / 1e3, s[n / 10] / 1e3,
                s[n / 2] / 1e3, s[9 * n / 10] / 1e3, s[Math.min(n - 1, 99 * n / 100)] / 1e3, s[n - 1] / 1e3);
    }

    static String load() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
