"""PyTorch 1.13.1's rrelu: F.rrelu / F.rrelu_ / nn.RReLU in training mode (a uniform(lower, upper) slope drawn from
the default generator for each element <= 0, in memory order, as _rrelu_with_noise_train draws it) and in eval mode
(slope (lower + upper) / 2, leaky_relu's kernel): output bits, grad_fn name, the input's gradient for a recorded
upstream gradient, version counters of the in-place form, and the default generator's next draws (its position);
float32 and float64 at sizes 7 and 1000 with +-0, NaN and +-inf among the inputs; a transposed input; module
reprs; error texts.
usage: /usr/bin/python3 make_rrelu.py > rrelu.json   (needs Debian's python3-torch 1.13.1)"""
import base64
import json

import torch
import torch.nn as nn
import torch.nn.functional as F

assert torch.__version__.startswith("1.13"), torch.__version__
torch.set_num_threads(1)
gen = torch.Generator().manual_seed(20261203)


def tens(t):
    t = t.detach().contiguous()
    return {"shape": list(t.shape), "dtype": str(t.dtype).replace("torch.", ""),
            "b64": base64.b64encode(t.numpy().tobytes()).decode()}


def inputs(n):
    x = torch.randn(n, generator=gen, dtype=torch.float64) * 3
    x[[1, 3, 4, 5, 6]] = torch.tensor([0.0, -0.0, float("nan"), float("-inf"), float("inf")], dtype=torch.float64)
    return x, torch.randn(n, generator=gen, dtype=torch.float64)


FORMS = {
    "train": lambda h: F.rrelu(h, training=True),
    "train_bounds": lambda h: F.rrelu(h, 0.1, 0.9, True),
    "eval": lambda h: F.rrelu(h),
    "eval_bounds": lambda h: F.rrelu(h, 0.2, 0.7, False),
    "inplace_train": lambda h: F.rrelu_(h, 1. / 8, 1. / 3, True),
    "inplace_eval": lambda h: F.rrelu(h, 0.1, 0.3, False, True),
    "module_train": lambda h: nn.RReLU()(h),
    "module_eval": lambda h: nn.RReLU(0.2, 0.4).eval()(h),
    "module_inplace_train": lambda h: nn.RReLU(0.05, 0.5, inplace=True)(h),
}

cases = []
for n in (7, 1000):
    for dt in (torch.float32, torch.float64):
        x64, g64 = inputs(n)
        for form, f in FORMS.items():
            seed = len(cases) + 11
            torch.manual_seed(seed)
            x = x64.to(dt).clone().requires_grad_()
            h = x.clone() if "inplace" in form else x
            v0 = h._version
            y = f(h)
            after = torch.rand(3, dtype=torch.float64)
            c = {"form": form, "seed": seed, "x": tens(x64.to(dt)), "g": tens(g64.to(dt)), "y": tens(y),
                 "grad_fn": type(y.grad_fn).__name__, "same": y is h, "version_bump": h._version - v0,
                 "after": tens(after)}
            y.backward(g64.to(dt))
            c["grad"] = tens(x.grad)
            cases.append(c)


def error(f):
    try:
        f()
    except (RuntimeError, ValueError) as e:
        return type(e).__name__ + ": " + str(e)
    return None


errors = {
    "bounds": error(lambda: F.rrelu(torch.randn(3), 0.5, 0.1)),
    "bounds_train": error(lambda: F.rrelu(torch.randn(3), 0.5, 0.1, True)),
    "leaf_inplace": error(lambda: F.rrelu_(torch.randn(3, requires_grad=True))),
    "leaf_inplace_train": error(lambda: F.rrelu_(torch.randn(3, requires_grad=True), training=True)),
    "half_train": error(lambda: F.rrelu(torch.randn(3).half(), training=True)),
    "half_eval": error(lambda: F.rrelu(torch.randn(3).half())),
    "negative_slope_inplace_backward": error(
        lambda: F.rrelu_(torch.randn(3, requires_grad=True).clone(), -0.5, -0.1, False).sum().backward()),
    "int_train": error(lambda: F.rrelu(torch.arange(-2, 3), training=True)),
}
# a transposed input: the slopes go to elements in logical order (the noise is allocated contiguous)
b = torch.randn(5, 7, generator=gen)
xt = b.t().detach().requires_grad_()
torch.manual_seed(77)
yt = F.rrelu(xt, 0.1, 0.9, True)
yt.backward(torch.ones_like(yt))
transposed = {"b": tens(b), "y": tens(yt), "grad": tens(xt.grad)}
reprs = {"default": repr(nn.RReLU()), "bounds": repr(nn.RReLU(0.1, 0.3)), "inplace": repr(nn.RReLU(0.05, 0.5, True))}
print(json.dumps({"cases": cases, "errors": errors, "reprs": reprs, "transposed": transposed}))
