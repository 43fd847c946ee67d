#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""How many cores' worth of work this machine gives two busy processes at once: the same counting loop runs alone on
each of the first two processors this process may use (pinned: on a VM one may be slower), then on both at once; each
processor's rate beside the other over the faster lone rate says how fast it is while both work, their sum how many
cores' worth there are (2.0: two full cores). The 2-vCPU VM of the sixteenth session read 1.97-1.99 at times and at
others had one processor at ~0.7 of the other, alone or not, for seconds at a time (the host's doing): then a split
whose halves are fixed (a matrix product's two threads, PyTorch's or Gradbook's) ends with the slower processor's
half, at most ~1.4x faster than one thread (bench/RESULTS.md). bench/kernel_vs_torch.py prints it before and after
its rows.

    /usr/bin/python3 bench/machine_cores.py [seconds]
"""
import multiprocessing
import os
import sys
import time

WINDOW_S = 0.005


def _count(seconds, out, cpu):
    """Counts loop steps in 5 ms windows for `seconds` on processor `cpu`; puts the median count per window."""
    os.sched_setaffinity(0, {cpu})
    end = time.perf_counter() + seconds
    counts = []
    while time.perf_counter() < end:
        t0 = time.perf_counter()
        n = 0
        while time.perf_counter() - t0 < WINDOW_S:
            n += 1
        counts.append(n)
    counts.sort()
    out.put((cpu, counts[len(counts) // 2]))


def _run(cpus, seconds):
    """The median window count of one process per processor in `cpus`, all at once, in the order of `cpus`."""
    out = multiprocessing.Queue()
    ps = [multiprocessing.Process(target=_count, args=(seconds, out, cpu)) for cpu in cpus]
    for p in ps:
        p.start()
    counts = dict(out.get() for _ in ps)
    for p in ps:
        p.join()
    return [counts[cpu] for cpu in cpus]


def effective_cores(seconds=1.0):
    """Each processor's rate beside the other over the faster lone rate, fastest first, their sum, and the lone rates."""
    cpus = sorted(os.sched_getaffinity(0))[:2]
    lone = [_run([cpu], seconds)[0] for cpu in cpus]
    best = max(lone)
    if len(cpus) < 2 or not best:
        return {"each": [1.0, 0.0], "cores": 1.0, "alone": [1.0]}
    both = sorted((round(c / best, 2) for c in _run(cpus, seconds)), reverse=True)
    return {"each": both, "cores": round(sum(both), 2), "alone": [round(c / best, 2) for c in lone]}


def describe(r):
    return "two busy processes get %.2f cores' worth (the processors run at %s of the faster one alone; alone %s)" % (
        r["cores"], " and ".join("%.2f" % e for e in r["each"]), " and ".join("%.2f" % e for e in r["alone"]))


if __name__ == "__main__":
    print(describe(effective_cores(float(sys.argv[1]) if len(sys.argv) > 1 else 1.0)))
