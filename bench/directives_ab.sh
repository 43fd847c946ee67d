#!/usr/bin/env bash
# An install's kernelspec ("k") against a copy of it whose JVM reads another compiler directives file ("b"), fresh
# kernels alternated: the MLP row's runs 2-21 (each run's CPU and bytes, bench/kernel_mlp_gap.py), the quick rows
# (wall, as kernel_vs_torch.py reports them), start-up and the warm `1 + 1`. Twelfth session: the vector classes'
# foreground compiles (kernel/src/main/kernelspec/compiler-directives.json) against the file without them, e.g.
#   git show a648a50:kernel/src/main/kernelspec/compiler-directives.json > /tmp/old-directives.json
#   bench/directives_ab.sh /tmp/x/jupyter/kernels /tmp/old-directives.json 6
# (KERNELS_DIR holds gradbook/kernel.json: XDG_DATA_HOME=/tmp/x/data JUPYTER_DATA_DIR=/tmp/x/jupyter ./install.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
KDIR=$1 DIRECTIVES=$(readlink -f "$2") ROUNDS=${3:-6}
PY=/usr/bin/python3
VAR=$(mktemp -d /tmp/directives-ab-XXXXXX)
trap 'rm -rf "$VAR"' EXIT
# the variant kernelspec: the same argv with the later -XX:CompilerDirectivesFile, which the JVM takes
"$PY" - "$KDIR" "$VAR" "$DIRECTIVES" <<'PY'
import json, os, sys
kdir, var, directives = sys.argv[1:]
spec = json.load(open(os.path.join(kdir, "gradbook", "kernel.json")))
i = spec["argv"].index("-cp")
spec["argv"][i:i] = ["-XX:CompilerDirectivesFile=" + directives]
os.makedirs(os.path.join(var, "kernels", "gradbook"))
json.dump(spec, open(os.path.join(var, "kernels", "gradbook", "kernel.json"), "w"), indent=1)
PY
echo "== the MLP row's runs (one untimed run, then 20), $ROUNDS rounds"
"$PY" bench/kernel_mlp_gap.py "k=$KDIR" "b=$VAR/kernels" --rounds "$ROUNDS" --cells 1 --warm 1 --runs 20 | grep -v "directives added"
echo "== quick rows, Gradbook ms (wall), $ROUNDS rounds"
for ((r = 0; r < ROUNDS; r++)); do
  for v in "k=$KDIR" "b=$VAR/kernels"; do
    "$PY" bench/kernel_vs_torch.py --quick --no-torch --no-memory --kernel-dir "${v#*=}" 2>/dev/null \
      | grep '^| ' | grep -v '^| workload\|^|---\|^| kernel' | sed "s/^/[${v%%=*}] /"
  done
done
echo "== start-up and the warm 1 + 1"
mkdir -p "$VAR/k"
ln -s "$(cd "$KDIR" && pwd)" "$VAR/k/kernels"
"$PY" bench/kernel_latency.py --runs "$ROUNDS" --cells 30 --kernels "k=$VAR/k,b=$VAR" 2>/dev/null | grep '^|'
