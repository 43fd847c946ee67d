# SPDX-License-Identifier: Apache-2.0
"""Kernel start-up and round-trip latency, Gradbook beside ipykernel on the same machine, through jupyter_client.

    /usr/bin/python3 bench/kernel_latency.py [--runs 5] [--cells 50]

Start-up is measured from launching the kernel process, through the kernel_info handshake, to the end of the
first "1 + 1" cell; the round trip
is the median time from sending an execute_request for "1 + 1" to its idle status, after warm-up.
Targets (issue 3): start to first result <= 0.8 s, warm 1 + 1 <= 25 ms median.
"""
import argparse
import statistics
import time

from jupyter_client.manager import KernelManager


def first_result_and_round_trips(kernel_name, cells):
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
        for _ in range(5):
            run("1 + 1")
        trips = []
        for _ in range(cells):
            s = time.perf_counter()
            run("1 + 1")
            trips.append((time.perf_counter() - s) * 1000)
        return startup, statistics.median(trips)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--cells", type=int, default=50)
    a = p.parse_args()
    print("| kernel | start to first result (s, median of %d) | warm 1 + 1 round trip (ms, median) |" % a.runs)
    print("|---|---:|---:|")
    for name in ("gradbook", "python3"):
        results = [first_result_and_round_trips(name, a.cells) for _ in range(a.runs)]
        print("| %s | %.2f | %.1f |" % (name, statistics.median(r[0] for r in results), statistics.median(r[1] for r in results)))


if __name__ == "__main__":
    main()
