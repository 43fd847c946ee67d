#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Which of equal values PyTorch 1.13.1's CPU topk, kthvalue and median(dim) return (SelectionOracleTest replays it).

    /usr/bin/python3 make_selection.py > selection.json

topk: std::partial_sort when k * 64 <= n, else std::nth_element at k - 1 then std::sort of the first k - 1
(libstdc++, GCC 12); kthvalue: PyTorch's quick_select_template on a contiguous copy; median(dim): the first NaN,
else std::nth_element with ties broken by index. Inputs are small integers (many ties), with -0.0/0.0 and NaN
mixed in, in float32, float64 and int64, lengths 1 to 1000, along either dim of 2-D inputs; values and indices are
recorded.
"""
import base64
import json

import torch

assert torch.__version__.startswith("1.13"), torch.__version__
torch.set_num_threads(1)
gen = torch.Generator().manual_seed(20261130)


def tens(t):
    t = t.detach().contiguous()
    return {"shape": list(t.shape), "dtype": str(t.dtype).replace("torch.", ""),
            "b64": base64.b64encode(t.numpy().tobytes()).decode()}


def ties(shape, hi, dtype, nan=0.0, zeros=False, pattern="random"):
    n = 1
    for s in shape:
        n *= s
    if pattern == "random":
        x = torch.randint(0, hi, (n,), generator=gen).double()
    elif pattern == "ascending":
        x = torch.arange(n).double() // max(1, n // hi)
    elif pattern == "descending":
        x = (n - 1 - torch.arange(n)).double() // max(1, n // hi)
    else:  # organ pipe
        a = torch.arange(n).double()
        x = torch.minimum(a, n - 1 - a) // max(1, n // hi)
    if zeros:
        x = torch.where(x == 0, torch.where(torch.rand(n, generator=gen) < 0.5, -0.0, 0.0), x).double()
    if nan > 0 and dtype != torch.int64:
        x = torch.where(torch.rand(n, generator=gen) < nan, float("nan"), x)
    return x.to(dtype).reshape(shape)


CASES = []


def case(op, x, dim, k=None, largest=True):
    """One call on x; calls on the same input share its recording (the last case's "x")."""
    if not CASES or CASES[-1]["_x"] is not x:
        CASES.append({"_x": x, "x": tens(x), "calls": []})
    c = {"op": op, "dim": dim}
    if op == "topk":
        r = x.topk(k, dim, largest=largest)
        c.update(k=k, largest=largest)
    elif op == "kthvalue":
        r = x.kthvalue(k, dim)
        c["k"] = k
    else:
        r = x.median(dim)
    c["values"] = tens(r.values)
    c["indices"] = tens(r.indices)
    CASES[-1]["calls"].append(c)


DTYPES = [torch.float32, torch.float64, torch.int64]
for n in [1, 2, 3, 4, 5, 7, 16, 17, 33, 64, 65, 129, 300, 1000]:
    for dt in DTYPES:
        kinds = [(3, 0.0, True, "random"), (max(2, n // 4), 0.1, False, "random"), (5, 0.0, False, "ascending"),
                 (4, 0.05, True, "descending"), (6, 0.0, False, "pipe")]
        for hi, nan, zeros, pattern in kinds if n < 300 else kinds[:2]:
            x = ties([n], hi, dt, nan, zeros, pattern)
            ks = {1, 2, 3, (n + 1) // 2, max(1, n // 64), max(1, n // 64) + 1}
            if n < 300:
                ks |= {n - 1, n}
            for k in sorted(ks & set(range(1, n + 1))):
                case("topk", x, 0, k, True)
                case("topk", x, 0, k, False)
                case("kthvalue", x, 0, k)
            case("median", x, 0)
# 2-D along either dim, and a transposed input
for dt in DTYPES:
    for shape in [[6, 70], [70, 6], [5, 130]]:
        x = ties(shape, 4, dt, 0.05, True)
        for dim in [0, 1, -1]:
            n = x.shape[dim]
            for k in sorted({1, 2, max(1, n // 64), (n + 1) // 2, n}):
                case("topk", x, dim, k, True)
                case("topk", x, dim, k, False)
                case("kthvalue", x, dim, k)
            case("median", x, dim)
        xt = x.t()
        case("topk", xt, 1, 3, True)
        case("kthvalue", xt, 0, 2)
        case("median", xt, 1)

for c in CASES:
    del c["_x"]
json.dump({"inputs": CASES}, __import__("sys").stdout)
