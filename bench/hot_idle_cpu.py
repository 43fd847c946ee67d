#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""An installed kernel left idle after split work uses no CPU (eleventh session, HotWorkers): runs one cell that
splits (a 1024 matmul and a 10^6-element sin, so the workers wake), then samples the CPU time (utime + stime from
/proc/PID/task/TID/stat) of the kernel's threads named gradbook-hot-* and of the whole process, at intervals after the
cell returned. Usage: bench/hot_idle_cpu.py KERNELS_DIR [seconds]
"""
import os
import pathlib
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from jupyter_client.kernelspec import KernelSpecManager  # noqa: E402
from kernel_vs_torch import Session  # noqa: E402

TICK = os.sysconf("SC_CLK_TCK")


def threads(pid):
    """{thread name: CPU seconds} for the process's threads."""
    out = {}
    for tid in os.listdir("/proc/%d/task" % pid):
        try:
            name = pathlib.Path("/proc/%d/task/%s/comm" % (pid, tid)).read_text().strip()
            f = pathlib.Path("/proc/%d/task/%s/stat" % (pid, tid)).read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        out[name + "/" + tid] = (int(f[11]) + int(f[12])) / TICK
    return out


def main():
    kernels, seconds = sys.argv[1], float(sys.argv[2]) if len(sys.argv) > 2 else 20
    s = Session("gradbook", KernelSpecManager(kernel_dirs=[kernels]))
    try:
        pid = s.pid()
        s.run("var hx = randn(1024, 1024); for (int i = 0; i < 5; i++) { hx.matmul(hx); hx.sin().sum(); }")
        t0 = time.time()
        first = threads(pid)
        hot = sorted(k for k in first if k.startswith("gradbook-hot"))
        print("load %s; hot workers: %s" % (open("/proc/loadavg").read().split()[0], hot or "none"))
        prev, tprev = first, t0
        while time.time() - t0 < seconds:
            time.sleep(2)
            now, tnow = threads(pid), time.time()
            dt = tnow - tprev
            hot_ms = sum(now[k] - prev.get(k, 0) for k in hot) * 1000
            all_ms = sum(now[k] - prev.get(k, 0) for k in now) * 1000
            print("%5.1f s after the cell: hot workers %.0f ms CPU (%.1f%%), whole kernel %.0f ms (%.1f%%) in %.1f s"
                  % (tnow - t0, hot_ms, hot_ms / dt / 10, all_ms, all_ms / dt / 10, dt))
            prev, tprev = now, tnow
    finally:
        s.close()


if __name__ == "__main__":
    main()
