#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Where the kernel's time goes while a workload cell runs: the MLP cells of bench/kernel_vs_torch.py (or another
workload, --only) run in the installed Gradbook kernel, and around every timing cell the kernel process's threads
are read from /proc/PID/task/N/schedstat (on-CPU ns, run-queue wait ns), summed per thread name (main = the cell's
thread and OpenBLAS's workers, which inherit the launcher's name "java" and are told apart by id; C1/C2 compiler
threads; GC = VM Thread under SerialGC; ForkJoinPool or gradbook-hot workers of the element-wise split).

    /usr/bin/python3 bench/kernel_threads.py --kernel-dir DIR [--cells 8] [--runs 3] [--only MLP] [--torch]

--torch also starts ipykernel + PyTorch and runs its cells in between, in the benchmark's order, so that its
threads are there as in the real benchmark. Prints, per timing cell, the cell's BENCH median and each thread's CPU.
"""
import argparse
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kernel_vs_torch as kvt  # noqa: E402
from jupyter_client.kernelspec import KernelSpecManager  # noqa: E402
from kernel_latency import cpu_seconds  # noqa: E402


def threads(pid):
    """{name: [on-CPU ns, wait ns]}; "ended" holds the CPU of threads that ended (the cell's own thread, one per
    cell): the process's total (/proc/PID/stat, clock ticks) less what the living threads report."""
    out = {}
    total = cpu_seconds(pid) * 1e9
    base = "/proc/%d/task" % pid
    for tid in os.listdir(base):
        try:
            name = open("%s/%s/comm" % (base, tid)).read().strip()
            run, wait, _ = open("%s/%s/schedstat" % (base, tid)).read().split()
        except OSError:
            continue
        name = re.sub(r"\d+$", "#", name)
        if name == "java":
            name = "java:" + tid
        v = out.setdefault(name, [0, 0])
        v[0] += int(run)
        v[1] += int(wait)
    out["ended"] = [total - sum(v[0] for v in out.values()), 0]
    return out


def delta(before, after):
    rows = []
    for name, (run, wait) in sorted(after.items()):
        b = before.get(name, [0, 0])
        cpu, w = (run - b[0]) / 1e6, (wait - b[1]) / 1e6
        if cpu >= 0.5 or w >= 0.5:
            rows.append("%s %.0f/%.0f" % (name, cpu, w))
    return "; ".join(rows)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--kernel-dir", required=True)
    p.add_argument("--only", default="MLP")
    p.add_argument("--cells", type=int, default=8, help="timing cells to run, one after another")
    p.add_argument("--runs", type=int, default=3, help="timed runs per timing cell (the quick bench: 3)")
    p.add_argument("--torch", action="store_true")
    p.add_argument("--mark", action="store_true", help="print the JVM's uptime before and after each timing cell")
    a = p.parse_args()
    w = [w for w in kvt.workloads() if re.search(a.only, w.name)][0]
    w = kvt.quick_variant(w) if w.quick is True else w
    w.reps = a.runs
    ksm = KernelSpecManager(kernel_dirs=[a.kernel_dir])
    g = kvt.Session("gradbook", ksm)
    pid = g.km.provisioner.process.pid
    py = None
    if a.torch:
        py = kvt.Session("python3")
        py.run(kvt.PY_PRELUDE)
    try:
        for s in [g] + ([py] if py else []):
            s.round_trip_ms(30)
        g.run(w.java_setup)
        for i in range(a.cells):
            before = threads(pid)
            cell = kvt.java_timing_cell(w)
            if a.mark:  # the JVM's uptime around the timed runs, to find them in -Xlog files (uptime decorator)
                up = "java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime()"
                cell = 'System.out.println("UP " + %s);\n%s\nSystem.out.println("UP " + %s);' % (up, cell, up)
            out = g.run(cell)
            after = threads(pid)
            m = re.search(r"BENCH (\d+) (\d+)", out)
            line = "cell %d: median %.1f ms | ms cpu/wait: %s" % (i, int(m.group(2)) / 1e6, delta(before, after))
            if a.mark:
                line += " | uptime ms %s" % " ".join(re.findall(r"UP (\d+)", out))
            if py:
                if i == 0:
                    py.run(w.py_setup)
                m = re.search(r"BENCH (\d+) (\d+)", py.run(kvt.py_timing_cell(w)))
                line += " | torch %.1f ms" % (int(m.group(2)) / 1e6)
            print(line, flush=True)
    finally:
        g.close()
        if py:
            py.close()


if __name__ == "__main__":
    main()
