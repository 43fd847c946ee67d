"""PyTorch 1.13.1's in-place dropout: F.dropout(x, p, training, inplace=True) and nn.Dropout(p, inplace=True) on
x.clone() of a leaf that requires grad (and under no_grad on a leaf): the same tensor back, its bits (the mask from
the default generator after torch.manual_seed, as the out-of-place form draws it), grad_fn name, version before and
after, the leaf's gradient for a recorded upstream gradient, the generator's next draws; p = 1, eval mode and an
empty input (no draw, no version bump); a view of a non-leaf (CopySlices on the base); float32 and float64;
the error texts (leaf, view of a leaf, p out of range) and the module reprs.
usage: /usr/bin/python3 make_dropout_inplace.py > dropout_inplace.json   (needs Debian's python3-torch 1.13.1)"""
import base64
import json

import torch
import torch.nn as nn
import torch.nn.functional as F

assert torch.__version__.startswith("1.13"), torch.__version__
torch.set_num_threads(1)
gen = torch.Generator().manual_seed(20261204)


def tens(t):
    t = t.detach().contiguous()
    return {"shape": list(t.shape), "dtype": str(t.dtype).replace("torch.", ""),
            "b64": base64.b64encode(t.numpy().tobytes()).decode()}


FORMS = {
    "f_p03": lambda h: F.dropout(h, 0.3, True, True),
    "f_p05_default_training": lambda h: F.dropout(h, inplace=True),
    "f_p1": lambda h: F.dropout(h, 1.0, True, True),
    "f_p0": lambda h: F.dropout(h, 0.0, True, True),
    "f_eval": lambda h: F.dropout(h, 0.5, False, True),
    "module": lambda h: nn.Dropout(0.25, inplace=True)(h),
    "module_eval": lambda h: nn.Dropout(0.25, inplace=True).eval()(h),
}

cases = []
for shape in ((7,), (40, 25), (0, 3)):
    for dt in (torch.float32, torch.float64):
        x64 = torch.randn(shape, generator=gen, dtype=torch.float64)
        g64 = torch.randn(shape, generator=gen, dtype=torch.float64)
        for form, f in FORMS.items():
            seed = len(cases) + 101
            torch.manual_seed(seed)
            x = x64.to(dt).clone().requires_grad_()
            h = x.clone()
            v0 = h._version
            y = f(h)
            after = torch.rand(3, dtype=torch.float64)
            c = {"form": form, "seed": seed, "x": tens(x64.to(dt)), "g": tens(g64.to(dt)), "y": tens(y),
                 "grad_fn": type(y.grad_fn).__name__, "same": y is h, "version_bump": h._version - v0,
                 "after": tens(after)}
            y.backward(g64.to(dt))
            c["grad"] = tens(x.grad)
            cases.append(c)

# a view of a non-leaf: the base's history becomes CopySlices; the leaf's gradient through it
torch.manual_seed(7)
leaf = torch.randn(4, 5, generator=gen).requires_grad_()
base = leaf * 2
F.dropout(base[1:3], 0.4, True, True)
view_case = {"x": tens(leaf), "base": tens(base), "grad_fn": type(base.grad_fn).__name__, "version": base._version}
base.sum().backward()
view_case["grad"] = tens(leaf.grad)

# under no_grad a leaf is written in place
torch.manual_seed(8)
leaf2 = torch.randn(6, generator=gen).requires_grad_()
x_before = leaf2.detach().clone()
with torch.no_grad():
    F.dropout(leaf2, 0.5, True, True)
no_grad_case = {"x": tens(x_before), "y": tens(leaf2), "version": leaf2._version, "requires_grad": leaf2.requires_grad}


def error(f):
    try:
        f()
    except (RuntimeError, ValueError) as e:
        return type(e).__name__ + ": " + str(e)
    return None


errors = {
    "leaf": error(lambda: F.dropout(torch.randn(3, requires_grad=True), 0.5, True, True)),
    "view_of_leaf": error(lambda: F.dropout(torch.randn(3, requires_grad=True)[1:], 0.5, True, True)),
    "leaf_eval": error(lambda: F.dropout(torch.randn(3, requires_grad=True), 0.5, False, True)),
    "p_range": error(lambda: F.dropout(torch.randn(3), 1.5, True, True)),
    "module_p_range": error(lambda: nn.Dropout(-0.1, inplace=True)),
}
reprs = {"inplace": repr(nn.Dropout(inplace=True)), "p02_inplace": repr(nn.Dropout(0.2, True)), "default": repr(nn.Dropout())}
print(json.dumps({"cases": cases, "view": view_case, "no_grad": no_grad_case, "errors": errors, "reprs": reprs}))
