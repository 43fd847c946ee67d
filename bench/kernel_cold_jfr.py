#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Where a young installed kernel's quick rows spend their first runs: JIT compilations, GC pauses, deoptimizations,
per run of each row, from a JFR recording started through jcmd once the kernel is up.

    /usr/bin/python3 bench/kernel_cold_jfr.py --kernel-dir /tmp/x/jupyter/kernels [--only 'add 2x2|linear|MLP']
        [--runs 4] [--flag=-XX:SomeFlag ...] [--keep DIR]

A fresh kernel runs the quick benchmark's rows (bench/kernel_vs_torch.py, in its order) as the benchmark does: each
row's setup cell, then one cell running the body --runs times (the quick row: 1 untimed + 3 timed), every run stamped
with the JVM's uptime and the cell thread's CPU. Then, per run: its wall time, the cell thread's CPU, and how many ms
of C2 (level 4) and C1 (levels 1-3) compilations and of GC pauses overlapped it, with the compilations that took most
of it; after that the compilations longer than 15 ms and the deoptimizations of engine and Vector API code. JFR is
started with jcmd after the first result because -XX:StartFlightRecording at launch turns the AOT cache off (README,
Start-up); the JVM flags of the install are used as they are, plus any --flag. Durations are wall times of the
compiler threads: on a loaded machine they stretch with the load, their proportions less so.
"""
import argparse
import collections
import datetime
import json
import pathlib
import re
import subprocess
import sys
import tempfile

from jupyter_client.kernelspec import KernelSpecManager
import kernel_vs_torch as kvt

STAMPS = """var coldRt = java.lang.management.ManagementFactory.getRuntimeMXBean();
var coldMx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();"""


def settings(java_home, tmp):
    """The JDK's profile settings with every compilation recorded (its default threshold is 100 ms)."""
    text = (java_home / "lib" / "jfr" / "profile.jfc").read_text()
    text = re.sub(r'(<event name="jdk.Compilation">.*?<setting name="threshold"[^>]*>)[^<]*(<)', r"\g<1>0 ms\2", text, flags=re.S)
    path = tmp / "cold.jfc"
    path.write_text(text)
    return path


def ms(duration):
    m = re.match(r"PT(?:(\d+)H)?(?:(\d+)M)?([\d.]+)S", duration)
    return ((int(m.group(1) or 0) * 60 + int(m.group(2) or 0)) * 60 + float(m.group(3))) * 1000


