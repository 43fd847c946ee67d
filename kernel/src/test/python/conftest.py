# SPDX-License-Identifier: Apache-2.0
"""Starts the Gradbook kernel through the real jupyter_client, from a kernelspec made for the built jars."""
import json
import os
import pathlib
import tempfile

import pytest

KERNEL_DIR = pathlib.Path(__file__).resolve().parents[3]  # .../kernel
TARGET = KERNEL_DIR / "target"


def _write_kernelspec():
    jars = sorted(TARGET.glob("gradbook-kernel-*.jar"))
    if not jars or not (TARGET / "lib").is_dir():
        raise RuntimeError("build the kernel first: mvn -B package (looked in %s)" % TARGET)
    root = pathlib.Path(tempfile.mkdtemp(prefix="gradbook-ks-"))
    spec = root / "kernels" / "gradbook"
    spec.mkdir(parents=True)
    classpath = "%s:%s/*" % (jars[0], TARGET / "lib")
    (spec / "kernel.json").write_text(json.dumps({
        "argv": ["java", "-Xss8m", "-Xmx2g", "-XX:+UseSerialGC", "-XX:+UnlockDiagnosticVMOptions", "-XX:+ShowHiddenFrames", "--add-opens", "jdk.jshell/jdk.jshell=ALL-UNNAMED", "--add-opens", "jdk.jshell/jdk.jshell.execution=ALL-UNNAMED", "--add-opens", "jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED", "--add-opens", "jdk.compiler/com.sun.tools.javac.code=ALL-UNNAMED", "--add-opens", "jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector", "-cp", classpath, "io.gradbook.kernel.Main", "{connection_file}"],
        "display_name": "Java (Gradbook)",
        "language": "java",
        "interrupt_mode": "message",
    }))
    return root


KERNELSPEC_ROOT = _write_kernelspec()
os.environ["JUPYTER_PATH"] = str(KERNELSPEC_ROOT) + os.pathsep + os.environ.get("JUPYTER_PATH", "")


@pytest.fixture(scope="module")
def kernel():
    from jupyter_client.manager import start_new_kernel
    km, kc = start_new_kernel(kernel_name="gradbook", startup_timeout=90)
    kc.allow_stdin = True
    yield km, kc
    kc.stop_channels()
    km.shutdown_kernel(now=True)


def pytest_terminal_summary(terminalreporter):
    """The per-notebook parity table (test_notebooks.py) and the hub class's numbers (test_hub.py), after every run."""
    hub = TARGET / "hub-class.txt"
    if hub.exists() and hub.stat().st_mtime >= getattr(terminalreporter, "_sessionstarttime", 0):
        terminalreporter.write_line("")
        terminalreporter.write_line("JupyterHub class (test_hub.py):")
        for line in hub.read_text().splitlines():
            terminalreporter.write_line("  " + line)
    try:
        from test_notebooks import RESULTS
    except ImportError:
        return
    if not RESULTS:
        return
    terminalreporter.write_line("")
    terminalreporter.write_line("notebook parity against PyTorch 1.13.1 (ref-00N.expect.json for the seeds, notebooks/twins/ past them):")
    terminalreporter.write_line("| notebook | cells matched | not comparable |")
    terminalreporter.write_line("|---|---|---|")
    for stem, (matched, total, skipped) in sorted(RESULTS.items()):
        terminalreporter.write_line("| %s | %d/%d | %s |" % (stem, matched, total, ", ".join(skipped) or "-"))
