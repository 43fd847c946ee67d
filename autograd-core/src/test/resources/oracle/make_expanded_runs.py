#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Float32 activations and unary ops over expanded (stride-0) inputs, recorded from PyTorch 1.13.1
(ExpandedRunsOracleTest replays it with FuzzReplay, make_fuzz.py's case format and make_fuzz_more.py's ops).

    OPENBLAS_CORETYPE=Haswell /usr/bin/python3 make_expanded_runs.py > expanded_runs.json

cpu_kernel_vec takes an expanded input in TensorIterator's runs: a run whose input is contiguous through the vector
body and the scalar tail of that run, a broadcast scalar (inner stride 0) through the vector loop too, any other run
through the scalar op. Gradbook had run the whole tensor as one contiguous copy (fuzz case more 572: celu of a
[1, 7] row expanded to [7, 7], 4 ulp where glibc's expm1f and SLEEF's differ). A row expanded over rows, a column
expanded over columns, and a middle dim expanded, for elu, celu, silu, mish, selu, hardswish, softplus, tan, erfc,
gelu and gelu with tanh (ActivationOps.gelu: fuzz more 2659, a column expanded over 16 columns, 2 ulp).
"""
import json, sys
import torch

import fuzz_record
from make_grad_layout import Program

torch.set_num_threads(1)


def cases():
    k = 0
    ops = [("celu", [2.0]), ("elu", [0.5]), ("silu", []), ("mish", []), ("selu", []), ("hardswish", []),
           ("softplus", [1.0, 20.0]), ("tan", []), ("erfc", []), ("gelu", []), ("gelu_tanh", [])]
    for op, params in ops:
        for shape, dim, size in (([33], 0, [5, 33]), ([33], 1, [33, 20]), ([3, 1, 40], None, [3, 17, 40])):
            k += 1
            g = torch.Generator().manual_seed(9500 + k)
            t = torch.randn(tuple(shape), generator=g).requires_grad_()
            spec = {"kind": "randn", "shape": shape, "dtype": "float32", "seed": 9500 + k, "grad": True, "view": None}
            prog = [["in", [], 0]]
            if dim is not None:
                prog.append(["unsqueeze", [0], dim])
            prog.append(["expand", [len(prog) - 1], size])
            prog.append([op, [len(prog) - 1]] + params)
            yield f"{op} of {shape} expanded to {size}", k, Program("float32", [(spec, t)], prog)


if __name__ == "__main__":
    out = [fuzz_record.run_case(name, seed, g, wide=False) for name, seed, g in cases()]
    json.dump({"torch": torch.__version__, "threads": torch.get_num_threads(), "cases": out}, sys.stdout,
              separators=(",", ":"))
