#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""nanmedian, mode, empty_like and randint_like as PyTorch 1.13.1 gives them (MoreSelectionOracleTest replays it).

    /usr/bin/python3 make_more_selection.py > more_selection.json

- "inputs": nanmedian() of all elements, nanmedian(dim) and mode(dim) values and indices on small integers with
  many ties, -0.0/0.0 and NaN (all-NaN lines too), float32/float64/int64 (mode: bool too), lengths 1 to 1000, 2-D
  along either dim, transposed (nanmedian() reads a dense input in memory order: clone keeps its strides)
- "grads": grad_fn names and x's gradient of (values * w).sum() for each op, keepdim both ways
- "errors": dim out of range, empty reduction dims, Bool/Half kernels, randint_like's bounds: type and text
- "shapes": results of empty inputs (nanmedian() of an empty tensor is NaN cast to the dtype)
- "empty_like": shape, dtype, strides, requires_grad of empty_like(x[, dtype]) for dense, transposed, stepped,
  expanded inputs (its values are undefined: not recorded)
- "randint_like": seeded draws (PyTorch's uniform_int_from_to_distribution: one 32-bit output per element, or
  random64 when the range reaches 2^32 for int64/float/double; (v % range) + low, cast to the dtype) in the
  memory order of empty_like(x), and the generator's next draw after them
