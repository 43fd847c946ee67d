#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""The 512-bit product kernel in a young installed kernel (twenty-first session): a fresh kernel runs the
benchmark's MLP setup and one cell of its 20 SGD steps (the first product that would take the wide kernel starts its
warm-up thread, math.WideSgemm), then CELLS cells, SLEEP seconds apart, each timing three products of 1024 x 1024
and printing them with `WideSgemm.timing()` (what the warm-up measured and chose, or "not timed" while it runs). Rows:
seconds since the launch, the three products' ms, the timing. Kernels given as LABEL=KERNELS_DIR[+FLAG ...] run
one after the other, ROUNDS times, alternated (FLAGs go before -cp in a copy of the kernelspec: bench/kernel_replay_ab.py's
variants).

    /usr/bin/python3 bench/wide_young.py main=/tmp/X/jupyter/kernels [off=/tmp/X/jupyter/kernels+-Dgradbook.blas.wide=false]
        [--cells 12] [--sleep 0.5] [--rounds 1]

SLEEP under the kernel's idle-time warm-up's IDLE_MS (1 s) keeps that warm-up from running between the cells.
"""
import argparse
import os
import pathlib
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kernel_vs_torch as kvt  # noqa: E402
from kernel_replay_ab import parse_variants  # noqa: E402
from jupyter_client.kernelspec import KernelSpecManager  # noqa: E402

PRODUCTS = ('String ts = ""; for (int q = 0; q < 3; q++) { long t1 = System.nanoTime(); ma.matmul(mb); '
            'ts += String.format("%.1f ", (System.nanoTime() - t1) / 1e6); } '
            'System.out.println(ts + io.gradbook.autograd.math.WideSgemm.timing());')


def one_kernel(label, kdir, cells, sleep):
    t0 = time.time()
    s = kvt.Session("gradbook", KernelSpecManager(kernel_dirs=[kdir]))
    try:
        s.run(kvt.JAVA_MLP_SETUP)
        s.run(kvt.JAVA_MLP_BODY)
        s.run("var ma = randn(1024, 1024); var mb = randn(1024, 1024);")
        for _ in range(cells):
            out = s.run(PRODUCTS)
            print("%s %5.1f s  %s" % (label, time.time() - t0, out.strip()), flush=True)
            time.sleep(sleep)
    finally:
        s.km.shutdown_kernel(now=True)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("kernels", nargs="+", help="LABEL=KERNELS_DIR[+FLAG ...] (a directory holding gradbook/kernel.json)")
    p.add_argument("--cells", type=int, default=12)
    p.add_argument("--sleep", type=float, default=0.5)
    p.add_argument("--rounds", type=int, default=1)
    a = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        variants = parse_variants(a.kernels, pathlib.Path(tmp))
        for r in range(a.rounds):
            for label, kdir in (variants if r % 2 == 0 else variants[::-1]):
                one_kernel(label, str(kdir), a.cells, a.sleep)


if __name__ == "__main__":
    main()
