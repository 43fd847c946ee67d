"""PyTorch 1.13.1's bits for the nn activations added beside gelu/leaky_relu: forward output, grad_fn name and the
input's gradient for a recorded upstream gradient, float32 and float64, sizes 7 (all scalar tail) and 1000 (vector
body + a tail of 8), inputs with +-0, large |x|, NaN and the kernels' break points. One intra-op thread, its own
Generator. Also each nn module's repr.
usage: /usr/bin/python3 make_activations.py > activations.json   (needs Debian's python3-torch 1.13.1)"""
import base64
import json

import torch
import torch.nn as nn
import torch.nn.functional as F

assert torch.__version__.startswith("1.13"), torch.__version__
torch.set_num_threads(1)
gen = torch.Generator().manual_seed(20261130)


def tens(t):
    t = t.detach().contiguous()
    return {"shape": list(t.shape), "dtype": str(t.dtype).replace("torch.", ""),
            "b64": base64.b64encode(t.numpy().tobytes()).decode()}


SPECIAL = [0.0, -0.0, 100.0, -100.0, 1e30, -1e30, float("nan"), 3.0, -3.0, 1.0, -1.0, 0.5, -0.5, 6.0, 20.0,
           -20.0, 0.1, 88.5, -88.5, 1e-30, -1e-30]


def inputs(n):
    x = torch.randn(n, generator=gen, dtype=torch.float64) * 4
    if n < 16:
        # all scalar tail: random values and three specials
        x[[1, 3, 5]] = torch.tensor([-0.0, float("nan"), -3.0], dtype=torch.float64)
    else:
        # specials in the vector body and in the scalar tail (the last n % 16 elements), random values beside
        x[3:3 + len(SPECIAL)] = torch.tensor(SPECIAL, dtype=torch.float64)
        x[n - 7:n - 3] = torch.tensor([0.0, -0.0, float("nan"), 1e30], dtype=torch.float64)
    g = torch.randn(n, generator=gen, dtype=torch.float64)
    return x, g


CASES = [
    ("silu", lambda x: F.silu(x)),
    ("elu", lambda x: F.elu(x)),
    ("elu_alpha", lambda x: F.elu(x, alpha=0.7)),
    ("selu", lambda x: F.selu(x)),
    ("celu", lambda x: F.celu(x)),
    ("celu_alpha", lambda x: F.celu(x, alpha=1.7)),
    ("hardtanh", lambda x: F.hardtanh(x)),
    ("hardtanh_range", lambda x: F.hardtanh(x, -2.5, 0.5)),
    ("relu6", lambda x: F.relu6(x)),
    ("softplus", lambda x: F.softplus(x)),
    ("mish", lambda x: F.mish(x)),
    ("hardswish", lambda x: F.hardswish(x)),
    ("hardsigmoid", lambda x: F.hardsigmoid(x)),
    ("logsigmoid", lambda x: F.logsigmoid(x)),
    ("softsign", lambda x: F.softsign(x)),
    ("tanhshrink", lambda x: F.tanhshrink(x)),
    ("hardshrink", lambda x: F.hardshrink(x)),
    ("hardshrink_l", lambda x: F.hardshrink(x, 1.0)),
    ("softshrink", lambda x: F.softshrink(x)),
    ("softshrink_l", lambda x: F.softshrink(x, 1.0)),
    ("threshold", lambda x: F.threshold(x, 0.1, 20.0)),
]

cases = []
for n in (7, 1000):
    x64, g64 = inputs(n)
    for dt in (torch.float32, torch.float64):
        x0, g = x64.to(dt), g64.to(dt)
        for name, f in CASES:
            x = x0.clone().requires_grad_()
            y = f(x)
            y.backward(g)
            cases.append({"id": name, "n": n, "x": tens(x0), "g": tens(g), "y": tens(y), "grad": tens(x.grad),
                          "grad_fn": type(y.grad_fn).__name__})