"""
import base64
import json
import sys
import warnings

import torch

assert torch.__version__.startswith("1.13"), torch.__version__
torch.set_num_threads(1)
gen = torch.Generator().manual_seed(20261130)
NAN = float("nan")


def tens(t):
    t = t.detach().contiguous()
    out = {}
    if t.dtype in (torch.bool, torch.int32):
        out["as"] = str(t.dtype).replace("torch.", "")  # stored as int64 bytes, cast back to "as"
        t = t.long()
    out.update(shape=list(t.shape), dtype=str(t.dtype).replace("torch.", ""),
               b64=base64.b64encode(t.numpy().tobytes()).decode())
    return out


def ties(shape, hi, dtype, nan=0.0, zeros=False, all_nan_row=False):
    n = 1
    for s in shape:
        n *= s
    x = torch.randint(0, hi, (n,), generator=gen).double()
    if zeros:
        x = torch.where(x == 0, torch.where(torch.rand(n, generator=gen) < 0.5, -0.0, 0.0), x).double()
    if nan > 0 and dtype.is_floating_point:
        x = torch.where(torch.rand(n, generator=gen) < nan, NAN, x)
    x = x.to(dtype).reshape(shape)
    if all_nan_row and dtype.is_floating_point and len(shape) == 2:
        x[0] = NAN
    return x


INPUTS = []


def calls(x, dims, ops=("nanmedian", "mode")):
    c = {"x": tens(x), "strides": list(x.stride()), "calls": []}
    if x.dtype != torch.bool and "nanmedian" in ops:
        c["all"] = tens(x.nanmedian())
    for d in dims:
        for op in ops:
            if op == "nanmedian" and x.dtype == torch.bool:
                continue
            r = getattr(x, op)(d)
            c["calls"].append({"op": op, "dim": d, "values": tens(r.values), "indices": tens(r.indices)})
    INPUTS.append(c)


for n in [1, 2, 3, 4, 5, 7, 16, 17, 33, 64, 65, 129, 300, 1000]:
    for dt in [torch.float32, torch.float64, torch.int64]:
        for hi, nan, zeros in [(3, 0.0, True), (max(2, n // 4), 0.1, False), (4, 0.5, True), (2, 0.9, False)]:
            calls(ties([n], hi, dt, nan, zeros), [0])
    calls(ties([n], 2, torch.int64).bool(), [0], ("mode",))
for dt in [torch.float32, torch.float64, torch.int64]:
    for shape in [[6, 70], [70, 6], [5, 130], [4, 4]]:
        x = ties(shape, 4, dt, 0.1, True, all_nan_row=True)
        calls(x, [0, 1, -1])
        calls(x.t(), [0, 1])
        calls(x[:, ::2], [1])
    calls(ties([3, 4, 5], 3, dt, 0.1, True).permute(2, 0, 1), [0, 1, 2])
calls(torch.tensor(2.5), [0, -1])
calls(torch.tensor(NAN), [0])

# ---- gradients ----
GRADS = []
for dt in [torch.float32, torch.float64]:
    for shape in [[4, 5], [1, 6], [7]]:
        base = ties(shape, 3, dt, 0.15, True, all_nan_row=True)
        for op, dim, keepdim in [("nanmedian", None, False), ("nanmedian", 0, False), ("nanmedian", -1, True),
                                 ("mode", 0, True), ("mode", -1, False)]:
            x = base.clone().requires_grad_(True)
            if dim is None:
                v = x.nanmedian()
            else:
                v = getattr(x, op)(dim, keepdim).values
            w = torch.randn(v.shape, generator=gen, dtype=dt)
            (v * w).sum().backward()
            GRADS.append({"x": tens(base), "op": op, "dim": dim, "keepdim": keepdim, "w": tens(w),
                          "grad_fn": v.grad_fn.name(), "grad": tens(x.grad)})
# the gradient of an all-NaN nanmedian(): shared among the NaNs
x = torch.tensor([NAN, NAN, NAN], requires_grad=True)
v = x.nanmedian()
v.backward()
GRADS.append({"x": tens(x), "op": "nanmedian", "dim": None, "keepdim": False, "w": tens(torch.tensor(1.0)),
              "grad_fn": v.grad_fn.name(), "grad": tens(x.grad)})

# ---- errors ----
ERRORS = []


def err(label, f, **what):
    try:
        f()
        raise AssertionError("no error: " + label)
    except (RuntimeError, IndexError, ValueError, TypeError) as e:
        ERRORS.append(dict(what, label=label, type=type(e).__name__, text=str(e)))


for dt in ["bool", "float16"]:
    for op in ["nanmedian", "mode"]:
        if op == "mode":
            continue  # mode has Bool and Half kernels
        err(op + " all " + dt, lambda: torch.ones(3, dtype=getattr(torch, dt)).nanmedian(), op=op, dtype=dt, shape=[3], dim=None)
        err(op + " dim " + dt, lambda: torch.ones(3, dtype=getattr(torch, dt)).nanmedian(0), op=op, dtype=dt, shape=[3], dim=0)
for op in ["nanmedian", "mode"]:
    for shape, dim in [([2, 3], 2), ([2, 3], -3), ([], 1), ([0, 3], 0), ([3, 0], 1), ([0], 0), ([4], 5)]:
        err(op + " " + str(shape) + " dim " + str(dim), lambda: getattr(torch.ones(shape), op)(dim),
            op=op, dtype="float32", shape=shape, dim=dim)
RANDINT_ERRORS = []
for dt in ["bool", "int32", "int64", "float32", "float64"]:
    for low, high in [(0, 0), (5, 3), (0, 3), (-1, 2), (0, 2 ** 31 + 1), (-(2 ** 31) - 1, 0), (0, 2 ** 40)]:
        t = torch.ones(2, dtype=getattr(torch, dt))
        try:
            torch.randint_like(t, low, high)
        except RuntimeError as e:
            RANDINT_ERRORS.append({"dtype": dt, "low": low, "high": high, "text": str(e)})

# ---- shapes of empty results ----
SHAPES = []
for op in ["nanmedian", "mode"]:
    for shape, dim, keepdim in [([0, 3], 1, False), ([0, 3], 1, True), ([3, 0], 0, False), ([2, 0, 4], 2, True)]:
        r = getattr(torch.ones(shape), op)(dim, keepdim)
        SHAPES.append({"op": op, "shape": shape, "dim": dim, "keepdim": keepdim, "values": list(r.values.shape),
                       "indices": list(r.indices.shape)})
EMPTY_ALL = []
for dt in ["float32", "float64", "int64", "int32", "bool"]:
    EMPTY_ALL.append({"dtype": dt, "value": tens(torch.ones(0, dtype=getattr(torch, dt)).nanmedian())})

# ---- empty_like ----
EMPTY_LIKE = []


def like(label, x, dtype=None):
    r = torch.empty_like(x) if dtype is None else torch.empty_like(x, dtype=getattr(torch, dtype))
    EMPTY_LIKE.append({"label": label, "dtype_arg": dtype, "in_dtype": str(x.dtype).replace("torch.", ""),
                       "make": label, "shape": list(r.shape), "dtype": str(r.dtype).replace("torch.", ""),
                       "strides": list(r.stride()), "requires_grad": r.requires_grad, "grad_fn": r.grad_fn is not None})


a = torch.ones(3, 4, requires_grad=True)
like("dense", a)
like("transposed", a.t())
like("stepped", a[:, ::2])
like("expanded", torch.ones(3, 1).expand(3, 4))
like("permuted", torch.ones(2, 3, 4).permute(2, 0, 1))
like("scalar", torch.tensor(1.5))
like("dense int64", a, "int64")
like("transposed float64", a.t(), "float64")
like("int32 transposed", torch.ones(3, 4, dtype=torch.int32).t())

# ---- randint_like ----
RANDINT = []
for seed, label, dt, low, high in [(0, "dense", "float32", 0, 10), (1, "transposed", "float32", 0, 10),
                                   (2, "dense", "int64", -5, 5), (3, "transposed", "int64", 0, 1000),
                                   (4, "stepped", "float64", 3, 7), (5, "dense", "int32", 0, 2 ** 31 - 1),
                                   (6, "dense", "int64", 0, 2 ** 40), (7, "dense", "float64", -(2 ** 35), 2 ** 35),
                                   (8, "dense", "bool", 0, 2), (9, "permuted", "float32", 0, 2),
                                   (10, "dense", "int64", 0, 2 ** 32), (11, "dense", "int64", 0, 2 ** 32 - 1),
                                   (12, "dense", "float32", 0, 2 ** 40), (13, "expanded", "int64", 0, 5)]:
    base = {"dense": torch.ones(5, 7), "transposed": torch.ones(7, 5).t(), "stepped": torch.ones(5, 14)[:, ::2],
            "permuted": torch.ones(2, 3, 4).permute(2, 0, 1), "expanded": torch.ones(5, 1).expand(5, 7)}[label]
    x = base.to(getattr(torch, dt))
    torch.manual_seed(seed)
    with warnings.catch_warnings(record=True) as ws:
        warnings.simplefilter("always")
        r = torch.randint_like(x, low, high) if low != 0 or seed % 2 else torch.randint_like(x, high)
    nxt = torch.randint(0, 2 ** 31, (1,)).item()
    RANDINT.append({"seed": seed, "make": label, "dtype": dt, "low": low, "high": high, "one_arg": not (low != 0 or seed % 2),
                    "values": tens(r), "strides": list(r.stride()), "next": nxt,
                    "warnings": [str(w.message).split(" (Triggered")[0] for w in ws]})

json.dump({"inputs": INPUTS, "grads": GRADS, "errors": ERRORS, "randint_errors": RANDINT_ERRORS, "shapes": SHAPES,
           "empty_all": EMPTY_ALL, "empty_like": EMPTY_LIKE, "randint": RANDINT}, sys.stdout)
