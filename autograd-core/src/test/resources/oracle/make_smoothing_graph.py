#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""cross_entropy with label_smoothing under create_graph, as PyTorch 1.13.1 records it (SmoothingGraphOracleTest).

    /usr/bin/python3 make_smoothing_graph.py > smoothing_graph.json

For each case: g = autograd.grad(loss, x, v, create_graph=True) with v a 0-dim grad_output that requires grad, and
the whole graph behind g, node by node in preorder with depth ("None" for an edge without a node): 1.13's composite
(index_put_ of the ignored terms, masked_select(...).mean() for the unweighted mean, Scalar products whose 0-dim
float32 gradient is a double product cast back once, nll_loss_backward with self as an input) shows there. Then
the gradients of (g * w).sum() with respect to x and v, bit for bit.
"""
import base64
import json
import sys

import torch
import torch.nn.functional as F

assert torch.__version__.startswith("1.13"), torch.__version__
torch.set_num_threads(1)


def tens(t):
    t = t.detach().contiguous()
    return {"shape": list(t.shape), "dtype": str(t.dtype).replace("torch.", ""),
            "b64": base64.b64encode(t.numpy().tobytes()).decode()}


def walk(fn, depth, out):
    out.append([depth, "None" if fn is None else fn.name().replace("torch::autograd::", "")])
    if fn is not None:
        for nf, _ in fn.next_functions:
            walk(nf, depth + 1, out)
    return out


CASES = []
gen = torch.Generator().manual_seed(7)
for dt in [torch.float32, torch.float64]:
    for reduction in ["mean", "sum", "none"]:
        for weighted in [False, True]:
            for ignore in [-100, 0]:
                x0 = torch.randn(4, 5, generator=gen, dtype=dt)
                t = torch.tensor([1, 0, 4, 0])
                w = torch.rand(5, generator=gen, dtype=dt) if weighted else None
                x = x0.clone().requires_grad_(True)
                loss = F.cross_entropy(x, t, weight=w, ignore_index=ignore, reduction=reduction, label_smoothing=0.1)
                v0 = torch.randn(loss.shape, generator=gen, dtype=dt)
                v = v0.clone().requires_grad_(True)
                g, = torch.autograd.grad(loss, x, v, create_graph=True)
                w2 = torch.randn(g.shape, generator=gen, dtype=dt)
                gx, gv = torch.autograd.grad((g * w2).sum(), [x, v], allow_unused=True)
                CASES.append({"dtype": str(dt).replace("torch.", ""), "reduction": reduction, "ignore_index": ignore,
                              "x": tens(x0), "target": tens(t), "weight": tens(w) if weighted else None,
                              "v": tens(v0), "w2": tens(w2), "loss_graph": walk(loss.grad_fn, 0, []),
                              "graph": walk(g.grad_fn, 0, []), "g": tens(g),
                              "gx": None if gx is None else tens(gx), "gv": tens(gv)})
json.dump({"cases": CASES}, sys.stdout)
