#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The differential fuzzer over a bigger seed range than the committed corpus (oracle/fuzz.json, seeds 1-300):
# records seeds FIRST .. FIRST+COUNT-1 from PyTorch 1.13.1 (Debian's /usr/bin/python3 with python3-torch) and
# replays them on Gradbook (FuzzTest#survey), printing every differing case and a count by kind of difference.
#   bench/fuzz.sh 301 2000        (about 1 minute per 1000 cases to record, a few to replay, on this machine)
#   FUZZ_WIDE=1 bench/fuzz.sh 251 1750   the wide language (make_fuzz_wide.py: scans, sorts, indexing, norms,
#                                        integer dtypes, versions, double backward; its corpus is seeds 1-250)
#   FUZZ_MORE=1 bench/fuzz.sh 251 1750   the third language (make_fuzz_more.py: the public ops the other two never
#                                        draw: activations, losses, shapes, selection, more math; corpus 1-250)
set -e
cd "$(dirname "$0")/.."
FIRST=${1:-301}
COUNT=${2:-1000}
OUT=${FUZZ_OUT:-$(mktemp /tmp/gradbook-fuzz-XXXXXX.json)}
MAKE=make_fuzz.py
# PyTorch's products are recorded with OpenBLAS's Haswell (AVX2) kernels, whose bits the engine reproduces (as
# test.sh says): on a CPU with AVX-512 Debian's OpenBLAS 0.3.21 picks its SkylakeX/Cooperlake kernels, other bits
# (seeds 301-3300 of the first language: 210 product cases "differed" that way on a Zen 4 machine, none with Haswell)
if [ -z "${OPENBLAS_CORETYPE:-}" ] && grep -qw avx2 /proc/cpuinfo && grep -qw fma /proc/cpuinfo; then
  export OPENBLAS_CORETYPE=Haswell
fi
[ -n "$FUZZ_WIDE" ] && MAKE=make_fuzz_wide.py
[ -n "$FUZZ_MORE" ] && MAKE=make_fuzz_more.py
/usr/bin/python3 autograd-core/src/test/resources/oracle/$MAKE "$FIRST" "$COUNT" > "$OUT"
echo "recorded $OUT"
mvn -B -ntp -o -q -pl autograd-core test -Dtest='FuzzTest#survey' -Dsurefire.failIfNoSpecifiedTests=false \
    -Dgradbook.fuzz.file="$OUT" | grep -v '^\[' || true
