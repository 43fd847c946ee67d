#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""PyTorch 1.13.1's float16 unary ops on CPU, into half_unary.json (HalfUnaryTest).

usage: /usr/bin/python3 make_half_unary.py > half_unary.json   (needs Debian's python3-torch)

On CPU most of them have no Half kernel at all: each op and in-place method is called on a float16 tensor and
either its error (type and text: the kernel's name) or its result is recorded. The ops that do compute run over
every float16 bit pattern (65,536 inputs): the SHA-256 of the little-endian result bits (every NaN written as 0x7e00:
a NaN's sign and payload are not compared, as in SweepTest), and the result bits in full for a set of special inputs. Also float64 asinh and atanh over spread inputs (bits), the double functions the
float64 loops (and so one UnaryOp entry each) must match.
"""
import hashlib, json, struct, sys
import torch

torch.set_num_threads(1)

UNARY = ["neg", "abs", "sign", "relu", "exp", "log", "sqrt", "sin", "cos", "tanh", "sigmoid", "reciprocal",
         "log1p", "expm1", "log2", "log10", "exp2", "atan", "asin", "acos", "sinh", "cosh", "asinh", "atanh", "erf",
         "floor", "ceil", "round", "trunc", "frac", "tan", "erfc"]
IN_PLACE = ["neg_", "abs_", "exp_", "log_", "sqrt_", "sin_", "cos_", "sigmoid_", "tanh_", "relu_", "log1p_",
            "expm1_", "floor_", "ceil_", "round_", "trunc_"]


def hbits(t):
    bits = t.contiguous().view(torch.int16).to(torch.int32).bitwise_and(0xFFFF)
    return torch.where(torch.isnan(t.contiguous()), torch.tensor(0x7E00, dtype=torch.int32), bits).tolist()


every = torch.arange(65536, dtype=torch.int32).to(torch.int16).view(torch.float16)
SPECIAL = [0.0, -0.0, float("inf"), float("-inf"), float("nan"), 1.0, -1.0, 0.5, -0.5, 2.0, 3.0, 0.1, -0.1,
           1.0 / 3.0, 65504.0, -65504.0, 2.0 ** -24, -(2.0 ** -24), 2.0 ** -14, 6.1e-5, 15.9, -15.9, 2.5, -2.5,
           1000.06, 0.999, 1.001, 7.0, 11.0, 13.0]
special = torch.tensor(SPECIAL, dtype=torch.float16)

out = {"torch": torch.__version__, "special_bits": hbits(special), "ops": {}, "in_place": {}}
for name in UNARY:
    try:
        getattr(torch, name)(special.clone())
    except RuntimeError as e:
        out["ops"][name] = {"error": "RuntimeError", "message": str(e)}
        continue
    r = getattr(torch, name)(every)
    assert r.dtype == torch.float16, (name, r.dtype)
    digest = hashlib.sha256(b"".join(struct.pack("<H", b) for b in hbits(r))).hexdigest()
    out["ops"][name] = {"dtype": "float16", "special": hbits(getattr(torch, name)(special)), "every_sha256": digest}
for name in IN_PLACE:
    try:
        getattr(special.clone(), name)()
        out["in_place"][name] = {"ok": True}
    except RuntimeError as e:
        out["in_place"][name] = {"error": "RuntimeError", "message": str(e)}

g = torch.Generator().manual_seed(1613)
x = torch.cat([torch.empty(600, dtype=torch.float64).uniform_(-1e-3, 1e-3, generator=g),
               torch.empty(600, dtype=torch.float64).uniform_(-1, 1, generator=g),
               torch.empty(600, dtype=torch.float64).uniform_(-30, 30, generator=g),
               torch.empty(200, dtype=torch.float64).uniform_(-1e8, 1e8, generator=g),
               torch.tensor([0.0, -0.0, 1e-300, -1e-300, 1e300, float("inf"), float("-inf"), float("nan"), 0.9999999, -0.9999999, 1.0, -1.0])])
lbits = lambda t: [struct.unpack("<q", struct.pack("<d", v))[0] for v in t.tolist()]
out["float64"] = {"x": lbits(x), "asinh": lbits(torch.asinh(x)), "atanh": lbits(torch.atanh(x.clamp(-1, 1)))}
json.dump(out, sys.stdout, indent=None)
sys.stdout.write("\n")
