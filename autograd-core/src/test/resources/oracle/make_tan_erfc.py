"""PyTorch 1.13.1's tan and erfc: forward bits, the input's gradient for a recorded upstream gradient and the
grad_fn name, float32 and float64, lengths 7 (one partial vector), 1000 and 4109; wide-range inputs with |x| >= 125
inside some vectors (SLEEF's tan then reduces that whole vector the slow way), +-0, inf, NaN, near-pole and erfc's
range edges; a transposed float32 input, a 0-dim one and an int64 one (computed in float32).
usage: /usr/bin/python3 make_tan_erfc.py > tan_erfc.json   (needs Debian's python3-torch 1.13.1)"""
import base64
import json

import torch

assert torch.__version__.startswith("1.13"), torch.__version__
torch.set_num_threads(1)
gen = torch.Generator().manual_seed(20261201)


def tens(t):
    t = t.detach().contiguous()
    return {"shape": list(t.shape), "dtype": str(t.dtype).replace("torch.", ""),
            "b64": base64.b64encode(t.numpy().tobytes()).decode()}


SPECIAL = [0.0, -0.0, float("inf"), float("-inf"), float("nan"), 1e-30, -1e-30, 1.5707963267948966, -1.5707963267948966,
           1.0, 2.2, -2.2, 4.3, 10.1, -10.1, 9.9, 0.99, -0.99, 125.0, -125.0, 1e6, 3e37, 27.0, 100.0]


def inputs(n):
    x = torch.randn(n, generator=gen, dtype=torch.float64) * 3
    mag = torch.exp(torch.rand(n, generator=gen, dtype=torch.float64) * 16 - 8)
    wide = torch.rand(n, generator=gen) < 0.02  # a few large magnitudes: some vectors take tan's slow reduction
    x = torch.where(wide, mag * 40, x)
    k = min(len(SPECIAL), n)
    x[:k] = torch.tensor(SPECIAL[:k], dtype=torch.float64)
    x = x[torch.randperm(n, generator=gen)]
    g = torch.randn(n, generator=gen, dtype=torch.float64)
    return x, g


OPS = {"tan": torch.tan, "erfc": torch.erfc}
cases = []
for n in (7, 1000, 4109):
    x64, g64 = inputs(n)
    for dt in (torch.float32, torch.float64):
        for name, f in OPS.items():
            x = x64.to(dt).clone().requires_grad_()
            y = f(x)
            y.backward(g64.to(dt))
            cases.append({"op": name, "x": tens(x64.to(dt)), "g": tens(g64.to(dt)), "y": tens(y), "grad": tens(x.grad),
                          "grad_fn": type(y.grad_fn).__name__})

# a transposed float32 input (PyTorch runs it in memory order), a 0-dim one, an int64 one
base = torch.randn(37, 29, generator=gen) * 3
base[3, 5] = 300.0
others = []
for name, f in OPS.items():
    others.append({"op": name, "kind": "transposed", "x": tens(base), "y": tens(f(base.t()))})
    others.append({"op": name, "kind": "0-dim", "x": tens(base[1, 1]), "y": tens(f(base[1, 1]))})
    others.append({"op": name, "kind": "int64", "x": tens(torch.arange(-3, 4)), "y": tens(f(torch.arange(-3, 4)))})
print(json.dumps({"cases": cases, "others": others}))
