"""PyTorch 1.13.1's create_graph through activations, losses and element-wise math: each op's first gradient taken
with create_graph=True (torch.autograd.grad with a recorded upstream gradient u that is itself a leaf requiring grad)
is recorded with its grad_fn name (1.13's own backward op: TanhBackwardBackward0, MseLossBackwardBackward0, ...),
the names of its next_functions, requires_grad and its bits; then the second gradient, of sum(first * w) with recorded
weights w, with respect to the input, the upstream gradient and (losses) the target, bit for bit, or the error 1.13
raises (a backward op with no derivative of its own, hardsigmoid_backward). Losses with each reduction (none, mean,
sum); prelu with one weight and one per channel (its weight as the second input); in-place forms on a clone; a
transposed input for six of the activations; nine ops in the common form grad(y.sum(), x, create_graph=True), whose
upstream gradient requires no grad ("sum": no u). float32 and float64 inputs of 36 elements (a vector body and a
tail) holding edge values (0, -0, the ops' kinks and thresholds: +-3, +-0.5, +-1, 20). One intra-op thread, its own
Generator; each later group is drawn after the earlier ones, so adding one leaves the others' inputs as they were.
usage: /usr/bin/python3 make_double_backward.py > double_backward.json   (needs Debian's python3-torch 1.13.1)"""
import base64
import json

import torch
import torch.nn.functional as F

assert torch.__version__.startswith("1.13"), torch.__version__
torch.set_num_threads(1)
gen = torch.Generator().manual_seed(20261201)


def tens(t):
    t = t.detach().contiguous()
    return {"shape": list(t.shape), "dtype": str(t.dtype).replace("torch.", ""),
            "b64": base64.b64encode(t.numpy().tobytes()).decode()}


EDGES = [0.0, -0.0, 3.0, -3.0, 0.5, -0.5, 1.0, -1.0, 20.0, -20.0, 2.5, 1.5, -1.5, 0.25]
SHAPE = (4, 9)

# (name, kind, f): kind "unary" takes x; "loss" takes (x, t) and a reduction; "prob" a loss on probabilities
UNARY = {
    "tanh": lambda x: x.tanh(),
    "sigmoid": lambda x: x.sigmoid(),
    "relu": lambda x: F.relu(x),
    "gelu": lambda x: F.gelu(x),
    "gelu_tanh": lambda x: F.gelu(x, approximate="tanh"),
    "silu": lambda x: F.silu(x),
    "mish": lambda x: F.mish(x),
    "elu": lambda x: F.elu(x),
    "elu_half": lambda x: F.elu(x, 0.5),
    "selu": lambda x: F.selu(x),
    "celu": lambda x: F.celu(x, 2.0),
    "leaky_relu": lambda x: F.leaky_relu(x, 0.2),
    "hardtanh": lambda x: F.hardtanh(x, -0.5, 1.5),
    "relu6": lambda x: F.relu6(x),
    "hardswish": lambda x: F.hardswish(x),
    "hardsigmoid": lambda x: F.hardsigmoid(x),
    "logsigmoid": lambda x: F.logsigmoid(x),
    "softplus": lambda x: F.softplus(x),
    "softplus_beta": lambda x: F.softplus(x, 2.0, 1.0),
    "hardshrink": lambda x: F.hardshrink(x, 0.5),
    "softshrink": lambda x: F.softshrink(x, 0.5),
    "threshold": lambda x: F.threshold(x, 0.5, -1.0),
    "softsign": lambda x: F.softsign(x),
    "tanhshrink": lambda x: F.tanhshrink(x),
    "rrelu_eval": lambda x: F.rrelu(x, training=False),
    # in-place forms on a clone: elu_, celu_, leaky_relu_ and rrelu_ differentiate through their result
    "elu_": lambda x: F.elu_(x.clone()),
    "selu_": lambda x: F.selu_(x.clone()),
    "celu_": lambda x: F.celu_(x.clone(), 1.5),
    "leaky_relu_": lambda x: F.leaky_relu_(x.clone(), 0.2),
    "rrelu_eval_": lambda x: F.rrelu_(x.clone(), training=False),
    "hardtanh_": lambda x: F.hardtanh_(x.clone(), -0.5, 0.5),
    "threshold_": lambda x: F.threshold_(x.clone(), 0.1, 2.0),
    "relu_": lambda x: F.relu_(x.clone()),
    "sigmoid_": lambda x: x.clone().sigmoid_(),
    "tanh_": lambda x: x.clone().tanh_(),
    "hardswish_": lambda x: F.hardswish(x.clone(), inplace=True),
    # a transposed input: the kernels over strided operands
    "tanh_t": lambda x: x.t().tanh(),
    "sigmoid_t": lambda x: x.t().sigmoid(),
    "gelu_tanh_t": lambda x: F.gelu(x.t(), approximate="tanh"),
    "softplus_t": lambda x: F.softplus(x.t()),
    "elu_t": lambda x: F.elu(x.t()),
    "hardswish_t": lambda x: F.hardswish(x.t()),
    "softmax": lambda x: F.softmax(x, 1),
    "log_softmax": lambda x: F.log_softmax(x, 1),
}
LOSS = {
    "mse_loss": lambda x, t, r: F.mse_loss(x, t, reduction=r),
    "huber_loss": lambda x, t, r: F.huber_loss(x, t, reduction=r, delta=1.0),
    "huber_loss_half": lambda x, t, r: F.huber_loss(x, t, reduction=r, delta=0.5),
    "smooth_l1_loss": lambda x, t, r: F.smooth_l1_loss(x, t, reduction=r, beta=1.0),
    "smooth_l1_loss_half": lambda x, t, r: F.smooth_l1_loss(x, t, reduction=r, beta=0.5),
    "binary_cross_entropy": lambda x, t, r: F.binary_cross_entropy(x, t, reduction=r),
    "bce_with_logits": lambda x, t, r: F.binary_cross_entropy_with_logits(x, t, reduction=r),
}


