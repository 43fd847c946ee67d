#!/usr/bin/env bash
# Times Gradbook and real PyTorch (Debian python3-torch, /usr/bin/python3) on the same cases in one run and
# prints the ratios. Usage: bench/run.sh   (builds autograd-core first; needs python3-torch for the ratios)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/bench/out"
mkdir -p "$out"
(cd "$root" && mvn -q -B -ntp package -DskipTests -pl kernel -am)
cp="$(ls "$root"/kernel/target/gradbook-kernel-*.jar | head -1):$(ls "$root"/kernel/target/lib/*.jar | tr '\n' ':')"
javac -d "$out" -cp "$cp" "$root/bench/Bench.java" "$root/bench/GraphBench.java"
# one OpenMP thread: ND4J's spinning OpenMP workers otherwise fight OpenBLAS for the two cores (NOTES.md)
OMP_NUM_THREADS=1 java -cp "$cp:$out" Bench > "$out/gradbook.tsv"
# the kernel runs with C1 only (install.sh: javac compiles every cell, and C1 gets it fast sooner)
OMP_NUM_THREADS=1 java -XX:TieredStopAtLevel=1 -cp "$cp:$out" Bench > "$out/gradbook-c1.tsv"
java -cp "$cp:$out" GraphBench > "$out/graph.tsv"
if /usr/bin/python3 -c "import torch" 2>/dev/null; then
  /usr/bin/python3 "$root/bench/bench_torch.py" > "$out/torch.tsv"
else
  echo "PyTorch not installed (apt-get install python3-torch): Gradbook times only" >&2
  : > "$out/torch.tsv"
fi
/usr/bin/python3 - "$out/gradbook.tsv" "$out/gradbook-c1.tsv" "$out/torch.tsv" <<'PY'
import sys
def load(path):
    return dict(l.rstrip("\n").split("\t") for l in open(path) if l.strip())
ours, kernel, theirs = (load(p) for p in sys.argv[1:4])
def ratio(t, v):
    return "%.2fx" % (float(t) / float(v)) if t else "-"
print("| case | Gradbook (us) | PyTorch (us) | PyTorch time / Gradbook time | in the kernel, C1 JIT (us) | ratio there |")
print("|---|---:|---:|---:|---:|---:|")
for k, v in ours.items():
    t, c1 = theirs.get(k), kernel.get(k)
    print("| %s | %.3f | %s | %s | %s | %s |" % (k, float(v), "%.3f" % float(t) if t else "-", ratio(t, v),
          "%.3f" % float(c1) if c1 else "-", ratio(t, c1) if c1 else "-"))
PY
echo
echo "Graph picture (no PyTorch counterpart; torchviz needs Graphviz):"
sed 's/\t/: /; s/$/ us/' "$out/graph.tsv"
echo
echo "Kernel latency against ipykernel: /usr/bin/python3 bench/kernel_latency.py (needs ./install.sh)"
