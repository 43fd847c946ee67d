// SPDX-License-Identifier: Apache-2.0
import io.gradbook.autograd.warmup.JitWarmUp;
import java.lang.management.ManagementFactory;

/**
 * What each unit of the idle-time JIT warm-up ({@code warmup.JitWarmUp}) costs in a fresh JVM: per unit, its rounds,
 * the calling thread's CPU and the whole process's (the JIT's compiles included) and the wall time, run back to back
 * as the kernel runs them when it is idle with the cores free. Run with the kernel's JVM options (kernel.json's argv
 * between the java and -cp, without the -XX:AOTCache one, which belongs to the kernel's class path) to see the kernel's JIT:
 *
 * <pre>
 * javac -d /tmp/wc -cp 'SHARE/gradbook/lib/*' bench/WarmUpCost.java
 * java OPTIONS -cp 'SHARE/gradbook/lib/*:/tmp/wc' WarmUpCost
 * </pre>
 */
public final class WarmUpCost {
    public static void main(String[] args) {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        var threads = ManagementFactory.getThreadMXBean();
        JitWarmUp w = JitWarmUp.create();
        while (!w.isDone()) {
            String unit = w.currentUnit();
            long rounds = w.stepsDone(), t = threads.getCurrentThreadCpuTime(), p = os.getProcessCpuTime(), s = System.nanoTime();
            while (unit.equals(w.currentUnit())) w.step();
            System.out.printf("%-32s %4d rounds: thread CPU %6.0f ms, process CPU %6.0f ms, wall %6.0f ms%n", unit,
                    w.stepsDone() - rounds, (threads.getCurrentThreadCpuTime() - t) / 1e6, (os.getProcessCpuTime() - p) / 1e6,
                    (System.nanoTime() - s) / 1e6);
        }
    }
}
