"""PyTorch 1.13.1's in-place activation forms: F.relu_, F.elu_ (and F.elu(inplace=True)), F.selu_, F.celu_,
F.leaky_relu_, F.hardtanh_, F.relu6(inplace=True), F.threshold_, F.silu/mish/hardswish/hardsigmoid(inplace=True),
x.sigmoid_(), x.tanh_(): applied to x.clone() of a leaf that requires grad, recording the output bits (which are
the clone's), its grad_fn name (EluBackward1 etc. where the in-place form differentiates through its result), the
clone's version counter before and after, and the leaf's gradient for a recorded upstream gradient; float32 and
float64 at sizes 7 (scalar tail only) and 1000 (vector body and tail). Also the error texts on a leaf and on a view
of a leaf, and the nn modules' reprs with inplace=True. One intra-op thread, its own Generator.
usage: /usr/bin/python3 make_inplace_activations.py > inplace_activations.json   (needs Debian's python3-torch 1.13.1)"""
import base64
import json

import torch
import torch.nn as nn
import torch.nn.functional as F

assert torch.__version__.startswith("1.13"), torch.__version__
torch.set_num_threads(1)
gen = torch.Generator().manual_seed(20261202)


def tens(t):
    t = t.detach().contiguous()
    return {"shape": list(t.shape), "dtype": str(t.dtype).replace("torch.", ""),
            "b64": base64.b64encode(t.numpy().tobytes()).decode()}


SPECIAL = [0.0, -0.0, 100.0, -100.0, 1e30, -1e30, float("nan"), 3.0, -3.0, 1.0, -1.0, 0.5, -0.5, 6.0, 20.0, -20.0,
           0.1, 88.5, -88.5, 0.2, -0.2]


def inputs(n):
    x = torch.randn(n, generator=gen, dtype=torch.float64) * 4
    if n < 16:
        x[[1, 3, 5]] = torch.tensor([-0.0, float("nan"), -3.0], dtype=torch.float64)
    else:
        x[3:3 + len(SPECIAL)] = torch.tensor(SPECIAL, dtype=torch.float64)
        x[n - 7:n - 3] = torch.tensor([0.0, -0.0, float("nan"), 1e30], dtype=torch.float64)
    return x, torch.randn(n, generator=gen, dtype=torch.float64)


FORMS = {
    "relu_": lambda h: F.relu_(h),
    "relu_inplace": lambda h: F.relu(h, inplace=True),
    "elu_": lambda h: F.elu_(h),
    "elu_inplace_alpha": lambda h: F.elu(h, 0.7, inplace=True),
    "selu_": lambda h: F.selu_(h),
    "celu_": lambda h: F.celu_(h, 1.7),
    "leaky_relu_": lambda h: F.leaky_relu_(h, 0.2),
    "hardtanh_": lambda h: F.hardtanh_(h, -0.5, 0.5),
    "relu6_inplace": lambda h: F.relu6(h, inplace=True),
    "threshold_": lambda h: F.threshold_(h, 0.1, 20.0),
    "threshold_low": lambda h: F.threshold_(h, 0.1, -5.0),
    "silu_inplace": lambda h: F.silu(h, inplace=True),
    "mish_inplace": lambda h: F.mish(h, inplace=True),
    "hardswish_inplace": lambda h: F.hardswish(h, inplace=True),
    "hardsigmoid_inplace": lambda h: F.hardsigmoid(h, inplace=True),
    "sigmoid_": lambda h: h.sigmoid_(),
    "tanh_": lambda h: h.tanh_(),
}

cases = []
for n in (7, 1000):
    x64, g64 = inputs(n)
    for dt in (torch.float32, torch.float64):
        for name, f in FORMS.items():
            x = x64.to(dt).clone().requires_grad_()
            h = x.clone()
            before = h._version
            y = f(h)
            assert y is h
            after = h._version
            y.backward(g64.to(dt))
            cases.append({"id": name, "n": n, "x": tens(x64.to(dt)), "g": tens(g64.to(dt)), "y": tens(y), "grad": tens(x.grad),
                          "grad_fn": type(y.grad_fn).__name__, "version_before": before, "version_after": after})

errors = {}
for name, f in FORMS.items():
    for kind, make in (("leaf", lambda: torch.randn(3, generator=gen).requires_grad_()),
                       ("view", lambda: torch.randn(3, generator=gen).requires_grad_()[1:])):
        try:
            f(make())
        except RuntimeError as e:
            errors[name + " " + kind] = str(e).split("\n")[0]

# the in-place forms that differentiate through their result refuse a negative slope/alpha when the backward runs
for key, f in (("leaky_relu_ negative slope", lambda h: F.leaky_relu_(h, -0.5)), ("elu_ negative alpha", lambda h: F.elu_(h, -0.5))):
    x = torch.randn(3, generator=gen).requires_grad_()
    try:
        f(x.clone()).sum().backward()
    except RuntimeError as e:
        errors[key] = str(e).split("\n")[0]

MODULES = {
    "ReLU": nn.ReLU(inplace=True), "ELU": nn.ELU(inplace=True), "ELU_a": nn.ELU(0.5, True), "SELU": nn.SELU(inplace=True),
    "CELU": nn.CELU(2.0, inplace=True), "LeakyReLU": nn.LeakyReLU(0.1, True), "Hardtanh": nn.Hardtanh(-2.0, 3.0, True),
    "ReLU6": nn.ReLU6(True), "Threshold": nn.Threshold(0.1, 20.0, True), "SiLU": nn.SiLU(True), "Mish": nn.Mish(True),
    "Hardswish": nn.Hardswish(True), "Hardsigmoid": nn.Hardsigmoid(True),
}
# each module with inplace=True on x.clone(): the same object back, its node name
modules = {}
for k, m in MODULES.items():
    x = torch.randn(5, generator=gen, dtype=torch.float64).requires_grad_()
    h = x.clone()
    y = m(h)
    modules[k] = {"repr": repr(m), "same": y is h, "grad_fn": type(y.grad_fn).__name__, "x": tens(x), "y": tens(y)}
print(json.dumps({"cases": cases, "errors": errors, "modules": modules}))
