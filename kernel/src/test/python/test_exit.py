# SPDX-License-Identifier: Apache-2.0
"""System.exit(n) in a cell: the cell is answered (ok, with ipykernel's ask_exit payload), then the kernel exits
with that status, as ipykernel does for exit()."""
import time

from jupyter_client.manager import start_new_kernel

from helpers import run, stdout


def test_system_exit_answers_the_cell_then_exits_cleanly():
    km, kc = start_new_kernel(kernel_name="gradbook", startup_timeout=90)
    try:
        run(kc, "int before = 1;")
        reply, msgs = run(kc, 'System.out.println("bye");\nif (before == 1) System.exit(0);\nSystem.out.println("not reached");', timeout=60)
        assert reply["status"] == "ok", reply
        assert reply["payload"] == [{"source": "ask_exit", "keepkernel": False}]
        assert stdout(msgs) == "bye\n"
        deadline = time.time() + 20
        while km.is_alive() and time.time() < deadline:
            time.sleep(0.1)
        assert not km.is_alive()
        assert km.provisioner.process.poll() == 0
    finally:
        kc.stop_channels()
        if km.is_alive():
            km.shutdown_kernel(now=True)
