# SPDX-License-Identifier: Apache-2.0
"""hub/gradbook_fresh_ports.py, the kernel manager a JupyterHub on one machine gives its single-user servers
(README, "Teaching on JupyterHub"): a restart "with new random ports" gets new ports, so a kernel whose port another
user's kernel took at the same moment lives on its next start. jupyter_client 7.4's own manager caches the ports and
starts the kernel on the same ones again (CI's test_hub.py lost a student's kernel to that: bench/RESULTS.md, sixteenth
session)."""
import pathlib
import sys

from jupyter_client.kernelspec import KernelSpecManager

from conftest import KERNELSPEC_ROOT

ROOT = pathlib.Path(__file__).resolve().parents[4]
sys.path.insert(0, str(ROOT / "hub"))
from gradbook_fresh_ports import FreshPortsKernelManager  # noqa: E402

PORTS = ("shell_port", "iopub_port", "stdin_port", "control_port", "hb_port")


def test_a_restart_with_new_ports_gets_new_ports_and_the_kernel_answers_on_them():
    km = FreshPortsKernelManager(kernel_name="gradbook",
                                 kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(KERNELSPEC_ROOT / "kernels")]))
    assert km.cache_ports is False
    km.start_kernel()
    try:
        before = [km.get_connection_info()[p] for p in PORTS]
        km.restart_kernel(now=True, newports=True)  # what Jupyter's restarter does when a kernel died
        after = [km.get_connection_info()[p] for p in PORTS]
        assert all(before) and all(after)
        # five fresh draws from the ephemeral range: all five the same again would be the cache
        assert before != after, (before, after)
        kc = km.client()
        kc.start_channels()
        try:
            kc.wait_for_ready(timeout=120)
            reply = kc.execute_interactive("1 + 1", timeout=120)
            assert reply["content"]["status"] == "ok"
        finally:
            kc.stop_channels()
    finally:
        km.shutdown_kernel(now=True)