def randn(dt, scale=1.0, shape=SHAPE):
    return (torch.randn(shape, generator=gen, dtype=torch.float64) * scale).to(dt)


def edged(dt):
    x = torch.randn(SHAPE, generator=gen, dtype=torch.float64) * 3
    x.view(-1)[:len(EDGES)] = torch.tensor(EDGES, dtype=torch.float64)
    return x.to(dt)


def node(t):
    fn = t.grad_fn
    return {"grad_fn": type(fn).__name__ if fn is not None else None,
            "next": [type(f).__name__ if f is not None else None for f, _ in fn.next_functions] if fn is not None else [],
            "requires_grad": t.requires_grad, "value": tens(t)}


def record(case, y, wrt, u, extra):
    """first gradients of y (upstream u; None: of y.sum()) for wrt, with a graph; then the second, for wrt + [u] + extra."""
    firsts = torch.autograd.grad(y, wrt, u, create_graph=True) if u is not None else torch.autograd.grad(y.sum(), wrt, create_graph=True)
    case["first"] = [node(g) for g in firsts]
    ws = [randn(g.dtype) for g in firsts]
    case["w"] = [tens(w) for w in ws]
    total = sum((g * w).sum() for g, w in zip(firsts, ws))
    try:
        seconds = torch.autograd.grad(total, wrt + ([u] if u is not None else []) + extra, allow_unused=True)
        case["second"] = [None if s is None else tens(s) for s in seconds]
    except RuntimeError as e:
        case["second_error"] = str(e).split("\n")[0]


cases = []
for dt in (torch.float32, torch.float64):
    for name, f in UNARY.items():
        x0 = edged(dt)
        x = x0.clone().requires_grad_()
        y = f(x)
        u0 = randn(dt, shape=y.shape)
        u = u0.clone().requires_grad_()
        case = {"op": name, "x": tens(x0), "u": tens(u0)}
        record(case, y, [x], u, [])
        cases.append(case)
    for name, f in LOSS.items():
        for red in ("none", "mean", "sum"):
            if name == "binary_cross_entropy":
                x0 = torch.rand(SHAPE, generator=gen, dtype=torch.float64).to(dt)
                t0 = torch.rand(SHAPE, generator=gen, dtype=torch.float64).to(dt)
                t0.view(-1)[:3] = torch.tensor([0.0, 1.0, 0.5], dtype=torch.float64)
            else:
                x0 = edged(dt)
                t0 = randn(dt, 2.0)
                t0.view(-1)[:2] = x0.view(-1)[:2]  # equal pairs: the zero difference
            u0 = randn(dt) if red == "none" else torch.randn((), generator=gen, dtype=torch.float64).to(dt)
            x = x0.clone().requires_grad_()
            t = t0.clone().requires_grad_()
            u = u0.clone().requires_grad_()
            case = {"op": name, "reduction": red, "x": tens(x0), "t": tens(t0), "u": tens(u0)}
            record(case, f(x, t, red), [x, t], u, [])
            cases.append(case)

# prelu: one weight or one per channel (dim 1), the weight as the second input (no reduction); drawn after the rest,
# so the cases above keep their inputs
for dt in (torch.float32, torch.float64):
    for name, channels in (("prelu_1", 1), ("prelu_9", SHAPE[1])):
        x0 = edged(dt)
        t0 = randn(dt, 0.5, shape=(channels,))
        x = x0.clone().requires_grad_()
        t = t0.clone().requires_grad_()
        y = F.prelu(x, t)
        u0 = randn(dt, shape=y.shape)
        u = u0.clone().requires_grad_()
        case = {"op": name, "reduction": "none", "x": tens(x0), "t": tens(t0), "u": tens(u0)}
        record(case, y, [x, t], u, [])
        cases.append(case)

# the common form, grad(y.sum(), x, create_graph=True): an upstream gradient that requires no grad (a None edge)
for dt in (torch.float32, torch.float64):
    for name in ("tanh", "sigmoid", "gelu", "elu", "softplus", "hardtanh"):
        x0 = edged(dt)
        x = x0.clone().requires_grad_()
        case = {"op": name, "sum": True, "x": tens(x0)}
        record(case, UNARY[name](x), [x], None, [])
        cases.append(case)
    for name in ("mse_loss", "huber_loss", "binary_cross_entropy"):
        x0 = torch.rand(SHAPE, generator=gen, dtype=torch.float64).to(dt)
        t0 = torch.rand(SHAPE, generator=gen, dtype=torch.float64).to(dt)
        x = x0.clone().requires_grad_()
        t = t0.clone().requires_grad_()
        case = {"op": name, "reduction": "mean", "sum": True, "x": tens(x0), "t": tens(t0)}
        record(case, LOSS[name](x, t, "mean"), [x, t], None, [])
        cases.append(case)

print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(), "cases": cases}))
