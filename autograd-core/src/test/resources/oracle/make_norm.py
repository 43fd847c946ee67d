"""PyTorch 1.13.1's bits for the 2-norm (x.norm(), torch.linalg.vector_norm(x, 2, dim)) in float32 and float64:
whole tensors of many lengths (vector blocks and tails), a transposed whole tensor, the last dim, a leading dim,
two trailing dims, keepdim. One intra-op thread.
usage: /usr/bin/python3 make_norm.py > norm.json   (needs Debian's python3-torch 1.13.1)"""
import base64
import json

import torch

assert torch.__version__.startswith("1.13"), torch.__version__
torch.set_num_threads(1)
torch.manual_seed(5)


def tens(t):
    t = t.detach().contiguous()
    return {"shape": list(t.shape), "dtype": str(t.dtype).replace("torch.", ""),
            "b64": base64.b64encode(t.numpy().tobytes()).decode()}


inputs = {"V%d" % n: torch.randn(n) * 3 for n in (1, 7, 8, 9, 17, 1000, 3001)}
inputs["M"] = torch.randn(37, 53) * 2
inputs["B"] = torch.rand(5, 7, 9) * 10
for k in list(inputs):
    inputs[k + "64"] = inputs[k].double()

CASES = [("V%d" % n, False, None, False) for n in (1, 7, 8, 9, 17, 1000, 3001)] + [
    ("M", False, None, False), ("M", True, None, False), ("M", False, [1], False), ("M", False, [1], True),
    ("M", False, [0], False), ("M", True, [1], False), ("B", False, [1, 2], False), ("B", False, [2], True),
    ("B", False, [0, 1], False), ("B", False, [1], False)]
out = {"tensors": {k: tens(v) for k, v in inputs.items()}, "cases": []}
for suffix in ("", "64"):
    for name, transposed, dims, keep in CASES:
        x = inputs[name + suffix]
        if transposed:
            x = x.t()
        y = x.norm() if dims is None else torch.linalg.vector_norm(x, 2, dim=dims, keepdim=keep)
        out["cases"].append({"input": name + suffix, "transposed": transposed, "dims": dims, "keepdim": keep,
                             "output": tens(y)})
print(json.dumps(out))
