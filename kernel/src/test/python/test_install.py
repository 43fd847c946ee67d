# SPDX-License-Identifier: Apache-2.0
"""install.sh end to end, into a temporary data directory: it builds, records the start-up archive from a real
session (TrainingSession), registers a kernelspec that uses it, the kernel so registered runs cells, and
--uninstall takes it all away again."""
import json
import os
import pathlib
import subprocess

from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager

from helpers import result_text, run

ROOT = pathlib.Path(__file__).resolve().parents[4]


def test_install_start_uninstall(tmp_path):
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path / "data"), JUPYTER_DATA_DIR=str(tmp_path / "jupyter"))
    env.pop("GRADBOOK_OPENBLAS_CORETYPE", None)
    env.pop("OPENBLAS_CORETYPE", None)
    done = subprocess.run(["bash", str(ROOT / "install.sh")], env=env, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no archive" not in done.stdout, done.stdout

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

    gone = subprocess.run(["bash", str(ROOT / "install.sh"), "--uninstall"], env=env, capture_output=True, text=True, timeout=120)
    assert gone.returncode == 0, gone.stdout + gone.stderr
    assert not spec_dir.exists() and not (tmp_path / "data" / "gradbook").exists()
