"""PyTorch 1.13.1's erfinv: forward bits, the input's gradient for a recorded upstream gradient and the grad_fn
name, float32 and float64, lengths 7, 1000 and 4109; inputs uniform in (-1, 1), near +-1, around calc_erfinv's
central range edge (0.7), +-1, |x| > 1 (nan), +-0, subnormals, +-inf and nan. Also: a transposed float32 input,
a 0-dim one, an int64 one (computed in float32), float16 and int64-in-place errors, erfinv_ on a non-leaf (node
name, version) and on a leaf that requires grad (error text); glibc's erff/erf themselves (through ctypes).
usage: /usr/bin/python3 make_erfinv.py > erfinv.json   (needs Debian's python3-torch 1.13.1)"""
import base64
import ctypes
import json

import torch

assert torch.__version__.startswith("1.13"), torch.__version__
torch.set_num_threads(1)
gen = torch.Generator().manual_seed(20261130)


def tens(t):
    t = t.detach().contiguous()
    return {"shape": list(t.shape), "dtype": str(t.dtype).replace("torch.", ""),
            "b64": base64.b64encode(t.numpy().tobytes()).decode()}


SPECIAL = [0.0, -0.0, 1.0, -1.0, 1.5, -1.5, float("inf"), float("-inf"), float("nan"), 1e-40, -1e-40, 5e-324,
           1e-30, 0.7, -0.7, 0.7000001, -0.69999999, 0.9999999, -0.9999999, 0.99999994, 1.0000001, 0.5, -0.25,
           1e-8, 2.0, 1e30]


def inputs(n):
    x = torch.rand(n, generator=gen, dtype=torch.float64) * 2 - 1
    near = torch.rand(n, generator=gen) < 0.1  # some close to +-1: the tail branch's log of a tiny 1 - |y|
    x = torch.where(near, torch.sign(x) * (1 - torch.exp(-torch.rand(n, generator=gen, dtype=torch.float64) * 30)), x)
    k = min(len(SPECIAL), n)
    x[:k] = torch.tensor(SPECIAL[:k], dtype=torch.float64)
    x = x[torch.randperm(n, generator=gen)]
    g = torch.randn(n, generator=gen, dtype=torch.float64)
    return x, g


cases = []
for n in (7, 1000, 4109):
    x64, g64 = inputs(n)
    for dt in (torch.float32, torch.float64):
        x = x64.to(dt).clone().requires_grad_()
        y = torch.erfinv(x)
        y.backward(g64.to(dt))
        cases.append({"x": tens(x64.to(dt)), "g": tens(g64.to(dt)), "y": tens(y), "grad": tens(x.grad),
                      "grad_fn": type(y.grad_fn).__name__})


def error(f):
    try:
        f()
    except RuntimeError as e:
        return str(e)
    raise AssertionError("no error")


base = torch.rand(37, 29, generator=gen) * 2 - 1
others = {"transposed": {"x": tens(base), "y": tens(torch.erfinv(base.t()))},
          "zero_dim": {"x": tens(base[1, 1]), "y": tens(torch.erfinv(base[1, 1]))},
          "int64": {"x": tens(torch.arange(-2, 3)), "y": tens(torch.erfinv(torch.arange(-2, 3)))},
          "half_error": error(lambda: torch.erfinv(torch.tensor([0.5]).half())),
          "int_inplace_error": error(lambda: torch.arange(3).erfinv_())}
leaf = torch.tensor([0.5, -0.2], requires_grad=True)
others["leaf_inplace_error"] = error(lambda: leaf.erfinv_())
h = leaf * 1
v0 = h._version
h.erfinv_()
others["inplace"] = {"grad_fn": type(h.grad_fn).__name__, "version_bump": h._version - v0}
h.sum().backward()
others["inplace"]["grad"] = tens(leaf.grad)

# glibc's own erff/erf (what std::erf calls in the Newton steps), over every branch of s_erff.c / s_erf.c
libm = ctypes.CDLL("libm.so.6")
libm.erff.restype, libm.erff.argtypes = ctypes.c_float, [ctypes.c_float]
libm.erf.restype, libm.erf.argtypes = ctypes.c_double, [ctypes.c_double]
e = torch.cat([torch.randn(3000, generator=gen, dtype=torch.float64) * 2.5,
               torch.exp(torch.rand(500, generator=gen, dtype=torch.float64) * 80 - 70),
               torch.tensor([0.0, -0.0, 6.0, -6.5, 1e-40, 5e-324, 0.84375, 1.25, 2.857, float("inf"), float("-inf")], dtype=torch.float64)])
e32 = e.float()
glibc = {"x32": tens(e32), "erff": tens(torch.tensor([libm.erff(v) for v in e32.tolist()], dtype=torch.float32)),
         "x64": tens(e), "erf": tens(torch.tensor([libm.erf(v) for v in e.tolist()], dtype=torch.float64))}
print(json.dumps({"cases": cases, "others": others, "glibc": glibc}))
