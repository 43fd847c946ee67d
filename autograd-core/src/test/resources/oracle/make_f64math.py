"""PyTorch 1.13.1's float64 exp and log bits on CPU (Vectorized<double>::exp/log: SLEEF's Sleef_expd4_u10 and
Sleef_logd4_u10 in the AVX2 build, through vml::vexp/vlog, a short tail as a partial vector). "vector" holds the
results of one tensor whose length is a multiple of 8, "scalar" the same inputs one element at a time (measured:
the same bits). Random inputs over the whole range plus edges (zeros, subnormals, the overflow and underflow
limits, infinities, NaN). Its own torch.Generator.
usage: /usr/bin/python3 make_f64math.py > f64math.json   (needs Debian's python3-torch 1.13.1)"""
import base64
import json

import torch

assert torch.__version__.startswith("1.13"), torch.__version__
torch.set_num_threads(1)
gen = torch.Generator().manual_seed(64)


def tens(t):
    t = t.detach().contiguous()
    return {"shape": list(t.shape), "dtype": str(t.dtype).replace("torch.", ""),
            "b64": base64.b64encode(t.numpy().tobytes()).decode()}


def u(n, lo, hi):
    return torch.rand(n, generator=gen, dtype=torch.float64) * (hi - lo) + lo


inf, nan = float("inf"), float("nan")
exp_edges = torch.tensor([0.0, -0.0, 1.0, -1.0, 1e-300, -1e-300, 5e-324, 709.78, 709.782712893384, 709.7827128933841,
                          -708.39, -708.4, -720.0, -744.4, -745.13, -745.2, -1000.0, -1001.0, 710.0, 1e308, -1e308,
                          inf, -inf, nan, 0.6931471805599453, 2.0, 0.5, -0.5, 100.0, -100.0], dtype=torch.float64)
exp_x = torch.cat([u(6000, -1, 1), u(6000, -20, 20), u(6000, -745, 710), u(2000, -1e-8, 1e-8), exp_edges])
log_edges = torch.tensor([1.0, 2.0, 0.5, 0.0, -0.0, -1.0, 5e-324, 2.2250738585072014e-308, 2.2250738585072009e-308,
                          1.7976931348623157e308, inf, -inf, nan, 0.75, 1.0000000000000002, 0.9999999999999999,
                          2.718281828459045, 10.0, 1e-300, 1e300, 4.9e-310], dtype=torch.float64)
log_x = torch.cat([u(6000, 0, 2), u(2000, 0.99, 1.01), torch.exp(u(8000, -700, 700)), torch.exp(u(2000, -744, -708)),
                   log_edges])
out = {}
for name, x, f in (("exp", exp_x, torch.exp), ("log", log_x, torch.log)):
    pad = (-len(x)) % 8
    x = torch.cat([x, torch.ones(pad, dtype=torch.float64)])
    vec = f(x)
    scal = torch.stack([f(x[i:i + 1])[0] for i in range(len(x))])
    out[name] = {"x": tens(x), "vector": tens(vec), "scalar": tens(scal)}
print(json.dumps(out))
