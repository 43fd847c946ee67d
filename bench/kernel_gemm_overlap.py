#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""What else runs in the kernel process while a matrix product runs in a cell: the benchmark's timing cell for
`ma.matmul(mb)` (n x n randn), but around each product the cell reads its own process's threads from
/proc/self/task/N/schedstat (on-CPU ns; outside the timed span) and prints, per product, its wall time and the CPU
that every other thread (C1/C2 compiler threads, the VM thread = SerialGC, the kernel's own threads) used meanwhile
beside the cell's thread (caller: its own CPU in
the timed span, from ThreadMXBean; gradbook-cell: from /proc, the span between the reads) and the fork-join helper that take the product's blocks. --sleep MS waits before the
products (does the JIT's work on the cell's own compilation end by then?).

    /usr/bin/python3 bench/kernel_gemm_overlap.py --kernel-dir DIR [--n 1024] [--cells 6] [--reps 5] [--sleep 0]
"""
import argparse
import os
import re
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kernel_vs_torch as kvt  # noqa: E402
from jupyter_client.kernelspec import KernelSpecManager  # noqa: E402

HELPER = """
var gbCpu = java.lang.management.ManagementFactory.getThreadMXBean();
var gbUp = java.lang.management.ManagementFactory.getRuntimeMXBean();
java.util.Map<String, Long> gbThreads() {
    var m = new java.util.TreeMap<String, Long>();
    try (var s = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/task"))) {
        for (var t : (Iterable<java.nio.file.Path>) s::iterator) {
            try {
                String name = java.nio.file.Files.readString(t.resolve("comm")).trim().replaceAll("[0-9]+$", "#");
                long run = Long.parseLong(java.nio.file.Files.readString(t.resolve("schedstat")).trim().split(" ")[0]);
                m.merge(name, run, Long::sum);
            } catch (Exception gone) { }
        }
    } catch (java.io.IOException e) { throw new RuntimeException(e); }
    return m;
}
String gbDelta(java.util.Map<String, Long> a, java.util.Map<String, Long> b) {
    var sb = new StringBuilder();
    for (var e : b.entrySet()) {
        double ms = (e.getValue() - a.getOrDefault(e.getKey(), 0L)) / 1e6;
        if (ms >= 0.2) sb.append(e.getKey().replace(' ', '_')).append('=').append(String.format("%.1f", ms)).append(' ');
    }
    return sb.toString();
}
"""

CELL = """
Thread.sleep(%(sleep)d);
for (int br = -1; br < %(reps)d; br++) {
    var th0 = gbThreads();
    long cs = gbCpu.getCurrentThreadCpuTime(), bs = System.nanoTime();
    ma.matmul(mb);
    long bt = System.nanoTime() - bs, ct = gbCpu.getCurrentThreadCpuTime() - cs;
    var th1 = gbThreads();
    if (br >= 0) System.out.println("PROD " + bt + " up=" + gbUp.getUptime() + " caller=" + String.format("%%.1f", ct / 1e6) + " " + gbDelta(th0, th1));
}
"""


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--kernel-dir", required=True)
    p.add_argument("--n", type=int, default=1024)
    p.add_argument("--cells", type=int, default=6)
    p.add_argument("--reps", type=int, default=5)
    p.add_argument("--sleep", type=int, default=0)
    a = p.parse_args()
    g = kvt.Session("gradbook", KernelSpecManager(kernel_dirs=[a.kernel_dir]))
    try:
        g.round_trip_ms(30)
        g.run(HELPER)
        g.run("var ma = randn(%d, %d); var mb = randn(%d, %d);" % (a.n, a.n, a.n, a.n))
        walls, others = [], {}
        for i in range(a.cells):
            out = g.run(CELL % {"sleep": a.sleep, "reps": a.reps})
            for line in re.findall(r"PROD .*", out):
                parts = line.split()
                walls.append(int(parts[1]) / 1e6)
                cpu = dict((k, float(v)) for k, v in (x.split("=") for x in parts[2:]))
                up = cpu.pop("up")
                for k, v in cpu.items():
                    others.setdefault(k, []).append(v)
                print("cell %d: %.2f ms, ends at uptime %d ms | %s" % (i, walls[-1], up, " ".join("%s %.1f" % kv for kv in sorted(cpu.items()))), flush=True)
        print("n=%d sleep=%d: products %d, wall median %.2f ms (best %.2f)" % (a.n, a.sleep, len(walls), statistics.median(walls), min(walls)))
        for k, v in sorted(others.items()):
            v = v + [0.0] * (len(walls) - len(v))
            print("  %-16s CPU ms per product: mean %.2f, products with >= 1 ms: %d" % (k, sum(v) / len(v), sum(1 for x in v if x >= 1)))
    finally:
        g.close()


if __name__ == "__main__":
    main()
