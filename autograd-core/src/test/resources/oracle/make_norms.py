"""PyTorch 1.13.1's bits for layer_norm and batch_norm (CPU, one intra-op thread; the kernels' reductions split by
thread), float32 and float64: outputs, mean/rstd (torch.native_layer_norm) and save_mean/save_invstd
(torch.native_batch_norm), running stats after a training step, and the gradients of input, weight and bias for a
random upstream gradient. Normalized sizes cross the 8/4-lane vectors and the 16-vector Welford chunks.
Its own torch.Generator, so other recordings do not move.
usage: /usr/bin/python3 make_norms.py > norms.json   (needs Debian's python3-torch 1.13.1)"""
import base64
import json

import torch

assert torch.__version__.startswith("1.13"), torch.__version__
torch.set_num_threads(1)
gen = torch.Generator().manual_seed(1013)


def tens(t):
    t = t.detach().contiguous()
    return {"shape": list(t.shape), "dtype": str(t.dtype).replace("torch.", ""),
            "b64": base64.b64encode(t.numpy().tobytes()).decode()}


def randn(*shape, dtype):
    return torch.randn(*shape, generator=gen, dtype=torch.float64).to(dtype)


cases = []
for dtype in (torch.float32, torch.float64):
    dn = str(dtype).replace("torch.", "")
    # layer_norm: (rows, normalized shape), affine, scale/offset of the data (a large mean strains the moments)
    for rows, norm, affine, loc in [
        ((3,), (1,), True, 0.0), ((4,), (7,), True, 0.0), ((2, 3), (8,), True, 1.0), ((5,), (16,), False, 0.0),
        ((3,), (17,), True, 3.0), ((2,), (64,), True, 0.0), ((3,), (100,), False, 10.0), ((2,), (1000,), True, 0.5),
        ((2,), (4, 25), True, 0.0), ((3,), (129,), True, 0.0), ((2,), (2051,), True, 0.0), ((6,), (3, 4), False, 0.0),
    ]:
        x = (randn(*rows, *norm, dtype=dtype) * 2 + loc).requires_grad_()
        w = (randn(*norm, dtype=dtype) * 0.5 + 1).requires_grad_() if affine else None
        b = randn(*norm, dtype=dtype).requires_grad_() if affine else None
        g = randn(*rows, *norm, dtype=dtype)
        y = torch.nn.functional.layer_norm(x, norm, w, b, 1e-5)
        y.backward(g)
        _, mean, rstd = torch.native_layer_norm(x.detach(), norm, w, b, 1e-5)
        c = {"op": "layer_norm", "dtype": dn, "normalized_shape": list(norm), "x": tens(x), "grad": tens(g),
             "y": tens(y), "mean": tens(mean), "rstd": tens(rstd), "grad_x": tens(x.grad)}
        if affine:
            c.update(w=tens(w), b=tens(b), grad_w=tens(w.grad), grad_b=tens(b.grad))
        cases.append(c)
    # batch_norm: input shape (N, C) or (N, C, L), training, affine, running stats tracked
    for shape, training, affine, track, loc in [
        ((4, 3), True, True, True, 0.0), ((16, 5), True, True, True, 2.0), ((7, 17), True, False, True, 0.0),
        ((3, 2, 7), True, True, True, 0.0), ((2, 3, 8), True, True, False, 1.0), ((5, 4, 17), True, False, True, 0.0),
        ((2, 3, 100), True, True, True, 3.0), ((2, 2, 1000), True, True, True, 0.0), ((9, 1), True, True, True, 0.0),
        ((4, 3), False, True, True, 0.0), ((3, 2, 7), False, True, True, 0.0), ((5, 4, 17), False, False, True, 1.0),
        ((100, 8), True, True, True, 0.0), ((1000, 9), True, True, True, 0.5),
    ]:
        c_ = shape[1]
        x = (randn(*shape, dtype=dtype) * 2 + loc).requires_grad_()
        w = (randn(c_, dtype=dtype) * 0.5 + 1).requires_grad_() if affine else None
        b = randn(c_, dtype=dtype).requires_grad_() if affine else None
        rm = randn(c_, dtype=dtype) * 0.1 if track else None
        rv = randn(c_, dtype=dtype).abs() + 0.5 if track else None
        g = randn(*shape, dtype=dtype)
        c = {"op": "batch_norm", "dtype": dn, "training": training, "momentum": 0.1, "x": tens(x), "grad": tens(g)}
        if track:
            c.update(running_mean=tens(rm), running_var=tens(rv))
        if affine:
            c.update(w=tens(w), b=tens(b))
        rm2 = rm.clone() if track else None
        rv2 = rv.clone() if track else None
        _, smean, sinvstd = torch.native_batch_norm(x.detach(), w, b, rm2, rv2, training, 0.1, 1e-5)
        y = torch.nn.functional.batch_norm(x, rm, rv, w, b, training, 0.1, 1e-5)
        y.backward(g)
        c.update(y=tens(y), grad_x=tens(x.grad))
        if training:
            c.update(save_mean=tens(smean), save_invstd=tens(sinvstd))
        if track:
            c.update(running_mean_after=tens(rm), running_var_after=tens(rv))
        if affine:
            c.update(grad_w=tens(w.grad), grad_b=tens(b.grad))
        cases.append(c)
print(json.dumps({"cases": cases}))
