// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether the machine has CPU to spare for background work: the CPU time that other processes used over the last
 * window, read from Linux's /proc (all CPUs' busy time less this process's own). The JIT warm-up ({@link IdleWarmUp})
 * keeps two cores busy while it runs (its own thread and a JIT compiler thread), so it goes on only while other
 * processes leave two cores free (at least a quarter of the machine): on a 2-core machine, while they use less than
 * half a core. A notebook's kernel is idle while the student runs something else (another kernel's cells, a
 * benchmark's PyTorch side, a build): the warm-up then waits instead of taking their CPU. Where /proc cannot be read
 * the gate is always open. {@code -Dgradbook.warmup.cpuGate=false} opens it (the kernel tests do, on a loaded machine).
 */
final class CpuGate {
    /** Shortest window a decision is made on (shorter ones are all noise at 100 ticks a second). */
    static final long WINDOW_MS = 200;

    private final int cpus;
    private long[] last; // {nanoTime, all CPUs' busy ticks, this process's ticks}
    private boolean open;

    CpuGate() {
        this.cpus = cpusCounted();
    }

    /**
     * The CPUs /proc/stat counts (its "cpuN" lines), whose time its first line sums: in a container that may be the
     * host's, more than {@code availableProcessors()}, and the share has to be of the same machine.
     */
    static int cpusCounted() {
        try {
            int n = 0;
            for (String line : Files.readAllLines(Path.of("/proc/stat"), StandardCharsets.US_ASCII)) {
                if (line.length() > 3 && line.startsWith("cpu") && Character.isDigit(line.charAt(3))) n++;
            }
            return n > 0 ? n : Runtime.getRuntime().availableProcessors();
        } catch (java.io.IOException | RuntimeException e) {
            return Runtime.getRuntime().availableProcessors();
        }
    }

    /** Whether the gate is switched on and this machine has /proc. */
    static boolean enabled() {
        return Boolean.parseBoolean(System.getProperty("gradbook.warmup.cpuGate", "true")) && sample() != null;
    }

    /**
     * The busy cores other processes may use while the warm-up runs: all but two, at least a quarter of the machine.
     */
    static double allowedOthers(int cpus) {
        return Math.max(cpus - 2, cpus / 4.0);
    }

    /**
     * Cores other processes kept busy over a window: {@code busyTicks} of all CPUs and {@code selfTicks} of this
     * process, both at 100 ticks a second, over {@code nanos}.
     */
    static double othersCores(long busyTicks, long selfTicks, long nanos) {
        if (nanos <= 0) return 0;
        return Math.max(0, busyTicks - selfTicks) / 100.0 / (nanos / 1e9);
    }

    /**
     * Whether background work may go on now: decided on the window since the last decision once it is
     * {@link #WINDOW_MS} long; until then the last decision stands (closed until the first window is measured).
     * A window much longer than that (the warm-up waited for the kernel to be idle meanwhile) is not averaged over:
     * load that began just now would vanish in it (the benchmark saw the warm-up take 0.3-0.6 s of CPU from
     * PyTorch's cells), so the gate closes and decides on a fresh window.
     */
    synchronized boolean open() {
        long[] now = sample();
        if (now == null) return true;
        if (last == null || now[0] - last[0] > 2 * WINDOW_MS * 1_000_000) {
            last = now;
            open = false;
            return false;
        }
        if (now[0] - last[0] < WINDOW_MS * 1_000_000) return open;
        open = othersCores(now[1] - last[1], now[2] - last[2], now[0] - last[0]) <= allowedOthers(cpus);
        last = now;
        return open;
    }

    /** {nanoTime, all CPUs' busy ticks, this process's ticks}, or null without /proc. */
    private static long[] sample() {
        try {
            long t = System.nanoTime();
            String stat = Files.readString(Path.of("/proc/stat"), StandardCharsets.US_ASCII);
            String[] cpu = stat.substring(0, stat.indexOf('\n')).trim().split("\\s+");
            // cpu  user nice system idle iowait irq softirq steal ...: busy is all but idle and iowait
            long busy = 0;
            for (int i = 1; i < cpu.length && i <= 8; i++) {
                if (i != 4 && i != 5) busy += Long.parseLong(cpu[i]);
            }
            String self = Files.readString(Path.of("/proc/self/stat"), StandardCharsets.US_ASCII);
            String[] f = self.substring(self.lastIndexOf(')') + 2).split(" ");
            return new long[] {t, busy, Long.parseLong(f[11]) + Long.parseLong(f[12])};
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }
}
