"""PyTorch 1.13.1's float64 exp2 (std::exp2 on every element: 1.13 has no Vectorized exp2) and float32 hypot
(Sleef_hypotf8_u05 over a run's vector body, glibc's hypotf on its tail and on strided runs): forward bits, the
inputs' gradients for a recorded upstream gradient and grad_fn names, at lengths 7, 1000 and 4109 over wide ranges
and special values (+-0, +-inf, NaN, subnormals, exp2's overflow/underflow edges, hypot's float overflow and
FLT_MIN scaling, 1003 subnormal pairs); float32 hypot broadcast against a 0-dim tensor, a row, a column, and a transposed input; float16 hypot's error.
usage: /usr/bin/python3 make_exp2_hypot.py > exp2_hypot.json   (needs Debian's python3-torch 1.13.1)"""
import base64
import json

import torch

assert torch.__version__.startswith("1.13"), torch.__version__
torch.set_num_threads(1)
gen = torch.Generator().manual_seed(20261205)


def tens(t):
    t = t.detach().contiguous()
    return {"shape": list(t.shape), "dtype": str(t.dtype).replace("torch.", ""),
            "b64": base64.b64encode(t.numpy().tobytes()).decode()}


EXP2_SPECIAL = [0.0, -0.0, float("inf"), float("-inf"), float("nan"), 1e-300, -1e-300, 5e-324, 1e-17, 1023.999,
                1024.0, 1023.0, -1022.0, -1022.5, -1074.0, -1074.9, -1075.0, -1080.0, 928.0, 928.1, -928.5,
                -1050.3, 0.5, -0.5, 1.0, 3.0, 10.0, 511.9, 512.0, 1000.0, -1000.0, 0.0078125]


def exp2_inputs(n):
    x = torch.randn(n, generator=gen, dtype=torch.float64) * 8
    wide = torch.rand(n, generator=gen) < 0.3
    x = torch.where(wide, torch.rand(n, generator=gen, dtype=torch.float64) * 2200 - 1100, x)
    k = min(len(EXP2_SPECIAL), n)
    x[:k] = torch.tensor(EXP2_SPECIAL[:k], dtype=torch.float64)
    return x[torch.randperm(n, generator=gen)], torch.randn(n, generator=gen, dtype=torch.float64)


HYPOT_SPECIAL = [(0.0, 0.0), (-0.0, 3.0), (float("inf"), float("nan")), (float("nan"), 1.0), (float("-inf"), 2.0),
                 (3e38, 3e38), (1e-40, 2e-40), (1e-45, 0.0), (1e-38, 1e-39), (3.0, 4.0), (-5.0, 12.0),
                 (1e20, 1e-20), (1.0, 1e-8), (float("nan"), float("inf")), (6e-39, -1e-39), (1e19, 1e19)]


def hypot_inputs(n):
    a = torch.randn(n, generator=gen, dtype=torch.float64) * torch.exp(torch.randn(n, generator=gen, dtype=torch.float64) * 3)
    b = torch.randn(n, generator=gen, dtype=torch.float64) * torch.exp(torch.randn(n, generator=gen, dtype=torch.float64) * 3)
    k = min(len(HYPOT_SPECIAL), n)
    for i in range(k):
        a[i], b[i] = HYPOT_SPECIAL[i]
    p = torch.randperm(n, generator=gen)
    return a[p].float(), b[p].float(), torch.randn(n, generator=gen)


cases = []
for n in (7, 1000, 4109):
    x, g = exp2_inputs(n)
    xr = x.clone().requires_grad_()
    y = torch.exp2(xr)
    y.backward(g)
    cases.append({"op": "exp2", "x": tens(x), "g": tens(g), "y": tens(y), "grad": tens(xr.grad),
                  "grad_fn": type(y.grad_fn).__name__})
    a, b, g = hypot_inputs(n)
    ar, br = a.clone().requires_grad_(), b.clone().requires_grad_()
    y = torch.hypot(ar, br)
    y.backward(g)
    cases.append({"op": "hypot", "a": tens(a), "b": tens(b), "g": tens(g), "y": tens(y), "grad_a": tens(ar.grad),
                  "grad_b": tens(br.grad), "grad_fn": type(y.grad_fn).__name__})

# subnormal float32 pairs: SLEEF scales them by 2^24 (its max < FLT_MIN path) and differs from glibc on ~4% of them
a = (torch.randn(1003, generator=gen) * 1e-39)
b = (torch.randn(1003, generator=gen) * 1e-39)
g = torch.randn(1003, generator=gen)
ar, br = a.clone().requires_grad_(), b.clone().requires_grad_()
y = torch.hypot(ar, br)
y.backward(g)
cases.append({"op": "hypot", "a": tens(a), "b": tens(b), "g": tens(g), "y": tens(y), "grad_a": tens(ar.grad),
              "grad_b": tens(br.grad), "grad_fn": type(y.grad_fn).__name__})

# float32 hypot broadcast: the scalar side has stride 0 (still the vector body), rows, columns, a transposed input
m = (torch.randn(37, 29, generator=gen) * 5)
row = torch.randn(29, generator=gen) * 5
col = torch.randn(37, 1, generator=gen) * 5
s = torch.tensor(2.5)
big = torch.randn(1000, generator=gen) * 5
broadcast = [
    {"kind": "scalar_right", "a": tens(big), "b": tens(s), "y": tens(torch.hypot(big, s))},
    {"kind": "scalar_left", "a": tens(s), "b": tens(big), "y": tens(torch.hypot(s, big))},
    {"kind": "row", "a": tens(m), "b": tens(row), "y": tens(torch.hypot(m, row))},
    {"kind": "col", "a": tens(m), "b": tens(col), "y": tens(torch.hypot(m, col))},
    {"kind": "col_row", "a": tens(col), "b": tens(row), "y": tens(torch.hypot(col, row))},
    {"kind": "transposed", "a": tens(m), "b": tens(m.t().contiguous()), "y": tens(torch.hypot(m.t(), m.t().contiguous()))},
]
try:
    torch.hypot(torch.tensor([3.0]).half(), torch.tensor([4.0]).half())
    half_error = None
except RuntimeError as e:
    half_error = str(e)
print(json.dumps({"cases": cases, "broadcast": broadcast, "half_error": half_error}))
