#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The differential fuzzer over a bigger seed range than the committed corpus (oracle/fuzz.json, seeds 1-300):
# records seeds FIRST .. FIRST+COUNT-1 from PyTorch 1.13.1 (Debian's /usr/bin/python3 with python3-torch) and
# replays them on Gradbook (FuzzTest#survey), printing every differing case and a count by kind of difference.
#   bench/fuzz.sh 301 2000        (about 1 minute per 1000 cases to record, a few to replay, on this machine)
set -e
cd "$(dirname "$0")/.."
FIRST=${1:-301}
COUNT=${2:-1000}
OUT=${FUZZ_OUT:-$(mktemp /tmp/gradbook-fuzz-XXXXXX.json)}
/usr/bin/python3 autograd-core/src/test/resources/oracle/make_fuzz.py "$FIRST" "$COUNT" > "$OUT"
echo "recorded $OUT"
mvn -B -ntp -o -q -pl autograd-core test -Dtest='FuzzTest#survey' -Dsurefire.failIfNoSpecifiedTests=false \
    -Dgradbook.fuzz.file="$OUT" | grep -v '^\[' || true
