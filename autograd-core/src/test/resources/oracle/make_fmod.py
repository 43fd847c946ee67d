#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""PyTorch 1.13.1's float32 fmod and remainder (FmodOracleTest replays it).

    /usr/bin/python3 make_fmod.py > fmod.json

cpu_kernel_vec: SLEEF's Sleef_fmodf8 over a run's first n - n % 16 elements (NaN where the quotient exceeds
FLT_MAX; the sign of exact zeros), std::fmod on the tail and on strided runs. Dividends and divisors mix special
values (huge quotients, subnormal divisors, exact multiples of either sign, +-0, +-inf, NaN) with random ones, at
lengths 7 to 1000, tensor by tensor, by a Python scalar, by a 0-dim tensor, broadcast against a row, and transposed.
"""
import base64
import json
import sys

import torch

assert torch.__version__.startswith("1.13"), torch.__version__
torch.set_num_threads(1)
gen = torch.Generator().manual_seed(20261132)


def tens(t):
    t = t.detach().contiguous()
    return {"shape": list(t.shape), "dtype": str(t.dtype).replace("torch.", ""),
            "b64": base64.b64encode(t.numpy().tobytes()).decode()}


SPECIAL_A = [3.4e38, -3.4e38, 1e38, 2e30, -6.0, 6.0, -4.5, 3.0, 0.0, -0.0, float("inf"), float("-inf"), float("nan"),
             1e-40, -1e-45, 7.5, -7.5, 1e20, -1e25, 2.5, 5.0, 9.0, -9.0, 1e-30]
SPECIAL_B = [0.5, -0.5, 1e-38, 1e-45, 1.5, -1.5, 1.5, -1.0, 3.0, 2.0, 1.0, 2.0, 1.0, 1e-42, 1e-45, 2.5, 2.5,
             1e-20, 3e-20, float("inf"), -0.0, 3.0, 3.0, 1e-40]


def inputs(n):
    a = (torch.rand(n, generator=gen) * 20 - 10)
    b = (torch.rand(n, generator=gen) * 5 - 2.5)
    # some exact multiples and special pairs, scattered over body and tail
    idx = torch.randperm(n, generator=gen)[:min(n, len(SPECIAL_A))]
    for k, i in enumerate(idx.tolist()):
        a[i], b[i] = SPECIAL_A[k], SPECIAL_B[k]
    return a, b


CASES = []
for n in [7, 16, 24, 31, 40, 100, 1000]:
    a, b = inputs(n)
    for op in ["fmod", "remainder"]:
        f = getattr(torch, op)
        CASES.append({"op": op, "kind": "tensor", "a": tens(a), "b": tens(b), "out": tens(f(a, b))})
        for s in [0.5, -1.5, 1e-39]:
            CASES.append({"op": op, "kind": "scalar", "a": tens(a), "s": s, "out": tens(f(a, s))})
        z = torch.tensor(0.75)
        CASES.append({"op": op, "kind": "0-dim", "a": tens(a), "b": tens(z), "out": tens(f(a, z))})
for op in ["fmod", "remainder"]:
    f = getattr(torch, op)
    a, b = inputs(40 * 25)
    a, b = a.reshape(40, 25), b.reshape(40, 25)
    CASES.append({"op": op, "kind": "row", "a": tens(a), "b": tens(b[0]), "out": tens(f(a, b[0]))})
    CASES.append({"op": op, "kind": "transposed", "a": tens(a), "b": tens(b.t().contiguous()), "out": tens(f(a.t(), b.t().contiguous()))})
    CASES.append({"op": op, "kind": "both transposed", "a": tens(a), "b": tens(b), "out": tens(f(a.t(), b.t()))})
json.dump({"cases": CASES}, sys.stdout, separators=(",", ":"))
print(f"{len(CASES)} cases", file=sys.stderr)
