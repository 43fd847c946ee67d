#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""The MLP row's cold steps in an installed kernel, step window by step window: a fresh kernel runs what the quick
benchmark runs before the row (the `1 + 1` round trips, the add and linear-regression rows), the MLP's setup cell,
then one cell of STEPS steps that prints, every 10 steps, the wall time and the cell thread's CPU time. The quick
row's median is about steps 40-60 of such a run (one untimed run of 20, then three timed ones); the CPU time is what
compares on a loaded machine, where wall times swing.

    /usr/bin/python3 bench/kernel_mlp_cold.py --kernel-dir DIR[,DIR...] [--rounds 2] [--steps 80] [--jit-log PREFIX]

Several kernel directories (each holding gradbook/kernel.json) run interleaved, round by round. --jit-log adds
-Xlog:jit+compilation to each kernel's JVM (PREFIX-<n>.log) and prints the JVM's uptime at steps 0, 20, 40, ...,
to find the cold steps' compiles in the log.
"""
import argparse
import json
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kernel_vs_torch as kvt  # noqa: E402
from jupyter_client.kernelspec import KernelSpecManager  # noqa: E402


def with_jit_log(kernel_dir, log):
    """A copy of the kernelspec whose JVM logs its compiles to LOG (the jars and the archive stay where they are)."""
    spec = json.load(open(os.path.join(kernel_dir, "gradbook", "kernel.json")))
    argv = spec["argv"]
    at = argv.index("-cp")
    argv[at:at] = ["-Xlog:jit+compilation=debug:file=%s:uptime" % log]
    tmp = tempfile.mkdtemp(prefix="gradbook-mlp-cold-")
    os.makedirs(os.path.join(tmp, "gradbook"))
    json.dump(spec, open(os.path.join(tmp, "gradbook", "kernel.json"), "w"))
    return tmp


def cold_run(kernel_dir, steps):
    """Per 10 steps: (wall ms, cell thread CPU ms), and the JVM's uptime (ms) every 20 steps."""
    g = kvt.Session("gradbook", KernelSpecManager(kernel_dirs=[kernel_dir]))
    try:
        g.round_trip_ms(30)
        for w in [kvt.quick_variant(w) for w in kvt.workloads()][:2]:  # add 2x2 and linear regression, quick
            kvt.timed(g, w.java_setup, kvt.java_timing_cell(w))
        g.run(kvt.JAVA_MLP_SETUP)
        mark = ('if (step % 10 == 0) System.out.println("S " + step + " " + System.nanoTime() + " " + tb.getCurrentThreadCpuTime()'
                ' + " " + java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime());')
        body = kvt.JAVA_MLP_BODY.replace("for (int step = 0; step < 20; step++) {",
                                         "for (int step = 0; step <= %d; step++) {\n    %s" % (steps, mark))
        # the last pass (step == steps) only prints its mark: break before the step itself
        body = body.replace(mark, mark + "\n    if (step == %d) break;" % steps)
        out = g.run("var tb = java.lang.management.ManagementFactory.getThreadMXBean();\n" + body)
    finally:
        g.close()
    pts = [[int(v) for v in line.split()[1:]] for line in out.splitlines() if line.startswith("S ")]
    windows = [((b[1] - a[1]) / 1e6, (b[2] - a[2]) / 1e6) for a, b in zip(pts, pts[1:])]
    return windows, [(p[0], p[3]) for p in pts if p[0] % 20 == 0]


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--kernel-dir", required=True, help="directories holding gradbook/kernel.json, comma-separated")
    p.add_argument("--rounds", type=int, default=2)
    p.add_argument("--steps", type=int, default=80)
    p.add_argument("--jit-log", help="log each kernel's compiles to PREFIX-<round>-<kernel>.log")
    a = p.parse_args()
    dirs = a.kernel_dir.split(",")
    for r in range(a.rounds):
        for i, d in enumerate(dirs):
            run_dir = with_jit_log(d, "%s-%d-%d.log" % (a.jit_log, r, i)) if a.jit_log else d
            windows, uptimes = cold_run(run_dir, a.steps)
            cpu = [c for _, c in windows]
            print("%s round %d: cell thread CPU ms per 10 steps %s | steps 20-80: %.0f ms CPU, %.0f ms wall"
                  % (d, r + 1, " ".join("%.0f" % c for c in cpu), sum(cpu[2:8]), sum(w for w, _ in windows[2:8])), flush=True)
            if a.jit_log:
                print("    JVM uptime ms at steps %s" % ", ".join("%d: %d" % u for u in uptimes), flush=True)


if __name__ == "__main__":
    main()
