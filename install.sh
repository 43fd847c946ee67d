#!/usr/bin/env bash
# Gradbook installer: builds the kernel, installs Jupyter if it is missing (Debian/Ubuntu), records a
# class-data-sharing archive for fast start-up, and registers the "Java (Gradbook)" kernel.
#
#   ./install.sh              install for this user (~/.local/share/gradbook, user kernelspec)
#   ./install.sh --system     install for everyone (/usr/local/share/gradbook, system kernelspec; JupyterHub)
#   ./install.sh --system --prefix=DIR   the same layout under DIR instead of /usr/local (DIR/share/gradbook, kernelspec
#                             in DIR/share/jupyter/kernels; Jupyter finds it with JUPYTER_PATH=DIR/share/jupyter)
#   ./install.sh --uninstall  remove the kernelspec and the installed files (add --system or --prefix=DIR as installed)
#   ./install.sh --test-deps  only install what the test suite needs (Debian/Ubuntu packages); ./test.sh uses it
#   GRADBOOK_JAVA_OPTS='...' ./install.sh   extra JVM options for the kernel (e.g. -Xmx8g)
#   GRADBOOK_JAVA_HOME=/usr/lib/jvm/... ./install.sh   this JDK instead of the newest one found
#   GRADBOOK_SIMD=0 ./install.sh   without the Vector API module (scalar float32 kernels, same results)
#   GRADBOOK_OPENBLAS_CORETYPE=COOPERLAKE ./install.sh   the kernel's OPENBLAS_CORETYPE (e.g. AVX-512 on AMD Zen 5:
#                             ~1.8x faster products, but not the bits of a PyTorch run under Haswell; bench/RESULTS.md);
#                             default: the installing shell's OPENBLAS_CORETYPE, else Haswell on AVX2 + FMA CPUs
set -euo pipefail

say() { printf '[gradbook] %s\n' "$*"; }
die() { printf '[gradbook] error: %s\n' "$*" >&2; exit 1; }

system=0
uninstall=0
test_deps=0
prefix=""
for arg in "$@"; do
  case "$arg" in
    --system) system=1 ;;
    --uninstall) uninstall=1 ;;
    --test-deps) test_deps=1 ;;
    --prefix=?*) prefix="${arg#--prefix=}"; system=1 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) die "unknown option $arg (see --help)" ;;
  esac
done

src="$(cd "$(dirname "$0")" && pwd)"
if [ -n "$prefix" ]; then mkdir -p "$prefix"; prefix="$(cd "$prefix" && pwd)"; dest="$prefix/share/gradbook"
elif [ "$system" = 1 ]; then dest=/usr/local/share/gradbook; else dest="${XDG_DATA_HOME:-$HOME/.local/share}/gradbook"; fi
python=/usr/bin/python3
[ -x "$python" ] || python="$(command -v python3 || true)"

