"""PyTorch 1.13.1's bits for the reductions other than sum/mean/var/std/2-norm: max/min (all, and over a dim with
indices), amax/amin, argmax/argmin, prod (all and dim, int64 too), logsumexp, p-norms for p other than 2,
cumsum/cumprod; values, indices and the input gradient of (y * gy).sum() for a recorded gy. Lengths around the
vector width and reduction128's 32-element blocks (1, 7, 16, 31, 33, 1000, 4097), dims first/middle/last, keepdim,
transposed and stepped (non-contiguous) inputs, NaN/inf/ties/zeros, float32 and float64. One intra-op thread.
usage: /usr/bin/python3 make_reduce2.py > reduce2.json   (needs Debian's python3-torch 1.13.1)"""
import base64
import json

import torch

assert torch.__version__.startswith("1.13"), torch.__version__
torch.set_num_threads(1)
gen = torch.Generator().manual_seed(2026)


def tens(t):
    t = t.detach().contiguous()
    return {"shape": list(t.shape), "dtype": str(t.dtype).replace("torch.", ""),
            "b64": base64.b64encode(t.numpy().tobytes()).decode()}


def randn(*s):
    return torch.randn(s, generator=gen)


inputs = {}
for n in (1, 7, 16, 31, 33, 1000, 4097):
    inputs["V%d" % n] = randn(n) * 3
    inputs["P%d" % n] = 1 + 0.01 * randn(n)          # products that neither overflow nor vanish
inputs["M"] = randn(33, 31) * 2
inputs["PM"] = 1 + 0.05 * randn(33, 31)
inputs["B"] = randn(5, 7, 9)
inputs["PB"] = 1 + 0.1 * randn(5, 7, 9)
inputs["W"] = randn(3, 70) * 2                          # rows longer than reduction128's 32-lane block
inputs["PW"] = 1 + 0.02 * randn(40, 70)
inputs["T"] = torch.randint(0, 3, (6, 11), generator=gen).float()   # ties everywhere
inputs["Z"] = torch.tensor([[0.0, -0.0, 0.0], [-0.0, 0.0, -0.0], [1.0, -0.0, 0.0], [-0.0, -1.0, 0.0]])
inputs["N"] = torch.tensor([[1.0, float("nan"), 3.0, 5.0], [float("inf"), 2.0, float("-inf"), 0.5],
                            [float("-inf"), float("-inf"), float("-inf"), float("-inf")], [2.0, 7.0, float("nan"), 7.0]])
inputs["N40"] = randn(40)
inputs["N40"][13] = float("nan")
inputs["C1"] = randn(7, 1)
inputs["PZ"] = torch.tensor([[2.0, 0.0, 3.0, 0.5], [0.0, 4.0, 0.0, 1.5], [1.5, 2.0, 0.25, 3.0]])
for k in list(inputs):
    inputs[k + "64"] = inputs[k].double()
inputs["I"] = torch.randint(-4, 5, (6, 40), generator=gen)
inputs["IB"] = torch.randint(-3, 4, (3000,), generator=gen)

VEC = ["V%d" % n for n in (1, 7, 16, 31, 33, 1000, 4097)]
PVEC = ["P%d" % n for n in (1, 7, 16, 31, 33, 1000, 4097)]
# (op, input, view, dims, keepdim, p): view is "", "t" (transposed) or "s" (every 2nd column)
CASES = []
for op in ("max", "min", "argmax", "argmin"):
    CASES += [(op, v, "", None, False, None) for v in VEC]
    CASES += [(op, "M", "t", None, False, None), (op, "N", "", None, False, None), (op, "N40", "", None, False, None),
              (op, "Z", "", None, False, None), (op, "T", "", None, False, None)]
    for x, view in (("M", ""), ("M", "t"), ("M", "s"), ("B", ""), ("T", ""), ("N", ""), ("Z", ""), ("W", "")):
        for d in ((0, 1) if x != "B" else (0, 1, 2)):
            CASES.append((op + "_dim", x, view, [d], d == 1, None))
    CASES.append((op + "_dim", "V33", "", [0], False, None))
