#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""A/B of the softmax + cross entropy row in process: bench/SoftmaxRow.java in one JVM per build, with the kernel's
own flags (copied from an installed kernel.json, without its AOT cache, which belongs to that install's jars),
builds alternated round by round so that the shared machine's load falls on both alike.

    /usr/bin/python3 bench/softmax_row_ab.py --kernel-dir /tmp/me/jupyter/kernels --build A=/tmp/a/lib \\
        --build B=/tmp/b/lib [--rounds 3] [--cells 8] [--runs 20] [--java-opts '-Dx=y']

Each --build is a folder of jars (an install's lib/, or kernel/target/lib plus the kernel jar). Prints each JVM's
lines and, at the end, per build the medians over rounds of the settled cells (cell 2 on) and of cell 0.
"""
import argparse
import json
import pathlib
import re
import statistics
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--kernel-dir", required=True)
    p.add_argument("--build", action="append", required=True, help="NAME=folder of jars")
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--cells", type=int, default=8)
    p.add_argument("--runs", type=int, default=20)
    p.add_argument("--java-opts", default="")
    a = p.parse_args()
    argv = json.loads((pathlib.Path(a.kernel_dir) / "gradbook" / "kernel.json").read_text())["argv"]
    main_at = argv.index("io.gradbook.kernel.Main")
    flags = [f for f in argv[1:main_at - 2] if not f.startswith("-XX:AOTCache")] + a.java_opts.split()
    out = ROOT / "bench" / "out"
    out.mkdir(exist_ok=True)
    builds = [b.split("=", 1) for b in a.build]
    subprocess.run(["javac", "-d", str(out), "-cp", builds[0][1] + "/*", str(ROOT / "bench" / "SoftmaxRow.java")], check=True)
    stats = {name: {"settled": [], "cell0": []} for name, _ in builds}
    for r in range(a.rounds):
        for name, lib in builds:
            res = subprocess.run([argv[0]] + flags + ["-cp", lib + "/*:" + str(out), "SoftmaxRow", str(a.cells), str(a.runs)],
                                 capture_output=True, text=True)
            print("round %d %s:" % (r, name), flush=True)
            print(res.stdout.rstrip() + res.stderr[-2000:], flush=True)
            for line in res.stdout.splitlines():
                m = re.match(r"cell (\d+): first ([\d.]+) wall ([\d.]+) cpu ([\d.]+) allCpu ([\d.]+) bytes ([\d.]+)M", line)
                cell = int(m.group(1)) if m else -1
                if cell == 0 or cell >= 2:  # cell 1 is neither cold nor settled
                    stats[name]["cell0" if cell == 0 else "settled"].append([float(x) for x in m.groups()[1:]])
    print("\nmedians (ms; bytes MB): first wall cpu allCpu bytes")
    for name, _ in builds:
        for kind in ("cell0", "settled"):
            rows = stats[name][kind]
            if rows:
                med = [statistics.median(col) for col in zip(*rows)]
                print("  %-10s %-8s %s  (%d cells)" % (name, kind, " ".join("%.3f" % v for v in med), len(rows)))


if __name__ == "__main__":
    sys.exit(main())