# a --prefix install is written by whoever runs it (a prefix they can write), never through sudo
as_root() { if [ "$(id -u)" = 0 ] || [ -n "$prefix" ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else die "need root for: $*"; fi; }

# ---- the test suite's packages: the real Jupyter clients it drives, a browser, fonts for the PDF hand-outs -----
if [ "$test_deps" = 1 ]; then
  command -v apt-get >/dev/null || die "--test-deps knows Debian/Ubuntu packages only; install the equivalents of tests/packages.txt"
  need=()
  # newer Debian releases drop JDK 17 (trixie has 21 and 25): the first of these the mirror has
  command -v javac >/dev/null 2>&1 || need+=("openjdk-17-jdk-headless|openjdk-21-jdk-headless|openjdk-25-jdk-headless")
  while read -r pkg probe; do
    [ -z "$pkg" ] || [ "${pkg#\#}" != "$pkg" ] && continue
    eval "$probe" >/dev/null 2>&1 || need+=("$pkg")
  done < "$src/tests/packages.txt"
  if [ ${#need[@]} -gt 0 ]; then
    # CI runs this on a fresh machine, so nothing outside the product may fail it: a mirror that hiccups (a failed
    # fetch, a hash sum mismatch while it syncs) gets the whole update + install again after a pause, each download
    # is retried by apt itself, and dpkg's lock, which a fresh machine's unattended-upgrades may hold at boot, is
    # waited for instead of failing at once
    apt_opts=(-o Acquire::Retries=3 -o DPkg::Lock::Timeout=600)
    for attempt in 1 2 3 4 5; do
      pkgs=()
      if as_root apt-get "${apt_opts[@]}" update -qq; then
        # a line may name alternatives, a|b: the first one this Debian has (a package renamed in a newer release)
        for alts in "${need[@]}"; do
          pick="${alts%%|*}"
          for alt in ${alts//|/ }; do
            case "$(apt-cache policy "$alt" 2>/dev/null)" in *"Candidate: "[!\(]*) pick="$alt"; break ;; esac
          done
          pkgs+=("$pick")
        done
        say "installing: ${pkgs[*]}"
        as_root env DEBIAN_FRONTEND=noninteractive apt-get "${apt_opts[@]}" install -y -qq "${pkgs[@]}" >/dev/null && break
      fi
      [ "$attempt" -lt 5 ] || die "apt-get could not install: ${pkgs[*]:-${need[*]}}"
      say "apt-get failed (attempt $attempt of 5); trying again in $((attempt * 15)) s"
      sleep $((attempt * 15))
    done
  fi
  say "test dependencies present"
  exit 0
fi

if [ "$uninstall" = 1 ]; then
  if [ -n "$python" ] && "$python" -c "import jupyter_client" 2>/dev/null; then
    # the kernelspec this install made (user or system), not whichever "gradbook" comes first on JUPYTER_PATH
    spec_dir="$("$python" - "$system" "$prefix" <<'PY'
import os, sys
from jupyter_core.paths import SYSTEM_JUPYTER_PATH, jupyter_data_dir
root = SYSTEM_JUPYTER_PATH[0] if sys.argv[1] == "1" else jupyter_data_dir()
if sys.argv[2]:
    root = os.path.join(sys.argv[2], "share", "jupyter")
print(os.path.join(root, "kernels", "gradbook"))
PY
)"
    if [ -d "$spec_dir" ]; then
      if [ "$system" = 1 ]; then as_root rm -rf "$spec_dir"; else rm -rf "$spec_dir"; fi
      say "kernelspec removed from $spec_dir"
    else
      say "no kernelspec in $spec_dir"
    fi
  fi
  if [ "$system" = 1 ]; then as_root rm -rf "$dest"; else rm -rf "$dest"; fi
  say "removed $dest"
  exit 0
fi

# ---- a JDK >= 17, the newest one installed ----------------------------------------------------------------
java_major() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -1; }
best_home=""; best=0
if [ -n "${GRADBOOK_JAVA_HOME:-}" ]; then
  v="$(java_major "$GRADBOOK_JAVA_HOME/bin/java" 2>/dev/null || true)"; v="${v%%.*}"
  [ -n "$v" ] && [ "$v" -ge 17 ] && [ -x "$GRADBOOK_JAVA_HOME/bin/javac" ] || die "GRADBOOK_JAVA_HOME=$GRADBOOK_JAVA_HOME is not a JDK 17 or newer"
  best="$v"; best_home="$GRADBOOK_JAVA_HOME"
else
  for home in /usr/lib/jvm/* "${JAVA_HOME:-}" "$(dirname "$(dirname "$(readlink -f "$(command -v javac || echo /nonexistent)")")")"; do
    [ -n "$home" ] && [ -x "$home/bin/javac" ] && [ -x "$home/bin/java" ] || continue
    v="$(java_major "$home/bin/java")"; v="${v%%.*}"
    if [ -n "$v" ] && [ "$v" -ge 17 ] && [ "$v" -gt "$best" ]; then best="$v"; best_home="$home"; fi
  done
fi
[ -n "$best_home" ] || die "no JDK 17 or newer found. On Debian/Ubuntu: apt-get install openjdk-17-jdk-headless"
export JAVA_HOME="$best_home"
say "using JDK $best at $JAVA_HOME"

# ---- Maven ------------------------------------------------------------------------------------------------
if ! command -v mvn >/dev/null; then
  if command -v apt-get >/dev/null; then say "installing Maven"; as_root apt-get update -qq; as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq maven
  else die "Maven is missing: install it with your package manager"; fi
fi

# ---- Jupyter ----------------------------------------------------------------------------------------------
if [ -z "$python" ] || ! "$python" -c "import jupyter_client, nbclient" 2>/dev/null || ! command -v jupyter >/dev/null; then
  if command -v apt-get >/dev/null; then
    say "installing Jupyter from the system packages"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq jupyter-notebook jupyter-nbconvert python3-nbclient python3-jupyter-client jupyter-console
    python=/usr/bin/python3
  else
    die "Jupyter is missing. Install Jupyter (notebook, nbconvert, nbclient, jupyter_client) with your system's package manager or pip, then run this again."
  fi
fi

# ---- build and copy ---------------------------------------------------------------------------------------
say "building (mvn package)"
(cd "$src" && mvn -q -B -ntp -DskipTests package -pl kernel -am) || die "the build failed"
jar="$(ls "$src"/kernel/target/gradbook-kernel-*.jar | head -1)"
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/lib" "$stage/kernelspec"
cp "$jar" "$stage/lib/"
cp "$src"/kernel/target/lib/*.jar "$stage/lib/"
cp "$src"/kernel/src/main/kernelspec/logo-*.png "$stage/kernelspec/"

# Every cell is compiled by javac, so interactive speed is javac's speed in a JVM that has just started, while
# training loops want C2. Full tiered JIT, with a compiler directives file that lets only the engine and the cells'
# code reach C2 (compiler-directives.json says why): javac, JShell and the JDK stay on C1, so cells compile as fast
# as under C1 alone (bench/RESULTS.md has the numbers). GRADBOOK_JAVA_OPTS=-XX:TieredStopAtLevel=1 gives
# C1 only.
jvm_opts=(-Xss8m -XX:+UseSerialGC -XX:+UnlockDiagnosticVMOptions "-XX:CompilerDirectivesFile=$dest/compiler-directives.json" -Dfile.encoding=UTF-8)
# tracebacks and warnings from code outside JShell's own error path (threads, the engine's warnings) are mapped to
# cell lines through JShell's package-private wrapper map
jvm_opts+=(--add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED --add-opens jdk.jshell/jdk.jshell.execution=ALL-UNNAMED)
# a statement's class is a hidden class, unloaded once it ran (a session stays flat); its frames, and so the cell
# lines of runtime errors, are in stack traces only with ShowHiddenFrames
jvm_opts+=(-XX:+ShowHiddenFrames)
# the tables of the compiler JShell reuses for every cell are pruned every 200 cells (JavacPruner)
jvm_opts+=(--add-opens jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED --add-opens jdk.compiler/com.sun.tools.javac.code=ALL-UNNAMED --add-opens jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED)
# the float32 math kernels run 8 lanes at a time through the Vector API, an incubator module (without it they run
# lane by lane: same bits, 3-9x slower); the JVM's "WARNING: Using incubator modules" goes to its stderr at start.
# JDK 25+ gets the API's classes without the module instead (below); GRADBOOK_SIMD=0 ./install.sh leaves it out.
simd_opts=()
if [ "${GRADBOOK_SIMD:-1}" != 0 ]; then simd_opts=(--add-modules jdk.incubator.vector); fi
# The Vector API kernels reach C2 after a tenth of the usual calls: until C2 compiles them they run ~50x slower than
# the scalar loops, and the kernel's idle-time JIT warm-up (kernel IdleWarmUp, engine warmup.JitWarmUp) then needs
# 300 rounds, not 800+ (bench/RESULTS.md). Only these classes: the whole engine so scaled cost start-up 0.15 s.
# HaswellKernel32 (float32 products above 2^18 multiply-adds on JDK 17-21) likewise: cold, a fresh kernel's MLP row paid it;
# WideKernel32 and WidePack32 (the 512-bit products) too: their warm-up unit ran uncompiled tiles for seconds.
# `quiet`: the JVM would print each command at start.
if [ "${GRADBOOK_SIMD:-1}" != 0 ]; then
  for c in Float32Simd Float32SoftmaxSimd VecReduce HaswellKernel32 WideKernel32 WidePack32; do jvm_opts+=("-XX:CompileCommand=CompileThresholdScaling,io.gradbook.autograd.math.$c::*,0.1"); done
  jvm_opts=(-XX:CompileCommand=quiet "${jvm_opts[@]}")
fi
# The JVM's own count of compiler threads (on 2 processors one C1 and one C2). The seventh session added a second C2
# thread on 2-3 processors (in process, loaded, the MLP's kernels reached C2 sooner); on the idle machine the young
# kernel's rows said otherwise three times: the eighth session's 4 alternated runs, the tenth's cgroup runs (28 a side)
# and its 5 idle alternated runs, where the linear-regression quick row took 32.9-34.6 ms against 52.2-63.0 and the
# MLP's median 54 against 61 ms, the sin row's 41.5 against 33.6 (bench/RESULTS.md, tenth session): two C2 threads
# compiling on two cores take them from the cells. GRADBOOK_JAVA_OPTS=-XX:CICompilerCount=3 brings the second back.
# Transparent huge pages for the heap and the code cache where Linux gives them on request (THP "madvise"; with
# "always" they are the default anyway). Every fresh 4 KB page a JVM touches is a page fault, and on the VMs we
# measured on a fault costs ~20 us of CPU: a kernel touched ~60 MB of heap (~15,000 faults) before its first result.
# 2 MB pages took that to ~13,000 in all, and the kernel's CPU to the first result fell by 0.1-0.2 s (README,
# Start-up). GRADBOOK_JAVA_OPTS=-XX:-UseTransparentHugePages keeps 4 KB pages (e.g. a hub whose memory is fragmented,
# where THP's "defrag" setting can make a fault wait for compaction).
thp_opts=()
case "${GRADBOOK_JAVA_OPTS:-}" in *TransparentHugePages*) ;; *)
  case "$(cat /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null)" in *"[madvise]"*|*"[always]"*) thp_opts=(-XX:+UseTransparentHugePages) ;; esac ;;
esac
# JDK 22+: matrix products call OpenBLAS on the arrays in place through the FFM API (math/FfmGemm.java), a
# restricted method the JVM warns about unless native access is enabled
if [ "$best" -ge 22 ]; then jvm_opts+=(--enable-native-access=ALL-UNNAMED); fi
if [ "$best" -ge 24 ]; then jvm_opts+=(--sun-misc-unsafe-memory-access=allow); fi
# shellcheck disable=SC2206 # options are words, as in JAVA_OPTS
cachedir="$dest/javacpp-cache"
jvm_opts+=(-Dorg.bytedeco.javacpp.cachedir="$cachedir")
if [ -n "${GRADBOOK_JAVA_OPTS:-}" ]; then jvm_opts+=(${GRADBOOK_JAVA_OPTS}); fi
cp "$src/kernel/src/main/kernelspec/compiler-directives.json" "$stage/"
# for a JupyterHub on one machine: the kernel manager that draws new ports on a restart (hub/gradbook_fresh_ports.py)
mkdir -p "$stage/python" && cp "$src/hub/gradbook_fresh_ports.py" "$stage/python/"
if [ "$system" = 1 ]; then as_root mkdir -p "$dest"; as_root rm -rf "$dest/python"; as_root cp -r "$stage/lib" "$stage/compiler-directives.json" "$stage/python" "$dest/"; else mkdir -p "$dest"; rm -rf "$dest/lib" "$dest/python"; cp -r "$stage/lib" "$stage/compiler-directives.json" "$stage/python" "$dest/"; fi
if [ "$system" = 1 ]; then run_as=as_root; else run_as=; fi
$run_as rm -rf "$dest/boot"

# ---- JDK 25+: the Vector API without its module, so the start-up archive keeps the module graph ---------------
# JDK 25 archives no boot layer holding an incubator module, and without an archived boot layer the AOT cache also
# drops its AOT-linked classes and method profiles (kernel CPU to the first result 2.4-2.8 s with the module,
# 1.8-2.1 s this way; bench/RESULTS.md). So the API's classes, extracted from this same JDK's image, are
# put on the boot loader's appended path instead: the boot loader still trusts their @ForceInline/@IntrinsicCandidate,
# java.base's internal packages they use are opened to them with --add-exports, and the four C2 flags the JVM sets
# when it resolves the module are set here. Checked before use (Main --check-simd: the kernels run vectorized); if
# anything is off, the module as before. bench/RESULTS.md has the numbers.
if [ "${GRADBOOK_SIMD:-1}" != 0 ] && [ "$best" -ge 25 ] && [ -x "$JAVA_HOME/bin/jimage" ] && [ -x "$JAVA_HOME/bin/jar" ]; then
  vec="$stage/vector"
  boot_opts=("-Xbootclasspath/a:$dest/boot/jdk.incubator.vector.jar")
  # what java.base exports to the module, this JDK's own list (JDK 25: jdk.internal, .misc, .util, .foreign,
  # .vm.annotation, .vm.vector)
  for pkg in $("$JAVA_HOME/bin/java" --describe-module java.base | sed -n 's/^qualified exports \([^ ]*\) to .*jdk\.incubator\.vector.*/\1/p'); do
    boot_opts+=(--add-exports "java.base/$pkg=ALL-UNNAMED")
  done
  boot_opts+=(-XX:+UnlockExperimentalVMOptions -XX:+EnableVectorSupport -XX:+EnableVectorReboxing -XX:+EnableVectorAggressiveReboxing -XX:+UseVectorStubs)
  if "$JAVA_HOME/bin/jimage" extract --include 'regex:/jdk.incubator.vector/.*' --dir "$vec" "$JAVA_HOME/lib/modules" \
     && rm -f "$vec/jdk.incubator.vector/module-info.class" \
     && mkdir -p "$stage/boot" && "$JAVA_HOME/bin/jar" cf "$stage/boot/jdk.incubator.vector.jar" -C "$vec/jdk.incubator.vector" . \
     && $run_as cp -r "$stage/boot" "$dest/" \
     && "$JAVA_HOME/bin/java" "${jvm_opts[@]}" "${boot_opts[@]}" -cp "$dest/lib/*" io.gradbook.kernel.Main --check-simd >/dev/null 2>&1; then
    simd_opts=("${boot_opts[@]}")
  else
    say "the Vector API from the boot class path did not check out; using its module (slower start-up)"
    $run_as rm -rf "$dest/boot"
  fi
fi
jvm_opts+=("${simd_opts[@]}")
# large op results allocated unzeroed (autograd UninitializedArrays) need jdk.internal.misc; the JDK 25 boot-path
# options above export it already (so that command line is unchanged), the module route does not
case " ${jvm_opts[*]} " in *" java.base/jdk.internal.misc=ALL-UNNAMED "*) ;; *) jvm_opts+=(--add-exports java.base/jdk.internal.misc=ALL-UNNAMED) ;; esac

