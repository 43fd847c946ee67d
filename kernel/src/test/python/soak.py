# SPDX-License-Identifier: Apache-2.0
"""A long session of varied cells through jupyter_client, with the kernel's heap after a full GC and the `1 + 1`
round trip measured along the way. Shared by the suite's bounded soak (test_soak.py) and bench/kernel_soak.py."""
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
         "heapMx + \" \" + java.lang.management.ManagementFactory.getClassLoadingMXBean().getLoadedClassCount()")


def measure(kc):
    """(heap bytes after a full GC, loaded classes, median `1 + 1` round trip in ms)."""
    times = []
    for _ in range(15):
        t = time.perf_counter()
        run(kc, "1 + 1")
        times.append((time.perf_counter() - t) * 1000)
    heap, classes = result_text(run(kc, PROBE)[1]).strip("'").split()
    return int(heap), int(classes), statistics.median(times)


def soak(kc, total, checkpoints, report=None):
    """Runs `total` varied cells; returns {cells: (heap, classes, round trip ms)} at each checkpoint."""
    reply, _ = run(kc, SETUP)
    assert reply["status"] == "ok", reply
    out = {}
    for i in range(1, total + 1):
        reply, _ = run(kc, CELLS[i % len(CELLS)])
        assert reply["status"] == "ok", (i, reply)
        if i in checkpoints:
            out[i] = measure(kc)
            if report:
                report(i, *out[i])
    return out
