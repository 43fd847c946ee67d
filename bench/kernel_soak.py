# SPDX-License-Identifier: Apache-2.0
"""The 10,000-cell soak (issue 14): varied cells through jupyter_client into the built kernel (kernel/target),
printing the heap after a full GC, the loaded classes and the median `1 + 1` round trip at checkpoints. The
target: round trip and heap after 10,000 cells within 1.3x of those after 500.
Usage: mvn -B -ntp -o -q -pl kernel -am package -DskipTests && /usr/bin/python3 bench/kernel_soak.py [cells]"""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "kernel" / "src" / "test" / "python"))
import conftest  # noqa: E402,F401  (writes the kernelspec for the built jars)
from jupyter_client.manager import start_new_kernel  # noqa: E402

from soak import soak  # noqa: E402

total = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
marks = {500, 1000, 2500, 5000, 7500, total}
km, kc = start_new_kernel(kernel_name="gradbook", startup_timeout=90)
print("| cells | heap after GC (MB) | loaded classes | metaspace (MB) | `1 + 1` round trip p50 (ms) | kernel CPU per `1 + 1` (ms) |")
print("|---:|---:|---:|---:|---:|---:|")
try:
    points = soak(kc, total, marks, lambda i, h, c, m, t, cpu: print("| %d | %.1f | %d | %.1f | %.1f | %.1f |" % (i, h / 1e6, c, m / 1e6, t, cpu), flush=True),
                  pid=km.provisioner.process.pid)
    h0, _, _, t0, c0 = points[500]
    h1, _, _, t1, c1 = points[total]
    print("heap %.2fx, round trip %.2fx, kernel CPU %.2fx of the values after 500 cells (target: within 1.3x)" % (h1 / h0, t1 / t0, c1 / c0))
finally:
    kc.stop_channels()
    km.shutdown_kernel(now=True)
