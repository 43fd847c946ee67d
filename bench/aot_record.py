#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""A copy of an installed kernel whose AOT cache (JDK 25+) is recorded another way, for kernel_replay_ab.py: the same
jars and flags, the training run (kernel TrainingSession) with --notebooks DIR (the course's code cells) and
--steps N (its classifier's training steps), and with --engine-profiles the engine and the Vector API compiled while
recording (full tiers, -XX:Tier3DelayOn=100000 as the kernel runs; install.sh's default) instead of a C1-only run
that excludes them (GRADBOOK_AOT_ENGINE_PROFILES=0), so that the cache holds their method profiles. The copy's kernelspec is OUT/gradbook/kernel.json (pass OUT as a kernels dir);
the original's unpacked natives are shared, read-only.

    /usr/bin/python3 bench/aot_record.py --kernel-dir KERNELS_DIR --out DIR [--notebooks notebooks] [--steps 300] [--engine-profiles]
"""
import argparse
import json
import os
import shutil
import subprocess
import sys


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--kernel-dir", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--steps", type=int, default=0)
    p.add_argument("--notebooks")
    p.add_argument("--engine-profiles", action="store_true")
    p.add_argument("--record-opt", action="append", default=[], help="another JVM option for the recording run")
    a = p.parse_args()
    spec = json.load(open(os.path.join(a.kernel_dir, "gradbook", "kernel.json")))
    home = spec["metadata"]["gradbook"]["home"]
    dest = os.path.join(os.path.abspath(a.out), "home")
    shutil.rmtree(a.out, ignore_errors=True)
    os.makedirs(dest)
    for d in ("lib", "boot"):
        if os.path.isdir(os.path.join(home, d)):
            shutil.copytree(os.path.join(home, d), os.path.join(dest, d))
    shutil.copy(os.path.join(home, "compiler-directives.json"), dest)
    moved = [os.path.join(home, x) for x in ("lib", "boot", "compiler-directives.json", "gradbook.aot")]
    argv = spec["argv"]
    for old in moved:
        argv = [x.replace(old, old.replace(home, dest, 1)) for x in argv]
    at = argv.index("-cp")
    # install.sh's recording: the kernel's options less the cache's own and the second C2 thread (the kernel's only)
    cache = ("-XX:AOTCache", "-XX:Tier3DelayOn", "-Xlog:aot", "-Xlog:cds")
    jvm = [x for x in argv[1:at] if not x.startswith(cache) and x != "-XX:CICompilerCount=3"]
    record = ["-XX:AOTCacheOutput=" + os.path.join(dest, "gradbook.aot"), "-Dgradbook.training.steps=%d" % a.steps]
    if a.notebooks:
        record.append("-Dgradbook.training.notebooks=" + os.path.abspath(a.notebooks))
    if a.engine_profiles:
        record += ["-XX:Tier3DelayOn=100000", "-XX:CompileCommand=exclude,REPL.*::*"]
    else:
        record += ["-XX:TieredStopAtLevel=1"] + ["-XX:CompileCommand=exclude,%s::*" % c for c in
                                                 ("io.gradbook.autograd.*", "REPL.*", "jdk.incubator.vector.*", "jdk.internal.vm.vector.*")]
    record += a.record_opt
    env = dict(os.environ, **spec.get("env", {}))
    done = subprocess.run([argv[0]] + jvm + record + ["-cp", argv[at + 1], "io.gradbook.kernel.Main", "--warmup"],
                          env=env, capture_output=True, text=True)
    aot = os.path.join(dest, "gradbook.aot")
    if done.returncode != 0 or not os.path.exists(aot):
        sys.exit("recording failed (%d):\n%s" % (done.returncode, done.stderr[-3000:]))
    spec["argv"] = argv
    spec["metadata"]["gradbook"]["home"] = dest
    os.makedirs(os.path.join(a.out, "gradbook"))
    json.dump(spec, open(os.path.join(a.out, "gradbook", "kernel.json"), "w"), indent=2)
    print("%s: AOT cache %.1f MB, kernels dir %s" % (aot, os.path.getsize(aot) / 2**20, a.out))


if __name__ == "__main__":
    main()
