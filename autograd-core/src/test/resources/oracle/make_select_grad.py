#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""The create_graph gradients of PyTorch 1.13.1's selecting reductions (SelectGradOracleTest replays it).

    /usr/bin/python3 make_select_grad.py > select_grad.json

For y = op(x) and loss = (y * y * w).sum(): the first gradient g = dloss/dx with create_graph=True, the names of
the graph behind it (g.grad_fn and its next functions, depth first, None edges left out: evenly_distribute_backward's
MaskedFillBackward1 over DivBackward0, value_selecting_reduction_backward's ScatterBackward0 over UnsqueezeBackward0),
and the second derivative d((g * v).sum())/dx, as bits. Ops: max(), min(), median() of all elements (with ties and
NaN), max/min/median/kthvalue over a dim (keepdim or not), topk, sort, and 0-dim inputs.
"""
import base64
import json
import sys

import torch

assert torch.__version__.startswith("1.13"), torch.__version__
torch.set_num_threads(1)
gen = torch.Generator().manual_seed(20261131)


def tens(t):
    t = t.detach().contiguous()
    return {"shape": list(t.shape), "dtype": str(t.dtype).replace("torch.", ""),
            "b64": base64.b64encode(t.numpy().tobytes()).decode()}


def chain(fn, depth=0):
    """[name, children...]: the graph under fn, depth first, None edges left out, 5 levels deep."""
    if fn is None:
        return None
    return [type(fn).__name__] + ([chain(n) for n, _ in fn.next_functions if n is not None] if depth < 5 else [])


OPS = {
    "max": lambda x: x.max(), "min": lambda x: x.min(), "median": lambda x: x.median(),
    "max_dim": lambda x: x.max(1).values, "min_dim_keepdim": lambda x: x.min(0, keepdim=True).values,
    "median_dim": lambda x: x.median(1).values, "median_dim_keepdim": lambda x: x.median(0, keepdim=True).values,
    "kthvalue": lambda x: x.kthvalue(2, 1).values, "kthvalue_keepdim": lambda x: x.kthvalue(3, 0, keepdim=True).values,
    "topk": lambda x: x.topk(2, 1).values, "sort": lambda x: x.sort(0, descending=True).values,
    "max_dim0": lambda x: x.max(0).values, "kthvalue0": lambda x: x.kthvalue(1, 0).values,
    "topk0": lambda x: x.topk(1, 0).values, "sort0": lambda x: x.sort(0).values, "median_dim0": lambda x: x.median(0).values,
}

CASES = []
for op, f in OPS.items():
    scalar = op.endswith("0")
    for dtype in [torch.float32, torch.float64]:
        for kind in ["random", "ties", "nan"]:
            if scalar and kind != "random":
                continue
            shape = [] if scalar else [4, 6]
            x = torch.randn(shape, generator=gen, dtype=dtype)
            if kind == "ties":
                x = torch.randint(0, 3, shape, generator=gen).to(dtype)
            elif kind == "nan":
                x = torch.where(torch.rand(shape, generator=gen) < 0.15, float("nan"), x).to(dtype)
            x.requires_grad_()
            y = f(x)
            w = torch.randn(y.shape, generator=gen, dtype=dtype)
            g, = torch.autograd.grad((y * y * w).sum(), x, create_graph=True)
            v = torch.randn(x.shape, generator=gen, dtype=dtype)
            g2, = torch.autograd.grad((g * v).sum(), x)
            CASES.append({"op": op, "kind": kind, "x": tens(x), "w": tens(w), "v": tens(v), "y_grad_fn": type(y.grad_fn).__name__,
                          "chain": chain(g.grad_fn), "g": tens(g), "g2": tens(g2)})
json.dump({"cases": CASES}, sys.stdout, separators=(",", ":"))
print(f"{len(CASES)} cases", file=sys.stderr)
