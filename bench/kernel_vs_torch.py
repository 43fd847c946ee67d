#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Gradbook beside PyTorch, as notebook cells: the same workloads run as cells in the Gradbook kernel and in
ipykernel + PyTorch 1.13 (2 threads), each timed inside its cell (Java System.nanoTime(), Python
time.perf_counter()), and a table of PyTorch time / Gradbook time (above 1: Gradbook is faster).

    /usr/bin/python3 bench/kernel_vs_torch.py            # everything (10 minutes on the loaded 2-core machine)
    /usr/bin/python3 bench/kernel_vs_torch.py --quick    # smaller set, fewer runs (about 1 minute + the install)
    options: --no-torch (Gradbook only) --only REGEX --kernel-dir DIR --java-opts '...' --runs N --json FILE

Installs nothing globally: unless --kernel-dir names an existing kernelspec directory, ./install.sh installs the
kernel into a temporary Jupyter data directory (XDG_DATA_HOME, JUPYTER_DATA_DIR) that is deleted at the end, so the
numbers are those of the kernel as installed (its JIT settings, its start-up archive). Also measures start-up to the
first result and the warm `1 + 1` round trip of both kernels through jupyter_client. Every workload's cell prints
"BENCH <best ns> <median ns>"; the table shows medians. Before each side's timing cell the benchmark waits (up to
10 s) until the other kernel is quiet, so neither side is timed while the other's JIT or warm-up still runs.
"""
import argparse
import json
import os
import pathlib
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager
from kernel_latency import cpu_seconds
import machine_cores

ROOT = pathlib.Path(__file__).resolve().parents[1]
TIMEOUT = 900


class Workload:
    """One case: setup code and a body for each side; reps timed runs of the body after warm untimed ones."""

    def __init__(self, name, java_setup, java_body, py_setup, py_body, reps, warm=1, quick=None):
        self.name, self.reps, self.warm = name, reps, warm
        self.java_setup, self.java_body, self.py_setup, self.py_body = java_setup, java_body, py_setup, py_body
        self.quick = quick  # for --quick: True (fewer runs), another Workload, or None (left out)


def matmul(n, reps, quick=None):
    return Workload("matmul %dx%d" % (n, n),
                    "var ma = randn(%d, %d); var mb = randn(%d, %d);" % (n, n, n, n), "ma.matmul(mb);",
                    "ma = torch.randn(%d, %d); mb = torch.randn(%d, %d)" % (n, n, n, n), "ma @ mb",
                    reps, warm=2, quick=quick)


def chain(n, reps):
    return Workload("%s-node chain, build + backward" % ("10^6" if n == 1_000_000 else "10^5"),
                    "var cx = tensor(1.0).requiresGrad_();",
                    "Tensor y = cx; for (int i = 0; i < %d; i++) y = y.mul(1.0); y.backward();" % n,
                    "cx = torch.tensor(1.0, requires_grad=True)",
                    "y = cx\nfor _ in range(%d):\n    y = y * 1.0\ny.backward()" % n, reps)


def tiny_add(n, reps):
    return Workload("add 2x2, %s times" % ("10^5" if n == 100_000 else "10^4"),
                    "var ta = rand(2, 2); var tb = rand(2, 2);", "for (int i = 0; i < %d; i++) ta.add(tb);" % n,
                    "ta = torch.rand(2, 2); tb = torch.rand(2, 2)", "for _ in range(%d):\n    ta + tb" % n, reps)


JAVA_MLP_SETUP = """manualSeed(0);
var xs = randn(128, 784); var labels = tensor(java.util.stream.LongStream.range(0, 128).map(i -> i % 10).toArray());
var w1 = randn(784, 256).mul(0.03).requiresGrad_(); var b1 = zeros(256).requiresGrad_();
var w2 = randn(256, 10).mul(0.06).requiresGrad_(); var b2 = zeros(10).requiresGrad_();
Tensor[] params = {w1, b1, w2, b2};"""
JAVA_MLP_BODY = """for (int step = 0; step < 20; step++) {
    Tensor loss = crossEntropy(xs.matmul(w1).add(b1).relu().matmul(w2).add(b2), labels);
    loss.backward();
    for (Tensor p : params) { p.data().sub_(p.grad().mul(0.01)); p.grad().zero_(); }
}"""
PY_MLP_SETUP = """torch.manual_seed(0)
xs = torch.randn(128, 784); labels = torch.arange(128) % 10
w1 = (torch.randn(784, 256) * 0.03).requires_grad_(); b1 = torch.zeros(256, requires_grad=True)
w2 = (torch.randn(256, 10) * 0.06).requires_grad_(); b2 = torch.zeros(10, requires_grad=True)
params = [w1, b1, w2, b2]"""
PY_MLP_BODY = """for step in range(20):
    loss = F.cross_entropy((xs @ w1 + b1).relu() @ w2 + b2, labels)
    loss.backward()
    for p in params:
        p.data.sub_(p.grad * 0.01)
        p.grad.zero_()"""

JAVA_LINREG_SETUP = """manualSeed(0);
var lx = randn(100); var ly = lx.mul(3).add(2).add(randn(100).mul(0.1));
var lw = zeros(1).requiresGrad_(); var lb = zeros(1).requiresGrad_();"""
JAVA_LINREG_BODY = """for (int step = 0; step < 2000; step++) {
    Tensor loss = lx.mul(lw).add(lb).sub(ly).pow(2).mean();
    loss.backward();
    lw.data().sub_(lw.grad().mul(0.01)); lb.data().sub_(lb.grad().mul(0.01));
    lw.grad().zero_(); lb.grad().zero_();
}"""
PY_LINREG_SETUP = """torch.manual_seed(0)
lx = torch.randn(100); ly = lx * 3 + 2 + torch.randn(100) * 0.1
lw = torch.zeros(1, requires_grad=True); lb = torch.zeros(1, requires_grad=True)"""
PY_LINREG_BODY = """for step in range(2000):
    loss = (lx * lw + lb - ly).pow(2).mean()
    loss.backward()
    lw.data.sub_(lw.grad * 0.01); lb.data.sub_(lb.grad * 0.01)
    lw.grad.zero_(); lb.grad.zero_()"""


def workloads():
    return [
        with_quick(tiny_add(100_000, 5), tiny_add(10_000, 3)),
        Workload("linear regression, 2000 steps, tensors of 100", JAVA_LINREG_SETUP, JAVA_LINREG_BODY,
                 PY_LINREG_SETUP, PY_LINREG_BODY, 5, quick=True),
        Workload("MLP 784-256-10, batch 128, 20 SGD steps", JAVA_MLP_SETUP, JAVA_MLP_BODY, PY_MLP_SETUP,
                 PY_MLP_BODY, 5, quick=True),
        Workload("x.sin().mul(x).exp().sum() fwd+bwd, 1000x1000, 5 times",
                 "var sx = randn(1000, 1000).requiresGrad_();",
                 "for (int i = 0; i < 5; i++) sx.sin().mul(sx).exp().sum().backward();",
                 "sx = torch.randn(1000, 1000, requires_grad=True)",
                 "for _ in range(5):\n    sx.sin().mul(sx).exp().sum().backward()", 3, quick=True),
        matmul(256, 20, True), matmul(512, 10), matmul(1024, 5, True), matmul(2048, 3),
        Workload("CNN-sized matmul [128*196, 576] x [576, 64]",
                 "var ca = randn(128 * 196, 576); var cb = randn(576, 64);", "ca.matmul(cb);",
                 "ca = torch.randn(128 * 196, 576); cb = torch.randn(576, 64)", "ca @ cb", 5, warm=2),
        Workload("softmax + cross entropy fwd+bwd, 512x1000",
                 "var sl = randn(512, 1000).requiresGrad_(); var st = tensor(java.util.stream.LongStream.range(0, 512).toArray());",
                 "softmax(sl, 1); crossEntropy(sl, st).backward();",
                 "sl = torch.randn(512, 1000, requires_grad=True); st = torch.arange(512) % 1000",
                 "torch.softmax(sl, 1); F.cross_entropy(sl, st).backward()", 10, warm=2, quick=True),
        Workload("sum and mean of 10^7 elements",
                 "var big = rand(10_000_000);", "big.sum(); big.mean();",
                 "big = torch.rand(10_000_000)", "big.sum(); big.mean()", 5, warm=2),
        with_quick(chain(1_000_000, 2), chain(100_000, 2)),
    ]


def with_quick(w, quick):
    w.quick = quick
    return w


def quick_variant(w):
    if w.quick is True:
        return Workload(w.name, w.java_setup, w.java_body, w.py_setup, w.py_body, max(1, min(w.reps, 3)), 1)
    return w.quick


# ---- memory per tensor: bytes a live tensor costs its process, both sides measured the same way -------------
# (Java: heap in use after full collections, SerialGC; Python: resident set size), over many live tensors
MEMORY_CASES = [  # (name, Java dtype, PyTorch dtype, shape, count)
    ("float32 [10^6]", "FLOAT32", "torch.float32", (1_000_000,), 40),
    ("float64 [10^6]", "FLOAT64", "torch.float64", (1_000_000,), 20),
    ("int64 [10^6]", "INT64", "torch.int64", (1_000_000,), 20),
    ("bool [10^6]", "BOOL", "torch.bool", (1_000_000,), 40),
    ("float32 [2, 2]", "FLOAT32", "torch.float32", (2, 2), 100_000),
]


def java_memory_cell(dtype, shape, count):
    # the heap with the tensors against the heap just after they are dropped (not against the heap before them: the
    # recycled arrays a backward left were counted there), the median of 5: the idle-time warm-up, which the other
    # side's cells leave time for, may hold tensors of its own at one reading and not the next (a single reading
    # once came to 0.25 of the tensors' size, and 0.92 in the test suite's kernel: bench/RESULTS.md, sixteenth session)
    return ("{ Runtime mr = Runtime.getRuntime(); long[] md = new long[5];\n"
            "  for (int r = 0; r < md.length; r++) {\n"
            "    Tensor[] keep = new Tensor[%d];\n"
            "    for (int i = 0; i < keep.length; i++) keep[i] = ones(io.gradbook.autograd.DType.%s, %s);\n"
            "    System.gc(); System.gc(); long m1 = mr.totalMemory() - mr.freeMemory();\n"
            # live up to here: a compiled loop (the 10^5 small tensors') would let the JIT treat it as dead before m1
            "    java.lang.ref.Reference.reachabilityFence(keep); keep = null;\n"
            "    System.gc(); System.gc(); long m2 = mr.totalMemory() - mr.freeMemory();\n"
            "    md[r] = (m1 - m2 - 16L - 4L * %d) / %d;\n"
            "  }\n"
            "  java.util.Arrays.sort(md); System.out.println(\"MEM \" + md[md.length / 2]); }"
            ) % (count, dtype, ", ".join(map(str, shape)), count, count)


def py_memory_cell(dtype, shape, count):
    # the list's own 8 bytes per entry are left out, as the Java side leaves out its array
    # malloc_trim first: glibc keeps freed memory (earlier cases' tensors) and would hand it out again unseen
    return ("import ctypes, gc, os\n"
            "def _rss():\n"
            "    return int(open('/proc/self/statm').read().split()[1]) * os.sysconf('SC_PAGE_SIZE')\n"
            "gc.collect(); ctypes.CDLL('libc.so.6').malloc_trim(0); _m0 = _rss()\n"
            "_keep = [torch.ones(%s, dtype=%s) for _ in range(%d)]\n"
            "_m1 = _rss(); print('MEM', (_m1 - _m0 - 8 * len(_keep)) // len(_keep)); del _keep"
            ) % (repr(tuple(shape)), dtype, count)


def memory_rows(sides):
    """Bytes per live tensor on each side (the issue's "memory per tensor = PyTorch's")."""
    rows = []
    for name, jdt, pdt, shape, count in MEMORY_CASES:
        row = {"case": name}
        for side, session, _, _ in sides:
            cell = java_memory_cell(jdt, shape, count) if side == "gradbook" else py_memory_cell(pdt, shape, count)
            m = re.search(r"MEM (-?\d+)", session.run(cell))
            if not m:
                raise RuntimeError("no MEM line from the cell")
            row[side] = int(m.group(1))
        rows.append(row)
    return rows


# ---- the cells ---------------------------------------------------------------------------------------------------
def java_timing_cell(w):
    body = w.java_body
    return ("long[] bt = new long[%d];\n"
            "for (int br = -%d; br < bt.length; br++) {\n"
            "    long bs = System.nanoTime();\n"
            "    { %s }\n"
            "    if (br >= 0) bt[br] = System.nanoTime() - bs;\n"
            "}\n"
            "java.util.Arrays.sort(bt);\n"
            "System.out.println(\"BENCH \" + bt[0] + \" \" + bt[bt.length / 2]);") % (w.reps, w.warm, body)


def py_timing_cell(w):
    body = "\n".join("    " + line for line in w.py_body.splitlines())
    return ("def bench_body():\n%s\n"
            "bt = []\n"
            "for br in range(-%d, %d):\n"
            "    bs = time.perf_counter()\n"
            "    bench_body()\n"
            "    if br >= 0: bt.append(int((time.perf_counter() - bs) * 1e9))\n"
            "bt.sort()\n"
            "print('BENCH', bt[0], bt[len(bt) // 2])") % (body, w.warm, w.reps)


PY_PRELUDE = "import time\nimport torch\nimport torch.nn.functional as F\ntorch.set_num_threads(2)"


class Session:
    """One running kernel and a client, with start-up time to the first result measured."""

    def __init__(self, kernel_name, ksm=None, **start):
        """start: keyword arguments for KernelManager.start_kernel (env, stderr: bench/kernel_mlp_idle.py's debug log)."""
        self.km = KernelManager(kernel_name=kernel_name, **({"kernel_spec_manager": ksm} if ksm else {}))
        t0 = time.perf_counter()
        self.km.start_kernel(**start)
        self.kc = self.km.client()
        self.kc.start_channels()
        self.kc.wait_for_ready(timeout=120)
        self.run("1 + 1")
        self.startup = time.perf_counter() - t0
        self.waited = 0.0
        self.others_cpu_ms = 0.0  # CPU the other kernels used while this one's timing cells ran

    def pid(self):
        """The kernel process's id (jupyter_client's local provisioner), or None where it cannot be known."""
        proc = getattr(getattr(self.km, "provisioner", None), "process", None) or getattr(self.km, "kernel", None)
        return getattr(proc, "pid", None)

    def run(self, code, timeout=TIMEOUT):
        """Runs a cell; returns its stdout. A cell error stops the benchmark with the kernel's message."""
        msg_id = self.kc.execute(code)
        out, error = [], None
        deadline = time.time() + timeout
        while True:
            msg = self.kc.get_iopub_msg(timeout=max(1, deadline - time.time()))
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            kind, content = msg["msg_type"], msg["content"]
            if kind == "stream":
                out.append(content["text"])
            elif kind == "error":
                error = "%s: %s" % (content["ename"], content["evalue"])
            elif kind == "status" and content["execution_state"] == "idle":
                break
        if error:
            raise RuntimeError("cell failed: %s\n%s" % (error, code))
        return "".join(out)

    def round_trip_ms(self, cells=30):
        for _ in range(5):
            self.run("1 + 1")
        times = []
        for _ in range(cells):
            s = time.perf_counter()
            self.run("1 + 1")
            times.append((time.perf_counter() - s) * 1000)
        return statistics.median(times)

    def close(self):
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=True)


