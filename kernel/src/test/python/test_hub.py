# SPDX-License-Identifier: Apache-2.0
"""A class on one JupyterHub (issue 14): `./install.sh --system` into a prefix, Debian's jupyterhub on loopback
(DummyAuthenticator, the local process spawner; real unprivileged accounts gbs01..gbs20 when run as root), and 20
students at once, each logging in through the hub's API, starting a server, opening a course notebook and running
its cells on a Gradbook kernel over the websocket. Every reply must be ok (error where the cell is tagged
raises-exception), every deterministic output as stored in the executed notebook, and no kernel may write into a
student's home. Prints per-kernel memory, kernel start time under load, cells/s; the numbers go to README.

GRADBOOK_HUB_CONCURRENCY bounds how many students act at once (default 5: 2 cores); all 20 kernels stay alive to the
end. GRADBOOK_HUB_STUDENTS, GRADBOOK_HUB_NOTEBOOK and GRADBOOK_HUB_PREFIX (an existing `install.sh --system --prefix=DIR`
to use instead of installing anew) are for trying it by hand; the suite installs and runs 20 students."""
import concurrent.futures
import json
import os
import pathlib
import re
import shutil
import stat
import statistics
import subprocess
import tempfile
import time
import traceback

import pytest

from hub_class import JUPYTER_OWN, Hub, cpu_seconds, home_files, marked_pids, memory_kb, proc_cmdline, proc_env
from hub_student import Student

ROOT = pathlib.Path(__file__).resolve().parents[4]
REPORT = ROOT / "kernel" / "target" / "hub-class.txt"
STUDENTS = int(os.environ.get("GRADBOOK_HUB_STUDENTS", "20"))
CONCURRENCY = int(os.environ.get("GRADBOOK_HUB_CONCURRENCY", "5"))
NOTEBOOK = os.environ.get("GRADBOOK_HUB_NOTEBOOK", "003-autograd-tutorial")
WHOLE_RUN = 420  # seconds for all students together; beyond it the test fails instead of hanging CI


def system_install(prefix):
    """install.sh --system, under a prefix instead of /usr/local (the same layout, nothing outside the prefix)."""
    done = subprocess.run(["bash", str(ROOT / "install.sh"), "--system", "--prefix=%s" % prefix],
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    spec_dir = prefix / "share" / "jupyter" / "kernels" / "gradbook"
    spec = json.loads((spec_dir / "kernel.json").read_text())
    shared = prefix / "share" / "gradbook"
    argv = spec["argv"]
    assert argv[argv.index("-cp") + 1] == str(shared / "lib") + "/*", argv
    assert "-Dorg.bytedeco.javacpp.cachedir=%s" % (shared / "javacpp-cache") in argv, argv
    # readable by every student, writable by none of them; JavaCPP's cache directory itself is sticky and open (as
    # /tmp is: JavaCPP only takes a directory it may write to), all its content read-only
    cache = shared / "javacpp-cache"
    assert stat.S_IMODE(cache.stat().st_mode) == 0o1777, oct(cache.stat().st_mode)
    for path in [prefix, prefix / "share"] + list((prefix / "share").rglob("*")):
        mode = path.lstat().st_mode
        if stat.S_ISLNK(mode) or path == cache:
            continue
        assert mode & stat.S_IROTH and (not stat.S_ISDIR(mode) or mode & stat.S_IXOTH), (path, oct(mode))
        assert not mode & (stat.S_IWGRP | stat.S_IWOTH), (path, oct(mode))
    return spec


def one_student(hub, name, notebook, started):
    student = Student(hub, name)
    started[name] = student
    student.login()
    student.start_server()
    opened = student.open_notebook(NOTEBOOK + ".ipynb", notebook)
    student.start_kernel(NOTEBOOK + ".ipynb")
    t0 = time.time()
    bad = student.run_notebook(opened)
    student.times["cells"] = (t0, time.time())
    return bad


def kernels_by_student(hub):
    """pid of each student's Gradbook kernel, found by the run's marker and the kernel's main class."""
    found = {}
    for pid in marked_pids(hub.marker):
        if b"io.gradbook.kernel.Main" in proc_cmdline(pid):
            found.setdefault(proc_env(pid).get("JUPYTERHUB_USER"), []).append(pid)
    return found


def servers_by_student(hub):
    found = {}
    for pid in marked_pids(hub.marker):
        if any(b"jupyterhub-singleuser" in a for a in proc_cmdline(pid)):
            found.setdefault(proc_env(pid).get("JUPYTERHUB_USER"), []).append(pid)
    return found


def owner(pid):
    for line in pathlib.Path("/proc", str(pid), "status").read_text().splitlines():
        if line.startswith("Uid:"):
            return int(line.split()[1])


# the hub log's lines that say nothing about a failure: config noise and the expected start-up warnings
LOG_NOISE = re.compile(r"cache_ports|is not trusted|slow to become responsive|Writing notebook-signing key")


def log_about(hub, students, limit=40):
    """The hub log's lines about these students (their user name or kernel id) and its warnings and errors, the last
    `limit` of each, so that a failure's cause shows in CI's output instead of the tail of a long log."""
    try:
        lines = hub.log_path.read_text(errors="replace").splitlines()
    except OSError:
        return "(no hub log)"
    keys = [s.name for s in students] + [getattr(s, "kernel_id", None) for s in students]
    keys = [k for k in keys if k]
    about = [l for l in lines if any(k in l for k in keys) and not LOG_NOISE.search(l)]
    warnings = [l for l in lines if re.match(r"\[[WEC] |.*\b(Traceback|error|Error|KernelRestarter|died)\b", l)
                and not LOG_NOISE.search(l)]
    return "--- hub log: lines about %s ---\n%s\n--- hub log: warnings and errors ---\n%s" % (
        ", ".join(s.name for s in students), "\n".join(about[-limit:]), "\n".join(warnings[-limit:]))


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p * (len(values) - 1))))]


