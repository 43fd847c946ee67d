#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""The MLP cell's CPU in the installed kernel against bench/MlpSteps.java in process (twelfth session): a fresh kernel
runs the quick benchmark's MLP setup, then CELLS cells each of WARM untimed and RUNS timed runs of the 20 steps, the
loop exactly MlpSteps' (so the same numbers). Per cell: medians and bests per 20 steps of the wall, the cell thread's
CPU (ThreadMXBean) and the process's CPU (10 ms ticks: the JIT and GC included), the steps' wall quantiles; each timed
run's cell-thread CPU and MB allocated in order (how far the JIT has settled; a run that allocates more than the
steady ~47 MB ran vector code the JIT left boxed); per thread of the process (threads of one name summed) its CPU and
its wait on the run queue per 20 steps, from /proc/self/task/*/schedstat (what else ran beside the cell, and how long
the cell waited for a core). Variants run interleaved, round by round; compare CPU, not wall, where the machine is
loaded. bench/RESULTS.md, "The MLP cell in the kernel against in process, twelfth session".

    /usr/bin/python3 bench/kernel_mlp_gap.py LABEL=KERNELS_DIR[+FLAG ...] ... [--rounds 2] [--cells 3] [--warm 30]
        [--runs 20] [--before CELL] [--after CELL]
    e.g. (the row's runs: one untimed run, as kernel_vs_torch.py)  --rounds 8 --cells 1 --warm 1
         (a JFR dump at the end)  k=DIR+-XX:StartFlightRecording=settings=F.jfc --after \
           'jdk.jfr.FlightRecorder.getFlightRecorder().getRecordings().get(0).dump(java.nio.file.Path.of("/tmp/k.jfr"));'

FLAGs go before -cp in a copy of the kernelspec (bench/kernel_replay_ab.py's variants; !FLAG removes one).
"""
import argparse
import os
import statistics
import sys
import tempfile
import pathlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kernel_vs_torch as kvt  # noqa: E402
from kernel_replay_ab import parse_variants  # noqa: E402
from jupyter_client.kernelspec import KernelSpecManager  # noqa: E402

THREADS = """java.util.Map<String, long[]> gapThreads() {
    // per thread name (several threads of a name summed): CPU and run-queue wait in ns, /proc/self/task/*/schedstat
    var m = new java.util.HashMap<String, long[]>();
    try (var ds = java.nio.file.Files.newDirectoryStream(java.nio.file.Path.of("/proc/self/task"))) {
        for (var d : ds) {
            try {
                String name = java.nio.file.Files.readString(d.resolve("comm")).trim();
                String[] f = java.nio.file.Files.readString(d.resolve("schedstat")).trim().split(" ");
                long[] a = m.computeIfAbsent(name, k -> new long[2]);
                a[0] += Long.parseLong(f[0]); a[1] += Long.parseLong(f[1]);
            } catch (java.io.IOException gone) { }
        }
    } catch (java.io.IOException e) { throw new java.io.UncheckedIOException(e); }
    return m;
}"""
CELL = """{
var gapMx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
var gapOs = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
int gapWarm = %d, gapRuns = %d;
double[] gapBytes = new double[gapRuns], gapWall = new double[gapRuns], gapOwn = new double[gapRuns], gapProc = new double[gapRuns], gapSteps = new double[gapRuns * 20];
java.util.Map<String, long[]> gapT0 = null;
for (int r = -gapWarm; r < gapRuns; r++) {
    if (r == 0) gapT0 = gapThreads();
    long t0 = System.nanoTime(), b0 = gapMx.getCurrentThreadAllocatedBytes(), o0 = gapMx.getCurrentThreadCpuTime(), p0 = gapOs.getProcessCpuTime();
    for (int step = 0; step < 20; step++) {
        long s0 = System.nanoTime();
        Tensor loss = crossEntropy(xs.matmul(w1).add(b1).relu().matmul(w2).add(b2), labels);
        loss.backward();
        for (Tensor p : params) { p.data().sub_(p.grad().mul(0.01)); p.grad().zero_(); }
        if (r >= 0) gapSteps[r * 20 + step] = (System.nanoTime() - s0) / 1e6;
    }
    if (r >= 0) {
        gapWall[r] = (System.nanoTime() - t0) / 1e6;
        gapOwn[r] = (gapMx.getCurrentThreadCpuTime() - o0) / 1e6;
        gapBytes[r] = (gapMx.getCurrentThreadAllocatedBytes() - b0) / 1e6;
        gapProc[r] = (gapOs.getProcessCpuTime() - p0) / 1e6;
    }
}
var gapT1 = gapThreads();
for (var e : new java.util.TreeMap<>(gapT1).entrySet()) {
    long[] b = gapT0.getOrDefault(e.getKey(), new long[2]);
    long cpu = e.getValue()[0] - b[0], wait = e.getValue()[1] - b[1];
    if (cpu > 200_000 || wait > 200_000) System.out.printf("THREAD %%s %%.2f %%.2f%%n", e.getKey().replace(' ', '_'), cpu / 1e6 / gapRuns, wait / 1e6 / gapRuns);
}
System.out.println("SERIES " + java.util.Arrays.stream(gapOwn).mapToObj(c -> String.format("%%.2f", c)).collect(java.util.stream.Collectors.joining(" ")));
System.out.println("BYTES " + java.util.Arrays.stream(gapBytes).mapToObj(c -> String.format("%%.1f", c)).collect(java.util.stream.Collectors.joining(" ")));
java.util.Arrays.sort(gapWall); java.util.Arrays.sort(gapOwn); java.util.Arrays.sort(gapProc); java.util.Arrays.sort(gapSteps);
System.out.printf("GAP %%.2f %%.2f %%.2f %%.2f %%.2f %%.2f %%.3f %%.3f %%.3f%%n", gapWall[gapRuns / 2], gapWall[0], gapOwn[gapRuns / 2], gapOwn[0],
        gapProc[gapRuns / 2], gapProc[0], gapSteps[gapSteps.length / 2], gapSteps[gapSteps.length / 10], gapSteps[0]);
}"""
FIELDS = ["wall med", "wall best", "cell CPU med", "cell CPU best", "proc CPU med", "proc CPU best", "step p50", "step p10", "step best"]


def load():
    return open("/proc/loadavg").read().split()[0]


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("variants", nargs="+")
    p.add_argument("--rounds", type=int, default=2)
    p.add_argument("--cells", type=int, default=3)
    p.add_argument("--warm", type=int, default=30)
    p.add_argument("--runs", type=int, default=20)
    p.add_argument("--before", default="", help="a cell run before the MLP setup (e.g. the quick rows' loops)")
    p.add_argument("--after", default="", help="a cell run after the MLP cells (e.g. dumping a JFR recording)")
    a = p.parse_args()
    tmp = pathlib.Path(tempfile.mkdtemp(prefix="mlpgap-"))
    variants = parse_variants(a.variants, tmp)
    print("per 20 steps, ms: " + " / ".join(FIELDS))
    for r in range(a.rounds):
        for label, kdir in variants:
            s = kvt.Session("gradbook", KernelSpecManager(kernel_dirs=[kdir]))
            try:
                if a.before:
                    s.run(a.before)
                s.run(kvt.JAVA_MLP_SETUP)
                s.run(THREADS)
                for c in range(a.cells):
                    out = s.run(CELL % (a.warm, a.runs))
                    line = [l for l in out.splitlines() if l.startswith("GAP ")][0]
                    print("[%s] round %d cell %d load %s: %s" % (label, r, c, load(), "  ".join(line.split()[1:])), flush=True)
                    series = [l.split()[1:] for l in out.splitlines() if l.startswith("SERIES ")][0]
                    print("    the cell thread's CPU run by run, ms: " + " ".join(series), flush=True)
                    mb = [l.split()[1:] for l in out.splitlines() if l.startswith("BYTES ")][0]
                    print("    the cell thread's MB allocated run by run: " + " ".join(mb), flush=True)
                    threads = [l.split()[1:] for l in out.splitlines() if l.startswith("THREAD ")]
                    print("    threads, CPU / run-queue wait per 20 steps, ms: " + ", ".join("%s %s/%s" % tuple(t) for t in threads), flush=True)
                if a.after:
                    s.run(a.after)
            finally:
                s.close()


if __name__ == "__main__":
    main()
