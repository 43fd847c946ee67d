# SPDX-License-Identifier: Apache-2.0
"""Kernel start-up and round-trip latency, Gradbook beside ipykernel on the same machine, through jupyter_client.

    /usr/bin/python3 bench/kernel_latency.py [--runs 5] [--cells 50] [--warm 5] [--kernels gradbook,python3] [--idle-after-start S]
    /usr/bin/python3 bench/kernel_latency.py --kernels main=/tmp/sA/share/jupyter,mine=/tmp/sB/share/jupyter
    /usr/bin/python3 bench/kernel_latency.py --runs 1 --timeline --kernels gradbook

A kernel given as LABEL=DIR is the "gradbook" kernelspec under DIR/kernels (an `./install.sh --prefix=P` install has
it in P/share/jupyter), so installs side by side are compared in one run.

Start-up is measured from launching the kernel process, through the kernel_info handshake, to the end of the
first "1 + 1" cell; the round trip is the median time from sending an execute_request for "1 + 1" to its idle
status, after warm-up. Beside each wall time it reports the kernel process's CPU time (user + system, all its
threads, the JIT's included, from /proc): on a shared machine wall times swing with the load, CPU times much less,
so variants are compared by both, run back to back (the runs interleave the kernels). It also reports the minor page
faults and the resident memory at the first result: on the VMs this was measured on, each fault cost ~20 us of CPU.
--timeline starts the kernels with GRADBOOK_DEBUG=1 and prints, for each kernel's last launch, its debug lines (the
process's CPU, heap in use and page faults at each start-up step, per thread) beside the client's own events, in ms
since the launch. --phases does the same for every launch and prints one row per launch of the steps on the path to
the first result (PHASES), with medians: where the time between the launch and the first result went, and how many
kernel_info requests the client needed (jupyter_client 7 sends another when no IOPub message came within 0.2 s of
a reply).
Targets (issue 3, issue 10): start to first result <= 0.8 s, warm 1 + 1 <= 25 ms median.
"""
import argparse
import os
import statistics
import tempfile
import threading
import time

from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager


def cpu_seconds(pid):
    """User + system time of a process so far (Linux /proc), in seconds."""
    with open("/proc/%d/stat" % pid) as f:
        return cpu_seconds_of(f.read())


def thread_cpu(pid, seen=None):
    """CPU seconds per thread name of a process so far (the JVM names its threads: C1 CompilerThre, main, ...);
    with seen (tid -> (name, seconds), kept up to date by polling), threads that have ended count too."""
    seen = {} if seen is None else seen
    poll_threads(pid, seen)
    per = {}
    for name, sec in seen.values():
        name = name.rstrip("0123456789 ").replace("GC Thread#", "GC Thread")
        per[name] = per.get(name, 0) + sec
    return per


def poll_threads(pid, seen):
    try:
        tids = os.listdir("/proc/%d/task" % pid)
    except OSError:
        return
    for tid in tids:
        try:
            with open("/proc/%d/task/%s/stat" % (pid, tid)) as f:
                stat = f.read()
        except OSError:
            continue
        seen[tid] = (stat[stat.index("(") + 1:stat.rindex(")")], cpu_seconds_of(stat))


def faults_and_rss(pid):
    """Minor page faults so far and resident memory (MB) of a process (Linux /proc)."""
    with open("/proc/%d/stat" % pid) as f:
        faults = int(f.read().rsplit(")", 1)[1].split()[7])
    with open("/proc/%d/status" % pid) as f:
        rss = next(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))
    return faults, rss / 1024


def cpu_seconds_of(stat):
    fields = stat.rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def kernel_manager(kernel):
    """A kernelspec name, or LABEL=DIR: the gradbook kernelspec of the Jupyter data directory DIR."""
    if "=" not in kernel:
        return KernelManager(kernel_name=kernel)
    path = kernel.split("=", 1)[1]
    return KernelManager(kernel_name="gradbook", kernel_spec_manager=KernelSpecManager(kernel_dirs=[os.path.join(path, "kernels")]))


# the start-up steps --phases reports (ms since the launch): a column name and the first event line that starts with it
PHASES = [
    ("main", "starting"),
    ("bound", "sockets bound"),
    ("iopub sub", "iopub subscribed"),
    ("k_info in", "shell: kernel_info_request"),
    ("jshell", "JShell ready"),
    ("warmed", "first snippet compiled"),
    ("ready", "client: kernel_info reply"),
    ("exec in", "shell: execute_request"),
    ("result", "client: first result (idle)"),
]


def phases_of(events):
    """One --phases row from a launch's (ms, what) events: each step's time, and the kernel_info requests counted."""
    t0 = events[0][0]
    row = {}
    for name, prefix in PHASES:
        at = next((at for at, what in sorted(events) if what.split(": ", 1)[-1].startswith(prefix) or what.startswith(prefix)), None)
        row[name] = None if at is None else at - t0
    row["k_infos"] = sum(1 for _, what in events if what.endswith("shell: kernel_info_request"))
    # the first cell's eval, its thread's CPU (ms): what javac still had cold when the first cell came
    first_eval = next((what for _, what in sorted(events) if "): eval: " in what), None)
    row["eval cpu"] = None if first_eval is None else float(first_eval.rsplit("CPU ", 1)[1].split(" ms")[0])
    return row