def process_cpu(pid):
    """CPU seconds a process has used so far, or None once it is gone."""
    try:
        return cpu_seconds(pid)
    except (OSError, ValueError, IndexError):
        return None


def wait_quiet(pids, window=0.25, max_cpu=0.02, limit=10.0):
    """Waits until the other kernels use at most max_cpu seconds (2 clock ticks) of CPU in a window: a kernel's JIT
    compiling after its own cell, or its warm-up, would otherwise run on the cores while this side is timed (seen:
    PyTorch's MLP cell 28 ms against 183 ms with the other kernel's C2 still busy). Returns the seconds waited."""
    start = time.perf_counter()
    while pids and time.perf_counter() - start < limit:
        before = [process_cpu(p) for p in pids]
        time.sleep(window)
        after = [process_cpu(p) for p in pids]
        if all(b is None or a is None or a - b <= max_cpu + 1e-9 for b, a in zip(before, after)):
            break
    return time.perf_counter() - start


def timed(session, setup, timing_cell, others=()):
    pids = [p for p in (s.pid() for s in others) if p]
    session.run(setup)
    session.waited += wait_quiet(pids)
    before = [process_cpu(p) or 0 for p in pids]
    out = session.run(timing_cell)
    session.others_cpu_ms += sum((process_cpu(p) or 0) - b for p, b in zip(pids, before)) * 1000
    m = re.search(r"BENCH (\d+) (\d+)", out)
    if not m:
        raise RuntimeError("no BENCH line from the cell")
    return int(m.group(1)) / 1e6, int(m.group(2)) / 1e6  # best, median in ms


