#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Installed Gradbook kernels (or one install with JVM flags added) side by side, fresh kernels interleaved, measured
by what the machine's load moves least: per engine row run, the CPU of the cell's thread and the engine's pool
threads (ThreadMXBean) and the bytes allocated (Vector API code that C2 has not compiled well allocates a box per
vector), beside wall times; per warm `1 + 1`, the kernel process's CPU. Written to decide the AOT cache's training
profiles (-XX:+/-AOTReplayTraining, bench/RESULTS.md).

    /usr/bin/python3 bench/kernel_replay_ab.py LABEL=KERNELS_DIR[+FLAG ...] ... [--rounds 3] [--runs 12]
    e.g.  shipped=/tmp/x/jupyter/kernels  no-replay=/tmp/x/jupyter/kernels+-XX:-AOTReplayTraining \
          no-delay=/tmp/x/jupyter/kernels+!-XX:Tier3DelayOn=100000

A FLAG is added before -cp in the kernelspec's argv (a copy of the kernelspec is written; the install is shared);
!FLAG removes one. Rows: the quick benchmark's setup cells (bench/kernel_vs_torch.py), then `--runs` runs of the
body, each measured; "first" is run 1, "cold" the median of runs 1-3, "quick" of runs 2-4 (the quick benchmark times
those after an untimed one), "warm" of the last half; "proc" the whole process's CPU (the JIT's threads too).
"""
import argparse
import json
import pathlib
import statistics
import sys
import tempfile
import time

from jupyter_client.kernelspec import KernelSpecManager
import kernel_vs_torch as kvt
from kernel_latency import cpu_seconds

PROBE = """var probeMx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
var probeOs = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
long[] probeNow() {
    long cpu = probeMx.getCurrentThreadCpuTime();
    for (var ti : probeMx.getThreadInfo(probeMx.getAllThreadIds()))
        if (ti != null && (ti.getThreadName().startsWith("ForkJoinPool") || ti.getThreadName().startsWith("gradbook-hot"))) cpu += Math.max(0, probeMx.getThreadCpuTime(ti.getThreadId()));
    return new long[] {System.nanoTime(), cpu, probeMx.getTotalThreadAllocatedBytes(), probeOs.getProcessCpuTime()};
}"""


def probe_cell(body, runs):
    return ("for (int pr = 0; pr < %d; pr++) {\n    long[] p0 = probeNow();\n    { %s }\n    long[] p1 = probeNow();\n"
            "    System.out.println(\"PROBE \" + (p1[0] - p0[0]) + \" \" + (p1[1] - p0[1]) + \" \" + (p1[2] - p0[2]) + \" \" + (p1[3] - p0[3]));\n}") % (runs, body)


def variant_dir(label, kdir, flags, tmp):
    if not flags:
        return kdir
    spec = json.loads((pathlib.Path(kdir) / "gradbook" / "kernel.json").read_text())
    argv = [a for a in spec["argv"] if ("!" + a) not in flags]
    i = argv.index("-cp")
    spec["argv"] = argv[:i] + [f for f in flags if not f.startswith("!")] + argv[i:]
    d = tmp / label / "gradbook"
    d.mkdir(parents=True, exist_ok=True)
    (d / "kernel.json").write_text(json.dumps(spec))
    return str(tmp / label)


def parse_variants(specs, tmp):
    """LABEL=KERNELS_DIR[+FLAG ...] arguments as (label, kernels dir) pairs, a kernelspec copy for those with flags."""
    variants = []
    for v in specs:
        label, rest = v.split("=", 1)
        kdir, *flags = rest.split("+", 1)
        variants.append((label, variant_dir(label, kdir, flags[0].split() if flags else [], tmp)))
    return variants


def session(kdir, rows, runs, cells):
    s = kvt.Session("gradbook", KernelSpecManager(kernel_dirs=[kdir]))
    pid = s.pid()
    r = {"start_s": s.startup, "start_cpu_s": cpu_seconds(pid)}
    for _ in range(5):
        s.run("1 + 1")
    walls, cpus = [], []
    for _ in range(cells):
        c, t = cpu_seconds(pid), time.perf_counter()
        s.run("1 + 1")
        walls.append((time.perf_counter() - t) * 1000)
        cpus.append((cpu_seconds(pid) - c) * 1000)
    # CPU from /proc counts 10 ms clock ticks: the mean over the cells, not the median
    r["1+1_ms"], r["1+1_cpu_ms"] = statistics.median(walls), statistics.mean(cpus)
    t = time.perf_counter()
    s.run("var probeT = ones(2, 2).requiresGrad_(); probeT.mul(3).sum()")
    r["first_tensor_ms"] = (time.perf_counter() - t) * 1000
    s.run(PROBE)
    for w in rows:
        s.run(w.java_setup)
        out = s.run(probe_cell(w.java_body, runs))
        per = [tuple(int(x) for x in line.split()[1:]) for line in out.splitlines() if line.startswith("PROBE ")]
        key = w.name.split(",")[0][:10].strip()
        # first: the cell's first run (classes loaded, OpenBLAS bound); cold: runs 1-3; quick: runs 2-4, the quick
        # benchmark's timed runs after its untimed one
        for part, sl in (("first", per[:1]), ("cold", per[:3]), ("quick", per[1:4]), ("warm", per[len(per) // 2:])):
            r["%s %s ms" % (key, part)] = statistics.median(p[0] for p in sl) / 1e6
            r["%s %s cpu" % (key, part)] = statistics.median(p[1] for p in sl) / 1e6
            r["%s %s MB" % (key, part)] = statistics.median(p[2] for p in sl) / 1e6
            # the whole process's CPU: the JIT's compiler threads beside the cell (on 2 idle cores they share its time)
            r["%s %s proc" % (key, part)] = statistics.median(p[3] for p in sl) / 1e6
    s.close()
    return r


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("variants", nargs="+")
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--runs", type=int, default=12)
    p.add_argument("--cells", type=int, default=30, help="warm 1 + 1 cells timed")
    p.add_argument("--only", default="add 2x2|linear|MLP|sin|softmax")
    p.add_argument("--json")
    a = p.parse_args()
    import re
    rows = [q for q in map(kvt.quick_variant, kvt.workloads()) if q and re.search(a.only, q.name)]
    tmp = pathlib.Path(tempfile.mkdtemp(prefix="gradbook-replay-ab-"))
    variants = parse_variants(a.variants, tmp)
    res = {label: [] for label, _ in variants}
    for rnd in range(a.rounds):
        for label, d in (variants if rnd % 2 == 0 else variants[::-1]):
            load = float(open("/proc/loadavg").read().split()[0])
            r = session(d, rows, a.runs, a.cells)
            r["load"] = load
            res[label].append(r)
            print(label, " ".join("%s=%.3g" % kv for kv in r.items()), file=sys.stderr, flush=True)
    keys = list(res[variants[0][0]][0])
    print("medians over %d rounds (fresh kernels, interleaved)" % a.rounds)
    print("| %s | %s |" % ("measure", " | ".join(l for l, _ in variants)))
    print("|---|" + "---:|" * len(variants))
    for k in keys:
        print("| %s | %s |" % (k, " | ".join("%.3g" % statistics.median(x[k] for x in res[l]) for l, _ in variants)))
    if a.json:
        pathlib.Path(a.json).write_text(json.dumps(res, indent=1))


if __name__ == "__main__":
    main()
