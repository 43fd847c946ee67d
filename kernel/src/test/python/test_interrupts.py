# SPDX-License-Identifier: Apache-2.0
"""Interrupts as ipykernel has them: the running cell ends in KeyboardInterrupt (also when it sleeps, waits,
takes from a queue or joins a thread), threads that earlier cells started keep running, and later cells do not
wait for them."""
import time

import pytest

from helpers import interrupt_running, result_text, run


def _interrupted(km, kc, code, marker=None):
    """The reply and the seconds from the interrupt to it; interrupted once the cell runs (`marker`: once it has
    printed that), not on a timer started with the request (helpers.interrupt_running says why)."""
    reply, _, took = interrupt_running(km, kc, code, marker=marker, delay=0.5)
    return reply, took


def test_background_threads_survive_an_interrupt_and_do_not_hold_up_cells(kernel):
    km, kc = kernel
    reply, _ = run(kc, "var ticks = new java.util.concurrent.atomic.AtomicInteger();\n"
                       "var ticker = new Thread(() -> { while (true) { ticks.incrementAndGet(); "
                       "try { Thread.sleep(20); } catch (InterruptedException e) { return; } } });\n"
                       "ticker.setDaemon(true);\nticker.start();", timeout=30)
    assert reply["status"] == "ok"
    reply, took = _interrupted(km, kc, "while (true) {}")
    assert reply["ename"] == "KeyboardInterrupt" and took < 30
    before = int(result_text(run(kc, "ticks.get()")[1]))
    time.sleep(0.5)
    reply, msgs = run(kc, "ticker.isAlive() + \" \" + (ticks.get() > %d)" % before)
    assert result_text(msgs) == "'true true'"


@pytest.mark.parametrize("code", [
    "Thread.sleep(120_000);",
    "new java.util.concurrent.LinkedBlockingQueue<Integer>().take();",
    "Object lock = new Object();\nsynchronized (lock) { lock.wait(); }",
])
def test_blocking_calls_end_in_keyboard_interrupt(kernel, code):
    km, kc = kernel
    reply, took = _interrupted(km, kc, code)
    assert reply["status"] == "error" and reply["ename"] == "KeyboardInterrupt", reply
    assert took < 30


def test_a_cell_blocked_in_join_reports_the_interrupt_and_the_thread_lives_on(kernel):
    km, kc = kernel
    # interrupted once the sleeper has started: a 2 s timer stopped the cell on a loaded machine while it was still
    # compiling or before start(), and then no thread was there to live on
    reply, took = _interrupted(km, kc, "var sleeper = new Thread(() -> { try { Thread.sleep(120_000); } catch (InterruptedException e) {} });\n"
                                       "sleeper.setDaemon(true);\nsleeper.start();\nSystem.out.println(\"joining\");\nsleeper.join();", marker="joining")
    assert reply["ename"] == "KeyboardInterrupt", reply
    reply, msgs = run(kc, "sleeper.isAlive()")
    assert result_text(msgs) == "True"


def test_an_interrupt_between_cells_does_nothing(kernel):
    km, kc = kernel
    km.interrupt_kernel()
    time.sleep(0.5)
    reply, msgs = run(kc, "6 * 7")
    assert result_text(msgs) == "42"


def test_output_and_exceptions_of_a_thread_after_its_cell_go_to_that_cell(kernel):
    import queue
    from helpers import collect, shell_reply
    km, kc = kernel
    msg_id = kc.execute('var late = new Thread(() -> {\n'
                        '    try { Thread.sleep(1500); } catch (InterruptedException e) {}\n'
                        '    System.out.println("late hello");\n'
                        '    throw new IllegalStateException("late failure");\n'
                        '});\nlate.start();')
    collect(kc, msg_id)
    assert shell_reply(kc, msg_id)["content"]["status"] == "ok"
    out = {"stdout": "", "stderr": ""}
    deadline = time.time() + 30
    while "late failure" not in out["stderr"] and time.time() < deadline:
        try:
            m = kc.get_iopub_msg(timeout=1)
        except queue.Empty:
            continue
        if m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "stream":
            out[m["content"]["name"]] += m["content"]["text"]
    assert out["stdout"] == "late hello\n"
    assert 'Exception in thread "Thread-' in out["stderr"] and "IllegalStateException: late failure" in out["stderr"], out
    assert "line 4" in out["stderr"], out["stderr"]


def test_an_interrupt_while_jshell_starts_stops_the_first_cell():
    """A first cell sent at once and interrupted at once usually waits for JShell to start: the interrupt must not
    be lost (the cell would sleep two minutes), it stops that cell as soon as it gets the evaluator."""
    from jupyter_client.manager import start_new_kernel
    km, kc = start_new_kernel(kernel_name="gradbook", startup_timeout=90)
    try:
        start = time.time()
        # interrupted as soon as the kernel has taken the cell (its execute_input, sent before JShell is asked for):
        # a fixed 50 ms after the request was not enough for a loaded machine to read it, and an interrupt read
        # before its cell (shell and control are separate sockets) does nothing
        reply, _, _ = interrupt_running(km, kc, "Thread.sleep(120_000);", delay=0, timeout=90)
        assert reply["status"] == "error" and reply["ename"] == "KeyboardInterrupt", reply
        assert time.time() - start < 60
        assert result_text(run(kc, "6 * 7")[1]) == "42"
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
