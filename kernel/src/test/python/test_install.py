# SPDX-License-Identifier: Apache-2.0
"""install.sh end to end, into a temporary data directory: it builds, records the start-up archive from a real
session (TrainingSession), registers a kernelspec that uses it, the kernel so registered runs cells (and, after its
idle-time warm-up, keeps the engine's vector code compiled as such), and --uninstall takes it all away again."""
import json
import os
import pathlib
import subprocess

import pytest
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager

from helpers import kernelspec_with_options, result_text, run, warm_up_finished
from jit_log import vector_calls_not_inlined

ROOT = pathlib.Path(__file__).resolve().parents[4]


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """An install into a temporary data directory: (its root, install.sh's environment); uninstalled by the last test."""
    tmp_path = tmp_path_factory.mktemp("install")
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path / "data"), JUPYTER_DATA_DIR=str(tmp_path / "jupyter"))
    env.pop("GRADBOOK_OPENBLAS_CORETYPE", None)
    env.pop("OPENBLAS_CORETYPE", None)
    done = subprocess.run(["bash", str(ROOT / "install.sh")], env=env, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no archive" not in done.stdout, done.stdout
    return tmp_path, env


def test_install_start(installed):
    tmp_path, env = installed
    spec_dir = tmp_path / "jupyter" / "kernels" / "gradbook"
    spec = json.loads((spec_dir / "kernel.json").read_text())
    argv = spec["argv"]
    assert spec["interrupt_mode"] == "message" and (spec_dir / "logo-64x64.png").exists()
    # ND4J's native libraries were unpacked into the installation, not into the user's ~/.javacpp/cache
    cache = [a.split("=", 1)[1] for a in argv if a.startswith("-Dorg.bytedeco.javacpp.cachedir=")]
    assert cache == [str(tmp_path / "data" / "gradbook" / "javacpp-cache")], argv
    assert any(p.name.startswith("libnd4jcpu") for p in pathlib.Path(cache[0]).rglob("*.so")), "natives not unpacked"
    archive = [a.split("=", 1)[1] for a in argv if a.startswith(("-XX:AOTCache=", "-XX:SharedArchiveFile="))]
    assert archive and pathlib.Path(archive[0]).stat().st_size > 1 << 20, argv
    # an AOT cache's training profiles are replayed (javac starts in C1's plain tier), with hot methods always
    # profiled before C2 inlines them (Tier3DelayOn: unprofiled Vector API helpers left the engine's vectors boxed)
    aot = any(a.startswith("-XX:AOTCache=") for a in argv)
    assert not aot or ("-XX:-AOTReplayTraining" not in argv and "-XX:Tier3DelayOn=100000" in argv), argv
    # full tiered JIT with javac/JShell kept on C1 by the installed directives file (install.sh says why)
    directives = [a.split("=", 1)[1] for a in argv if a.startswith("-XX:CompilerDirectivesFile=")]
    assert directives and pathlib.Path(directives[0]).is_file() and "-XX:TieredStopAtLevel=1" not in argv, argv
    # the JVM's own count of compiler threads: none set unless GRADBOOK_JAVA_OPTS asks (install.sh says why)
    assert not any(a.startswith("-XX:CICompilerCount=") for a in argv), argv
    # the heap and code cache on 2 MB pages where Linux hands them out on request (fewer, cheaper page faults at start)
    thp = pathlib.Path("/sys/kernel/mm/transparent_hugepage/enabled")
    offered = thp.exists() and ("[madvise]" in thp.read_text() or "[always]" in thp.read_text())
    if "TransparentHugePages" not in env.get("GRADBOOK_JAVA_OPTS", ""):  # the installer's own choice then stands
        assert ("-XX:+UseTransparentHugePages" in argv) == offered, argv
    assert spec["env"].get("ND4J_SKIP_BLAS_THREADS") == "1", spec["env"]  # ND4J must not cut OpenBLAS to 1 thread
    # nd4j's OpenBLAS would fall back to SSE kernels on CPUs it does not know: AVX2 + FMA get Haswell's (the bits of
    # the PyTorch recordings); AVX-512 is an opt-in (GRADBOOK_OPENBLAS_CORETYPE)
    flags = pathlib.Path("/proc/cpuinfo").read_text().split()
    expected = "Haswell" if "avx2" in flags and "fma" in flags else None
    assert spec["env"].get("OPENBLAS_CORETYPE") == expected, spec["env"]

    ksm = KernelSpecManager(kernel_dirs=[str(tmp_path / "jupyter" / "kernels")])
    km = KernelManager(kernel_name="gradbook", kernel_spec_manager=ksm)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=60)
        assert result_text(run(kc, "1 + 1")[1]) == "2"
        reply, msgs = run(kc, "var x = ones(2).requiresGrad_();\nx.mul(3).sum()")
        assert result_text(msgs) == "tensor(6., grad_fn=<SumBackward0>)", reply
        reply, msgs = run(kc, "Nd4jInterop.toINDArray(ones(2, 2)).sumNumber()", timeout=120)
        assert result_text(msgs) == "4.0", reply
        # the float32 kernels run through the Vector API, as the installed options provide it (JDK 25+: from the
        # boot class path, so that the AOT cache keeps its module graph; older: its module), with the scalar bits
        reply, msgs = run(kc, "var big = randn(4099);\nio.gradbook.autograd.math.Simd.setEnabled(false);\nvar plain = big.exp().add(big.sin());\n"
                              "io.gradbook.autograd.math.Simd.setEnabled(true);\n"
                              "io.gradbook.autograd.math.Simd.enabled() && equal(plain, big.exp().add(big.sin()))")
        assert result_text(msgs) == "True", reply
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    assert ("--add-modules" in argv) != any(a.startswith("-Xbootclasspath/a:") for a in argv), argv