# ---- start-up archive: the JVM maps the classes a session loads instead of loading them one by one --------
# JDK 25+: an AOT cache (classes loaded and linked ahead of time); JDK 17-24: a dynamic CDS archive. Recorded from
# a real session over loopback (TrainingSession). The JVM does not notice when the jars change under an AOT cache
# (it kept serving the old classes in our test), so the archive is recorded again on every install.
if [ "$system" = 1 ]; then run_as=as_root; else run_as=; fi

# ---- ND4J's native libraries: JavaCPP unpacks them (~400 MB) on first use into its cache, by default
# ~/.javacpp/cache of every user. The kernel's cache is inside the installation instead, unpacked now, once
# (under --system: by root, readable by all users, shared by every user of a hub).
say "unpacking ND4J's native libraries into $cachedir"
$run_as "$JAVA_HOME/bin/java" "${jvm_opts[@]}" -cp "$dest/lib/*" io.gradbook.kernel.Main --unpack-natives >/dev/null 2>&1 || say "could not unpack them now; the first ND4J use will"
if [ "$system" = 1 ]; then as_root chmod -R a+rX "$cachedir" 2>/dev/null || true; fi
if [ "$best" -ge 25 ]; then
  # The cache's training profiles are replayed (the JDK's default): javac's methods start in C1's plain tier, as
  # the recording left them, not in C1's profiled one (warm `1 + 1` ~20 against ~26 ms idle). The engine and the
  # Vector API have no profiles in it (excluded from the recording, below). What slowed the engine with the replay
  # was a race: while C2's queue is long (one C2 thread on 2 cores) the JIT compiles a hot method in C1 without
  # profiling (tier 2); a Vector API helper (Sleef32Vec.sin, ...) left so when C2 inlines it into its loop has no
  # type profile and its vectors stay boxed (sin row 605-1460 MB allocated a run against 365, up to 3x the CPU). The
  # replay lets C2 reach those loops sooner, so it lost the race more often. Tier3DelayOn=100000: never tier 2
  # for a long C2 queue, every hot method is profiled first. bench/RESULTS.md has the runs.
  archive="$dest/gradbook.aot"; record=(-XX:AOTCacheOutput="$archive"); use=(-XX:AOTCache="$archive" -XX:Tier3DelayOn=100000 -Xlog:aot=off -Xlog:cds=off)
  # By default the recording also runs the course itself (every code cell of notebooks/) and a student's next step
  # (TrainingSession's classifier: an MNIST-sized MLP trained with plain ops and with nn/optim) with the engine and
  # the Vector API on full tiers, so that the cache holds their method profiles: a fresh kernel's engine code then
  # reaches C2 without first being profiled in C1. On the idle 2-core machine (thirteenth session, fresh kernels
  # alternated, bench/RESULTS.md) the quick MLP row took 43.5 against 58.8 ms, linear regression 31.3 against 34.3,
  # softmax + cross entropy 3.2 against 4.4; start-up 0.54 against 0.46 s and the warm `1 + 1` 16.9 against 15.2 ms
  # (javac's methods start in C1's profiled tier 2 from such a recording; both within their targets).
  # GRADBOOK_AOT_ENGINE_PROFILES=0: the recording runs on C1's plain tier with the engine, cells and the Vector API
  # not compiled (the twelfth session's default; start CPU 1.81 -> 1.73 s with the profiles replayed).
  # The recording skips C1's profiled tiers (Tier3 thresholds out of reach, the interpreter profiling from a method's
  # first calls): a method goes from the interpreter straight to the highest tier the compiler directives allow it, C2
  # for the engine with the interpreter's profile, C1's plain tier for javac and the JDK, and a fresh kernel replays
  # that. Recorded through C1's profiled tier, javac's methods were replayed into tier 2, then 3, then 1 (three C1
  # compiles each, ~4,500 of them by a fresh kernel's 55th cell): on the eighteenth session's machine (3 alternated
  # launches) start to first result 0.93 against 1.07 s and a young kernel's `1 + 1` 34.1 against 37.3 ms; the
  # recording ~6 s longer.
  if [ "${GRADBOOK_AOT_ENGINE_PROFILES:-1}" = 1 ]; then
    record+=(-XX:Tier3DelayOn=100000 -Dgradbook.training.steps=300 "-XX:CompileCommand=exclude,REPL.*::*"
             -XX:Tier3InvocationThreshold=100000000 -XX:Tier3MinInvocationThreshold=100000000
             -XX:Tier3CompileThreshold=100000000 -XX:Tier3BackEdgeThreshold=100000000 -XX:Tier0ProfilingStartPercentage=0)
    if [ -d "$src/notebooks" ]; then record+=("-Dgradbook.training.notebooks=$src/notebooks"); fi
  else
    record+=(-XX:TieredStopAtLevel=1)
    for c in 'io.gradbook.autograd.*' 'REPL.*' 'jdk.incubator.vector.*' 'jdk.internal.vm.vector.*'; do record+=("-XX:CompileCommand=exclude,$c::*"); done
  fi
