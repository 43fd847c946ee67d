#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""float64 normals from PyTorch 1.13.1's CPU generator (RandnFloat64OracleTest): torch.randn of 16 elements or more
(normal_fill's 16-wide Box-Muller with the C library's log/cos/sin) and of fewer, and randn_like of a transposed
input (the serial normal_distribution<double> path, glibc's sin/cos), several seeds each.

    /usr/bin/python3 make_randn64.py > randn64.json
"""
import base64
import json
import sys

import torch

assert torch.__version__.startswith("1.13"), torch.__version__
torch.set_num_threads(1)


def b64(t):
    return base64.b64encode(t.detach().contiguous().numpy().tobytes()).decode()


CASES = []
for seed in range(6):
    for n in [2000, 37, 15]:
        torch.manual_seed(seed)
        CASES.append({"seed": seed, "form": "randn", "n": n, "values": b64(torch.randn(n, dtype=torch.float64))})
    torch.manual_seed(seed)
    r = torch.randn_like(torch.ones(40, 25, dtype=torch.float64).t())
    CASES.append({"seed": seed, "form": "randn_like_t", "n": 1000, "strides": list(r.stride()), "values": b64(r)})
json.dump({"cases": CASES}, sys.stdout)
