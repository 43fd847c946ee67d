#!/usr/bin/env bash
# Installed kernels A/B (eleventh session, HotWorkers): fresh kernels of two installs, each with and without the float32
# split's pool from 2^24, alternated round by round through bench/kernel_vs_torch.py (--no-torch --no-memory).
# Usage: bench/hot_kernel_ab.sh A_KERNELS B_KERNELS [rounds] [runs]
#   A_KERNELS, B_KERNELS: the kernels/ directories of two installs, e.g. a main install and this branch's:
#     XDG_DATA_HOME=/tmp/ab-main/data JUPYTER_DATA_DIR=/tmp/ab-main/jupyter ./install.sh   (in a main checkout)
#     XDG_DATA_HOME=/tmp/ab-hot/data JUPYTER_DATA_DIR=/tmp/ab-hot/jupyter ./install.sh     (in this one)
#     bench/hot_kernel_ab.sh /tmp/ab-main/jupyter/kernels /tmp/ab-hot/jupyter/kernels 5 20
# The variants are copies of each kernelspec with -Dgradbook.blas.splitPoolFrom=67108864 (2^26) or 16777216 (2^24)
# added, whatever the install's default (same install, same AOT cache). ONLY (default 'MLP|matmul|sin|softmax') picks the workloads; output: one line per row and kernel.
set -euo pipefail
cd "$(dirname "$0")/.."
A=$1 B=$2 ROUNDS=${3:-5} RUNS=${4:-20} ONLY=${ONLY:-MLP|matmul|sin|softmax}
TMP=$(mktemp -d /tmp/hot_kernel_ab.XXXXXX)
variant() { # kernels-dir name extra-option
  mkdir -p "$TMP/$2/gradbook"
  /usr/bin/python3 - "$1/gradbook/kernel.json" "$TMP/$2/gradbook/kernel.json" "$3" <<'PY'
import json, sys
spec = json.load(open(sys.argv[1]))
if sys.argv[3]:
    spec["argv"].insert(spec["argv"].index("-cp"), sys.argv[3])
json.dump(spec, open(sys.argv[2], "w"), indent=2)
PY
}
variant "$A" A26 -Dgradbook.blas.splitPoolFrom=67108864
variant "$A" A24 -Dgradbook.blas.splitPoolFrom=16777216
variant "$B" B26 -Dgradbook.blas.splitPoolFrom=67108864
variant "$B" B24 -Dgradbook.blas.splitPoolFrom=16777216
for ((r = 0; r < ROUNDS; r++)); do
  for v in A26 B26 A24 B24; do
    echo "== round $r $v load $(cut -d' ' -f1 /proc/loadavg)"
    /usr/bin/python3 bench/kernel_vs_torch.py --quick --no-torch --no-memory --only "$ONLY" --runs "$RUNS" \
      --kernel-dir "$TMP/$v" 2>&1 | grep -E '^\| (MLP|x\.sin|matmul|softmax|linear)' || true
  done
done
rm -rf "$TMP"
