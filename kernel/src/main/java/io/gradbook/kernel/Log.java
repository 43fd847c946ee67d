// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel;

import java.io.PrintStream;

/** The kernel's own log, on the process's original stderr (cells' System.err goes to the notebook instead). */
public final class Log {
    private static final PrintStream ERR = System.err;
    private static final boolean DEBUG = System.getenv("GRADBOOK_DEBUG") != null;

    private Log() {}

    public static void warn(String msg) {
        ERR.println("[gradbook] " + msg);
        ERR.flush();
    }

    /** The process's original stderr, where the kernel's own threads' System.out/err go ({@code CellStreams.KERNEL}). */
    static PrintStream stream() {
        return ERR;
    }

    public static boolean debugEnabled() {
        return DEBUG;
    }

    /**
     * Debug lines carry the wall-clock time in ms, so a client's own clock can time the start-up path, and the
     * process's CPU time so far (all threads, the JIT's included): on a shared machine that is what compares.
     */
    public static void debug(String msg) {
        if (DEBUG) warn("@" + System.currentTimeMillis() + " cpu " + processCpuMillis() + " ms, heap " + heapUsedMb() + " MB, " + minorFaults() + " faults (" + Thread.currentThread().getName() + " " + threadCpuNanos() / 1_000_000 + "): " + msg);
    }

    /**
     * The calling thread's CPU time (ns), for debug lines: on Linux the first field of /proc/thread-self/schedstat
     * (the same clock as ThreadMXBean's), which needs none of java.lang.management. Those classes are not in the
     * start-up archive, and loading them for the first debug line put ~30 ms (JDK 25, measured) into the start-up it timed.
     */
    public static long threadCpuNanos() {
        try {
            String s = new String(java.nio.file.Files.readAllBytes(SCHEDSTAT), java.nio.charset.StandardCharsets.US_ASCII);
            return Long.parseLong(s.substring(0, s.indexOf(' ')));
        } catch (java.io.IOException | RuntimeException e) {
            return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        }
    }

    private static final java.nio.file.Path SCHEDSTAT = java.nio.file.Path.of("/proc/thread-self/schedstat");

    /**
     * The heap in use (MB): before the first collection, what the process has allocated so far. Each fresh page the
     * heap touches is a page fault, and on the shared VM a fault costs ~20 us of CPU (bench/kernel_latency.py).
     */
    private static long heapUsedMb() {
        Runtime r = Runtime.getRuntime();
        return (r.totalMemory() - r.freeMemory()) >> 20;
    }

    /** The process's minor page faults so far (/proc/self/stat), -1 where unknown; read only when debugging. */
    static long minorFaults() {
        return statField(7);
    }

    /** User + system time of this process from /proc (Linux), -1 elsewhere; read only when debugging. */
    static long processCpuMillis() {
        long user = statField(11), system = statField(12);
        // USER_HZ is 100 on Linux
        return user < 0 || system < 0 ? -1 : (user + system) * 10;
    }

    /** Field i of /proc/self/stat counted after the command name (7: minflt, 11: utime, 12: stime), -1 elsewhere. */
    private static long statField(int i) {
        try {
            String stat = new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/self/stat")), java.nio.charset.StandardCharsets.US_ASCII);
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[i]);
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }
}
