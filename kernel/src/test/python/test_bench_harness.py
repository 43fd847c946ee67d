# SPDX-License-Identifier: Apache-2.0
"""bench/kernel_vs_torch.py end to end on the Gradbook side: every --quick workload runs once as cells in the kernel
(so a cell the engine no longer compiles fails here, not in the next benchmark run) and the table is printed. No
PyTorch (--no-torch) and no timing asserted: speed targets live in bench/, never in tests."""
import json
import pathlib
import subprocess
import sys

from conftest import KERNELSPEC_ROOT

ROOT = pathlib.Path(__file__).resolve().parents[4]


def test_every_quick_workload_runs_as_cells_in_the_kernel(tmp_path):
    out = tmp_path / "bench.json"
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "kernel_vs_torch.py"), "--quick", "--no-torch",
                           "--runs", "1", "--kernel-dir", str(KERNELSPEC_ROOT / "kernels"), "--json", str(out)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    result = json.loads(out.read_text())
    names = [r["workload"] for r in result["rows"]]
    assert "MLP 784-256-10, batch 128, 20 SGD steps" in names and "matmul 1024x1024" in names, names
    assert all(r["gradbook"][0] > 0 and "torch" not in r for r in result["rows"]), result["rows"]
    assert "| MLP 784-256-10, batch 128, 20 SGD steps |" in done.stdout, done.stdout
    assert set(result["latency"]) == {"gradbook"}
    # the machine's two processors, measured before and after the rows (the split rows' ceiling)
    for when in ("before", "after"):
        probe = result["machine"][when]
        assert len(probe["each"]) == 2 and 0 < probe["cores"] == round(sum(probe["each"]), 2), result["machine"]
    assert "Machine before the rows: two busy processes get" in done.stdout, done.stdout
    # bytes per live tensor: a float32 [10^6] holds its 4 MB and not much more, as PyTorch's (the heap with the
    # tensors against the heap once they are dropped)
    memory = {r["case"]: r["gradbook"] for r in result["memory"]}
    assert 3_900_000 <= memory["float32 [10^6]"] <= 4_100_000, result["memory"]
    assert 7_800_000 <= memory["float64 [10^6]"] <= 8_200_000, result["memory"]
