#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""torch.cdist's values and first gradients, recorded from PyTorch 1.13.1 (CdistOracleTest replays it with
FuzzReplay, make_fuzz_more.py's cdist step).

    OPENBLAS_CORETYPE=Haswell /usr/bin/python3 make_cdist.py > cdist.json

1.13 computes cdist (up to 25 rows for p = 2) with Dist's CPU kernel: each distance one scalar loop in the dtype, the
p = 2 loop's products vectorized in 128-bit lanes with the adds in order and a fused multiply-add in its scalar tail
(Debian's GCC 12 build), general p through glibc's powf / pow; and its gradient with _cdist_backward: per row of
x1, the sum in x2-row order of a lane-wise formula (SLEEF's pow; for p = inf grad * sign(diff) where |diff| equals the
distance, every tied column). Gradbook had the norm of the differences in double and a composite gradient that threw
for p = inf (fuzz case more 246). Each p (0, 0.5, 1, 1.5, 2, 3, inf) in float32 and float64 over: 2-D operands of m =
17 and m = 6 columns (the p = 2 tails of 1 and 2), batched operands broadcast against each other, both operands
expanded from one column (p = inf: all columns tie), and x against a slice of itself (zero distances and
differences: p < 1's 0 where diff is 0); and p = 2 with more than 25 rows, which 1.13 computes with _euclidean_dist's
matrix products (2-D, batched broadcast, batch 1).
"""
import json, sys
import torch

import fuzz_record
from make_grad_layout import Program, leaf

torch.set_num_threads(1)


def cases():
    k = 0
    for p in (0, 0.5, 1, 1.5, 2, 3, "inf"):
        for dtype in ("float32", "float64"):
            layouts = [
                ("2-D m=17", [[5, 17], [7, 17]], [["in", [], 0], ["in", [], 1], ["cdist", [0, 1], p]]),
                ("2-D m=6", [[4, 6], [3, 6]], [["in", [], 0], ["in", [], 1], ["cdist", [0, 1], p]]),
                ("batched broadcast", [[2, 1, 3, 5], [4, 6, 5]], [["in", [], 0], ["in", [], 1], ["cdist", [0, 1], p]]),
                ("expanded columns", [[5, 1], [4, 1]], [["in", [], 0], ["expand", [0], [5, 8]], ["in", [], 1],
                                                        ["expand", [2], [4, 8]], ["cdist", [1, 3], p]]),
                ("against a slice of itself", [[6, 9]], [["in", [], 0], ["slice", [0], 0, 1, 5, 1], ["cdist", [0, 1], p]]),
            ]
            for what, shapes, prog in layouts:
                k += 1
                leaves = [leaf(s, 7100 + 10 * k + i, dtype) for i, s in enumerate(shapes)]
                yield f"cdist p={p} {what} {dtype}", k, Program(dtype, leaves, prog)
    # p = 2 with more than 25 rows: _euclidean_dist's matrix products, viewed (ViewBackward0 over EuclideanDistBackward0)
    for dtype in ("float32", "float64"):
        for what, shapes in (("2-D 30 rows", [[30, 17], [7, 17]]), ("batched broadcast 27 rows", [[2, 1, 27, 5], [4, 6, 5]]),
                             ("3-D batch 1, 26 rows", [[1, 26, 9], [28, 9]])):
            k += 1
            leaves = [leaf(s, 7100 + 10 * k + i, dtype) for i, s in enumerate(shapes)]
            yield f"cdist p=2 {what} {dtype}", k, Program(dtype, leaves, [["in", [], 0], ["in", [], 1], ["cdist", [0, 1], 2]])


if __name__ == "__main__":
    out = [fuzz_record.run_case(name, seed, g, wide=False) for name, seed, g in cases()]
    json.dump({"torch": torch.__version__, "threads": torch.get_num_threads(), "cases": out}, sys.stdout,
              separators=(",", ":"))
