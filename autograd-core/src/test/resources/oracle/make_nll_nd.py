#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""F.nll_loss and F.cross_entropy of (N, C, d1, ...) inputs, recorded from PyTorch 1.13.1 (NllNdOracleTest replays it
with FuzzReplay, make_fuzz.py's case format and make_fuzz_more.py's ops).

    OPENBLAS_CORETYPE=Haswell /usr/bin/python3 make_nll_nd.py > nll_nd.json

1.13's nll_loss_nd runs nll_loss2d: a 4-D input as it is, a 3-D or 5-D one as input.contiguous().view(n, c, 1, -1)
(reduction "none" viewed back: ViewBackward0 over NllLoss2DBackward0); its kernel sums the (b, position) pairs in
order through the cascade. Gradbook raised for them (fuzz cases more 68, 175, 191). Float32 and float64, every
reduction, contiguous and transposed inputs, sizes past the cascade's first level (16), and the size errors.
"""
import json, sys
import torch

import fuzz_record
from make_grad_layout import Program

torch.set_num_threads(1)
DT = {"float32": torch.float32, "float64": torch.float64}


def leaf(shape, seed, dtype):
    g = torch.Generator().manual_seed(seed)
    t = torch.randn(tuple(shape), generator=g, dtype=DT[dtype]) if dtype == "float32" else \
        torch.empty(tuple(shape), dtype=DT[dtype]).uniform_(-3.0, 3.0, generator=g)
    spec = {"kind": "randn"} if dtype == "float32" else {"kind": "uniform", "lo": -3.0, "hi": 3.0}
    spec.update({"shape": list(shape), "dtype": dtype, "seed": seed, "grad": True, "view": None})
    return spec, t.requires_grad_()


def targets(shape, classes, seed):
    g = torch.Generator().manual_seed(seed)
    t = torch.empty(tuple(shape)).uniform_(0, classes, generator=g).floor().to(torch.int64)
    return {"kind": "int", "lo": 0, "hi": classes, "shape": list(shape), "dtype": "int64", "seed": seed, "grad": False,
            "view": None}, t


def cases():
    k = 0
    for shape in ([2, 3, 5], [3, 4, 7, 2], [2, 5, 3, 2, 2], [4, 3, 40], [1, 2, 1]):
        for dtype in ("float32", "float64"):
            for red in ("mean", "sum", "none"):
                k += 1
                tshape = [shape[0]] + shape[2:]
                ins = [leaf(shape, 7000 + k, dtype), targets(tshape, shape[1], 7100 + k)]
                prog = [["in", [], 0], ["in", [], 1], ["log_softmax", [0], 1], ["nll_loss", [2, 1], red]]
                yield f"nll_loss {shape} {dtype} {red}", k, Program(dtype, ins, prog)
        k += 1
        ins = [leaf(shape, 7000 + k, "float32"), targets([shape[0]] + shape[2:], shape[1], 7100 + k)]
        yield f"cross_entropy {shape}", k, Program("float32", ins, [["in", [], 0], ["in", [], 1], ["cross_entropy", [0, 1]]])
    # a transposed (N, C, L) input: nll_loss2d reads its contiguous copy
    k += 1
    ins = [leaf([2, 9, 4], 7000 + k, "float32"), targets([2, 9], 4, 7100 + k)]
    yield "nll_loss transposed", k, Program("float32", ins, [["in", [], 0], ["in", [], 1], ["transpose", [0], 1, 2],
                                                              ["nll_loss", [2, 1], "none"]])
    # the size checks' texts
    for shape, tshape in (([2, 3, 4], [2, 5]), ([2, 3, 4], [3, 4]), ([2, 3, 4, 5], [2, 4]), ([2, 3, 4, 5], [2, 4, 6])):
        k += 1
        ins = [leaf(shape, 7000 + k, "float32"), targets(tshape, 3, 7100 + k)]
        yield f"nll_loss {shape} target {tshape}", k, Program("float32", ins, [["in", [], 0], ["in", [], 1], ["nll_loss", [0, 1], "mean"]])


if __name__ == "__main__":
    out = [fuzz_record.run_case(name, seed, g, wide=False) for name, seed, g in cases()]
    json.dump({"torch": torch.__version__, "threads": torch.get_num_threads(), "cases": out}, sys.stdout,
              separators=(",", ":"))
