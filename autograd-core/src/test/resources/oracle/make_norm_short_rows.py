#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""PyTorch 1.13.1's float32 2-norm of short contiguous rows (x.norm(2, -1) over rows of 1 to 39 elements, 40 rows
each, randn from one generator): the vectorized last-dim kernel's tail order (NormTwo.lastDimFloat: 8 fused lanes,
then the tail unfused in groups of 4 and fused for the last 0-3). Rows as float32 bit patterns, norms likewise.
usage: /usr/bin/python3 make_norm_short_rows.py > norm_short_rows.json   (Debian's python3-torch 1.13.1)"""
import json
import torch

assert torch.__version__.startswith("1.13"), torch.__version__
torch.set_num_threads(1)
g = torch.Generator().manual_seed(20261130)
cases = []
for n in range(1, 40):
    x = torch.randn(40, n, generator=g)
    cases.append({"n": n, "x": x.reshape(-1).view(torch.int32).tolist(),
                  "norm": x.norm(2, -1).view(torch.int32).tolist()})
json.dump({"torch": torch.__version__, "cases": cases}, __import__("sys").stdout, separators=(",", ":"))
