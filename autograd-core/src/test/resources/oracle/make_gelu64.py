#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""F.gelu (approximate "none", and "tanh") on float64, forward and gradient, recorded from PyTorch 1.13.1 (Gelu64OracleTest replays
it with FuzzReplay, make_fuzz.py's case format).

    OPENBLAS_CORETYPE=Haswell /usr/bin/python3 make_gelu64.py > gelu64.json

ATen's GeluKernelImpl / GeluBackwardKernelImpl for doubles (oneDNN takes only float32): SLEEF's erf and exp on the
vector body of a contiguous run (n - n % 8 elements), glibc's on the tail and on strided runs; the backward's
`cdf + x * pdf` is a fused multiply-add in the vector code only. Gradbook had computed it with its own erf series
(up to 2038 ulp in the forward where 1 + erf cancels: fuzz case more 316). Contiguous sizes with and without a
tail, a transposed, a stepped and a permuted input, uniform(-3, 3) inputs and weights.
"""
import json, sys
import torch

import fuzz_record
from make_grad_layout import Program

torch.set_num_threads(1)


def leaf(shape, seed):
    g = torch.Generator().manual_seed(seed)
    t = torch.empty(tuple(shape), dtype=torch.float64).uniform_(-3.0, 3.0, generator=g)
    return {"kind": "uniform", "lo": -3.0, "hi": 3.0, "shape": list(shape), "dtype": "float64", "seed": seed,
            "grad": True, "view": None}, t.requires_grad_()


def cases():
    views = [([8], []), ([13], []), ([33], []), ([3, 17], []), ([40001], []), ([7, 5], [["transpose", [0], 0, 1]]),
             ([7, 18], [["slice", [0], 1, 0, 18, 2]]), ([2, 3, 5], [["permute", [0], [2, 0, 1]]])]
    for k, (shape, view) in enumerate(views, 1):
        prog = [["in", [], 0]] + view
        prog.append(["gelu", [len(prog) - 1]])
        yield f"gelu float64 {shape} {view[0][0] if view else 'contiguous'}", k, Program("float64", [leaf(shape, 6400 + k)], prog)
    # the tanh form (twelfth session): SLEEF's tanh on the vector body, glibc's on the tail and strided runs, kKappa's
    # multiply-add fused in both codes (fuzz more 5261, 5601, 5827, 5922: 1-6 ulp where Gradbook had computed in Java)
    for k, (shape, view) in enumerate(views, len(views) + 1):
        prog = [["in", [], 0]] + view
        prog.append(["gelu_tanh", [len(prog) - 1]])
        yield f"gelu tanh float64 {shape} {view[0][0] if view else 'contiguous'}", k, Program("float64", [leaf(shape, 6400 + k)], prog)


if __name__ == "__main__":
    out = [fuzz_record.run_case(name, seed, g, wide=False) for name, seed, g in cases()]
    json.dump({"torch": torch.__version__, "threads": torch.get_num_threads(), "cases": out}, sys.stdout,
              separators=(",", ":"))