# the statements of the benchmark's rows that run the float32 vector loops (bench/kernel_vs_torch.py): softmax +
# cross entropy, sin·x·exp with its backward, and MLP steps (relu, bias, softmax over rows of 10 classes)
VECTOR_ROWS = [
    ("var sl = randn(512, 1000).requiresGrad_(); var st = tensor(java.util.stream.LongStream.range(0, 512).toArray());",
     "for (int i = 0; i < 60; i++) { softmax(sl, 1); crossEntropy(sl, st).backward(); }"),
    ("var sx = randn(1000, 1000).requiresGrad_();", "for (int i = 0; i < 15; i++) sx.sin().mul(sx).exp().sum().backward();"),
    ("manualSeed(0); var xs = randn(128, 784); var labels = tensor(java.util.stream.LongStream.range(0, 128).map(i -> i % 10).toArray());\n"
     "var w1 = randn(784, 256).mul(0.03).requiresGrad_(); var b1 = zeros(256).requiresGrad_();\n"
     "var w2 = randn(256, 10).mul(0.06).requiresGrad_(); var b2 = zeros(10).requiresGrad_(); Tensor[] params = {w1, b1, w2, b2};",
     "for (int step = 0; step < 60; step++) {\n"
     "    crossEntropy(xs.matmul(w1).add(b1).relu().matmul(w2).add(b2), labels).backward();\n"
     "    for (Tensor p : params) { p.data().sub_(p.grad().mul(0.01)); p.grad().zero_(); }\n}"),
]

def test_vector_methods_stay_inlined_after_the_warm_up(installed, tmp_path):
    """The installed kernel's compiler directives keep every engine method that takes or returns a vector inlined into
    the C2 code of the loops that call it, after the idle-time warm-up and the rows that use them (jit_log says why):
    with C2's own choices the warm-up's profiles left Sleef32Vec.exp, sin's polynomial and rint as calls."""
    root, _ = installed
    log = tmp_path / "jit.log"
    # the warm-up once the kernel has been idle 50 ms, whatever else the machine runs (CpuGate would hold it back)
    ks = kernelspec_with_options(root / "jupyter" / "kernels" / "gradbook" / "kernel.json", "gradbook-jit",
                                 ["-XX:+LogCompilation", "-XX:LogFile=%s" % log, "-Dgradbook.warmup.idleMs=50",
                                  "-Dgradbook.warmup.cpuGate=false"], tmp_path / "ks")
    km = KernelManager(kernel_name="gradbook-jit", kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(ks)]))
    km.start_kernel()
    pid = km.provisioner.process.pid
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=60)
        state = warm_up_finished(kc, 300)
        assert state == "done", state
        for setup, body in VECTOR_ROWS:
            for code in (setup, body, body):
                reply, msgs = run(kc, code, timeout=300)
                assert reply["status"] == "ok", (code, reply)
    finally:
        kc.stop_channels()
        km.shutdown_kernel()  # a JVM that exits merges its compiler threads' logs into the one file
    # a JVM killed before it merged leaves each compiler thread's log in the temporary directory
    logs = [log] + sorted(pathlib.Path("/tmp").glob("hs_c*_pid%d.log" % pid))
    assert any(p.exists() and p.stat().st_size > 0 for p in logs), logs
    left = vector_calls_not_inlined([p for p in logs if p.exists()])
    for p in logs[1:]:
        p.unlink()
    assert not left, "C2 left these vector methods as calls (compiler-directives.json's inline lists): %s" % left


def test_uninstall(installed):
    tmp_path, env = installed
    spec_dir = tmp_path / "jupyter" / "kernels" / "gradbook"
    gone = subprocess.run(["bash", str(ROOT / "install.sh"), "--uninstall"], env=env, capture_output=True, text=True, timeout=120)
    assert gone.returncode == 0, gone.stdout + gone.stderr
    assert not spec_dir.exists() and not (tmp_path / "data" / "gradbook").exists()
