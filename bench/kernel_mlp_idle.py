#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""What the idle-time JIT warm-up does for a fresh kernel's first MLP, and how much idle time it needs: a fresh
installed kernel (GRADBOOK_DEBUG=1, its log kept) runs the quick benchmark's `1 + 1` round trips and the rows before
the MLP (add 2x2, linear regression), then waits IDLE seconds (the warm-up's chance; 0: none, as in the benchmark's
`--no-torch` runs), then the MLP setup and one cell of STEPS steps that prints the cell thread's CPU every 10 steps
(as bench/kernel_mlp_cold.py). Per kernel: the CPU per 10 steps, steps 20-80 (the quick row's three timed runs), the
warm-up units the log says were done before the MLP began and each unit's CPU, and the kernel process's CPU over the
idle wait.

    /usr/bin/python3 bench/kernel_mlp_idle.py LABEL=KERNELS_DIR[+FLAG ...] ... [--idle 6] [--rounds 2] [--steps 80]
    e.g.  old=/tmp/a/jupyter/kernels+-Dgradbook.warmup.cpuGate=false  new=/tmp/b/jupyter/kernels+-Dgradbook.warmup.cpuGate=false

FLAGs go before -cp in a copy of the kernelspec (bench/kernel_replay_ab.py's variants; !FLAG removes one). On a
loaded machine the warm-up's CPU gate keeps it off: open it with -Dgradbook.warmup.cpuGate=false to see what it
does when it runs. Variants run interleaved, round by round; compare CPU, not wall, where the machine is loaded.
"""
import argparse
import os
import pathlib
import re
import statistics
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kernel_vs_torch as kvt  # noqa: E402
from kernel_latency import cpu_seconds  # noqa: E402
from kernel_replay_ab import parse_variants  # noqa: E402
from jupyter_client.kernelspec import KernelSpecManager  # noqa: E402


class LoggedSession(kvt.Session):
    """kvt.Session with the kernel's debug log (stderr) written to a file."""

    def __init__(self, kdir, log):
        self.log = open(log, "w")
        super().__init__("gradbook", KernelSpecManager(kernel_dirs=[kdir]), env=dict(os.environ, GRADBOOK_DEBUG="1"),
                         stderr=self.log)


def mlp_cell(steps):
    mark = ('if (step % 10 == 0) System.out.println("S " + step + " " + System.nanoTime() + " " + tb.getCurrentThreadCpuTime());'
            '\n    if (step == ' + str(steps) + ') break;')
    body = kvt.JAVA_MLP_BODY.replace("for (int step = 0; step < 20; step++) {",
                                     "for (int step = 0; step <= " + str(steps) + "; step++) {\n    " + mark)
    return "var tb = java.lang.management.ManagementFactory.getThreadMXBean();\n" + body


def one_run(kdir, idle, steps, log):
    s = LoggedSession(kdir, log)
    try:
        pid = s.pid()
        s.round_trip_ms(30)
        for w in [kvt.quick_variant(w) for w in kvt.workloads()][:2]:  # add 2x2 and linear regression, quick
            kvt.timed(s, w.java_setup, kvt.java_timing_cell(w))
        c0 = cpu_seconds(pid)
        time.sleep(idle)
        idle_cpu = cpu_seconds(pid) - c0
        s.log.flush()
        before = pathlib.Path(log).read_text(errors="replace")
        s.run(kvt.JAVA_MLP_SETUP)
        out = s.run(mlp_cell(steps))
        time.sleep(1.6)  # the warm-up resumes after 1 s of quiet and logs the round it had reached
        s.log.flush()
        after = pathlib.Path(log).read_text(errors="replace")[len(before):]
    finally:
        s.close()
        s.log.close()
    pts = [[int(v) for v in line.split()[1:]] for line in out.splitlines() if line.startswith("S ")]
    cpu = [(b[2] - a[2]) / 1e6 for a, b in zip(pts, pts[1:])]
    wall = [(b[1] - a[1]) / 1e6 for a, b in zip(pts, pts[1:])]
    units = re.findall(r"JIT warm-up unit done: ([^,]+), (\d+) ms", before)
    resumed = re.search(r"JIT warm-up runs from round (\d+ \([^)]*\))", after)
    units.append(("reached round", resumed.group(1) if resumed else "?"))
    return cpu, wall, idle_cpu, units


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("variants", nargs="+")
    p.add_argument("--idle", type=float, default=6.0, help="seconds of idle time before the MLP (0: none)")
    p.add_argument("--rounds", type=int, default=2)
    p.add_argument("--steps", type=int, default=80)
    p.add_argument("--logs", default=None, help="directory for the kernels' debug logs (default: a temporary one)")
    a = p.parse_args()
    tmp = pathlib.Path(tempfile.mkdtemp(prefix="gradbook-mlp-idle-"))
    logs = pathlib.Path(a.logs) if a.logs else tmp
    logs.mkdir(parents=True, exist_ok=True)
    variants = parse_variants(a.variants, tmp)
    res = {label: [] for label, _ in variants}
    for r in range(a.rounds):
        for label, d in (variants if r % 2 == 0 else variants[::-1]):
            load = float(open("/proc/loadavg").read().split()[0])
            cpu, wall, idle_cpu, units = one_run(d, a.idle, a.steps, str(logs / ("%s-%d.log" % (label, r))))
            res[label].append(sum(cpu[2:8]))
            print("%s round %d (load %.1f): cell thread CPU ms per 10 steps %s | steps 20-80: %.0f ms CPU, %.0f ms wall"
                  " | kernel CPU over the %.1f s idle: %.0f ms | warm-up before the MLP: %s"
                  % (label, r + 1, load, " ".join("%.0f" % c for c in cpu), sum(cpu[2:8]), sum(wall[2:8]), a.idle,
                     idle_cpu * 1000, ", ".join("%s (%s)" % u for u in units)), flush=True)
    for label, _ in variants:
        print("%s: steps 20-80 CPU ms, median of %d: %.0f (%s)" % (label, len(res[label]), statistics.median(res[label]),
                                                                   " ".join("%.0f" % x for x in res[label])))


if __name__ == "__main__":
    main()
