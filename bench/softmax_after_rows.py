#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""The row "softmax + cross entropy fwd+bwd, 512x1000" op by op in the installed kernel AFTER the quick benchmark's
earlier rows (add 2x2, linear regression, MLP, sin·x·exp, matmul 256 and 1024, each its setup and its quick timing
cell), as `bench/kernel_vs_torch.py --quick` runs it: what a student's kernel has compiled by then decides the row.

    /usr/bin/python3 bench/softmax_after_rows.py LABEL=KERNELS_DIR[+FLAG ...] ... [--rounds 2] [--cells 4]
        [--runs 20] [--skip-rows] [--per-round N]

Variants as in bench/kernel_replay_ab.py (FLAG added before -cp, !FLAG removed), fresh kernels, interleaved round
by round. Per kernel: the quick row's BENCH (first run untimed, median of 3), then `--cells` cells of `--runs`
rounds, each round the row split into its ops: softmax, log_softmax, nll_loss, nll_loss's backward, log_softmax's
backward, AccumulateGrad (the two backward steps told apart by hooks on log_softmax's output and on sl), and the row
as the benchmark writes it. Per op the median of the rounds: wall µs, the calling thread's CPU µs, the common pool's
CPU µs (its threads found at the cell's start), bytes the caller allocated; per cell the GC count and time.
Under load read the CPU columns: wall includes waiting for a core. With --per-round N the quick cell is replaced by
N rounds printed one by one (wall/caller CPU/pool CPU µs/caller's KB per op): what the quick row's runs pay while the
JIT is still at work. The pool's threads are those alive when a cell starts (none in a fresh kernel's first cell).
"""
import argparse
import re
import statistics
import sys
import pathlib
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import kernel_vs_torch as kvt  # noqa: E402
from kernel_replay_ab import parse_variants  # noqa: E402
from kernel_latency import cpu_seconds  # noqa: E402
from jupyter_client.kernelspec import KernelSpecManager  # noqa: E402

SETUP = """var sl = randn(512, 1000).requiresGrad_(); var st = tensor(java.util.stream.LongStream.range(0, 512).toArray());
var SMX = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
long[] SPOOL = new long[0];
long[][] SMARK = new long[8][4];
boolean SPER = false;
void smark(int k) {
    long pool = 0;
    for (long id : SPOOL) pool += Math.max(0, SMX.getThreadCpuTime(id));
    SMARK[k][0] = System.nanoTime(); SMARK[k][1] = SMX.getCurrentThreadCpuTime(); SMARK[k][2] = pool;
    SMARK[k][3] = SMX.getCurrentThreadAllocatedBytes();
}
sl.registerHook(g -> smark(5));"""

# The cell's head and tail, shared with bench/sin_after_rows.py: the pool's threads (whose CPU the "pool" column sums:
# the common pool's and HotWorkers') and the GC counts at the start; at the end the per-round lines (round_extra
# appends to each) and each op's medians and best, for the ops sn[k] of sd[k]
CELL_HEAD = """SPOOL = java.util.Arrays.stream(SMX.getThreadInfo(SMX.getAllThreadIds())).filter(ti -> ti != null && (ti.getThreadName().startsWith("ForkJoinPool.commonPool") || ti.getThreadName().startsWith("gradbook-hot"))).mapToLong(ti -> ti.getThreadId()).toArray();
long sgc0 = 0, sgt0 = 0;
for (var gb : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) { sgc0 += gb.getCollectionCount(); sgt0 += gb.getCollectionTime(); }
int SR = %d;
"""


def cell_tail(round_extra=""):
    return ("""StringBuilder ssb = new StringBuilder();
if (SPER) for (int r = 0; r < SR; r++) {
    ssb.append("round ").append(r);
    for (int k = 0; k < sd.length; k++) ssb.append(" ").append(sn[k]).append(" ").append(sd[k][0][r] / 1000).append("/").append(sd[k][1][r] / 1000).append("/").append(sd[k][2][r] / 1000).append("/").append(sd[k][3][r] / 1000);
""" + round_extra + """    ssb.append("\\n");
}
for (int k = 0; k < sd.length; k++) {
    ssb.append(sn[k]);
    for (int q = 0; q < 4; q++) { long[] v = sd[k][q].clone(); java.util.Arrays.sort(v); ssb.append(" ").append(v[v.length / 2] / 1000); }
    long[] w = sd[k][0].clone(); java.util.Arrays.sort(w); ssb.append(" ").append(w[0] / 1000);
    ssb.append("\\n");
}
long sgc1 = 0, sgt1 = 0;
for (var gb : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) { sgc1 += gb.getCollectionCount(); sgt1 += gb.getCollectionTime(); }
ssb.append("gc " + (sgc1 - sgc0) + " " + (sgt1 - sgt0));
System.out.println(ssb);""")


CELL = CELL_HEAD + """long[][][] sd = new long[7][4][SR];
for (int r = 0; r < SR; r++) {
    smark(0);
    Tensor y = softmax(sl, 1);
    smark(1);
    Tensor lp = logSoftmax(sl, 1);
    smark(2);
    Tensor loss = nllLoss(lp, st);
    smark(3);
    lp.registerHook(g -> smark(4));
    smark(3);
    loss.backward();
    smark(6);
    for (int k = 0; k < 6; k++) for (int q = 0; q < 4; q++) sd[k][q][r] = SMARK[k + 1][q] - SMARK[k][q];
    smark(6);
    softmax(sl, 1); crossEntropy(sl, st).backward();
    smark(7);
    for (int q = 0; q < 4; q++) sd[6][q][r] = SMARK[7][q] - SMARK[6][q];
}
String[] sn = {"softmax", "logSoftmax", "nll", "nllBwd", "lsmBwd", "accum", "row"};
""" + cell_tail()

# the measured row (how its name starts); bench/sin_after_rows.py reuses this harness for the sin row with its own
# ROW, SETUP, CELL and OPS
ROW = "softmax"
OPS = ["softmax", "logSoftmax", "nll", "nllBwd", "lsmBwd", "accum", "row"]
COLS = ["wall", "cpu", "pool", "bytes", "best"]


def session(kdir, rows, cells, runs, skip_rows, per_round=0):
    s = kvt.Session("gradbook", KernelSpecManager(kernel_dirs=[kdir]))
    try:
        return measure(s, rows, cells, runs, skip_rows, per_round)
    finally:
        s.close()  # also when a cell fails: no kernel left behind


def measure(s, rows, cells, runs, skip_rows, per_round):
    pid = s.pid()
    out = {"start_s": s.startup}
    at = next(i for i, w in enumerate(rows) if w.name.startswith(ROW))  # the measured row; those before it run first
    before = rows[:at]
    if not skip_rows:
        for w in before:
            q = kvt.quick_variant(w)
            s.run(q.java_setup)
            s.run(kvt.java_timing_cell(q))
    sm = kvt.quick_variant(rows[at])
    s.run(sm.java_setup)
    out["quick_ms"] = out["quick_proc_cpu_ms"] = 0
    if per_round:
        # the row's first rounds op by op instead of the quick cell: what the quick row's runs pay
        s.run(SETUP)
        s.run("SPER = true;")
        text = s.run(CELL % per_round)
        print("\n".join(l for l in text.splitlines() if l.startswith("round")))
        s.run("SPER = false;")
    else:
        c0 = cpu_seconds(pid)
        m = re.search(r"BENCH (\d+) (\d+)", s.run(kvt.java_timing_cell(sm)))
        out["quick_ms"] = int(m.group(2)) / 1e6
        out["quick_proc_cpu_ms"] = (cpu_seconds(pid) - c0) * 1000
        s.run(SETUP)
    out["cells"] = []
    for _ in range(cells):
        c0 = cpu_seconds(pid)
        text = s.run(CELL % runs)
        proc = (cpu_seconds(pid) - c0) * 1000 / runs
        cell = {"proc_cpu_per_round_ms": proc}
        for line in text.strip().splitlines():
            parts = line.split()
            if parts[0] == "round":
                continue
            if parts[0] == "gc":
                cell["gc"] = (int(parts[1]), int(parts[2]))
            else:
                cell[parts[0]] = [int(x) for x in parts[1:]]
        out["cells"].append(cell)
    return out


def show(label, r, load):
    print("%s (load %.1f): quick row %.2f ms (process CPU over the quick cell %.0f ms), start %.2f s"
          % (label, load, r["quick_ms"], r["quick_proc_cpu_ms"], r["start_s"]))
    print("  cell | " + " | ".join("%s wall/cpu/pool/KB/best µs" % op for op in OPS[:1]) + " ...")
    for i, c in enumerate(r["cells"]):
        parts = ["%s %d/%d/%d/%d/%d" % (op, c[op][0], c[op][1], c[op][2], c[op][3] // 1000, c[op][4]) for op in OPS]
        print("  %d: %s | gc %d x %d ms | proc %.2f ms/round" % (i, "  ".join(parts), c["gc"][0], c["gc"][1], c["proc_cpu_per_round_ms"]))
    sys.stdout.flush()


def arguments(doc, row, unit):
    """The options of this script and bench/sin_after_rows.py (which adds its own)."""
    p = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    p.add_argument("variants", nargs="+")
    p.add_argument("--rounds", type=int, default=2)
    p.add_argument("--cells", type=int, default=4)
    p.add_argument("--runs", type=int, default=20)
    p.add_argument("--skip-rows", action="store_true", help="the %s row in a fresh kernel, no rows before it" % row)
    p.add_argument("--per-round", type=int, default=0, help="instead of the quick cell, this many %s op by op, each printed (wall/cpu/pool µs/caller's KB)" % unit)
    return p


def run(a, rows_before, prefix):
    """Fresh kernels of the variants, interleaved round by round: the quick rows matching rows_before, then ROW."""
    rows = [w for w in kvt.workloads() if w.quick and re.search(rows_before, w.name)]
    rows = [w for w in rows if kvt.quick_variant(w)]
    variants = parse_variants(a.variants, pathlib.Path(tempfile.mkdtemp(prefix=prefix)))
    for rnd in range(a.rounds):
        for label, d in (variants if rnd % 2 == 0 else variants[::-1]):
            load = float(open("/proc/loadavg").read().split()[0])
            show(label, session(d, rows, a.cells, a.runs, a.skip_rows, a.per_round), load)


def main():
    run(arguments(__doc__, "softmax", "rounds").parse_args(), "add 2x2|linear|MLP|sin|matmul|softmax", "gradbook-softmax-after-")


if __name__ == "__main__":
    main()