def first_result_and_round_trips(kernel_name, cells, warm=5, threads=None, idle=0.0, timeline=None):
    km = kernel_manager(kernel_name)
    log = None
    if timeline is not None:  # the kernel's debug lines (Log.debug) go to its stderr, kept here
        log = tempfile.TemporaryFile("w+")
        events = [(time.time() * 1000, "client: launch")]
    t0 = time.perf_counter()
    if log is None:
        km.start_kernel()
    else:
        km.start_kernel(env=dict(os.environ, GRADBOOK_DEBUG="1"), stderr=log)
    kc = km.client()
    kc.start_channels()
    seen, polling = {}, threading.Event()
    if threads is not None:  # threads that end during start-up (JShell's start, the JSON warm-up) are caught alive
        def poll():
            while not polling.wait(0.01):
                poll_threads(km.provisioner.process.pid, seen)
        threading.Thread(target=poll, daemon=True).start()
    try:
        def run(code):
            msg_id = kc.execute(code)
            while True:
                msg = kc.get_iopub_msg(timeout=60)
                if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                    return
        # as a front end does: wait for the kernel_info reply (iopub is subscribed by then), then run the first cell
        kc.wait_for_ready(timeout=60)
        if log is not None:
            events.append((time.time() * 1000, "client: kernel_info reply"))
        run("1 + 1")
        startup = time.perf_counter() - t0
        pid = km.provisioner.process.pid
        startup_cpu = cpu_seconds(pid)
        faults, rss = faults_and_rss(pid)
        if log is not None:
            events.append((time.time() * 1000, "client: first result (idle)"))
        if threads is not None:
            polling.set()
            threads.append(thread_cpu(pid, seen))
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
        return startup, statistics.median(trips), startup_cpu, trip_cpu, faults, rss
    finally:
        polling.set()
        kc.stop_channels()
        km.shutdown_kernel(now=True)
        if log is not None:
            log.seek(0)
            for line in log:  # "[gradbook] @<epoch ms> cpu ...: what" (Log.debug)
                if line.startswith("[gradbook] @"):
                    at, what = line[len("[gradbook] @"):].split(" ", 1)
                    events.append((int(at), what.strip()))
            log.close()
            timeline[:] = ["%7.0f  %s" % (at - events[0][0], what) for at, what in sorted(events, key=lambda e: e[0])]
            timeline.append(phases_of(events))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--cells", type=int, default=50)
    # the JIT keeps compiling javac for the first few hundred cells: --warm 300 times the settled kernel
    p.add_argument("--warm", type=int, default=5, help="cells run before the timed ones")
    p.add_argument("--kernels", default="gradbook,python3", help="kernelspec names or LABEL=JUPYTER_DATA_DIR, comma-separated")
    p.add_argument("--threads", action="store_true", help="also the CPU time of each thread up to the first result")
    p.add_argument("--idle-after-start", type=float, default=0.0, help="seconds idle between the first result and the round trips")
    p.add_argument("--timeline", action="store_true", help="print each kernel's start-up steps (its GRADBOOK_DEBUG lines) for its last launch")
    p.add_argument("--phases", action="store_true", help="print the start-up steps of every launch, one row each (GRADBOOK_DEBUG)")
    a = p.parse_args()
    names = a.kernels.split(",")
    results = {name: [] for name in names}
    threads = {name: [] for name in names}
    timelines = {name: [] for name in names}
    phases = {name: [] for name in names}
    for _ in range(a.runs):
        for name in names:
            results[name].append(first_result_and_round_trips(name, a.cells, a.warm, threads[name] if a.threads else None, a.idle_after_start,
                                                              timelines[name] if a.timeline or a.phases else None))
            if a.phases:
                phases[name].append(timelines[name].pop())
    if a.phases:
        cols = [n for n, _ in PHASES] + ["k_infos", "eval cpu"]
        print("start-up steps per launch, ms since the launch (GRADBOOK_DEBUG lines and the client's events; k_infos: kernel_info requests the kernel read; eval cpu: the first cell's eval, its thread's CPU in ms):")
        print("| kernel | " + " | ".join(cols) + " |")
        print("|---|" + "---:|" * len(cols))
        for name, rows in phases.items():
            label = name.split("=")[0]
            for row in rows:
                print("| %s | " % label + " | ".join("-" if row[c] is None else "%.0f" % row[c] for c in cols) + " |")
            med = [[r[c] for r in rows if r[c] is not None] for c in cols]
            print("| %s, median | " % label + " | ".join("%.0f" % statistics.median(m) if m else "-" for m in med) + " |")
    for name, lines in timelines.items():
        if lines and a.timeline:
            print("%s, start-up steps of its last launch (ms since the launch; the kernel's lines: process CPU, heap in use, page faults, thread and its CPU):" % name.split("=")[0])
            print("\n".join(line for line in lines if isinstance(line, str)))
    print("| kernel | start to first result (s) | its CPU time (s) | page faults, RSS (MB) then | warm 1 + 1 round trip (ms) | its CPU time per cell (ms) |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, rs in results.items():
        med = [statistics.median(r[i] for r in rs) for i in range(6)]
        print("| %s | %.2f | %.2f | %d, %.0f | %.1f | %.1f |" % (name.split("=")[0], med[0], med[2], med[4], med[5], med[1], med[3]))
    for name, per in threads.items():
        if not per:
            continue
        keys = sorted({k for t in per for k in t}, key=lambda k: -statistics.median(t.get(k, 0) for t in per))
        print("%s, CPU seconds per thread up to the first result (medians): %s" % (name.split("=")[0], ", ".join(
            "%s %.2f" % (k, statistics.median(t.get(k, 0) for t in per)) for k in keys if statistics.median(t.get(k, 0) for t in per) >= 0.01)))
    print("(medians of %d launches each, %d cells timed after %d; CPU time: user + system of the kernel process, all threads)" % (a.runs, a.cells, a.warm))


if __name__ == "__main__":
    main()
