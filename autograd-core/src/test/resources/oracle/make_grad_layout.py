#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Gradient formulas whose in-place steps keep a layout, recorded from PyTorch 1.13.1 (GradLayoutOracleTest replays it
with FuzzReplay, make_fuzz.py's case format).

    OPENBLAS_CORETYPE=Haswell /usr/bin/python3 make_grad_layout.py > grad_layout.json

1.13's norm_backward (`grad * (self / norm).masked_fill_(norm == 0, 0)`, and `abs().pow_(p - 1).masked_fill_` for
other p) and std_backward (`(grad / (result * 2)).masked_fill_(result == 0, 0)`) fill in place: the result keeps the
layout of the quotient, which follows a permuted input or a transposed incoming gradient. An out-of-place fill is a
contiguous clone; the layout then decides the order of the sum that reduces a broadcast operand's gradient (fuzz
seed 6226: 2 ulp for a 2-norm of a permuted input; std up to 31 ulp). Each program: x + y (y broadcast over dim 1,
so y's gradient is a sum), a reduction over the last dim, transposed, times a third leaf; or a permuted input times
a broadcast leaf, then a norm over all dims.
"""
import sys
import torch

import fuzz_record
import make_fuzz_more
from make_fuzz_wide import DT

torch.set_num_threads(1)


def leaf(shape, seed, dtype):
    g = torch.Generator().manual_seed(seed)
    if dtype == "float32":
        spec = {"kind": "randn"}
        t = torch.randn(tuple(shape), generator=g)
    else:
        spec = {"kind": "uniform", "lo": -3.0, "hi": 3.0}
        t = torch.empty(tuple(shape), dtype=DT[dtype]).uniform_(-3.0, 3.0, generator=g)
    spec.update({"shape": list(shape), "dtype": dtype, "seed": seed, "grad": True, "view": None})
    return spec, t.requires_grad_()


class Program:
    """fuzz_record.run_case's generator interface over a fixed program (any fuzz language's ops)."""

    def __init__(self, dtype, leaves, prog):
        self.dtype, self.prog, self.regs, self.failed = dtype, [], [], None
        self.specs = [s for s, _ in leaves]
        self.inputs = [t for _, t in leaves]
        self.steps = prog

    def case(self):
        for s in self.steps:
            try:
                self.regs.append(make_fuzz_more.run_step(s, self.regs, self.inputs))
            except Exception:
                self.failed = s  # the step that raised stays in the program: its error is the case's expected result
                raise
            self.prog.append(s)
        return [len(self.regs) - 1]


def cases():
    k = 0
    for a, b, c in [(5, 7, 9), (16, 17, 33), (3, 33, 17), (8, 9, 40)]:
        for dtype in ("float32", "float64"):
            for red in (["std", [2], False, True], ["var", [2], False, True], ["norm", [2], False]):
                k += 1
                leaves = [leaf([a, b, c], 1000 + k, dtype), leaf([a, 1, c], 2000 + k, dtype), leaf([b, a], 3000 + k, dtype)]
                prog = [["in", [], 0], ["in", [], 1], ["add", [0, 1]], [red[0], [2]] + red[1:], ["t", [3]], ["in", [], 2],
                        ["mul", [4, 5]]]
                yield f"{red[0]} {a}x{b}x{c} {dtype}", k, Program(dtype, leaves, prog)
    for p in (2, 3, 1.5, 0.5):  # fuzz seed 6226's shape: [16, 2, 17, 1] permuted, times a broadcast [2, 1, 1, 16]
        for dtype in ("float32", "float64"):
            k += 1
            leaves = [leaf([16, 2, 17, 1], 1000 + k, dtype), leaf([2, 1, 1, 16], 2000 + k, dtype)]
            prog = [["in", [], 0], ["permute", [0], [1, 3, 2, 0]], ["in", [], 1], ["mul", [1, 2]], ["norm_p", [3], p, None, False]]
            yield f"norm p={p} permuted {dtype}", k, Program(dtype, leaves, prog)


if __name__ == "__main__":
    import json
    out = [fuzz_record.run_case(name, seed, g, wide=False) for name, seed, g in cases()]
    json.dump({"torch": torch.__version__, "threads": torch.get_num_threads(), "cases": out}, sys.stdout,
              separators=(",", ":"))