def short(method):
    name = method["type"]["name"].replace("io/gradbook/autograd/", "").split("/")[-1]
    return name + "." + method["name"]


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--kernel-dir", required=True, help="a directory holding gradbook/kernel.json")
    p.add_argument("--only", default="add 2x2|linear|MLP")
    p.add_argument("--runs", type=int, default=4)
    p.add_argument("--flag", action="append", default=[], help="a JVM flag added before -cp")
    p.add_argument("--keep", help="keep the recording (cold.jfr) and the stamps in this directory")
    a = p.parse_args()
    tmp = pathlib.Path(tempfile.mkdtemp(prefix="gradbook-cold-jfr-"))
    spec = json.loads((pathlib.Path(a.kernel_dir) / "gradbook" / "kernel.json").read_text())
    i = spec["argv"].index("-cp")
    spec["argv"] = spec["argv"][:i] + a.flag + spec["argv"][i:]
    (tmp / "gradbook").mkdir()
    (tmp / "gradbook" / "kernel.json").write_text(json.dumps(spec))
    java_home = pathlib.Path(spec["argv"][0]).parent.parent
    s = kvt.Session("gradbook", KernelSpecManager(kernel_dirs=[str(tmp)]))
    pid = s.pid()
    out = pathlib.Path(a.keep) if a.keep else tmp
    out.mkdir(parents=True, exist_ok=True)
    jcmd = str(java_home / "bin" / "jcmd")
    subprocess.run([jcmd, str(pid), "JFR.start", "name=cold", "settings=%s" % settings(java_home, tmp)], check=True, capture_output=True)
    s.run(STAMPS)
    windows = []
    for w in [q for q in map(kvt.quick_variant, kvt.workloads()) if q and re.search(a.only, q.name)]:
        s.run(w.java_setup)
        cell = ("for (int cr = 0; cr < %d; cr++) { long a = coldRt.getUptime(), c = coldMx.getCurrentThreadCpuTime(); { %s }\n"
                "System.out.println(\"RUN \" + cr + \" \" + a + \" \" + coldRt.getUptime() + \" \" + (coldMx.getCurrentThreadCpuTime() - c) / 1000); }")
        for line in s.run(cell % (a.runs, w.java_body)).splitlines():
            if line.startswith("RUN "):
                _, n, t0, t1, cpu = line.split()
                windows.append(("%s run %s" % (w.name.split(",")[0][:12], n), int(t0), int(t1), int(cpu) / 1000))
    subprocess.run([jcmd, str(pid), "JFR.dump", "name=cold", "filename=%s" % (out / "cold.jfr")], check=True, capture_output=True)
    s.close()
    (out / "runs.json").write_text(json.dumps(windows))
    printed = subprocess.run([str(java_home / "bin" / "jfr"), "print", "--json", "--events",
                              "jdk.Compilation,jdk.JVMInformation,jdk.GarbageCollection,jdk.Deoptimization", str(out / "cold.jfr")],
                             check=True, capture_output=True, text=True).stdout
    events = json.loads(printed)["recording"]["events"]

    def uptime(e):  # ms since the JVM started, as the cells' stamps
        return datetime.datetime.fromisoformat(e["values"]["startTime"].replace("Z", "+00:00")).timestamp() * 1000 - start

    start = [datetime.datetime.fromisoformat(e["values"]["jvmStartTime"].replace("Z", "+00:00")).timestamp() * 1000
             for e in events if e["type"] == "jdk.JVMInformation"][0]
    comps = [(uptime(e), ms(e["values"]["duration"]), e["values"]["compileLevel"], short(e["values"]["method"]), e["values"].get("isOsr"),
              e["values"].get("codeSize"), e["values"].get("inlinedBytes")) for e in events if e["type"] == "jdk.Compilation"]
    gcs = [(uptime(e), ms(e["values"]["duration"])) for e in events if e["type"] == "jdk.GarbageCollection"]
    print("| run | wall ms | cell CPU ms | C2 ms | C1 ms | GC ms | longest compilations in it (ms of the run) |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for name, t0, t1, cpu in windows:
        level, top = collections.Counter(), []
        for st, d, lv, m, osr, _, _ in comps:
            overlap = max(0.0, min(t1, st + d) - max(t0, st))
            if overlap > 0:
                level[4 if lv == 4 else 1] += overlap
                top.append((overlap, "%s%s@%d" % (m, "%" if osr else "", lv)))
        gc = sum(max(0.0, min(t1, st + d) - max(t0, st)) for st, d in gcs)
        top.sort(reverse=True)
        print("| %s | %d | %.1f | %.0f | %.0f | %.0f | %s |" % (name, t1 - t0, cpu, level[4], level[1], gc,
                                                              ", ".join("%s %.0f" % (m, o) for o, m in top[:5])))
    print("\ncompilations over 15 ms (uptime ms, ms, level, method, code bytes, inlined bytecode bytes):")
    for st, d, lv, m, osr, code, inlined in comps:
        if d > 15:
            print("  %6.0f %5.0f L%d %s%s code=%s inlined=%s" % (st, d, lv, "%" if osr else "", m, code, inlined))
    deopts = collections.Counter()
    for e in events:
        v = e["values"]
        if e["type"] == "jdk.Deoptimization" and re.search("gradbook|vector", v["method"]["type"]["name"]):
            deopts[(short(v["method"]), v["reason"], v["action"])] += 1
    print("\ndeoptimizations of engine and Vector API code (count, method, reason, action):")
    for (m, reason, action), c in deopts.most_common(25):
        print("  %d %s %s %s" % (c, m, reason, action))


if __name__ == "__main__":
    sys.exit(main())
