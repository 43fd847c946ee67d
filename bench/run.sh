#!/usr/bin/env bash
# The benchmark, one command. Installs nothing globally.
#
#   bench/run.sh [--quick] [--no-torch] [--only REGEX] ...
#       Gradbook's kernel beside ipykernel + PyTorch 1.13 (2 threads), the same workloads as cells, timed inside
#       the cells; installs the kernel into a temporary Jupyter data directory first (bench/kernel_vs_torch.py).
#   bench/run.sh --engine
#       The engine in-process (no kernel): Bench.java beside bench_torch.py, GemmBench (sgemm GFLOP/s, Java and
#       OpenBLAS paths side by side: the crossover sets Gemm.THRESHOLD) and GraphBench.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
if [ "${1:-}" != "--engine" ]; then
  exec /usr/bin/python3 "$root/bench/kernel_vs_torch.py" "$@"
fi

out="$root/bench/out"
mkdir -p "$out"
(cd "$root" && mvn -q -B -ntp package -DskipTests -pl kernel -am)
cp="$(ls "$root"/kernel/target/gradbook-kernel-*.jar | head -1):$(ls "$root"/kernel/target/lib/*.jar | tr '\n' ':')"
javac -d "$out" -cp "$cp" "$root/bench/Bench.java" "$root/bench/GraphBench.java" "$root/bench/GemmBench.java"
java --add-modules jdk.incubator.vector -cp "$cp:$out" Bench > "$out/gradbook.tsv"
java --add-modules jdk.incubator.vector -cp "$cp:$out" GraphBench > "$out/graph.tsv"
if /usr/bin/python3 -c "import torch" 2>/dev/null; then
  /usr/bin/python3 "$root/bench/bench_torch.py" > "$out/torch.tsv"
else
  echo "PyTorch not installed (apt-get install python3-torch): Gradbook times only" >&2
  : > "$out/torch.tsv"
fi
/usr/bin/python3 - "$out/gradbook.tsv" "$out/torch.tsv" <<'PY'
import sys
def load(path):
    return dict(l.rstrip("\n").split("\t") for l in open(path) if l.strip())
ours, theirs = (load(p) for p in sys.argv[1:3])
print("| case | Gradbook (us) | PyTorch (us) | PyTorch time / Gradbook time |")
print("|---|---:|---:|---:|")
for k, v in ours.items():
    t = theirs.get(k)
    print("| %s | %.3f | %s | %s |" % (k, float(v), "%.3f" % float(t) if t else "-", "%.2fx" % (float(t) / float(v)) if t else "-"))
PY
echo
echo "sgemm, square n: Java path | OpenBLAS path (GFLOP/s, best of runs)"
paste <(java -Dgradbook.gemm=java -cp "$cp:$out" GemmBench 512) <(java -Dgradbook.gemm=native -cp "$cp:$out" GemmBench)
echo
echo "Graph picture (no PyTorch counterpart; torchviz needs Graphviz):"
sed 's/\t/: /; s/$/ us/' "$out/graph.tsv"
