# SPDX-License-Identifier: Apache-2.0
"""Kernel start-up and round-trip latency, Gradbook beside ipykernel on the same machine, through jupyter_client.

    /usr/bin/python3 bench/kernel_latency.py [--runs 5] [--cells 50] [--warm 5] [--kernels gradbook,python3] [--idle-after-start S]

Start-up is measured from launching the kernel process, through the kernel_info handshake, to the end of the
first "1 + 1" cell; the round trip is the median time from sending an execute_request for "1 + 1" to its idle
status, after warm-up. Beside each wall time it reports the kernel process's CPU time (user + system, all its
threads, the JIT's included, from /proc): on a shared machine wall times swing with the load, CPU times much less,
so variants are compared by both, run back to back (the runs interleave the kernels).
Targets (issue 3, issue 10): start to first result <= 0.8 s, warm 1 + 1 <= 25 ms median.
"""
import argparse
import os
import statistics
import time

from jupyter_client.manager import KernelManager


def cpu_seconds(pid):
    """User + system time of a process so far (Linux /proc), in seconds."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def first_result_and_round_trips(kernel_name, cells, warm=5, idle=0.0):
    km = KernelManager(kernel_name=kernel_name)
    t0 = time.perf_counter()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        def run(code):
            msg_id = kc.execute(code)
            while True:
                msg = kc.get_iopub_msg(timeout=60)
                if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                    return
        # as a front end does: wait for the kernel_info reply (iopub is subscribed by then), then run the first cell
        kc.wait_for_ready(timeout=60)
        run("1 + 1")
        startup = time.perf_counter() - t0
        pid = km.provisioner.process.pid
        startup_cpu = cpu_seconds(pid)
        # kernel_vs_torch.py starts ipykernel (~1.6 s) between Gradbook's first result and its round trips: the
        # idle-time JIT warm-up may run then, and its compiles may spill into the round trips
        time.sleep(idle)
        for _ in range(warm):
            run("1 + 1")
        trips = []
        cpu0 = cpu_seconds(pid)
        for _ in range(cells):
            s = time.perf_counter()
            run("1 + 1")
            trips.append((time.perf_counter() - s) * 1000)
        trip_cpu = (cpu_seconds(pid) - cpu0) / cells * 1000
        return startup, statistics.median(trips), startup_cpu, trip_cpu
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--cells", type=int, default=50)
    # the JIT keeps compiling javac for the first few hundred cells: --warm 300 times the settled kernel
    p.add_argument("--warm", type=int, default=5, help="cells run before the timed ones")
    p.add_argument("--kernels", default="gradbook,python3", help="kernelspec names, comma-separated")
    p.add_argument("--idle-after-start", type=float, default=0.0, help="seconds idle between the first result and the round trips")
    a = p.parse_args()
    names = a.kernels.split(",")
    results = {name: [] for name in names}
    for _ in range(a.runs):
        for name in names:
            results[name].append(first_result_and_round_trips(name, a.cells, a.warm, a.idle_after_start))
    print("| kernel | start to first result (s) | its CPU time (s) | warm 1 + 1 round trip (ms) | its CPU time per cell (ms) |")
    print("|---|---:|---:|---:|---:|")
    for name, rs in results.items():
        med = [statistics.median(r[i] for r in rs) for i in range(4)]
        print("| %s | %.2f | %.2f | %.1f | %.1f |" % (name, med[0], med[2], med[1], med[3]))
    print("(medians of %d launches each, %d cells timed after %d; CPU time: user + system of the kernel process, all threads)" % (a.runs, a.cells, a.warm))


if __name__ == "__main__":
    main()
