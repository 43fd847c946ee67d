// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The JIT warm-up's CPU gate: what it counts as other processes' load, and that it closes under real load. */
class CpuGateTest {
    @Test
    void leavesTwoCoresFreeOrAQuarterOfTheMachine() {
        assertEquals(0.5, CpuGate.allowedOthers(2));
        assertEquals(0.25, CpuGate.allowedOthers(1));
        assertEquals(2.0, CpuGate.allowedOthers(4));
        assertEquals(6.0, CpuGate.allowedOthers(8));
    }

    @Test
    void countsOtherProcessesCoresOverTheWindow() {
        // 100 ticks a second: 30 busy ticks of which 10 this process's, over 0.2 s, is one other core
        assertEquals(1.0, CpuGate.othersCores(30, 10, 200_000_000L), 1e-9);
        assertEquals(0.0, CpuGate.othersCores(10, 10, 200_000_000L), 1e-9);
        assertEquals(0.0, CpuGate.othersCores(5, 10, 200_000_000L), 1e-9); // ticks read a moment apart
        assertEquals(0.0, CpuGate.othersCores(30, 10, 0), 1e-9);
    }

    /**
     * Busy processes that keep every core the gate counts busy: two a core and two more. One a core (and one more)
     * was not enough on a machine of many cores: this JVM's own threads (JIT compilers, GC) share the cores with the
     * loops, and their ticks are this process's, not others', so on 16 cores 17 loops beside 3 busy JVM threads read
     * as 13.6 other cores, and the bound is 14 (34 loops: 14.5).
     * Skipped where this process may use fewer CPUs than /proc/stat counts (a container on a bigger host): its
     * loops then cannot fill the machine the gate measures.
     */
    private static List<Process> busyLoops() throws java.io.IOException {
        int counted = CpuGate.cpusCounted(), usable = Runtime.getRuntime().availableProcessors();
        Assumptions.assumeTrue(usable >= counted, "/proc/stat counts " + counted + " CPUs, this process may use " + usable);
        Assumptions.assumeTrue(counted <= 16, "two busy processes per core");
        List<Process> busy = new ArrayList<>();
        for (int i = 0; i < 2 * counted + 2; i++) busy.add(new ProcessBuilder("sh", "-c", "while :; do :; done").start());
        return busy;
    }

    @Test
    void closesWhileOtherProcessesKeepEveryCoreBusy() throws Exception {
        Assumptions.assumeTrue(CpuGate.enabled(), "needs Linux /proc");
        List<Process> busy = new ArrayList<>();
        try {
            busy = busyLoops();
            CpuGate gate = new CpuGate();
            gate.open();
            Thread.sleep(CpuGate.WINDOW_MS + 150);
            assertFalse(gate.open(), "other processes use every core");
        } finally {
            for (Process p : busy) p.destroyForcibly();
        }
    }

    @Test
    void decidesOnAFreshWindowAfterALongWait() throws Exception {
        Assumptions.assumeTrue(CpuGate.enabled(), "needs Linux /proc");
        CpuGate gate = new CpuGate();
        gate.open();
        Thread.sleep(CpuGate.WINDOW_MS + 50);
        gate.open();
        Thread.sleep(5 * CpuGate.WINDOW_MS); // the warm-up waited for the kernel to be idle
        List<Process> busy = new ArrayList<>();
        try {
            busy = busyLoops();
            Thread.sleep(100);
            // averaged over the whole 1.1 s, 0.1 s of every core busy would read as a quarter of a core each: open
            assertFalse(gate.open(), "load that began after a long wait is not averaged away");
            Thread.sleep(CpuGate.WINDOW_MS + 150);
            assertFalse(gate.open(), "other processes use every core");
        } finally {
            for (Process p : busy) p.destroyForcibly();
        }
    }
}
