# SPDX-License-Identifier: Apache-2.0
"""A bounded long session on JDK 25, the JDK install.sh picks when it is the newest (CI machines have Temurin 25
at /usr/lib/jvm/temurin-25-jdk-amd64, as the development machine does). JDK 25's javac keeps every name it meets
in a strong table (StringNameTable), and every wrapper JShell compiles has names of its own ($JShell$12,
REPL.$JShell$12, $JShell$12.java, ...), in each of the compiler's contexts: with these cells, 14 names a cell,
never freed. The kernel compiles with javac's weakly held table (JavacNames), so the names of wrappers that are
gone go with them: 1.3-1.7 names a cell are left, those of the replaced versions of redefined classes, whose class
files JShell keeps. Varied cells (statements, expressions, methods, classes, records, imports, compile and runtime
errors, redefinitions); the names javac holds are counted with a class histogram of the kernel (jcmd
GC.class_histogram, after a full GC), and redefinitions and imports still work afterwards."""
import json
import os
import pathlib
import subprocess

import pytest
from jupyter_client.manager import start_new_kernel

import conftest
from helpers import result_text, run

JDK25 = pathlib.Path(os.environ.get("GRADBOOK_TEST_JDK25", "/usr/lib/jvm/temurin-25-jdk-amd64"))

SETUP = "int count = 0;"
# (code, whether the cell must succeed); %d is the cell's number
CELLS = [
    ("1 + 1", True),
    ("count++;", True),
    ("int helper(int n) { return n + %d; }\nhelper(2)", True),
    ("class Box { int v = %d; }\nnew Box().v", True),
    ("for (int i = 0; i < 3; i++) count += i;", True),
    ("int bad = \"%d\";", False),
    ("record Pt(int x, int y) { int sum() { return x + y + %d; } }\nnew Pt(1, 2).sum()", True),
    ("import java.util.concurrent.atomic.*;\nvar at = new AtomicInteger(%d);\nat.incrementAndGet()", True),
    ("Integer.parseInt(\"x%d\")", False),
    ("String s = \"cell %d\";\ns.length()", True),
    ("System.out.println(\"step \" + count);", True),
    ("interface Shape { double area(); }\nclass Sq implements Shape { public double area() { return %d; } }\nnew Sq().area()", True),
]


def kernelspec_on(java):
    """The suite's kernelspec (conftest's, for the built jars) with another java: kernel name gradbook-jdkNN."""
    spec = json.loads((conftest.KERNELSPEC_ROOT / "kernels" / "gradbook" / "kernel.json").read_text())
    spec["argv"][0] = str(java)
    name = "gradbook-" + java.parent.parent.name
    target = conftest.KERNELSPEC_ROOT / "kernels" / name
    target.mkdir(exist_ok=True)
    (target / "kernel.json").write_text(json.dumps(spec))
    return name


def name_objects(jcmd, pid):
    """{class name: instances} of javac's name tables' objects in the kernel, after the full GC jcmd does first."""
    out = subprocess.run([str(jcmd), str(pid), "GC.class_histogram"], capture_output=True, text=True, timeout=120).stdout
    counts = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) >= 4 and parts[3].startswith("com.sun.tools.javac.util.") and "NameTable" in parts[3]:
            counts[parts[3][len("com.sun.tools.javac.util."):]] = int(parts[1])
    return counts


def names_held(counts):
    """Names the tables hold: NameImpl instances of every table kind (a dead weak entry holds no name)."""
    return sum(n for k, n in counts.items() if k.endswith("$NameImpl"))


def session(kc, start, stop):
    """Runs the varied cells numbered start..stop-1, checking each one's status."""
    for i in range(start, stop):
        code, ok = CELLS[i % len(CELLS)]
        reply, _ = run(kc, code.replace("%d", str(i)))
        assert (reply["status"] == "ok") == ok, (i, code, reply)


@pytest.mark.skipif(not (JDK25 / "bin" / "java").exists(), reason="no JDK 25 at %s (GRADBOOK_TEST_JDK25 names another)" % JDK25)
def test_javac_names_stay_bounded_on_jdk25_over_2000_varied_cells():
    km, kc = start_new_kernel(kernel_name=kernelspec_on(JDK25 / "bin" / "java"), startup_timeout=120)
    try:
        jcmd, pid = JDK25 / "bin" / "jcmd", km.provisioner.process.pid
        reply, _ = run(kc, SETUP)
        assert reply["status"] == "ok", reply
        session(kc, 1, 601)
        early = name_objects(jcmd, pid)
        session(kc, 601, 2001)
        late = name_objects(jcmd, pid)
        print("javac name objects after 600 and 2,000 cells:", early, late)
        assert names_held(early) > 1000, early  # the histogram sees javac's names at all
        # the strong table: +14 names a cell, ~19,600 over these 1,400 cells; the weak one +1.3-1.7 a cell
        assert names_held(late) - names_held(early) <= 4000, (early, late)
        # what the redefinitions and imports of the session left still works
        for code, expected in [
            ("int helper(int n) { return n * 100; }\nhelper(3)", "300"),
            ("class Box { int v = -7; }\nnew Box().v", "-7"),
            ("new Pt(4, 5).sum() > 0", "True"),  # booleans print as Python does
            ("import java.util.concurrent.atomic.*;\nnew AtomicLong(41).incrementAndGet()", "42"),
            ("new Sq().area() + count * 0", "1991.0"),
        ]:
            reply, msgs = run(kc, code)
            assert reply["status"] == "ok", (code, reply)
            assert result_text(msgs) == expected, (code, result_text(msgs))
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
