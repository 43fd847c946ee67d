"""The order in which PyTorch 1.13's engine runs the nodes of a few seed-like graphs (a post-hook on every node
records it), for StepBackwardTest. Leaves are named by the variable that holds them.
usage: /usr/bin/python3 make_backward_order.py > backward_order.json   (Debian python3-torch)"""
import json
import sys
import torch


def order(out, leaves, **kw):
    names = {id(v): k for k, v in leaves.items()}
    seen, todo, ran = set(), [out.grad_fn], []
    while todo:
        n = todo.pop()
        if n is None or n in seen:
            continue
        seen.add(n)
        label = n.name() + ("(" + names[id(n.variable)] + ")" if hasattr(n, "variable") else "")
        n.register_hook(lambda gi, go, label=label: ran.append(label))
        todo.extend(f for f, _ in n.next_functions)
    out.backward(**kw)
    return ran


cases = {}
x = torch.ones(2, 2, requires_grad=True)
y = x + 2; z = y * y * 3; out = z.mean()
cases["seed 003: (x+2)^2*3 mean"] = order(out, {"x": x})
x = torch.ones(1); b = torch.rand(1, requires_grad=True); w = torch.rand(1, requires_grad=True)
z = w * x + b
cases["seed 000: w*x+b"] = order(z, {"w": w, "b": b, "x": x})
x = torch.ones(3, requires_grad=True)
a = x * 2; c = x * 3; d = a * c + a
cases["diamond: x*2 * x*3 + x*2"] = order(d.sum(), {"x": x})
x = torch.linspace(-1, 1, 5, requires_grad=True)
cases["x.sin().mul(x).exp().sum()"] = order(x.sin().mul(x).exp().sum(), {"x": x})
inp = torch.ones(4, 3); w = torch.ones(3, 2, requires_grad=True); b = torch.zeros(2, requires_grad=True)
cases["(inp @ w + b).relu().sum()"] = order((inp @ w + b).relu().sum(), {"w": w, "b": b})
x = torch.ones(2, requires_grad=True); y = x * 2
cases["non-scalar y = x*2 with gradient"] = order(y, {"x": x}, gradient=torch.tensor([1.0, 0.1]))
json.dump({"torch": torch.__version__, "cases": cases}, sys.stdout, indent=1)
