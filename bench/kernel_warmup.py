#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""A student's first big cells, with and without the idle-time JIT warm-up: start the kernel, run `1 + 1`, stay idle
for a while (reading the notebook), then run the first big cells once each, timed inside the cell. Also the kernel
process's CPU time (user + system, all threads, from /proc) spent while it was idle: what the warm-up costs.

    /usr/bin/python3 bench/kernel_warmup.py --kernels gb-on,gb-off [--idle 4] [--runs 3] [--until-done]

The kernelspecs are looked up as jupyter_client finds them (JUPYTER_PATH); make the "off" one from an installed
kernel.json by adding -Dgradbook.warmup=false to its argv. The kernels alternate run by run.
"""
import argparse
import re
import statistics
import time

from jupyter_client.manager import KernelManager

from kernel_latency import cpu_seconds

FIRST_CELLS = [  # (name, setup, timed body): each body runs once, as a student's first such cell
    ("x.sin() on 10^6", "var fx = randn(1_000_000);", "fx.sin();"),
    ("x.sin().mul(x).exp().sum() fwd+bwd 1000x1000", "var gx = randn(1000, 1000).requiresGrad_();",
     "gx.sin().mul(gx).exp().sum().backward();"),
    ("softmax + cross entropy fwd+bwd 512x1000",
     "var sl = randn(512, 1000).requiresGrad_(); var st = tensor(java.util.stream.LongStream.range(0, 512).toArray());",
     "softmax(sl, 1); crossEntropy(sl, st).backward();"),
]


STATE = ('var wf = Class.forName("io.gradbook.kernel.IdleWarmUp").getDeclaredField("state"); wf.setAccessible(true);\n'
         'System.out.println("S " + wf.get(null));')


def one_launch(name, idle, until_done):
    km = KernelManager(kernel_name=name)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        def run(code):
            msg_id = kc.execute(code)
            out = []
            while True:
                msg = kc.get_iopub_msg(timeout=300)
                if msg["parent_header"].get("msg_id") != msg_id:
                    continue
                if msg["msg_type"] == "stream":
                    out.append(msg["content"]["text"])
                if msg["msg_type"] == "error":
                    raise RuntimeError(msg["content"]["evalue"])
                if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                    return "".join(out)
        kc.wait_for_ready(timeout=120)
        run("1 + 1")
        pid = km.provisioner.process.pid
        cpu0 = cpu_seconds(pid)
        t0 = time.perf_counter()
        time.sleep(idle)
        # each look is a cell, after which the warm-up waits its idle time again: look seldom
        while until_done and re.search(r"S (waiting|running)", run(STATE)):
            time.sleep(3)
        row = {"idle (s)": time.perf_counter() - t0, "idle CPU (s)": cpu_seconds(pid) - cpu0}
        run("manualSeed(0);")
        for label, setup, body in FIRST_CELLS:
            run(setup)
            c0 = cpu_seconds(pid)
            out = run("long t0 = System.nanoTime(); { %s } System.out.println(\"T \" + (System.nanoTime() - t0));" % body)
            row[label] = int(re.search(r"T (\d+)", out).group(1)) / 1e6
            row[label + ", kernel CPU"] = (cpu_seconds(pid) - c0) * 1000
        return row
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--kernels", default="gradbook", help="kernelspec names, comma-separated")
    p.add_argument("--idle", type=float, default=4.0, help="seconds idle after the first `1 + 1`")
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--until-done", action="store_true", help="then also wait until the warm-up has finished")
    a = p.parse_args()
    names = a.kernels.split(",")
    rows = {n: [] for n in names}
    for _ in range(a.runs):
        for n in names:
            rows[n].append(one_launch(n, a.idle, a.until_done))
            print(n, rows[n][-1], flush=True)
    keys = list(rows[names[0]][0])
    print("\n| first cell after %.0f s idle%s (ms, median of %d launches) | %s |" % (a.idle, " and the warm-up's end" if a.until_done else "", a.runs, " | ".join(names)))
    print("|---|" + "---:|" * len(names))
    for k in keys:
        print("| %s | %s |" % (k, " | ".join("%.2f" % statistics.median(r[k] for r in rows[n]) for n in names)))


if __name__ == "__main__":
    main()
