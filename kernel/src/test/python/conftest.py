# SPDX-License-Identifier: Apache-2.0
"""Starts the Gradbook kernel through the real jupyter_client, from a kernelspec made for the built jars."""
import json
import os
import pathlib
import subprocess
import tempfile

import pytest

KERNEL_DIR = pathlib.Path(__file__).resolve().parents[3]  # .../kernel
TARGET = KERNEL_DIR / "target"


# The java the suite's kernel runs on: java on PATH, or GRADBOOK_TEST_JAVA (kernel/pom.xml's second pass runs the
# kernel-life tests again on JDK 25, the JDK install.sh picks when it is the newest: interrupts, exit, error
# lines, hostile messages behave differently there, e.g. without Thread.stop)
TEST_JAVA = os.environ.get("GRADBOOK_TEST_JAVA", "java")


def _java_feature(java):
    """The JDK's feature release (17, 25, ...), or 0 if that java cannot be run."""
    try:
        out = subprocess.run([java, "-XshowSettings:properties", "-version"], capture_output=True, text=True, timeout=60).stderr
    except OSError:
        return 0
    for line in out.splitlines():
        if line.strip().startswith("java.specification.version ="):
            return int(line.split("=", 1)[1].strip())  # "17", "25": every JDK the product supports
    return 0


JAVA_FEATURE = _java_feature(TEST_JAVA)


def _write_kernelspec():
    jars = sorted(TARGET.glob("gradbook-kernel-*.jar"))
    if not jars or not (TARGET / "lib").is_dir():
        raise RuntimeError("build the kernel first: mvn -B package (looked in %s)" % TARGET)
    root = pathlib.Path(tempfile.mkdtemp(prefix="gradbook-ks-"))
    spec = root / "kernels" / "gradbook"
    spec.mkdir(parents=True)
    classpath = "%s:%s/*" % (jars[0], TARGET / "lib")
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [TEST_JAVA] + (["--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"] if JAVA_FEATURE >= 24 else []) + ["-Xss8m", "-Xmx2g", "-XX:+UseSerialGC", "-XX:+UnlockDiagnosticVMOptions", "-XX:+ShowHiddenFrames", "--add-opens", "jdk.jshell/jdk.jshell=ALL-UNNAMED", "--add-opens", "jdk.jshell/jdk.jshell.execution=ALL-UNNAMED", "--add-opens", "jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED", "--add-opens", "jdk.compiler/com.sun.tools.javac.code=ALL-UNNAMED", "--add-opens", "jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector", "-cp", classpath, "io.gradbook.kernel.Main", "{connection_file}"],
        "display_name": "Java (Gradbook)",
        "language": "java",
        "interrupt_mode": "message",
    }))
    return root


KERNELSPEC_ROOT = _write_kernelspec()
os.environ["JUPYTER_PATH"] = str(KERNELSPEC_ROOT) + os.pathsep + os.environ.get("JUPYTER_PATH", "")


def pytest_collection_modifyitems(config, items):
    """A pass on a JDK this machine does not have is skipped, with the reason, not failed."""
    if JAVA_FEATURE == 0:
        skip = pytest.mark.skip(reason="no runnable java at GRADBOOK_TEST_JAVA=%s" % TEST_JAVA)
        for item in items:
            item.add_marker(skip)


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
