#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""A student's kernel, cell by cell: a fresh installed kernel answers 30 `1 + 1` round trips, sits idle IDLE seconds
(the idle-time JIT warm-up's chance), then runs a workload's setup and CELLS timing cells, each the benchmark's own
(the median of its runs). Per variant and round: every cell's median in ms, and the JVM's uptime when the first
timing cell began (to place it in a JIT log written with -Xlog:...::uptime). Variants are copies of installed
kernelspecs with JVM flags added before -cp (bench/kernel_replay_ab.py's LABEL=KERNELS_DIR[+FLAG ...]); they run
interleaved, round by round. The kernels' stderr goes to LOGS/LABEL-ROUND.log with GRADBOOK_DEBUG=1.

    /usr/bin/python3 bench/kernel_idle_cells.py LABEL=KERNELS_DIR[+FLAG ...] ... [--idle 20] [--cells 8]
        [--rounds 2] [--only MLP] [--logs DIR]
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
from kernel_replay_ab import parse_variants  # noqa: E402
from jupyter_client.kernelspec import KernelSpecManager  # noqa: E402

UPTIME = "System.out.println(\"UPTIME \" + java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime());"


def one_run(kdir, workload, idle, cells, log):
    with open(log, "w") as err:
        s = kvt.Session("gradbook", KernelSpecManager(kernel_dirs=[kdir]),
                        env=dict(os.environ, GRADBOOK_DEBUG="1"), stderr=err)
        try:
            s.round_trip_ms(30)
            time.sleep(idle)
            s.run(workload.java_setup)
            up = int(re.search(r"UPTIME (\d+)", s.run(UPTIME)).group(1))
            medians = []
            for _ in range(cells):
                out = s.run(kvt.java_timing_cell(workload))
                medians.append(int(re.search(r"BENCH (\d+) (\d+)", out).group(2)) / 1e6)
            return up, medians
        finally:
            s.close()


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("variants", nargs="+")
    p.add_argument("--idle", type=float, default=20.0)
    p.add_argument("--cells", type=int, default=8)
    p.add_argument("--rounds", type=int, default=2)
    p.add_argument("--only", default="MLP", help="the workload: a regular expression on its name")
    p.add_argument("--logs", default=None)
    a = p.parse_args()
    tmp = pathlib.Path(tempfile.mkdtemp(prefix="gradbook-idle-cells-"))
    logs = pathlib.Path(a.logs) if a.logs else tmp
    logs.mkdir(parents=True, exist_ok=True)
    workload = next(w for w in kvt.workloads() if re.search(a.only, w.name))
    variants = parse_variants(a.variants, tmp)
    res = {label: [] for label, _ in variants}
    for r in range(a.rounds):
        for label, d in (variants if r % 2 == 0 else variants[::-1]):
            load = float(open("/proc/loadavg").read().split()[0])
            up, med = one_run(d, workload, a.idle, a.cells, str(logs / ("%s-%d.log" % (label, r))))
            res[label].append(med)
            print("%s round %d (load %.1f, uptime %.2f s): %s" % (label, r + 1, load, up / 1000,
                                                                " ".join("%.2f" % m for m in med)), flush=True)
    for label, _ in variants:
        cols = list(zip(*res[label]))
        print("%s per cell, median of %d rounds: %s" % (label, len(res[label]),
                                                       " ".join("%.2f" % statistics.median(c) for c in cols)))


if __name__ == "__main__":
    main()
