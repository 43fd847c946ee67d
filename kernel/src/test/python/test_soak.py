# SPDX-License-Identifier: Apache-2.0
"""A bounded long session (1,500 varied cells): the kernel's heap after a full GC stays flat. JShell alone kept
every statement's snippet, wrapper source and class bytes (+11 KB a cell). The 10,000-cell soak with its round-trip
times is bench/kernel_soak.py (timings are benchmarks, not tests)."""
from jupyter_client.manager import start_new_kernel

from soak import soak


def test_heap_stays_flat_over_1500_cells():
    km, kc = start_new_kernel(kernel_name="gradbook", startup_timeout=90)
    try:
        points = soak(kc, 1500, {300, 1500})
        heap300, heap1500 = points[300][0], points[1500][0]
        assert heap1500 <= 1.3 * heap300, points
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
