#!/usr/bin/env python3
"""Tail latency of a long sum in installed kernels: per kernel, a fresh kernel idles (so that the engine's warm-up,
the sum split's long-sums unit included, can run), then one cell times N sums of 10^7 float32 and prints median,
p90, p99 and max. Kernels alternate, each started as many times as --rounds says.

    /usr/bin/python3 bench/sum_tail.py --kernels off=/tmp/A/jupyter/kernels,split=/tmp/B/jupyter/kernels \
        [--rounds 2] [--idle 20] [--sums 300]

Run it beside busy processes (`yes > /dev/null &`) to see the split under load (bench/RESULTS.md, nineteenth session).
"""
import argparse
import time

from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager

from softmax_phases import run as execute  # one cell's stream output, an error raised


def one(kernel_dir, idle, sums):
    ksm = KernelSpecManager()
    ksm.kernel_dirs = [kernel_dir]
    km = KernelManager(kernel_name="gradbook", kernel_spec_manager=ksm)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=120)
        execute(kc, "var big = rand(10_000_000);")
        time.sleep(idle)
        n = sums
        return execute(kc, f"""long[] ts = new long[{n}];
for (int i = 0; i < {n}; i++) {{ long t = System.nanoTime(); big.sum(); ts[i] = System.nanoTime() - t; }}
java.util.Arrays.sort(ts);
System.out.printf("median %.2f p90 %.2f p99 %.2f max %.2f ms%n", ts[{n // 2}] / 1e6, ts[{n * 9 // 10}] / 1e6,
    ts[{n * 99 // 100}] / 1e6, ts[{n - 1}] / 1e6);""").strip()
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--kernels", required=True, help="label=kernels-dir,label=kernels-dir")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--idle", type=float, default=20)
    ap.add_argument("--sums", type=int, default=300)
    a = ap.parse_args()
    kernels = [kv.split("=", 1) for kv in a.kernels.split(",")]
    for _ in range(a.rounds):
        for label, d in kernels:
            print(label, one(d, a.idle, a.sums), flush=True)


if __name__ == "__main__":
    main()
