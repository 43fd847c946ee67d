"""PyTorch 1.13.1's diagonal as a view, for DiagonalViewTest: strides and offset of the view, writes through it,
the graph of an in-place op on it, and the leaf check; diag of a matrix stays a copy.
usage: /usr/bin/python3 make_diagonal_view.py > diagonal_view.json   (needs Debian's python3-torch)"""
import json, re
import torch

def mask(s):
    return re.sub(r"0x[0-9a-fA-F]+", "0x...", s)

out = {"torch": torch.__version__}
x = torch.arange(12.).reshape(3, 4).requires_grad_()
d = x.diagonal(1)
out["view"] = {"repr": repr(d), "stride": list(d.stride()), "offset": d.storage_offset(), "contiguous": d.is_contiguous()}
d2 = x.diagonal(-2)
out["below"] = {"stride": list(d2.stride()), "offset": d2.storage_offset()}
z = torch.zeros(3, 3, 2).diagonal(0, 0, 1)
out["batched"] = {"shape": list(z.shape), "stride": list(z.stride())}
e = torch.zeros(2, 2).diagonal(5)
out["empty"] = {"shape": list(e.shape), "offset": e.storage_offset()}
y = x.clone()
v = y.diagonal()
v.mul_(2)
out["inplace"] = {"repr": repr(y), "next_functions": mask(str(y.grad_fn.next_functions)), "view_grad_fn": type(v.grad_fn).__name__}
(y * y).sum().backward()
out["inplace"]["grad"] = repr(x.grad)
w = torch.zeros(2, 3)
w.diagonal().fill_(7)
out["fill"] = repr(w)
try:
    x.diagonal().add_(1)
except RuntimeError as err:
    out["leaf_error"] = str(err)
out["diag_is_copy"] = {"contiguous": torch.diag(torch.ones(2, 2)).is_contiguous(), "grad_fn": type(torch.diag(x).grad_fn).__name__}
print(json.dumps(out, indent=1))
