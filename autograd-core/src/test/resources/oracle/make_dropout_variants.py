"""PyTorch 1.13.1's dropout family beyond F.dropout: F.dropout1d/2d/3d (batched and unbatched), F.alpha_dropout,
F.feature_alpha_dropout, out of place and in place, and the nn modules (Dropout1d/2d/3d, AlphaDropout,
FeatureAlphaDropout): on x.clone() of a leaf after torch.manual_seed, the output bits, grad_fn name, whether the input
comes back, its version bump, the leaf's gradient for a recorded upstream gradient and the default generator's next
draws; float32 and float64. Also the error texts, dropout2d/3d's warnings and the reprs.
usage: /usr/bin/python3 make_dropout_variants.py > dropout_variants.json   (needs Debian's python3-torch 1.13.1)"""
import base64
import json
import warnings

import torch
import torch.nn as nn
import torch.nn.functional as F

assert torch.__version__.startswith("1.13"), torch.__version__
torch.set_num_threads(1)
gen = torch.Generator().manual_seed(20261206)


def tens(t):
    t = t.detach().contiguous()
    return {"shape": list(t.shape), "dtype": str(t.dtype).replace("torch.", ""),
            "b64": base64.b64encode(t.numpy().tobytes()).decode()}


FORMS = [
    ("d1_batched", (4, 5, 6), lambda h: F.dropout1d(h, 0.3, True)),
    ("d1_unbatched", (5, 6), lambda h: F.dropout1d(h, 0.3, True)),
    ("d1_inplace_batched", (4, 5, 6), lambda h: F.dropout1d(h, 0.3, True, True)),
    ("d1_inplace_unbatched", (5, 6), lambda h: F.dropout1d(h, 0.3, True, True)),
    ("d2_4d", (2, 3, 4, 5), lambda h: F.dropout2d(h, 0.4, True)),
    ("d2_3d", (3, 4, 5), lambda h: F.dropout2d(h, 0.4, True)),
    ("d2_inplace", (2, 3, 4, 5), lambda h: F.dropout2d(h, 0.4, True, True)),
    ("d3_5d", (2, 3, 2, 3, 4), lambda h: F.dropout3d(h, 0.5, True)),
    ("d3_unbatched", (3, 2, 3, 4), lambda h: F.dropout3d(h, 0.5, True)),
    ("d3_p1", (2, 3, 2, 3, 4), lambda h: F.dropout3d(h, 1.0, True)),
    ("alpha", (40, 25), lambda h: F.alpha_dropout(h, 0.2, True)),
    ("alpha_inplace", (40, 25), lambda h: F.alpha_dropout(h, 0.2, True, True)),
    ("alpha_eval", (40, 25), lambda h: F.alpha_dropout(h, 0.2)),
    ("alpha_p1", (7,), lambda h: F.alpha_dropout(h, 1.0, True)),
    ("feature_alpha", (4, 5, 6), lambda h: F.feature_alpha_dropout(h, 0.3, True)),
    ("feature_alpha_inplace", (4, 5, 6), lambda h: F.feature_alpha_dropout(h, 0.3, True, True)),
    ("m_dropout2d", (2, 3, 4, 5), lambda h: nn.Dropout2d(0.3)(h)),
    ("m_dropout1d_inplace", (4, 5, 6), lambda h: nn.Dropout1d(0.3, inplace=True)(h)),
    ("m_dropout3d_eval", (2, 3, 2, 3, 4), lambda h: nn.Dropout3d(0.3).eval()(h)),
    ("m_alpha", (40, 25), lambda h: nn.AlphaDropout(0.2)(h)),
    ("m_feature_alpha_inplace_flag", (4, 5, 6), lambda h: nn.FeatureAlphaDropout(0.5, inplace=True)(h)),
]

cases = []
for form, shape, f in FORMS:
    for dt in (torch.float32, torch.float64):
        x64 = torch.randn(shape, generator=gen, dtype=torch.float64)
        g64 = torch.randn(shape, generator=gen, dtype=torch.float64)
        seed = len(cases) + 301
        torch.manual_seed(seed)
        x = x64.to(dt).clone().requires_grad_()
        h = x.clone()
        v0 = h._version
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            y = f(h)
        after = torch.rand(3, dtype=torch.float64)
        c = {"form": form, "seed": seed, "x": tens(x64.to(dt)), "g": tens(g64.to(dt)), "y": tens(y),
             "grad_fn": type(y.grad_fn).__name__, "same": y is h, "version_bump": h._version - v0, "after": tens(after)}
        y.backward(g64.to(dt))
        c["grad"] = tens(x.grad)
        cases.append(c)


def error(f):
    try:
        f()
    except (RuntimeError, ValueError) as e:
        return type(e).__name__ + ": " + str(e)
    return None


def warning(f):
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        f()
    return [str(x.message) for x in w]


errors = {
    "d1_1d": error(lambda: F.dropout1d(torch.randn(4), 0.5)),
    "d1_4d": error(lambda: F.dropout1d(torch.randn(2, 3, 4, 5), 0.5)),
    "alpha_p": error(lambda: F.alpha_dropout(torch.randn(3), -0.5, True)),
    "d2_p": error(lambda: F.dropout2d(torch.randn(2, 3, 4), 1.5)),
    "module_p": error(lambda: nn.AlphaDropout(2.0)),
    "feature_alpha_1d": error(lambda: F.feature_alpha_dropout(torch.randn(5), 0.5, True)),
}
warns = {"d2_3d": warning(lambda: F.dropout2d(torch.randn(2, 3, 4), 0.5)),
         "d2_2d": warning(lambda: F.dropout2d(torch.randn(3, 4), 0.5)),
         "d3_3d": warning(lambda: F.dropout3d(torch.randn(2, 3, 4), 0.5))}
reprs = {"d1": repr(nn.Dropout1d()), "d2": repr(nn.Dropout2d(0.3, True)), "d3": repr(nn.Dropout3d(0.25)),
         "alpha": repr(nn.AlphaDropout()), "feature_alpha": repr(nn.FeatureAlphaDropout(0.2, True))}
print(json.dumps({"cases": cases, "errors": errors, "warnings": warns, "reprs": reprs}))