for op in ("amax", "amin"):
    CASES += [(op, v, "", None, False, None) for v in ("V7", "V33", "V1000", "V4097", "N40", "T", "Z")]
    CASES += [(op, "M", "", [1], False, None), (op, "M", "", [0], True, None), (op, "M", "t", [1], False, None),
              (op, "M", "s", [0], False, None), (op, "B", "", [0, 2], False, None), (op, "B", "", [1], True, None),
              (op, "W", "", [1], False, None), (op, "T", "", [1], False, None), (op, "T", "", [0], False, None),
              (op, "Z", "", [0], False, None), (op, "Z", "", [1], False, None), (op, "N", "", [1], False, None)]
CASES += [("prod", v, "", None, False, None) for v in PVEC + ["PZ"]]
CASES += [("prod", "PM", "", [1], False, None), ("prod", "PM", "", [0], True, None), ("prod", "PM", "t", [1], False, None),
          ("prod", "PM", "t", None, False, None), ("prod", "PM", "s", [1], False, None), ("prod", "PM", "s", [0], False, None),
          ("prod", "PB", "", [1], False, None), ("prod", "PB", "", [2], True, None), ("prod", "PB", "", [0], False, None),
          ("prod", "PW", "", [1], False, None), ("prod", "PW", "", [0], False, None), ("prod", "PW", "t", [0], False, None),
          ("prod", "PZ", "", [1], False, None), ("prod", "PZ", "", [0], False, None), ("prod", "N", "", [1], False, None)]
CASES += [("logsumexp", x, "", [d], k, None) for x, d, k in (
    ("V7", 0, False), ("V1000", 0, False), ("V4097", 0, False), ("M", 1, False), ("M", 0, True), ("B", 1, False),
    ("B", 2, False), ("W", 1, False), ("N", 1, False), ("N", 0, False))]
CASES += [("logsumexp", "B", "", [0, 2], False, None), ("logsumexp", "M", "t", [1], False, None),
          ("logsumexp", "M", "s", [1], True, None)]
for p in (1.0, float("inf"), float("-inf"), 0.0, 0.5, 3.0, 1.5):
    CASES += [("norm", v, "", None, False, p) for v in ("V1", "V7", "V33", "V1000", "V4097", "T", "Z")]
    CASES += [("norm", "M", "", [1], False, p), ("norm", "M", "", [0], True, p), ("norm", "M", "t", None, False, p),
              ("norm", "M", "s", [1], False, p), ("norm", "B", "", [0, 2], False, p), ("norm", "B", "", [1], False, p),
              ("norm", "W", "", [1], False, p), ("norm", "N", "", [1], False, p)]
for p in (1.0, float("inf"), float("-inf"), 0.0, 0.5, 3.0, 2.0):
    CASES += [("vector_norm", x, "", d, k, p) for x, d, k in (("V33", None, False), ("V1", None, False), ("M", [1], False),
                                                             ("M", [0], True), ("C1", [1], False), ("C1", [1], True))]
for op in ("cumsum", "cumprod"):
    CASES += [(op, x, v, [d], False, None) for x, v, d in (("V1000", "", 0), ("PM", "", 1), ("PM", "", 0), ("PM", "t", 1),
                                                           ("PB", "", 1), ("N", "", 1), ("PZ", "", 1))]
INT_CASES = [("max", "I", "", None, False, None), ("min", "I", "", None, False, None), ("max_dim", "I", "", [1], False, None),
             ("min_dim", "I", "", [0], True, None), ("argmax", "I", "", None, False, None), ("argmin_dim", "I", "", [1], False, None),
             ("amax", "I", "", [1], False, None), ("prod", "I", "", [1], False, None), ("prod", "IB", "", None, False, None),
             ("prod", "I", "", [0], False, None), ("cumsum", "I", "", [1], False, None), ("cumprod", "I", "", [1], False, None)]