else
  archive="$dest/gradbook.jsa"; record=(-XX:ArchiveClassesAtExit="$archive"); use=(-XX:SharedArchiveFile="$archive" -Xshare:auto)
fi
say "recording the start-up archive"
if $run_as "$JAVA_HOME/bin/java" "${jvm_opts[@]}" "${record[@]}" -cp "$dest/lib/*" io.gradbook.kernel.Main --warmup >/dev/null 2>&1 && [ -s "$archive" ]; then
  cds=("${use[@]}")
else
  say "no archive (this JVM cannot record one); start-up will be slower"
  cds=()
fi

# every user of a hub reads the jars, the archive and the natives; none of them writes there
if [ "$system" = 1 ]; then
  as_root chmod -R a+rX,go-w "$dest"
  # JavaCPP uses a cache directory only if the user may write to it (else it unpacks ~400 MB into ~/.javacpp/cache):
  # the cache's top directory is sticky and open as /tmp is, so it is accepted; everything in it is root's and
  # read-only, and with all of it unpacked above JavaCPP writes nothing there (the hub test checks both)
  if [ -d "$cachedir" ]; then as_root chmod 1777 "$cachedir"; fi
fi

# ---- kernelspec -------------------------------------------------------------------------------------------
"$python" - "$stage/kernelspec" "$JAVA_HOME/bin/java" "$dest" "$system" "$prefix" "${jvm_opts[@]}" "${thp_opts[@]}" "${cds[@]}" <<'PY'
import json, sys
spec_dir, java, dest, system, prefix = sys.argv[1:6]
opts = sys.argv[6:]
spec = {
    "argv": [java] + opts + ["-cp", dest + "/lib/*", "io.gradbook.kernel.Main", "{connection_file}"],
    "display_name": "Java (Gradbook)",
    "language": "java",
    "interrupt_mode": "message",
    # OMP_NUM_THREADS=1: ND4J's OpenMP workers spin against OpenBLAS on few cores (a 256 matmul loop: 2.85 -> 0.95
    # ms per call). ND4J_SKIP_BLAS_THREADS: ND4J would also set OpenBLAS, which math.Gemm shares, to that one
    # thread; Gemm keeps OpenBLAS on one thread and splits large products itself (math/GemmBlocks.java says why;
    # -Dgradbook.blas.threads caps the threads, default: the processors).
    "env": {"OMP_NUM_THREADS": "1", "ND4J_SKIP_BLAS_THREADS": "1"},
    "metadata": {"gradbook": {"home": dest}},
}
import os
# OpenBLAS reads OPENBLAS_CORETYPE when it loads. nd4j's 0.3.19 does not know newer CPUs (AMD Zen 4/5): left to
# itself it falls back to its SSE "Barcelona" kernels, ~4x slower than the AVX2 ones (bench/RESULTS.md). So the
# kernel gets the choice made here: the installer's GRADBOOK_OPENBLAS_CORETYPE, else the OPENBLAS_CORETYPE of the
# environment it installs from, else Haswell (AVX2 + FMA) where the CPU has those, the kernels whose bits the
# repository's PyTorch recordings were made with. An AVX-512 or AVX2 core on a CPU without it would die of SIGILL.
flags = open("/proc/cpuinfo").read().split()
core = os.environ.get("GRADBOOK_OPENBLAS_CORETYPE") or os.environ.get("OPENBLAS_CORETYPE")
if not core and "avx2" in flags and "fma" in flags:
    core = "Haswell"
