"""PyTorch 1.13.1's bits for var/std in float32 and float64: all elements (std_var_all_cpu: the dtype's mean, then
(x - mean)^2 summed in double), over dims (WelfordOps in double), with correction 0/1/2, keepdim, a transposed
(non-contiguous) input and a one-element output. One intra-op thread.
usage: /usr/bin/python3 make_varstd.py > varstd.json   (needs Debian's python3-torch 1.13.1)"""
import base64
import json

import torch

assert torch.__version__.startswith("1.13"), torch.__version__
torch.set_num_threads(1)
torch.manual_seed(11)


def tens(t):
    t = t.detach().contiguous()
    return {"shape": list(t.shape), "dtype": str(t.dtype).replace("torch.", ""),
            "b64": base64.b64encode(t.numpy().tobytes()).decode()}


inputs = {"A": torch.randn(23, 41) * 3 + 1.5, "B": torch.rand(5, 7, 9) * 100, "C": torch.randn(3000) + 1000,
          "D": torch.randn(1, 13)}
for k in list(inputs):
    inputs[k + "64"] = inputs[k].double()

CASES = [  # input, transposed, dims (None: all), correction, keepdim
    ("A", False, None, 1, False), ("A", False, None, 0, False), ("A", False, None, 2, False),
    ("A", False, [1], 1, False), ("A", False, [0], 1, True), ("A", False, [0, 1], 0, False),
    ("A", True, [1], 1, False), ("A", True, None, 1, False), ("A", True, [0], 0, True),
    ("B", False, [1], 1, False), ("B", False, [0, 2], 1, True), ("B", False, [2], 0, False),
    ("C", False, None, 1, False), ("C", False, [0], 1, False),
    ("D", False, [1], 1, False), ("D", False, [0], 1, False),
]
out = {"tensors": {k: tens(v) for k, v in inputs.items()}, "cases": []}
for suffix in ("", "64"):
    for name, transposed, dims, corr, keep in CASES:
        x = inputs[name + suffix]
        if transposed:
            x = x.t()
        for op in ("var", "std"):
            f = getattr(torch, op)
            y = f(x, dim=dims, correction=corr, keepdim=keep)
            out["cases"].append({"op": op, "input": name + suffix, "transposed": transposed, "dims": dims,
                                 "correction": corr, "keepdim": keep, "output": tens(y)})
print(json.dumps(out))