def test_class_on_one_hub():
    work = pathlib.Path(tempfile.mkdtemp(prefix="gradbook-hub-"))
    work.chmod(0o755)  # students read the install under it
    names = ["gbs%02d" % (i + 1) for i in range(STUDENTS)]
    notebook = json.loads((ROOT / "notebooks" / (NOTEBOOK + ".ipynb")).read_text())
    hub = Hub(work, names, str(work / "prefix" / "share" / "jupyter"))
    started = {}
    report = []
    try:
        t_install = time.time()
        if os.environ.get("GRADBOOK_HUB_PREFIX"):
            hub.jupyter_path = os.environ["GRADBOOK_HUB_PREFIX"] + "/share/jupyter"
        else:
            system_install(work / "prefix")
        report.append("install.sh --system --prefix: %.0f s" % (time.time() - t_install))
        prefix = pathlib.Path(hub.jupyter_path).parents[1]
        shared_cache = prefix / "share" / "gradbook" / "javacpp-cache"
        cache_before = home_files(shared_cache)
        hub.create_users()
        before = {name: home_files(hub.home(name)) for name in names}
        hub.start()

        t_class = time.time()
        pool = concurrent.futures.ThreadPoolExecutor(max_workers=CONCURRENCY)
        futures = {pool.submit(one_student, hub, name, notebook, started): name for name in names}
        done, pending = concurrent.futures.wait(futures, timeout=WHOLE_RUN)
        # students still running end by themselves once the hub is stopped below; nobody waits for them
        pool.shutdown(wait=False, cancel_futures=True)
        assert not pending, "students not finished in %d s: %s\n%s" % (
            WHOLE_RUN, sorted(futures[f] for f in pending), hub.log_tail())
        failures = []
        for f in done:
            try:
                failures += f.result()
            except Exception as e:  # a student that could not get through is a failure, with its reason
                failures.append((futures[f], "".join(traceback.format_exception(e)[-4:])))
        t_end = time.time()
        assert not failures, "%d failures:\n%s\n%s" % (
            len(failures), "\n".join(map(repr, failures)), log_about(hub, [started[f[0]] for f in failures
                                                                            if f[0] in started]))

        # ---- all twenty kernels alive at once: memory, owners, homes -------------------------------------------
        kernels = kernels_by_student(hub)
        assert sorted(kernels) == names and all(len(p) == 1 for p in kernels.values()), kernels
        servers = servers_by_student(hub)
        if hub.real_users:
            import pwd
            for name, (pid,) in kernels.items():
                assert owner(pid) == pwd.getpwnam(name).pw_uid, (name, "kernel not run as the student")
        kmem = [memory_kb(pid) for (pid,) in kernels.values()]
        kcpu = [cpu_seconds(pid) for (pid,) in kernels.values()]
        scpu = [cpu_seconds(pid) for pids in servers.values() for pid in pids]
        load = open("/proc/loadavg").read().split()[:3]
        smem = [memory_kb(pid) for pids in servers.values() for pid in pids]
        for name in names:
            new = home_files(hub.home(name)) - before[name]
            foreign = sorted(p for p in new if p != NOTEBOOK + ".ipynb" and not any(
                p == own or p.startswith(own + "/") or own.startswith(p + "/") for own in JUPYTER_OWN)
                and p not in (".local", ".local/share"))
            assert not foreign, (name, "written into the home:", foreign)

        # ND4J's natives come from the shared read-only cache, also for an unprivileged student
        reply, outputs = started[names[0]].execute("Nd4jInterop.toINDArray(ones(2, 2)).sumNumber()", timeout=180)
        assert reply["status"] == "ok" and outputs[-1]["data"]["text/plain"] == "4.0", (reply, outputs)
        new = home_files(hub.home(names[0])) - before[names[0]]
        assert not [p for p in new if ".javacpp" in p], new
        cache_now = home_files(shared_cache)
        assert cache_now == cache_before, ("JavaCPP wrote into the shared cache", cache_now ^ cache_before)
        nd4j_mem = memory_kb(kernels[names[0]][0])

        # the end of class: every student halts the notebook and stops the server; nothing may be left running
        t_leave = time.time()
        pool = concurrent.futures.ThreadPoolExecutor(max_workers=CONCURRENCY)
        leaving = {pool.submit(student.leave): name for name, student in started.items()}
        done, pending = concurrent.futures.wait(leaving, timeout=WHOLE_RUN)
        pool.shutdown(wait=False, cancel_futures=True)
        assert not pending and all(f.exception() is None for f in done), [
            (leaving[f], f.exception()) for f in done if f.exception() is not None] + sorted(leaving[f] for f in pending)
        deadline = time.time() + 60
        while time.time() < deadline and kernels_by_student(hub):
            time.sleep(0.5)
        assert not kernels_by_student(hub), ("kernels left after their servers stopped", kernels_by_student(hub))
        t_left = time.time() - t_leave

        dropped = [(name, r) for name, s in started.items() for r in s.reconnects]
        kstart = [s.times["kernel_start"] for s in started.values()]
        sstart = [s.times["server_start"] for s in started.values()]
        cells = sum(s.cells for s in started.values()) - 1  # the ND4J cell is not part of the class
        first = min(s.times["cells"][0] for s in started.values())
        last = max(s.times["cells"][1] for s in started.values())
        mb = lambda kb: kb / 1024
        report += [
            "students: %d (%s, %d at a time), notebook %s, %d cells each" % (
                STUDENTS, "real accounts, LocalProcessSpawner" if hub.real_users else "SimpleLocalProcessSpawner",
                CONCURRENCY, NOTEBOOK, cells // STUDENTS),
            "failures: 0",
            "kernel RSS MB: median %.0f, max %.0f; PSS MB (shared pages divided): median %.0f, max %.0f, sum %.0f" % (
                mb(statistics.median(r for r, _ in kmem)), mb(max(r for r, _ in kmem)),
                mb(statistics.median(p for _, p in kmem)), mb(max(p for _, p in kmem)), mb(sum(p for _, p in kmem))),
            "kernel after first ND4J use: RSS %.0f MB, PSS %.0f MB" % (mb(nd4j_mem[0]), mb(nd4j_mem[1])),
            "single-user server RSS MB: median %.0f; PSS MB: median %.0f" % (
                mb(statistics.median(r for r, _ in smem)), mb(statistics.median(p for _, p in smem))),
            "server start s: p50 %.1f, max %.1f; kernel start (session POST to kernel_info_reply) s: p50 %.1f, max %.1f" % (
                pct(sstart, 0.5), max(sstart), pct(kstart, 0.5), max(kstart)),
            "CPU s per student (start + notebook): kernel median %.1f, max %.1f; single-user server median %.1f" % (
                statistics.median(kcpu), max(kcpu), statistics.median(scpu)),
            "machine load average during the class (1/5/15 min): %s (%d cores)" % (" / ".join(load), os.cpu_count()),
            "cells: %d in %.1f s of cell time = %.1f cells/s overall; whole class (login to last cell) %.0f s" % (
                cells, last - first, cells / (last - first), t_end - t_class),
            "end of class (halt every notebook, stop every server): %.0f s" % t_left,
            "kernel websockets closed by the server and opened again: %d%s" % (
                len(dropped), "".join("\n  %s %s" % (name, r) for name, r in dropped)),
            "kernels restarted before their first cell (a port lost to another student's kernel): %s" % (
                ", ".join("%s at %s" % (name, t) for name, s in started.items() for t in s.restarts) or "none"),
        ]
        restarted = [name for name, s in started.items() if s.restarts]
        if dropped or restarted:
            report.append(log_about(hub, [started[name] for name in {name for name, _ in dropped} | set(restarted)]))
    finally:
        for student in started.values():
            student.close()
        left = hub.stop()
        REPORT.parent.mkdir(parents=True, exist_ok=True)
        if hub.log_path.exists():  # kept for a look after a failure
            shutil.copy(hub.log_path, REPORT.parent / "hub-jupyterhub.log")
        hub.remove_users()
        REPORT.write_text("\n".join(report) + "\n")
        print("\n".join(["", "JupyterHub class:"] + report))
        shutil.rmtree(work, ignore_errors=True)
    # the hub ended its servers, kernels and proxy itself (cleanup_servers): nothing had to be killed
    assert not left, "processes left after the hub stopped: %s" % left


def test_uninstall_under_a_prefix(tmp_path):
    """--uninstall --prefix removes exactly that install: its kernelspec and its share/gradbook (installed again
    here without the build: the copy of an installed tree is what --uninstall has to find)."""
    prefix = tmp_path / "prefix"
    spec_dir = prefix / "share" / "jupyter" / "kernels" / "gradbook"
    other = prefix / "share" / "jupyter" / "kernels" / "python3"
    for d in (spec_dir, other, prefix / "share" / "gradbook" / "lib"):
        d.mkdir(parents=True)
    (spec_dir / "kernel.json").write_text("{}")
    (other / "kernel.json").write_text("{}")
    done = subprocess.run(["bash", str(ROOT / "install.sh"), "--uninstall", "--prefix=%s" % prefix],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert not spec_dir.exists() and not (prefix / "share" / "gradbook").exists(), done.stdout
    assert (other / "kernel.json").exists(), "removed another kernel's spec"


def test_image_recipe():
    """hub/Dockerfile cannot be built here (no docker): it installs Debian packages that exist and installs Gradbook
    the way test_class_on_one_hub does."""
    text = (ROOT / "hub" / "Dockerfile").read_text()
    assert "./install.sh --system" in text and 'CMD ["jupyterhub-singleuser"]' in text
    install = re.search(r"apt-get install -y --no-install-recommends (.*?)(?:&&|$)", text.replace("\\\n", " "), re.S)
    packages = install.group(1).split()
    assert "jupyterhub" in packages and "openjdk-17-jdk-headless" in packages, packages
    if shutil.which("apt-cache") is None:
        pytest.skip("no apt-cache to look the packages up")
    for pkg in packages:
        policy = subprocess.run(["apt-cache", "policy", pkg], capture_output=True, text=True).stdout
        assert "Candidate:" in policy and "Candidate: (none)" not in policy, (pkg, policy)
