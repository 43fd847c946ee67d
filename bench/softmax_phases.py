#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""The row "softmax + cross entropy fwd+bwd, 512x1000" by phase, as cells in the installed kernel, beside the same
statements in one plain JVM with the kernel's own flags (bench/SoftmaxPhases.java, compiled into bench/out).

    /usr/bin/python3 bench/softmax_phases.py --kernel-dir /tmp/me/jupyter/kernels [--cells 10] [--rounds 10]
        [--in-process] [--idle S]

Each cell runs `rounds` rounds and prints the median per phase in ms: softmax forward, log_softmax forward,
nll_loss forward, nll_loss backward, log_softmax backward, AccumulateGrad, and the whole row as the benchmark
writes it (`softmax(sl, 1); crossEntropy(sl, st).backward();`). Cell 0 is the JIT's first seconds.
"""
import argparse
import json
import pathlib
import subprocess
import sys
import time

from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager

ROOT = pathlib.Path(__file__).resolve().parents[1]

SETUP = """manualSeed(0);
var sl = randn(512, 1000).requiresGrad_(); var st = tensor(java.util.stream.LongStream.range(0, 512).toArray());
long[] HOOK = new long[2];
sl.registerHook(g -> HOOK[1] = System.nanoTime());"""

CELL = """long pgc0 = 0, pgt0 = 0;
for (var gb : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) { pgc0 += gb.getCollectionCount(); pgt0 += gb.getCollectionTime(); }
var PMX = java.lang.management.ManagementFactory.getThreadMXBean();
long[][] pt = new long[%d][11];
for (int r = 0; r < pt.length; r++) {
    long t0 = System.nanoTime();
    Tensor y = softmax(sl, 1);
    long t1 = System.nanoTime();
    Tensor lp = logSoftmax(sl, 1);
    long t2 = System.nanoTime();
    Tensor loss = nllLoss(lp, st);
    long t3 = System.nanoTime();
    lp.registerHook(g -> HOOK[0] = System.nanoTime());
    long t3b = System.nanoTime();
    loss.backward();
    long t4 = System.nanoTime(), h0 = HOOK[0], h1 = HOOK[1];
    long c4 = PMX.getCurrentThreadCpuTime();
    softmax(sl, 1); crossEntropy(sl, st).backward();
    long t5 = System.nanoTime(), c5 = PMX.getCurrentThreadCpuTime();
    softmax(sl, 1);
    long t6 = System.nanoTime();
    Tensor ce = crossEntropy(sl, st);
    long t7 = System.nanoTime();
    ce.backward();
    long t8 = System.nanoTime();
    pt[r] = new long[] {t1 - t0, t2 - t1, t3 - t2, h0 - t3b, h1 - h0, t4 - h1, t5 - t4, c5 - c4, t6 - t5, t7 - t6, t8 - t7};
}
String[] pn = {"softmax", "logSoftmax", "nll", "nllBwd", "lsmBwd", "accum", "row", "rowCpu", "r.sm", "r.ce", "r.bwd"};
StringBuilder psb = new StringBuilder();
for (int k = 0; k < pn.length; k++) {
    long[] v = new long[pt.length];
    for (int r = 0; r < pt.length; r++) v[r] = pt[r][k];
    java.util.Arrays.sort(v);
    psb.append(String.format(" %%s %%.3f", pn[k], v[v.length / 2] / 1e6));
}
long pgc1 = 0, pgt1 = 0;
for (var gb : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) { pgc1 += gb.getCollectionCount(); pgt1 += gb.getCollectionTime(); }
psb.append(" | gc " + (pgc1 - pgc0) + " x, " + (pgt1 - pgt0) + " ms");
for (var mp : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) if (mp.getName().contains("Eden") || mp.getName().contains("Tenured")) psb.append(" " + mp.getName() + " " + (mp.getUsage().getCommitted() >> 20) + "M");
System.out.println(psb);"""


def run(kc, code):
    msg_id = kc.execute(code)
    out = []
    while True:
        msg = kc.get_iopub_msg(timeout=300)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "stream":
            out.append(msg["content"]["text"])
        elif msg["msg_type"] == "error":
            raise RuntimeError(msg["content"]["evalue"])
        elif msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return "".join(out)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--kernel-dir", required=True)
    p.add_argument("--cells", type=int, default=10)
    p.add_argument("--rounds", type=int, default=10)
    p.add_argument("--in-process", action="store_true", help="also run bench/SoftmaxPhases.java with the kernel's flags")
    p.add_argument("--idle", type=float, default=0.0,
                   help="seconds the kernel sits idle after the setup cell (its idle-time JIT warm-up runs then)")
    a = p.parse_args()
    spec = json.loads((pathlib.Path(a.kernel_dir) / "gradbook" / "kernel.json").read_text())
    if a.in_process:
        argv = spec["argv"]
        main_at = argv.index("io.gradbook.kernel.Main")
        flags, cp = argv[1:main_at - 2], argv[main_at - 1]
        out = ROOT / "bench" / "out"
        out.mkdir(exist_ok=True)
        subprocess.run(["javac", "-d", str(out), "-cp", cp, str(ROOT / "bench" / "SoftmaxPhases.java")], check=True)
        java = argv[0]
        print("in process (%s):" % java, flush=True)
        subprocess.run([java] + flags + ["-cp", cp + ":" + str(out), "SoftmaxPhases", str(a.cells), str(a.rounds)], check=True)
    km = KernelManager(kernel_name="gradbook", kernel_spec_manager=KernelSpecManager(kernel_dirs=[a.kernel_dir]))
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=120)
        run(kc, "1 + 1")
        run(kc, SETUP)
        time.sleep(a.idle)
        print("in the kernel%s:" % (" after %.0f s idle" % a.idle if a.idle else ""), flush=True)
        for c in range(a.cells):
            print("cell %d:%s" % (c, run(kc, CELL % a.rounds).rstrip()), flush=True)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


if __name__ == "__main__":
    sys.exit(main())
