# SPDX-License-Identifier: Apache-2.0
"""A long session of varied cells through jupyter_client, with the kernel's heap after a full GC and the `1 + 1`
round trip measured along the way. Shared by the suite's bounded soak (test_soak.py) and bench/kernel_soak.py."""
import os
import statistics
import time

from helpers import result_text, run

SETUP = "var w = ones(3).requiresGrad_();\nint count = 0;"
CELLS = [
    "1 + 1",
    "count++;",
    "for (int i = 0; i < 10; i++) count += i;",
    "var y = w.mul(2).sum();\ny.backward();\nw.grad()",
    'System.out.println("step " + count);',
    "count = count % 7;\n\ncount * 2",
    "w.grad().zero_();",
    "var tmp = tensor(1.0, 2.0);\ntmp.add(1)",
    "int helper(int n) { return n + count; }\nhelper(2)",
    "String s = \"x\"; s.length()",
]
PROBE = ("System.gc(); System.gc();\n"
         "var heapMx = java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();\n"
         "var metaMx = java.lang.management.ManagementFactory.getMemoryPoolMXBeans().stream()"
         ".filter(p -> p.getName().equals(\"Metaspace\")).mapToLong(p -> p.getUsage().getUsed()).sum();\n"
         "heapMx + \" \" + java.lang.management.ManagementFactory.getClassLoadingMXBean().getLoadedClassCount() + \" \" + metaMx")


def cpu_seconds(pid):
    """User + system CPU time of a process (Linux /proc), or 0 where it cannot be read."""
    try:
        fields = open("/proc/%d/stat" % pid).read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return 0.0


def measure(kc, pid=None):
    """(heap bytes after a full GC, loaded classes, metaspace bytes, median `1 + 1` round trip in ms, kernel CPU ms
    per `1 + 1`). CPU time says what the kernel itself spends when other work shares the machine's cores."""
    times = []
    cpu0 = cpu_seconds(pid) if pid else 0.0
    for _ in range(15):
        t = time.perf_counter()
        run(kc, "1 + 1")
        times.append((time.perf_counter() - t) * 1000)
    cpu = (cpu_seconds(pid) - cpu0) * 1000 / 15 if pid else 0.0
    heap, classes, meta = result_text(run(kc, PROBE)[1]).strip("'").split()
    return int(heap), int(classes), int(meta), statistics.median(times), cpu


def soak(kc, total, checkpoints, report=None, pid=None):
    """Runs `total` varied cells; returns {cells: measure(...)} at each checkpoint (pid: the kernel's, for CPU time)."""
    reply, _ = run(kc, SETUP)
    assert reply["status"] == "ok", reply
    out = {}
    for i in range(1, total + 1):
        reply, _ = run(kc, CELLS[i % len(CELLS)])
        assert reply["status"] == "ok", (i, reply)
        if i in checkpoints:
            out[i] = measure(kc, pid)
            if report:
                report(i, *out[i])
    return out
