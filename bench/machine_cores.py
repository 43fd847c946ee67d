#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""How many cores' worth of work this machine gives two busy processes at once: the same counting loop runs alone
(twice, the faster run kept: on a VM the processor it lands on may be the slower one), then in two processes side by
side; each of the two's rates over the lone one's says how fast each processor is while both work, their sum how many
cores' worth there are (2.0: two full cores). The 2-vCPU VM of the sixteenth session read about 1.0 and 0.72 (1.72),
so a split whose halves are fixed (a matrix product's two threads, PyTorch's or Gradbook's) ends with the slower
processor's half, at most ~1.45x faster than one thread (bench/RESULTS.md). bench/kernel_vs_torch.py prints it
before and after its rows.

    /usr/bin/python3 bench/machine_cores.py [seconds]
"""
import multiprocessing
import sys
import time

WINDOW_S = 0.005


def _count(seconds, out):
    """Counts loop steps in 5 ms windows for `seconds`; puts the median count per window."""
    end = time.perf_counter() + seconds
    counts = []
    while time.perf_counter() < end:
        t0 = time.perf_counter()
        n = 0
        while time.perf_counter() - t0 < WINDOW_S:
            n += 1
        counts.append(n)
    counts.sort()
    out.put(counts[len(counts) // 2])


def _run(processes, seconds):
    out = multiprocessing.Queue()
    ps = [multiprocessing.Process(target=_count, args=(seconds, out)) for _ in range(processes)]
    for p in ps:
        p.start()
    counts = [out.get() for _ in ps]
    for p in ps:
        p.join()
    return counts


def effective_cores(seconds=1.0):
    """Each of two busy processes' rate over a lone one's (the faster of two lone runs), fastest first, and their sum."""
    one = max(_run(1, seconds)[0], _run(1, seconds)[0])
    two = sorted((round(c / one, 2) for c in _run(2, seconds)), reverse=True) if one else [0.0, 0.0]
    return {"each": two, "cores": round(sum(two), 2)}


def describe(r):
    return "two busy processes get %.2f cores' worth (each runs at %s of one alone)" % (
        r["cores"], " and ".join("%.2f" % e for e in r["each"]))


if __name__ == "__main__":
    print(describe(effective_cores(float(sys.argv[1]) if len(sys.argv) > 1 else 1.0)))
