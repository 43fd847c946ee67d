"""PyTorch 1.13.1's float64 transcendental bits on CPU (AVX2 build: SLEEF 3.5.1's *d4_u10 through vml for
exp log sin cos tan tanh log1p expm1 log2 log10 asin acos atan erf erfc; cpu_kernel_vec with glibc's scalar tail for
sigmoid sinh cosh pow atan2), with gradients; the second half of this script says what each case holds.
exp and log (Vectorized<double>::exp/log: SLEEF's Sleef_expd4_u10 and
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

# ---- the other float64 transcendentals (issue 10) ----------------------------------------------------------------
# Each unary case: x (a length that leaves a tail: n % 8 == 5), "vector" f(x) contiguous on one thread, "scalar" the
# same inputs one element at a time (a one-element tensor: the scalar C++ path of a cpu_kernel_vec op), "strided"
# f(x[::2]) (a non-contiguous input: vml ops see a gathered buffer, cpu_kernel_vec ops the scalar path), "threads2"
# and "grad": x.grad after f(x).backward(g) with g in "g". Ranges cover the reduction
# boundaries (sin/cos/tan 15 and 1e14, SLEEF's TRIGRANGEMAX2/TRIGRANGEMAX), near-1 for asin/acos/log1p, the
# overflow limits, tiny/denormal/zero/inf/NaN; a shuffled block mixes ranges inside one 4-lane vector.
gen2 = torch.Generator().manual_seed(1064)


def v(n, lo, hi):
    return torch.rand(n, generator=gen2, dtype=torch.float64) * (hi - lo) + lo


def logu(n, lo, hi):
    """|x| log-uniform in [10^lo, 10^hi], random signs."""
    m = torch.pow(10.0, v(n, lo, hi))
    s = torch.where(torch.rand(n, generator=gen2) < 0.5, -1.0, 1.0).to(torch.float64)
    return m * s


def t(*vals):
    return torch.tensor(vals, dtype=torch.float64)


nanp = torch.tensor([0x7ff8000000000123, 0x7ff4000000000001, -0x0007ffffffffffff], dtype=torch.int64).view(torch.float64)
common = torch.cat([t(0.0, -0.0, 5e-324, -5e-324, 1e-310, -1e-310, 2.2250738585072014e-308, 1e-300, -1e-300, 1e-20,
                      -1e-20, 1e-8, -1e-8, 0.5, -0.5, 1.0, -1.0, 2.0, -2.0, 1e300, -1e300, 1.7976931348623157e308,
                      -1.7976931348623157e308, inf, -inf, nan), nanp])
trig_edges = t(14.999999999999998, 15.0, -15.0, 15.000000000000002, 1e14 - 1, 1e14, -1e14, 1e14 + 2, 3.141592653589793,
               1.5707963267948966, 4.71238898038469, 6.283185307179586, 355.0, 103993.0, 1e22, 5.319372648326541e255,
               2 ** 30, 2 ** 52, 2 ** 60, 2 ** 1000)
ranges = {
    "sin": [v(1500, -1, 1), v(1500, -15, 15), v(800, -1e5, 1e5), logu(400, 5, 14), logu(300, 14, 308), trig_edges],
    "tanh": [v(1500, -1, 1), v(1500, -20, 20), v(500, -40, 40), logu(500, -320, 3)],
    "sigmoid": [v(1500, -5, 5), v(1500, -40, 40), v(600, -750, 750), logu(400, -320, 3)],
    "log1p": [v(1500, -1, 1), -1 + logu(400, -16, -1).abs(), v(500, -1e-8, 1e-8), logu(800, -320, 308).abs(),
              v(200, -3, -1), t(-1.0, -0.9999999999999999, 1e307, 1.7976931348623157e308)],
    "expm1": [v(1500, -1, 1), v(1000, -40, 40), v(800, -750, 710), logu(500, -320, 0),
              t(709.782712893384, 709.7827128933841, -36.8, -37.5, -744.0, -800.0)],
    "log2": [v(1500, 0, 2), v(500, 0.99, 1.01), logu(1500, -323, 308).abs(), t(0.75, 4.0, 1024.0, 2.0 ** -1074, -3.0)],
    "asin": [v(2000, -1, 1), 1 - logu(500, -16, -1).abs(), -1 + logu(500, -16, -1).abs(), v(300, 0.49, 0.51),
             logu(300, -320, 0), t(1.0000000000000002, -1.0000000000000002, 0.5, -0.5, 3.0)],
    "atan": [v(1500, -1, 1), v(1000, -100, 100), logu(1200, -320, 308)],
    "sinh": [v(1500, -1, 1), v(1000, -22, 22), v(800, -712, 712), logu(300, -320, 0),
             t(709.78, 710.47, 710.4758600739439, 710.476, 711.0, -710.48, 22.0, 0.75, 2 ** -28, 2 ** -26)],
    "erf": [v(1500, -1, 1), v(1500, -7, 7), logu(600, -320, 2), t(2.5, 3.0, 5.9, 6.0, 6.1, -6.0)],
    "erfc": [v(1500, -1, 1), v(1500, -7, 28), logu(600, -320, 2), t(27.2, 27.3, 28.0, -6.0, 1e300)],
    "atan2": None,
}
ranges["cos"] = ranges["tan"] = ranges["sin"]
ranges["log10"] = ranges["log2"]
ranges["acos"] = ranges["asin"]
ranges["cosh"] = ranges["sinh"]


def case(parts):
    x = torch.cat(parts + [common])
    mix = x[torch.randperm(len(x), generator=gen2)[:600]]
    x = torch.cat([x, mix])
    n = len(x) - len(x) % 8 + 5
    if n > len(x):
        n -= 8
    return x[:n].contiguous()


def grad(f, xs, g):
    xs = [x.detach().clone().requires_grad_() for x in xs]
    f(*xs).backward(g)
    return [x.grad for x in xs]


# two threads change nothing below TensorIterator's grain (32768 elements): measured equal on these, not stored
VML = {"sin", "cos", "tan", "tanh", "log1p", "expm1", "log2", "log10", "asin", "acos", "atan", "erf", "erfc"}
unary = {"sin": torch.sin, "cos": torch.cos, "tan": torch.tan, "tanh": torch.tanh, "sigmoid": torch.sigmoid,
         "log1p": torch.log1p, "expm1": torch.expm1, "log2": torch.log2, "log10": torch.log10, "asin": torch.asin,
         "acos": torch.acos, "atan": torch.atan, "sinh": torch.sinh, "cosh": torch.cosh, "erf": torch.erf,
         "erfc": torch.erfc}
for name, f in unary.items():
    x = case(ranges[name])
    g = v(len(x), -2, 2)
    out[name] = {"x": tens(x), "vector": tens(f(x)), "scalar": tens(torch.stack([f(x[i:i + 1])[0] for i in range(len(x))])),
                 "strided": tens(f(x[::2])), "g": tens(g), "grad": tens(grad(f, [x], g)[0])}
    if name in VML:
        # every element through the vector code: one element at a time gives the same bits (checked, not stored)
        assert out[name]["scalar"]["b64"] == out[name]["vector"]["b64"], name
        del out[name]["scalar"]

# pow: a tensor to a Python scalar (0.5 sqrt, -0.5 rsqrt, -1 reciprocal, 2/3/-2 products, the rest std::pow/SLEEF),
# and tensor to tensor; atan2 (tensor, tensor). Bases cover negatives, zeros, tiny/huge, inf/NaN.
pbase = case([v(1200, 0, 3), v(600, -3, 3), logu(600, -320, 308), v(300, 0.999, 1.001)])
for e in (0.5, -0.5, -1.0, 2.0, 3.0, -2.0, 1.5, 0.3, -2.5, 10.0, 1 / 3):
    g = v(len(pbase), -2, 2)
    f = (lambda x, e=e: x.pow(e))
    out["pow_%r" % e] = {"exponent": e, "x": tens(pbase), "vector": tens(f(pbase)),
                         "scalar": tens(torch.stack([f(pbase[i:i + 1])[0] for i in range(len(pbase))])),
                         "strided": tens(f(pbase[::2])), "g": tens(g), "grad": tens(grad(f, [pbase], g)[0])}
px = case([v(1500, 0, 4), logu(800, -300, 300).abs(), v(400, -4, 4).round()])
py = torch.cat([v(1500, -6, 6), v(800, -3, 3), v(400, -5, 5).round(), v(len(px) - 2700, -400, 400)])[:len(px)]
py = py[torch.randperm(len(py), generator=gen2)]
ax = case([v(1500, -2, 2), logu(1000, -320, 308), v(500, -1e-5, 1e-5)])
ay = case([v(1500, -2, 2), logu(1000, -320, 308), v(500, -1e-5, 1e-5)])
ay = ay[torch.randperm(len(ay), generator=gen2)][:len(ax)]
for name, f, a, b in (("pow_tensor", torch.pow, px, py), ("atan2", torch.atan2, ay, ax)):
    g = v(len(a), -2, 2)
    ga, gb = grad(f, [a, b], g)
    out[name] = {"x": tens(a), "y": tens(b), "vector": tens(f(a, b)),
                 "scalar": tens(torch.stack([f(a[i:i + 1], b[i:i + 1])[0] for i in range(len(a))])),
                 "strided": tens(f(a[::2], b[::2])), "g": tens(g), "grad_x": tens(ga), "grad_y": tens(gb)}
print(json.dumps(out))
