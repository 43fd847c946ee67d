#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""bench/MlpCold.java in fresh JVMs started with an installed kernel's JVM flags (its kernel.json, less the AOT
cache, which belongs to the kernel's class path): the quick MLP row's cold steps 20-80 by the thread's CPU time,
without Jupyter. Several kernel directories run interleaved, round by round; each JVM gets its install's own jars,
or, for DIR=CLASSES, a build's classes folder (autograd-core/target/classes) ahead of them: a variant measured
without installing it.

    /usr/bin/python3 bench/mlp_cold_inproc.py --kernel-dir DIR[=CLASSES][+FLAG ...][,DIR...] [--rounds 3] [--steps 80] [--first]

FLAGs (space-separated after +) go before -cp (e.g. DIR+-Dgradbook.recycle=false). --first: the MLP is the JVM's
first work (the quick benchmark's `--only MLP`), and each of the first 20 steps' CPU is printed.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def jvm_argv(kernel_dir, classes):
    kernel_dir, _, extra = kernel_dir.partition("+")
    kernel_dir, _, first = kernel_dir.partition("=")
    argv = json.load(open(os.path.join(kernel_dir, "gradbook", "kernel.json")))["argv"]
    at = argv.index("-cp")
    flags = [a for a in argv[1:at] if not a.startswith("-XX:AOTCache") and a != "-XX:-AOTReplayTraining"]
    return [argv[0]] + flags + extra.split() + ["-cp", os.pathsep.join(c for c in (first, argv[at + 1], classes) if c)]


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--kernel-dir", required=True)
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--steps", type=int, default=80)
    p.add_argument("--first", action="store_true", help="no earlier rows; the first 20 steps one by one")
    a = p.parse_args()
    dirs = a.kernel_dir.split(",")
    classes = tempfile.mkdtemp(prefix="gradbook-mlpcold-")
    first = jvm_argv(dirs[0], classes)
    lib = first[first.index("-cp") + 1].split(os.pathsep)[-2]
    subprocess.run(["javac", "-d", classes, "-cp", lib, os.path.join(ROOT, "bench", "MlpCold.java")], check=True)
    for r in range(a.rounds):
        for d in dirs:
            args = ["MlpCold", str(a.steps)] + (["first"] if a.first else [])
            out = subprocess.run(jvm_argv(d, classes) + args, capture_output=True, text=True)
            lines = out.stdout.strip().splitlines() if out.stdout.strip() else [out.stderr[-2000:]]
            for line in lines[-2:] if a.first else lines[-1:]:
                print("%s round %d: %s" % (d, r + 1, line), flush=True)


if __name__ == "__main__":
    sys.exit(main())