if core:
    need = {"HASWELL": ["avx2", "fma"], "SKYLAKEX": ["avx512bw"], "COOPERLAKE": ["avx512bw", "avx512_bf16"]}.get(core.upper(), [])
    if any(f not in flags for f in need):
        sys.exit("[gradbook] error: OpenBLAS core type %s needs %s in /proc/cpuinfo" % (core, " ".join(need)))
    spec["env"]["OPENBLAS_CORETYPE"] = core
json.dump(spec, open(spec_dir + "/kernel.json", "w"), indent=2)
from jupyter_client.kernelspec import KernelSpecManager
path = KernelSpecManager().install_kernel_spec(spec_dir, "gradbook", user=(system != "1"), prefix=prefix or None)
print("[gradbook] kernelspec installed in " + path)
if system == "1":  # every user of the machine starts it, whatever umask the installer ran under
    import os, stat
    for d, _, files in os.walk(path):
        os.chmod(d, os.stat(d).st_mode | 0o555)
        for f in files:
            os.chmod(os.path.join(d, f), os.stat(os.path.join(d, f)).st_mode | stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
PY
# ---- the course opens trusted: Jupyter shows stored pictures and cards only in notebooks the user trusts ------
# A signature is per user (the secret and database are in the user's Jupyter data directory), so a --system
# install cannot sign for everyone: each user runs `jupyter trust notebooks/*.ipynb` (see README, JupyterHub).
if [ "$system" = 0 ] && [ -d "$src/notebooks" ]; then
  "$python" - "$src/notebooks" <<'PY' || say "could not sign the course notebooks (they open untrusted: run jupyter trust notebooks/*.ipynb)"
import glob, sys
import nbformat
from nbformat.sign import NotebookNotary
notary = NotebookNotary()
paths = sorted(glob.glob(sys.argv[1] + "/*.ipynb"))
for path in paths:
    notary.sign(nbformat.read(path, as_version=4))
print("[gradbook] %d course notebooks signed as trusted for this user (%s)" % (len(paths), notary.db_file))
PY
fi
say "done: start Jupyter (jupyter notebook, jupyter lab, jupyter console --kernel gradbook) and pick \"Java (Gradbook)\""
