#!/usr/bin/env bash
# The autograd API (custom Function, functional, forward mode, gradcheck) timed in Gradbook and PyTorch.
# Usage: bench/autograd_api.sh   (after bench/run.sh has built the jars, or builds them)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/bench/out"
mkdir -p "$out"
ls "$root"/kernel/target/gradbook-kernel-*.jar >/dev/null 2>&1 || (cd "$root" && mvn -q -B -ntp package -DskipTests -pl kernel -am)
cp="$(ls "$root"/kernel/target/gradbook-kernel-*.jar | head -1):$(ls "$root"/kernel/target/lib/*.jar | tr '\n' ':')"
javac -d "$out" -cp "$cp" "$root/bench/Bench.java" "$root/bench/AutogradApiBench.java"
OMP_NUM_THREADS=1 java --add-modules jdk.incubator.vector -cp "$cp:$out" AutogradApiBench > "$out/api-gradbook.tsv"
/usr/bin/python3 "$root/bench/bench_autograd_api.py" > "$out/api-torch.tsv"
/usr/bin/python3 - "$out/api-gradbook.tsv" "$out/api-torch.tsv" <<'PY'
import sys
load = lambda p: dict(l.rstrip("\n").split("\t") for l in open(p) if l.strip())
ours, theirs = load(sys.argv[1]), load(sys.argv[2])
print("| case | Gradbook (us) | PyTorch (us) | PyTorch time / Gradbook time |")
print("|---|---:|---:|---:|")
for k, v in ours.items():
    t = theirs.get(k)
    print("| %s | %.1f | %s | %s |" % (k, float(v), "%.1f" % float(t) if t else "-", "%.2fx" % (float(t) / float(v)) if t else "-"))
PY