def view(x, v):
    return x.t() if v == "t" else x[:, ::2] if v == "s" else x


def run(op, x, dims, keep, p):
    base = op.replace("_dim", "")
    if op in ("max", "min", "argmax", "argmin"):
        return [getattr(x, op)()]
    if op in ("max_dim", "min_dim"):
        r = getattr(x, base)(dims[0], keep)
        return [r.values, r.indices]
    if op in ("argmax_dim", "argmin_dim"):
        return [getattr(x, base)(dims[0], keep)]
    if op in ("amax", "amin"):
        return [getattr(x, op)(dims if dims is not None else [], keep)]
    if op == "prod":
        return [x.prod() if dims is None else x.prod(dims[0], keep)]
    if op == "logsumexp":
        return [x.logsumexp(dims, keep)]
    if op == "norm":
        return [x.norm(p) if dims is None else x.norm(p, dims, keep)]
    if op in ("cumsum", "cumprod"):
        return [getattr(x, op)(dims[0])]
    if op == "vector_norm":
        return [torch.linalg.vector_norm(x, p, dims, keep)]
    raise ValueError(op)


out = {"tensors": {k: tens(v) for k, v in inputs.items()}, "cases": []}
for suffix in ("", "64", "int"):
    for op, name, v, dims, keep, p in (INT_CASES if suffix == "int" else CASES):
        key = name + ("64" if suffix == "64" else "")
        floating = suffix != "int"
        leaf = inputs[key].clone().requires_grad_(floating)
        x = view(leaf, v)
        ys = run(op, x, dims, keep, p)
        case = {"op": op, "input": key, "view": v, "dims": dims, "keepdim": keep, "p": None if p is None else str(p),
                "outputs": [tens(y) for y in ys]}
        if floating and ys[0].requires_grad:
            case["grad_fn"] = type(ys[0].grad_fn).__name__
            gy = randn(*ys[0].shape).to(ys[0].dtype)
            ys[0].backward(gy)
            case["gy"] = tens(gy)
            case["grad"] = tens(leaf.grad if leaf.grad is not None else torch.zeros_like(leaf))
        out["cases"].append(case)

ERRORS = []
for what, f in (("max()", lambda: torch.zeros(0).max()), ("min(0)", lambda: torch.zeros(0, 3).min(0)),
                ("amax()", lambda: torch.zeros(0).amax()), ("amax(0)", lambda: torch.zeros(0, 3).amax(0)),
                ("argmax()", lambda: torch.zeros(0).argmax()), ("argmin(0)", lambda: torch.zeros(0, 3).argmin(0)),
                ("vector_norm(inf)", lambda: torch.linalg.vector_norm(torch.zeros(0), float("inf"))),
                ("vector_norm(-1, dim=0)", lambda: torch.linalg.vector_norm(torch.zeros(0, 3), -1.0, dim=0)),
                ("vector_norm(-1, dim=[])", lambda: torch.linalg.vector_norm(torch.zeros(0, 3), -1.0, dim=[]))):
    try:
        f()
    except Exception as e:
        ERRORS.append({"call": what, "type": type(e).__name__, "message": str(e)})
out["errors"] = ERRORS
# empty inputs that reduce to a value: x.norm gives 0 for every p, vector_norm +inf for ord < 0 over a kept empty dim
out["empty"] = [{"call": "norm(-1)", "output": tens(torch.zeros(0).norm(-1.0))},
                {"call": "norm(inf, dim=0)", "output": tens(torch.zeros(0, 3).norm(float("inf"), 0))},
                {"call": "vector_norm(-1, dim=0) of 3x0", "output": tens(torch.linalg.vector_norm(torch.zeros(3, 0), -1.0, dim=0))},
                {"call": "vector_norm(1)", "output": tens(torch.linalg.vector_norm(torch.zeros(0, 3), 1.0))}]
print(json.dumps(out))
