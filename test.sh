#!/usr/bin/env bash
# The whole test suite from a fresh clone: installs what the tests need (Debian/Ubuntu), then the one test command.
# Every file the tests compare against is in the repository (testdata/); nothing outside the checkout is read.
set -euo pipefail
cd "$(dirname "$0")"
./install.sh --test-deps
# The products' oracle recordings hold the bits of OpenBLAS's AVX2 (Haswell) kernels; nd4j's OpenBLAS 0.3.19 would
# fall back to its SSE kernels on a CPU it does not know (AMD Zen 4/5), as install.sh explains for the kernel.
if [ -z "${OPENBLAS_CORETYPE:-}" ] && grep -qw avx2 /proc/cpuinfo && grep -qw fma /proc/cpuinfo; then
  export OPENBLAS_CORETYPE=Haswell
fi
# Maven Central from a fresh machine: a dropped connection is tried again (wagon tries 3 times by default, and never
# once the request was sent), and pooled connections are not reused after 25 s idle (cloud NATs cut them silently)
mvn -B -ntp -Dmaven.wagon.http.retryHandler.count=5 -Dmaven.wagon.http.retryHandler.requestSentEnabled=true \
  -Dmaven.wagon.httpconnectionManager.ttlSeconds=25 verify "$@"