def install(tmp, java_opts):
    env = dict(os.environ, XDG_DATA_HOME=str(tmp / "data"), JUPYTER_DATA_DIR=str(tmp / "jupyter"))
    if java_opts:
        env["GRADBOOK_JAVA_OPTS"] = java_opts
    print("installing the kernel into %s (./install.sh) ..." % tmp, file=sys.stderr, flush=True)
    done = subprocess.run(["bash", str(ROOT / "install.sh")], env=env, capture_output=True, text=True, timeout=1800)
    if done.returncode != 0:
        sys.exit("install.sh failed:\n" + done.stdout + done.stderr)
    return tmp / "jupyter" / "kernels"


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true", help="smaller set, fewer runs (about 1 minute plus the install)")
    p.add_argument("--no-torch", action="store_true", help="Gradbook only")
    p.add_argument("--only", help="run only workloads whose name matches this regex")
    p.add_argument("--kernel-dir", help="a directory holding kernels/gradbook/kernel.json (skips the install)")
    p.add_argument("--java-opts", default="", help="GRADBOOK_JAVA_OPTS for the install")
    p.add_argument("--runs", type=int, help="timed runs per workload (default: per workload)")
    p.add_argument("--json", help="also write the results here")
    p.add_argument("--no-memory", action="store_true", help="leave out the bytes-per-tensor table")
    p.add_argument("--reading", type=float, default=0.0,
                   help="seconds both kernels sit idle after start-up, before the first workload: a student reading "
                        "the notebook (Gradbook's kernel runs its idle-time JIT warm-up then); default 0: the cells "
                        "follow one another at once, a young JIT's worst case")
    a = p.parse_args()

    cases = workloads()
    if a.quick:
        cases = [q for q in map(quick_variant, cases) if q]
    if a.only:
        cases = [w for w in cases if re.search(a.only, w.name)]
    if a.runs:
        for w in cases:
            w.reps = a.runs

    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")  # quiets ipykernel's debugger notes on stderr
    tmp = pathlib.Path(tempfile.mkdtemp(prefix="gradbook-bench-"))
    try:
        kernels = pathlib.Path(a.kernel_dir) if a.kernel_dir else install(tmp, a.java_opts)
        if not (kernels / "gradbook" / "kernel.json").exists():
            sys.exit("no gradbook/kernel.json under %s" % kernels)
        spec = json.loads((kernels / "gradbook" / "kernel.json").read_text())
        ksm = KernelSpecManager(kernel_dirs=[str(kernels)])
        results = {"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "kernel_argv": spec["argv"], "rows": []}
        # what the two processors give at this moment: the split rows (both sides') cannot beat it
        results["machine"] = {"before": machine_cores.effective_cores()}

        sides = [("gradbook", Session("gradbook", ksm), java_timing_cell, "java_setup")]
        if not a.no_torch:
            py = Session("python3")
            py.run(PY_PRELUDE)
            sides.append(("torch", py, py_timing_cell, "py_setup"))
        try:
            latency = {name: (s.startup, s.round_trip_ms()) for name, s, _, _ in sides}
            time.sleep(a.reading)
            for w in cases:
                row = {"workload": w.name}
                for name, session, cell, setup in sides:
                    others = [s for _, s, _, _ in sides if s is not session]
                    row[name] = timed(session, getattr(w, setup), cell(w), others)
                results["rows"].append(row)
                print("  %-60s %s" % (w.name, "  ".join("%s %.2f ms" % (n, row[n][1]) for n, *_ in sides)),
                      file=sys.stderr, flush=True)
            if not a.no_memory:
                results["memory"] = memory_rows(sides)
        finally:
            for _, s, _, _ in sides:
                s.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    results["machine"]["after"] = machine_cores.effective_cores()
    results["latency"] = latency
    results["waited_s"] = {name: round(s.waited, 2) for name, s, _, _ in sides}
    print("waited for the other kernel to go quiet before timing (s): %s" % results["waited_s"], file=sys.stderr)
    results["others_cpu_ms"] = {name: round(s.others_cpu_ms) for name, s, _, _ in sides}
    print("CPU the other kernel used while this side's timing cells ran (ms): %s" % results["others_cpu_ms"], file=sys.stderr)
    print("\nGradbook kernel: %s" % " ".join(x for x in spec["argv"] if x.startswith("-X")))
    if a.reading:
        print("(both kernels idle %.0f s before the first workload: --reading)" % a.reading)
    print("Machine before the rows: %s; after: %s" % tuple(machine_cores.describe(results["machine"][k]) for k in ("before", "after")))
    print("| workload (cells, median of runs) | Gradbook (ms) | PyTorch (ms) | PyTorch / Gradbook |")
    print("|---|---:|---:|---:|")
    for row in results["rows"]:
        g = row["gradbook"][1]
        t = row.get("torch", (None, None))[1]
        print("| %s | %.2f | %s | %s |" % (row["workload"], g, "%.2f" % t if t else "-", "%.2fx" % (t / g) if t else "-"))
    print("\n| kernel | start to first result (s) | warm `1 + 1` round trip (ms, median) |")
    print("|---|---:|---:|")
    for name, (startup, trip) in latency.items():
        print("| %s | %.2f | %.1f |" % ("Gradbook" if name == "gradbook" else "ipykernel + torch", startup, trip))
    if results.get("memory"):
        print("\n| memory per live tensor (bytes) | Gradbook | PyTorch | Gradbook / PyTorch |")
        print("|---|---:|---:|---:|")
        for row in results["memory"]:
            t = row.get("torch")
            print("| %s | %d | %s | %s |" % (row["case"], row["gradbook"], t if t is not None else "-",
                                             "%.2f" % (row["gradbook"] / t) if t else "-"))
    if a.json:
        pathlib.Path(a.json).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
