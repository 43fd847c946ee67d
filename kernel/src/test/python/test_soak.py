# SPDX-License-Identifier: Apache-2.0
"""A bounded long session (1,500 varied cells): the kernel's heap after a full GC, its loaded classes and its
metaspace stay flat. JShell alone kept every statement's snippet, wrapper source and class bytes (+11 KB of heap a
cell) and loaded one class per statement, expression and multi-statement check in its one class loader, never
unloaded (+1.2 classes and ~1.5 KB of metaspace a cell). The 10,000-cell soak with its round-trip times is
bench/kernel_soak.py (timings are benchmarks, not tests)."""
from jupyter_client.manager import start_new_kernel

from soak import soak


def test_heap_and_classes_stay_flat_over_1500_cells():
    km, kc = start_new_kernel(kernel_name="gradbook", startup_timeout=90)
    try:
        points = soak(kc, 1500, {300, 1500})
        print("soak (heap, classes, metaspace, round trip ms, kernel CPU ms):", points)
        (heap300, classes300, meta300, _, _), (heap1500, classes1500, meta1500, _, _) = points[300], points[1500]
        # JShell's way: +1,400 classes, +2.5 MB of metaspace and +10 MB of heap over these 1,200 cells; now +14
        # classes, +0.9 MB of metaspace (early growth, flat after ~1,500 cells) and +1.4 MB of heap
        assert classes1500 - classes300 <= 60, points
        assert meta1500 - meta300 <= 1_500_000, points
        assert heap1500 - heap300 <= 3_000_000, points
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
