# SPDX-License-Identifier: Apache-2.0
"""Huge results (issue 14 item 5) through jupyter_client into the built kernel (kernel/target): for chains of N
MulBackward0 nodes, the round trip of `draw(y)` (capped at 500 nodes) and of `draw(y, N + 1)` (uncapped) with the
sizes of the SVG and text sent, and of `stepBackward(y)`; the time is the kernel's (render, encode, send), the
chain is built in an earlier cell.
Usage: mvn -B -ntp -o -q -pl kernel -am package -DskipTests && /usr/bin/python3 bench/big_outputs.py [N ...]"""
import pathlib
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "kernel" / "src" / "test" / "python"))
import conftest  # noqa: E402,F401  (writes the kernelspec for the built jars)
from jupyter_client.manager import start_new_kernel  # noqa: E402

from helpers import run  # noqa: E402

sizes = [int(a) for a in sys.argv[1:]] or [2_000, 20_000, 40_000]
km, kc = start_new_kernel(kernel_name="gradbook", startup_timeout=90)
print("| nodes | cell | round trip (s) | image/svg+xml (KB) | text/plain (KB) | text/html (KB) |")
print("|---:|---|---:|---:|---:|---:|")
try:
    run(kc, "draw(ones(2).requiresGrad_().mul(2))")  # warm-up
    for n in sizes:
        run(kc, "var x = ones(2).requiresGrad_();\nvar y = x;\nfor (int i = 0; i < %d; i++) y = y.mul(1.0);" % n, timeout=600)
        for cell in ("draw(y)", "draw(y, %d)" % (n + 1), "stepBackward(y.sum(), true)"):
            t = time.perf_counter()
            reply, msgs = run(kc, cell, timeout=600)
            took = time.perf_counter() - t
            data = next((m["content"]["data"] for m in msgs if m["msg_type"] == "execute_result"), {})
            kb = lambda k: "%.0f" % (len(data[k].encode()) / 1e3) if k in data else "-"  # noqa: E731
            print("| %d | `%s` | %.2f | %s | %s | %s |" % (n + 1, cell, took, kb("image/svg+xml"), kb("text/plain"), kb("text/html")), flush=True)
finally:
    kc.stop_channels()
    km.shutdown_kernel(now=True)
