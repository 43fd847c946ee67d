#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Matrix products as cells in installed Gradbook kernels (e.g. a JDK 25 and a JDK 17 install) and, with --torch, in
ipykernel + PyTorch 1.13 (2 threads), interleaved round by round so that a loaded machine's load falls on all alike.
Per cell: the products' median wall time (System.nanoTime / perf_counter around each) and the kernel process's CPU
time per product over the loop (all its threads: OpenBLAS's, fork-join helpers, the JIT; getProcessCpuTime /
process_time_ns), after one untimed product. First it prints which native path each Gradbook kernel takes
(math.FfmGemm in place on JDK 22+, else copies) and the float bits of sum(A @ B * A) for 1024 x 1024 randn
operands from manualSeed(0); it stops if two installs disagree (the paths must give the same bits) unless
--allow-different-bits.

    /usr/bin/python3 bench/kernel_gemm.py --kernel-dir DIR25 --kernel-dir DIR17 [--torch] [--rounds 5] [--runs 10]

DIR is a directory holding gradbook/kernel.json (e.g. $JUPYTER_DATA_DIR/kernels of an install).
"""
import argparse
import os
import re
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kernel_vs_torch as kvt  # noqa: E402
from jupyter_client.kernelspec import KernelSpecManager  # noqa: E402

SHAPES = [("matmul 256", 256, 256, 256), ("matmul 512", 512, 512, 512), ("matmul 1024", 1024, 1024, 1024),
          ("matmul 2048", 2048, 2048, 2048), ("CNN [25088,576]x[576,64]", 25088, 64, 576)]

PATH_CELL = ('var gbFfm = Class.forName("io.gradbook.autograd.math.FfmGemm").getDeclaredMethod("available");\n'
             'gbFfm.setAccessible(true);\n'
             'System.out.println("PATH JDK " + Runtime.version() + ", " + ((Boolean) gbFfm.invoke(null) ? "in place (FFM)" : "copies"));\n'
             'manualSeed(0); var gbA = randn(1024, 1024); var gbB = randn(1024, 1024);\n'
             'System.out.println("SUM " + Float.floatToIntBits((float) gbA.matmul(gbB).mul(gbA).sum().item()));')


JAVA_CELL = ("var gbOs = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();\n"
             "long[] bt = new long[%d];\n"
             "ga.matmul(gb);\n"
             "long bc = gbOs.getProcessCpuTime();\n"
             "for (int br = 0; br < bt.length; br++) { long bs = System.nanoTime(); ga.matmul(gb); bt[br] = System.nanoTime() - bs; }\n"
             "bc = gbOs.getProcessCpuTime() - bc;\n"
             "java.util.Arrays.sort(bt);\n"
             "System.out.println(\"BENCH \" + bt[bt.length / 2] + \" \" + bc / bt.length);")
PY_CELL = ("bt = []\n"
           "ga @ gb\n"
           "bc = time.process_time_ns()\n"
           "for br in range(%d):\n"
           "    bs = time.perf_counter_ns(); ga @ gb; bt.append(time.perf_counter_ns() - bs)\n"
           "bc = time.process_time_ns() - bc\n"
           "bt.sort()\n"
           "print('BENCH', bt[len(bt) // 2], bc // len(bt))")


def reps_for(m, n, k, runs):
    return max(runs, int(3e9 / (2.0 * m * n * k)))  # at least ~3 GFLOP per cell, for the CPU clock's ticks


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--kernel-dir", action="append", required=True)
    p.add_argument("--torch", action="store_true")
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--runs", type=int, default=10)
    p.add_argument("--only", help="shapes whose name matches this regex")
    p.add_argument("--allow-different-bits", action="store_true",
                   help="go on when the installs' checksums differ (e.g. one with OPENBLAS_CORETYPE in its kernel.json env)")
    a = p.parse_args()
    shapes = [s for s in SHAPES if not a.only or re.search(a.only, s[0])]
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")

    sides = []
    try:
        run(a, shapes, sides)
    finally:
        for _, s, _ in sides:
            s.close()


def run(a, shapes, sides):
    sums = set()
    for d in a.kernel_dir:
        s = kvt.Session("gradbook", KernelSpecManager(kernel_dirs=[d]))
        sides.append((d, s, "java"))
        out = s.run(PATH_CELL)
        path, total = re.search(r"PATH (.*)", out).group(1), re.search(r"SUM (-?\d+)", out).group(1)
        print("%s: %s, checksum bits %s" % (d, path, total), flush=True)
        sides[-1] = (path.split(",")[0] + (" [%s]" % d if len(a.kernel_dir) > 1 else ""), s, "java")
        sums.add(total)
        if len(sums) > 1 and not a.allow_different_bits:
            sys.exit("the installs' checksums differ: %s" % sorted(sums))
        s.run("Tensor ga = null, gb = null;")
    if a.torch:
        s = kvt.Session("python3")
        sides.append(("PyTorch", s, "py"))
        s.run(kvt.PY_PRELUDE)
    wall = {(w[0], n): [] for w in shapes for n, *_ in sides}
    cpu = {(w[0], n): [] for w in shapes for n, *_ in sides}
    for rnd in range(a.rounds):
        for name, m, n, k in shapes:
            reps = reps_for(m, n, k, a.runs)
            for side, s, kind in sides:
                s.run("ga = randn(%d, %d); gb = randn(%d, %d);" % (m, k, k, n) if kind == "java"
                      else "ga = torch.randn(%d, %d); gb = torch.randn(%d, %d)" % (m, k, k, n))
                mm = re.search(r"BENCH (\d+) (\d+)", s.run((JAVA_CELL if kind == "java" else PY_CELL) % reps))
                wall[(name, side)].append(int(mm.group(1)) / 1e6)
                cpu[(name, side)].append(int(mm.group(2)) / 1e6)
        print("round %d done" % (rnd + 1), file=sys.stderr, flush=True)
    load = open("/proc/loadavg").read().split()[0]
    print("\nms per product: median over %d rounds of each cell's median wall time (GFLOP/s), and the kernel "
          "process's CPU ms per product (median); load average at the end %s" % (a.rounds, load))
    print("| product | " + " | ".join("%s wall | %s CPU" % (n, n) for n, *_ in sides) + " |")
    print("|---|" + "---:|---:|" * len(sides))
    for name, m, n, k in shapes:
        cells = []
        for side, *_ in sides:
            wmed, cmed = statistics.median(wall[(name, side)]), statistics.median(cpu[(name, side)])
            cells.append("%.2f (%.0f) | %.2f" % (wmed, 2.0 * m * n * k / wmed / 1e6, cmed))
        print("| %s | %s |" % (name, " | ".join(cells)))


if __name__ == "__main__":
    main()
