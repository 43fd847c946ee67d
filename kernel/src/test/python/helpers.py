# SPDX-License-Identifier: Apache-2.0
"""Small helpers over jupyter_client for the kernel tests."""
import json
import queue
import time

TIMEOUT = 60


def collect(kc, msg_id, timeout=TIMEOUT):
    """The iopub messages of one request, up to its idle status."""
    out = []
    deadline = time.time() + timeout
    while True:
        msg = kc.get_iopub_msg(timeout=max(0.1, deadline - time.time()))
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return out
        out.append(msg)


def shell_reply(kc, msg_id, timeout=TIMEOUT):
    deadline = time.time() + timeout
    while True:
        msg = kc.get_shell_msg(timeout=max(0.1, deadline - time.time()))
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg


def run(kc, code, timeout=TIMEOUT, **kw):
    """Executes code; returns (reply content, iopub messages)."""
    msg_id = kc.execute(code, **kw)
    msgs = collect(kc, msg_id, timeout)
    return shell_reply(kc, msg_id, timeout)["content"], msgs


def result_text(msgs):
    for m in msgs:
        if m["msg_type"] == "execute_result":
            return m["content"]["data"]["text/plain"]
    return None


def stdout(msgs, name="stdout"):
    return "".join(m["content"]["text"] for m in msgs if m["msg_type"] == "stream" and m["content"]["name"] == name)


def drain(kc):
    for get in (kc.get_shell_msg, kc.get_iopub_msg):
        while True:
            try:
                get(timeout=0.05)
            except queue.Empty:
                break


def interrupt_running(km, kc, code, marker=None, delay=0.2, timeout=60, **kw):
    """Executes code and interrupts it once the kernel runs it, as a user who sees it running does: after its
    execute_input (or, with `marker`, once that text is on its stdout) and `delay` seconds more. Returns (reply
    content, iopub messages, seconds from the interrupt to the reply). A timer started with the request raced the
    kernel on a loaded machine: it fired before the cell had reached the call the test stops (a background thread
    not yet started), or before the kernel had even read the request, and an interrupt between cells does nothing."""
    msg_id = kc.execute(code, **kw)
    deadline = time.time() + timeout
    msgs, out = [], ""
    while True:
        m = kc.get_iopub_msg(timeout=max(0.1, deadline - time.time()))
        if m["parent_header"].get("msg_id") != msg_id:
            continue
        if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
            raise AssertionError("the cell ended before it was interrupted: %r" % msgs)
        msgs.append(m)
        if m["msg_type"] == "stream" and m["content"]["name"] == "stdout":
            out += m["content"]["text"]
        if (marker is None and m["msg_type"] == "execute_input") or (marker is not None and marker in out):
            break
    time.sleep(delay)
    sent = time.time()
    km.interrupt_kernel()
    msgs += collect(kc, msg_id, timeout)
    reply = shell_reply(kc, msg_id, timeout)["content"]
    return reply, msgs, time.time() - sent


def kernelspec_with_options(kernel_json, name, extra, root):
    """Writes kernelspec `name` under `root` (a folder of kernelspecs): the kernel.json at `kernel_json` with the JVM
    options `extra` added before -cp. Returns `root`."""
    spec = json.loads(kernel_json.read_text())
    argv = spec["argv"]
    cp = argv.index("-cp")
    spec["argv"] = argv[:cp] + extra + argv[cp:]
    (root / name).mkdir(parents=True)
    (root / name / "kernel.json").write_text(json.dumps(spec))
    return root


# the kernel's idle-time warm-up (kernel IdleWarmUp.state): "off", "waiting", "running", "done" or "failed: ..."
WARM_UP_STATE = ('var wf = Class.forName("io.gradbook.kernel.IdleWarmUp").getDeclaredField("state"); wf.setAccessible(true);\n'
                 'String.valueOf(wf.get(null))')


def warm_up_state(kc):
    return result_text(run(kc, WARM_UP_STATE)[1]).strip("'")


def warm_up_finished(kc, timeout):
    """The warm-up's state once it is done or has failed, or after `timeout` s. Asks once a second: each question is
    a request, after which the warm-up waits for the kernel to be idle again."""
    deadline = time.time() + timeout
    state = warm_up_state(kc)
    while state != "done" and not state.startswith("failed") and time.time() < deadline:
        time.sleep(1)
        state = warm_up_state(kc)
    return state
