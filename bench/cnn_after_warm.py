#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""The CNN row in a kernel the matmul 1024 cells have warmed (the split's SgemmSharedB code compiled, as in the full
benchmark, where the CNN row comes after the matmul rows): 3 cells of matmul 1024, then 4 timing cells of the CNN-sized
product; per CNN cell its median, the caller's and the pool helper's CPU per product, the helper's run-queue wait per
product and the C2 thread's CPU (bench/kernel_threads.py's /proc readings).

    /usr/bin/python3 bench/cnn_after_warm.py KERNEL_DIR   (a directory holding gradbook/kernel.json)
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kernel_vs_torch as kvt  # noqa: E402
from kernel_threads import threads  # noqa: E402
from jupyter_client.kernelspec import KernelSpecManager  # noqa: E402

kdir = sys.argv[1]
g = kvt.Session("gradbook", KernelSpecManager(kernel_dirs=[kdir]))
pid = g.km.provisioner.process.pid
try:
    g.round_trip_ms(10)
    ws = {w.name: w for w in kvt.workloads()}
    mm = [w for n, w in ws.items() if n.startswith("matmul 1024")][0]; cnn = [w for n, w in ws.items() if n.startswith("CNN")][0]
    mm.reps = 5; cnn.reps = 5
    g.run(mm.java_setup)
    for i in range(3): g.run(kvt.java_timing_cell(mm))
    g.run(cnn.java_setup)
    for i in range(4):
        b = threads(pid); out = g.run(kvt.java_timing_cell(cnn)); a = threads(pid)
        m = re.search(r"BENCH (\d+) (\d+)", out)
        d = {}
        for k, v in a.items():
            v0 = b.get(k, [0, 0]); d[k] = (v[0] - v0[0]) / 1e6, (v[1] - v0[1]) / 1e6
        n = cnn.reps + cnn.warm
        hot = [v for k, v in d.items() if k.startswith("gradbook-hot")]
        c2 = [v for k, v in d.items() if k.startswith("C2")]
        print("CNN cell %d: median %.1f ms | per product caller %.1f, helper %.1f (wait %.1f) | C2 %.0f ms a cell" % (
            i, int(m.group(2)) / 1e6, d.get("ended", (0, 0))[0] / n, sum(h[0] for h in hot) / n, sum(h[1] for h in hot) / n,
            sum(c[0] for c in c2)), flush=True)
finally:
    g.close()
