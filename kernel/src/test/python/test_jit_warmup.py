# SPDX-License-Identifier: Apache-2.0
"""The idle-time warm-up (kernel IdleWarmUp: JShell's compiler, then the engine's warmup.JitWarmUp) is invisible:
cells print the same numbers (seeded draws, results, gradients) as in a kernel without it while it runs between
them, completion and inspection answer while its compiler rounds run, an interrupt during it stops only the cell and
the warm-up goes on to its end, and -Dgradbook.warmup=false switches it off."""
import pathlib
import tempfile
import time

import pytest
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager

from conftest import KERNELSPEC_ROOT
from helpers import interrupt_running, kernelspec_with_options, result_text, run, stdout, warm_up_finished, warm_up_state

# the cells' numbers depend on the global generator, grad mode and the engine's kernels (vector and scalar paths)
CELLS = [
    "manualSeed(7);\nvar wx = randn(4, 300).requiresGrad_();\nwx.sin().mul(wx).exp().sum().backward();\n"
    "System.out.println(wx.grad().sum().item() + \" \" + randn(2));",
    "var wl = crossEntropy(wx.softmax(1).log(), arange(0L, 4));\nwl.backward();\nwl.item() + \" \" + isGradEnabled() + \" \" + rand(3)",
    "try (var g = noGrad()) { System.out.println(wx.mul(2).relu().mean().item() + \" \" + isGradEnabled()); }\nrandn(3, 5).tanh().sum(1)",
    "tensor(1.5).dtype() + \" \" + linspace(0, 1, 5).exp().sum().item() + \" \" + randn(1).item()",
]

def _start(extra):
    """A kernel like the suite's, with JVM options `extra`."""
    root = kernelspec_with_options(KERNELSPEC_ROOT / "kernels" / "gradbook" / "kernel.json", "gradbook-warmup", extra,
                                   pathlib.Path(tempfile.mkdtemp(prefix="gradbook-warmup-ks-")))
    km = KernelManager(kernel_name="gradbook-warmup", kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(root)]))
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=90)
    return km, kc


def _stop(km, kc):
    kc.stop_channels()
    km.shutdown_kernel(now=True)


def _outputs(kc, pause):
    """Each cell's stdout and result; `pause` seconds of idle before each (the warm-up runs in them)."""
    out = []
    for code in CELLS:
        time.sleep(pause)
        reply, msgs = run(kc, code, timeout=120)
        assert reply["status"] == "ok", reply
        out.append((stdout(msgs), result_text(msgs)))
    return out


def _await_running(kc):
    """JShell's start counts as busy: the warm-up begins once it is up and the kernel has been idle."""
    deadline = time.time() + 90
    while warm_up_state(kc) == "waiting" and time.time() < deadline:
        time.sleep(0.3)
    return warm_up_state(kc)


@pytest.fixture(scope="module")
def expected():
    km, kc = _start(["-Dgradbook.warmup=false"])
    try:
        assert warm_up_state(kc) == "off"
        return _outputs(kc, 0)
    finally:
        _stop(km, kc)


@pytest.fixture
def warming():
    # rounds resume 50 ms after each request, so they run between (and into) the cells below; the CPU gate is open
    # (CpuGateTest tests it): on a loaded machine it would hold the warm-up back. A kernel for each test: the warm-up
    # is ~6 s of its thread (the compiler's rounds ~3.5, the engine's ~2.5), so a fast machine could finish it during
    # the first test's cells, and the interrupt test would then find it done before its cell (that test asserts it
    # was still running)
    km, kc = _start(["-Dgradbook.warmup.idleMs=50", "-Dgradbook.warmup.cpuGate=false"])
    yield km, kc
    _stop(km, kc)


def test_cells_print_the_same_numbers_while_it_runs(expected, warming):
    km, kc = warming
    assert _await_running(kc) == "running"
    assert _outputs(kc, 0.15) == expected
    assert warm_up_state(kc) in ("running", "done")


def test_an_interrupt_during_it_stops_only_the_cell_and_it_runs_to_its_end(warming):
    km, kc = warming
    running = _await_running(kc) == "running"
    reply, _, _ = interrupt_running(km, kc, "while (true) { }", delay=1.5)
    assert reply["status"] == "error" and reply["ename"] == "KeyboardInterrupt", reply
    assert warm_up_finished(kc, 240) == "done"
    assert running, "the warm-up was still running when the cell was interrupted"
    reply, msgs = run(kc, "6 * 7")
    assert result_text(msgs) == "42"


def test_completion_and_inspection_answer_while_the_compiler_rounds_run(warming):
    # the compiler's rounds (eval/CompilerWarmUp, the warm-up's first part) compile in the session's own JShell, which
    # is not made for two threads: a request waits for the round under way, and answers as it would in an idle kernel
    km, kc = warming
    assert _await_running(kc) == "running"
    for _ in range(25):
        time.sleep(0.06)  # the rounds resume 50 ms after each request
        reply = kc.complete("var t = zer", 11, reply=True, timeout=30)["content"]
        assert reply["status"] == "ok" and any(m.startswith("zeros") for m in reply["matches"]), reply
        doc = kc.inspect("ones(2)", 4, reply=True, timeout=30)["content"]
        assert doc["status"] == "ok" and doc["found"] and "ones" in doc["data"]["text/plain"], doc
    reply, msgs = run(kc, "zeros(2).add(1)")
    assert result_text(msgs) == "tensor([1., 1.])"
