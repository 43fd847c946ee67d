#!/usr/bin/env bash
# In-process A/B of the hand-off (eleventh session): bench/MlpSteps.java in fresh JDK 25 JVMs, the configurations
# alternated round by round: the common fork-join pool (the tenth session's hand-off) against HotWorkers, with the
# float32 split's pool threshold at 2^24 and 2^26. Usage: bench/hot_ab.sh [rounds] [warm] [runs]
# (after: mvn -B -ntp -o -q -pl kernel -am package -DskipTests).
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-4} WARM=${2:-30} RUNS=${3:-20}
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin}
OUT=${OUT:-/tmp/hot_ab-classes}
mkdir -p "$OUT"
"$JAVA/javac" -d "$OUT" -cp 'kernel/target/lib/*' bench/MlpSteps.java
# CONFIGS (one JVM option set a line) replaces the default four
if [[ -n "${CONFIGS:-}" ]]; then mapfile -t CONFIGS <<< "$CONFIGS"; else CONFIGS=(
  "-Dgradbook.hot.commonPool=true -Dgradbook.blas.splitPoolFrom=16777216"
  "-Dgradbook.blas.splitPoolFrom=16777216"
  "-Dgradbook.hot.commonPool=true -Dgradbook.blas.splitPoolFrom=67108864"
  "-Dgradbook.blas.splitPoolFrom=67108864"
); fi
for ((r = 0; r < ROUNDS; r++)); do
  for c in "${CONFIGS[@]}"; do
    # shellcheck disable=SC2086
    OPENBLAS_CORETYPE=Haswell OMP_NUM_THREADS=1 "$JAVA/java" --enable-native-access=ALL-UNNAMED \
      --add-modules jdk.incubator.vector -XX:+UseSerialGC -XX:-PrintWarnings \
      -XX:CompileCommand=quiet -XX:CompileCommand=CompileThresholdScaling,io.gradbook.autograd.math.Float32Simd::*,0.1 \
      -XX:CompileCommand=CompileThresholdScaling,io.gradbook.autograd.math.HaswellKernel32::*,0.1 \
      $c ${EXTRA:-} -cp "kernel/target/lib/*:$OUT" MlpSteps "$WARM" "$RUNS" 2>&1 | grep -v WARNING | sed "s|^|[$c] |"
  done
done