# prelu: a weight per channel (dim 1) or one for all; the weight's gradient is a sum over the other dims
prelu = []
for dt in (torch.float32, torch.float64):
    for shape, c in (((4, 3, 5), 3), ((4, 3, 5), 1), ((1000,), 1), ((40, 30), 30)):
        x0 = (torch.randn(shape, generator=gen, dtype=torch.float64) * 4).to(dt)
        x0.view(-1)[:3] = torch.tensor([-0.0, float("nan"), 0.0], dtype=dt)
        w0 = (torch.rand(c, generator=gen, dtype=torch.float64) - 0.3).to(dt)
        g = torch.randn(shape, generator=gen, dtype=torch.float64).to(dt)
        x, w = x0.clone().requires_grad_(), w0.clone().requires_grad_()
        y = F.prelu(x, w)
        y.backward(g)
        prelu.append({"x": tens(x0), "w": tens(w0), "g": tens(g), "y": tens(y), "grad": tens(x.grad),
                      "wgrad": tens(w.grad), "grad_fn": type(y.grad_fn).__name__})
try:
    F.prelu(torch.randn(2, 3), torch.rand(2))
except RuntimeError as e:
    prelu_error = str(e).split("\n")[0]

# float32 forward over a transposed input (PyTorch runs it in memory order: the scalar tail is the last elements
# in memory) and a stepped one (the scalar op everywhere)
strided = []
base = (torch.randn(37, 13, generator=gen, dtype=torch.float64) * 4).float()
for name in ("silu", "mish", "elu", "selu", "hardswish", "hardsigmoid"):
    f = dict(CASES)[name]
    strided.append({"id": name, "view": "t", "x": tens(base), "y": tens(f(base.t()))})
    strided.append({"id": name, "view": "step2", "x": tens(base), "y": tens(f(base[:, ::2]))})

# PyTorch's words for bad input, and hardtanh/relu6 on an integer tensor (clamped in int64)
errors = {}
for key, f in (("silu_long", lambda: F.silu(torch.arange(3))), ("elu_long", lambda: F.elu(torch.arange(3))),
               ("softshrink_neg", lambda: F.softshrink(torch.randn(3), -0.5)),
               ("softshrink_neg1", lambda: F.softshrink(torch.randn(3), -1.0)),
               ("softshrink_tiny", lambda: F.softshrink(torch.randn(3), -1e-7)),
               ("hardtanh_bool", lambda: F.hardtanh(torch.tensor([True, False]))),
               ("hardtanh_half", lambda: F.hardtanh(torch.arange(3).half())),
               ("hardshrink_long", lambda: F.hardshrink(torch.arange(3))),
               ("prelu_dtype", lambda: F.prelu(torch.arange(3), torch.tensor([0.25])))):
    try:
        f()
    except RuntimeError as e:
        errors[key] = str(e).split("\n")[0]
int_cases = {"hardtanh": tens(F.hardtanh(torch.arange(-3, 3), -1.5, 1.5)), "relu6": tens(F.relu6(torch.arange(-3, 9))),
             "threshold": tens(F.threshold(torch.arange(-3, 3), 0.7, 9.9)),
             "softsign": tens(F.softsign(torch.arange(-3, 3)))}

MODULES = {
    "SiLU": nn.SiLU(), "ELU": nn.ELU(), "ELU_a": nn.ELU(alpha=0.5), "SELU": nn.SELU(), "CELU": nn.CELU(),
    "CELU_a": nn.CELU(alpha=2.0), "Hardtanh": nn.Hardtanh(), "Hardtanh_r": nn.Hardtanh(-2.0, 3.5),
    "ReLU6": nn.ReLU6(), "Softplus": nn.Softplus(), "Softplus_b": nn.Softplus(beta=2.0, threshold=10.0),
    "Mish": nn.Mish(), "Hardswish": nn.Hardswish(), "Hardsigmoid": nn.Hardsigmoid(), "LogSigmoid": nn.LogSigmoid(),
    "Softsign": nn.Softsign(), "Tanhshrink": nn.Tanhshrink(), "Hardshrink": nn.Hardshrink(),
    "Softshrink": nn.Softshrink(0.25), "Threshold": nn.Threshold(0.1, 20.0), "PReLU": nn.PReLU(),
    "PReLU_3": nn.PReLU(3, init=0.1),
}
print(json.dumps({"cases": cases, "strided": strided, "errors": errors, "int_cases": int_cases, "prelu": prelu, "prelu_error": prelu_error,
                  "prelu_weight": tens(MODULES["PReLU_3"].weight),
                  "reprs": {k: repr(m) for k, m in MODULES.items()}}))
