"""PyTorch 1.13.1's view histories after in-place changes, for ViewHistoryTest: a view whose memory changed in
place since its history was set (through itself, another view or its base) regenerates its grad_fn as
AsStridedBackward0 on the base's current history, and gradients flow through the in-place op; the leaf checks.
usage: /usr/bin/python3 make_view_history.py > view_history.json   (needs Debian's python3-torch)"""
import json, re
import torch

def mask(s):
    return re.sub(r"0x[0-9a-fA-F]+", "0x...", s)

def node(t):
    return None if t.grad_fn is None else {"name": type(t.grad_fn).__name__, "next": mask(str(t.grad_fn.next_functions))}

def err(f):
    try:
        f()
    except RuntimeError as e:
        return str(e)
    return None

out = {"torch": torch.__version__}
x = torch.arange(4.).requires_grad_()
y = x.clone(); a = y[0:2]; b = y[1:3]; a.mul_(2)
out["other_view"] = {"a": node(a), "b": node(b)}
(b * b).sum().backward()
out["other_view"]["grad"] = repr(x.grad)

x = torch.arange(4.).requires_grad_()
y = x.clone(); v = y[0:2]; y.mul_(3)
out["base_changed"] = {"v": node(v), "y": node(y)}
(v * v).sum().backward()
out["base_changed"]["grad"] = repr(x.grad)

x = torch.arange(4.).requires_grad_()
v = x[0:2]
with torch.no_grad():
    x.mul_(2)
out["leaf_changed_without_grad"] = node(v)

x = torch.arange(4.).requires_grad_()
z = torch.zeros(4); w = z[1:3]; z[0:2] = x[0:2] * 2
out["base_gains_history"] = {"w": node(w), "requires_grad": w.requires_grad}
(w * 5).sum().backward()
out["base_gains_history"]["grad"] = repr(x.grad)

x = torch.arange(6.).requires_grad_()
y = x.clone(); c = y[1:5][1:3]; c.mul_(4); c2 = c[0]
out["chain"] = {"c": node(c), "c0": node(c2), "y": repr(y)}
(y * y).sum().backward()
out["chain"]["grad"] = repr(x.grad)

z = torch.zeros(3); d = z[0:2]
z.requires_grad_()
out["view_made_before_requires_grad"] = {"d": node(d), "requires_grad": d.requires_grad}

x = torch.arange(4.).requires_grad_()
with torch.no_grad():
    nv = x[0:2]
out["view_made_under_no_grad"] = {"repr": repr(nv), "requires_grad": nv.requires_grad, "is_leaf": nv.is_leaf}
nz = nv * 2
out["view_made_under_no_grad"]["product"] = {"repr": repr(nz), "node": node(nz)}
y = x.clone()
with torch.no_grad():
    nv = y[0:2]
    y.mul_(2)
out["view_made_under_no_grad"]["base_changed"] = err(lambda: nv.grad_fn)
y = x.clone()
with torch.no_grad():
    nv = y[0:2]
out["view_made_under_no_grad"]["modified"] = err(lambda: nv.mul_(2))

x = torch.arange(4.).requires_grad_()
y = x.clone(); s0, s1 = y.split(2); u0 = y.unbind(0)[1]
out["multi_output"] = {"split": err(lambda: s0.mul_(2)), "unbind": err(lambda: u0.mul_(2))}
y.mul_(2)
out["multi_output"]["base_changed"] = err(lambda: s1.grad_fn)
with torch.no_grad():
    n0, n1 = y.chunk(2)
    n0.mul_(2)
out["multi_output"]["under_no_grad"] = repr(y)
out["multi_output"]["made_under_no_grad_modified_with_grad"] = err(lambda: n1.mul_(2))

lv = torch.arange(12.).reshape(3, 4).requires_grad_()
out["errors"] = {
    "view_of_leaf_view": err(lambda: lv.diagonal().add_(1)),
    "leaf_view_itself": err(lambda: lv.add_(1)),
    "leaf": err(lambda: torch.ones(2, requires_grad=True).add_(1)),
}
print(json.dumps(out, indent=1))
