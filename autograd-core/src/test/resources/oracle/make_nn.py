# SPDX-License-Identifier: Apache-2.0
"""PyTorch 1.13.1's side of the nn / optim / data tests: writes nn.json beside this script.

Run with Debian's python3-torch:  /usr/bin/python3 make_nn.py
Float32 values are stored as JSON doubles (a float32 converts to a double exactly, so equality of the parsed
double is equality of the float32 bit pattern).
"""
import json
import math
import os

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset

assert torch.__version__.startswith("1.13"), torch.__version__
torch.set_num_threads(1)


def vals(t):
    return [float(v) for v in t.detach().double().reshape(-1).tolist()]


def tens(t):
    return {"shape": list(t.shape), "dtype": str(t.dtype).replace("torch.", ""), "values": vals(t)}


def state(m):
    return {k: tens(v) for k, v in m.state_dict().items()}


out = {"torch": torch.__version__}

# ---- default initialisation under manual_seed ---------------------------------------------------------------
INIT = {
    "linear_3_1": lambda: nn.Linear(3, 1),
    "linear_5_4": lambda: nn.Linear(5, 4),
    "linear_4_3_nobias": lambda: nn.Linear(4, 3, bias=False),
    "linear_20_30": lambda: nn.Linear(20, 30),
    "seq_linear_flatten": lambda: nn.Sequential(nn.Linear(3, 1), nn.Flatten(0, 1)),
    "mlp": lambda: nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 2)),
    "embedding_10_3": lambda: nn.Embedding(10, 3),
    "embedding_7_20": lambda: nn.Embedding(7, 20),
    "layernorm_4": lambda: nn.LayerNorm(4),
    "batchnorm1d_3": lambda: nn.BatchNorm1d(3),
}
out["init"] = []
for seed in (0, 1, 42):
    for name, build in INIT.items():
        torch.manual_seed(seed)
        m = build()
        after = torch.rand(1)  # where the generator stands afterwards
        out["init"].append({"id": name, "seed": seed, "state": state(m), "next_rand": vals(after)})

# ---- nn.init ------------------------------------------------------------------------------------------------
INITFN = {
    "uniform_": lambda t: nn.init.uniform_(t, -2.0, 3.0),
    "normal_": lambda t: nn.init.normal_(t, 0.5, 2.0),
    "constant_": lambda t: nn.init.constant_(t, 0.3),
    "zeros_": lambda t: nn.init.zeros_(t),
    "ones_": lambda t: nn.init.ones_(t),
    "xavier_uniform_": lambda t: nn.init.xavier_uniform_(t),
    "xavier_uniform_gain": lambda t: nn.init.xavier_uniform_(t, gain=nn.init.calculate_gain("tanh")),
    "xavier_normal_": lambda t: nn.init.xavier_normal_(t),
    "kaiming_uniform_": lambda t: nn.init.kaiming_uniform_(t),
    "kaiming_uniform_a5": lambda t: nn.init.kaiming_uniform_(t, a=math.sqrt(5)),
    "kaiming_normal_": lambda t: nn.init.kaiming_normal_(t, mode="fan_out", nonlinearity="relu"),
    "kaiming_normal_leaky": lambda t: nn.init.kaiming_normal_(t, a=0.1),
}
out["init_fn"] = []
for name, fn in INITFN.items():
    for shape in ((4, 5), (20, 30), (2, 3, 4)):
        torch.manual_seed(7)
        t = torch.empty(shape)
        fn(t)
        out["init_fn"].append({"id": name, "shape": list(shape), "values": vals(t)})
out["gain"] = {k: nn.init.calculate_gain(*a) for k, a in {
    "linear": ("linear",), "sigmoid": ("sigmoid",), "tanh": ("tanh",), "relu": ("relu",),
    "leaky_relu": ("leaky_relu",), "leaky_relu_0.2": ("leaky_relu", 0.2), "selu": ("selu",)}.items()}

# ---- layers: output, gradients, printed form ----------------------------------------------------------------
LAYERS = [
    ("linear", lambda: nn.Linear(3, 2), (4, 3)),
    ("linear_1d", lambda: nn.Linear(3, 2), (3,)),
    ("linear_nobias", lambda: nn.Linear(3, 2, bias=False), (4, 3)),
    ("linear_3d", lambda: nn.Linear(3, 2), (2, 4, 3)),
    ("sequential", lambda: nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 1), nn.Flatten(0, 1)), (5, 3)),
    ("flatten", lambda: nn.Flatten(), (2, 3, 4)),
    ("flatten_0_1", lambda: nn.Flatten(0, 1), (2, 3, 4)),
    ("unflatten", lambda: nn.Unflatten(1, (2, 3)), (4, 6)),
    ("identity", lambda: nn.Identity(), (3,)),
    ("relu", lambda: nn.ReLU(), (3, 4)),
    ("leaky_relu", lambda: nn.LeakyReLU(), (3, 4)),
    ("leaky_relu_0.2", lambda: nn.LeakyReLU(0.2), (3, 4)),
    ("tanh", lambda: nn.Tanh(), (3, 4)),
    ("sigmoid", lambda: nn.Sigmoid(), (3, 4)),
    ("softmax", lambda: nn.Softmax(dim=1), (3, 4)),
    ("log_softmax", lambda: nn.LogSoftmax(dim=1), (3, 4)),
    ("softmax_0", lambda: nn.Softmax(dim=0), (3, 4)),
    ("gelu", lambda: nn.GELU(), (3, 4)),
    ("gelu_tanh", lambda: nn.GELU(approximate="tanh"), (3, 4)),
    ("dropout_train", lambda: nn.Dropout(0.5), (4, 5)),
    ("dropout_train_0.2", lambda: nn.Dropout(0.2), (40,)),
    ("dropout_eval", lambda: nn.Dropout(0.5).eval(), (4, 5)),
    ("embedding", lambda: nn.Embedding(10, 3), "idx"),
    ("layernorm", lambda: nn.LayerNorm(4), (3, 4)),
    ("layernorm_2d", lambda: nn.LayerNorm((3, 4)), (2, 3, 4)),
    ("layernorm_noaffine", lambda: nn.LayerNorm(4, elementwise_affine=False), (3, 4)),
    ("batchnorm_train", lambda: nn.BatchNorm1d(3), (5, 3)),
    ("batchnorm_train_3d", lambda: nn.BatchNorm1d(3), (2, 3, 4)),
    ("batchnorm_eval", lambda: nn.BatchNorm1d(3), (5, 3)),
]
out["layers"] = []
for name, build, shape in LAYERS:
    torch.manual_seed(0)
    m = build()
    # non-trivial affine parameters for the norm layers, so their gradients are tested
    if name.startswith(("layernorm", "batchnorm")) and "noaffine" not in name:
        with torch.no_grad():
            m.weight.copy_(torch.randn(m.weight.shape))
            m.bias.copy_(torch.randn(m.bias.shape))
    state0 = state(m)
    if name == "batchnorm_eval":
        m(torch.randn(6, 3) * 2 + 1)
        m(torch.randn(6, 3) - 0.5)
        m.eval()
    state_before = state(m)
    if shape == "idx":
        x = torch.tensor([[1, 2, 4], [4, 3, 9]])
    else:
        x = torch.randn(shape).requires_grad_()
    torch.manual_seed(3)
    y = m(x)
    w = torch.randn(y.shape)
    (y * w).sum().backward()
    case = {"id": name, "state0": state0, "state": state_before, "input": tens(x), "output": tens(y),
            "weight": tens(w), "grad_fn": type(y.grad_fn).__name__ if y.grad_fn else None,
            "repr": repr(m), "state_after": state(m),
            "param_grads": {k: tens(p.grad) for k, p in m.named_parameters() if p.grad is not None}}
    if x.is_floating_point():
        case["input_grad"] = tens(x.grad)
    out["layers"].append(case)

# ---- printing, names, state_dict -----------------------------------------------------------------------------


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(4, 8)
        self.act = nn.ReLU()
        self.drop = nn.Dropout(0.1)
        self.head = nn.Sequential(nn.Linear(8, 2), nn.LogSoftmax(dim=1))

    def forward(self, x):
        return self.head(self.drop(self.act(self.fc1(x))))


class Polynomial3(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = nn.Parameter(torch.randn(()))
        self.b = nn.Parameter(torch.randn(()))


REPRS = {
    "nested": lambda: nn.Sequential(nn.Sequential(nn.Linear(2, 2)), nn.ModuleList([nn.ReLU(), nn.Tanh()]), nn.Identity()),
    "net": Net,
    "poly": Polynomial3,
    "module_list_empty": lambda: nn.ModuleList(),
    "sequential_empty": lambda: nn.Sequential(),
    "misc": lambda: nn.Sequential(nn.Embedding(10, 3, padding_idx=0), nn.LayerNorm(3, eps=1e-6), nn.Dropout(p=0.25),
                                  nn.LeakyReLU(0.1), nn.GELU(approximate="tanh"), nn.Softmax(dim=-1),
                                  nn.BatchNorm1d(3, momentum=None, affine=False), nn.Unflatten(1, (3, 1)),
                                  nn.LogSoftmax(dim=0), nn.Sigmoid(), nn.Softmax()),
    "losses": lambda: nn.ModuleList([nn.MSELoss(), nn.L1Loss(reduction="sum"), nn.CrossEntropyLoss(label_smoothing=0.1),
                                     nn.NLLLoss(), nn.BCELoss(), nn.BCEWithLogitsLoss(), nn.KLDivLoss(reduction="batchmean"),
                                     nn.SmoothL1Loss(), nn.HuberLoss()]),
}
out["modules"] = []
for name, build in REPRS.items():
    torch.manual_seed(0)
    m = build()
    out["modules"].append({"id": name, "repr": repr(m), "parameters": [k for k, _ in m.named_parameters()],
                           "state_dict": list(m.state_dict().keys()),
                           "modules": [type(x).__name__ for x in m.modules()],
                           "children": [type(x).__name__ for x in m.children()],
                           "named_modules": [k for k, _ in m.named_modules()]})

errs = {}
try:
    nn.Linear(3, 2).load_state_dict({"weight": torch.zeros(2, 3)})
except RuntimeError as e:
    errs["missing"] = str(e)
try:
    nn.Linear(3, 2).load_state_dict({"weight": torch.zeros(2, 3), "bias": torch.zeros(2), "extra": torch.zeros(1)})
except RuntimeError as e:
    errs["unexpected"] = str(e)
try:
    nn.Linear(3, 2).load_state_dict({"weight": torch.zeros(3, 3), "bias": torch.zeros(2)})
except RuntimeError as e:
    errs["size"] = str(e)
try:
    nn.Linear(3, 2)(torch.zeros(4, 5))
except RuntimeError as e:
    errs["linear_shape"] = str(e)
try:
    nn.Sequential(nn.Linear(3, 2))[3]
except IndexError as e:
    errs["sequential_index"] = str(e)
try:
    nn.Module()(torch.zeros(1))
except NotImplementedError as e:
    errs["no_forward"] = str(e)
out["errors"] = errs

# ---- losses -------------------------------------------------------------------------------------------------
torch.manual_seed(11)
X = torch.randn(4, 5)
T = torch.randn(4, 5)
LBL = torch.tensor([1, 0, 4, 2])
PROBS = torch.softmax(torch.randn(4, 5), dim=1)
W5 = torch.rand(5) + 0.5
P = torch.sigmoid(torch.randn(4, 5))
Y01 = torch.rand(4, 5)
POSW = torch.rand(5) * 2
LOGP = torch.log_softmax(torch.randn(4, 5), dim=1)

LOSSES = [
    ("mse", lambda r: nn.MSELoss(reduction=r), X, T),
    ("l1", lambda r: nn.L1Loss(reduction=r), X, T),
    ("smooth_l1", lambda r: nn.SmoothL1Loss(reduction=r), X, T),
    ("smooth_l1_beta0.5", lambda r: nn.SmoothL1Loss(reduction=r, beta=0.5), X, T),
    ("huber", lambda r: nn.HuberLoss(reduction=r), X * 2, T),
    ("huber_delta0.7", lambda r: nn.HuberLoss(reduction=r, delta=0.7), X * 2, T),
    ("cross_entropy", lambda r: nn.CrossEntropyLoss(reduction=r), X, LBL),
    ("cross_entropy_weight", lambda r: nn.CrossEntropyLoss(weight=W5, reduction=r), X, LBL),
    ("cross_entropy_ignore", lambda r: nn.CrossEntropyLoss(ignore_index=4, reduction=r), X, LBL),
    ("cross_entropy_smooth", lambda r: nn.CrossEntropyLoss(label_smoothing=0.1, reduction=r), X, LBL),
    ("cross_entropy_smooth_weight", lambda r: nn.CrossEntropyLoss(weight=W5, label_smoothing=0.2, reduction=r), X, LBL),
    ("cross_entropy_probs", lambda r: nn.CrossEntropyLoss(reduction=r), X, PROBS),
    ("cross_entropy_probs_smooth", lambda r: nn.CrossEntropyLoss(label_smoothing=0.1, reduction=r), X, PROBS),
    ("cross_entropy_probs_weight", lambda r: nn.CrossEntropyLoss(weight=W5, reduction=r), X, PROBS),
    ("nll", lambda r: nn.NLLLoss(reduction=r), LOGP, LBL),
    ("nll_weight", lambda r: nn.NLLLoss(weight=W5, reduction=r), LOGP, LBL),
    ("nll_ignore", lambda r: nn.NLLLoss(ignore_index=0, reduction=r), LOGP, LBL),
    ("bce", lambda r: nn.BCELoss(reduction=r), P, Y01),
    ("bce_weight", lambda r: nn.BCELoss(weight=W5, reduction=r), P, Y01),
    ("bce_logits", lambda r: nn.BCEWithLogitsLoss(reduction=r), X, Y01),
    ("bce_logits_pos_weight", lambda r: nn.BCEWithLogitsLoss(pos_weight=POSW, reduction=r), X, Y01),
    ("bce_logits_weight", lambda r: nn.BCEWithLogitsLoss(weight=W5, reduction=r), X, Y01),
    ("kl_div", lambda r: nn.KLDivLoss(reduction=r), LOGP, PROBS),
]
out["loss_tensors"] = {"X": tens(X), "T": tens(T), "LBL": tens(LBL), "PROBS": tens(PROBS), "W5": tens(W5), "P": tens(P),
                       "Y01": tens(Y01), "POSW": tens(POSW), "LOGP": tens(LOGP)}
names = {id(X): "X", id(T): "T", id(LBL): "LBL", id(PROBS): "PROBS", id(P): "P", id(Y01): "Y01", id(LOGP): "LOGP"}
out["losses"] = []
for name, build, a, b in LOSSES:
    for r in ("none", "mean", "sum") + (("batchmean",) if name == "kl_div" else ()):
        x = a.clone().requires_grad_()
        crit = build(r)
        y = crit(x, b)
        g = torch.randn(y.shape) if r == "none" else torch.tensor(1.0)
        y.backward(g)
        out["losses"].append({"id": name, "reduction": r, "input": names.get(id(a), "X2"), "target": names[id(b)],
                              "output": tens(y), "grad": tens(g), "input_grad": tens(x.grad),
                              "grad_fn": type(y.grad_fn).__name__, "repr": repr(crit)})

# ---- optimizers: 50 steps on a small regression ------------------------------------------------------------------
torch.manual_seed(5)
DX = torch.randn(16, 3)
DY = torch.randn(16, 2)
lin0 = nn.Linear(3, 2)
out["optim_problem"] = {"x": tens(DX), "y": tens(DY), "state": state(lin0)}
OPT = [
    ("sgd", lambda p: torch.optim.SGD(p, lr=0.1)),
    ("sgd_momentum", lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.9)),
    ("sgd_dampening_wd", lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.9, dampening=0.1, weight_decay=0.01)),
    ("sgd_nesterov", lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.9, nesterov=True)),
    ("sgd_maximize", lambda p: torch.optim.SGD(p, lr=0.01, maximize=True)),
    ("adam", lambda p: torch.optim.Adam(p, lr=0.01)),
    ("adam_amsgrad_wd", lambda p: torch.optim.Adam(p, lr=0.02, weight_decay=0.1, amsgrad=True)),
    ("adam_betas_maximize", lambda p: torch.optim.Adam(p, lr=0.01, betas=(0.8, 0.9), eps=1e-6, maximize=True)),
    ("adamw", lambda p: torch.optim.AdamW(p, lr=0.01)),
    ("adamw_amsgrad", lambda p: torch.optim.AdamW(p, lr=0.02, weight_decay=0.1, amsgrad=True)),
    ("rmsprop", lambda p: torch.optim.RMSprop(p, lr=0.01)),
    ("rmsprop_centered_momentum", lambda p: torch.optim.RMSprop(p, lr=0.01, alpha=0.9, momentum=0.9, centered=True, weight_decay=0.1)),
    ("adagrad", lambda p: torch.optim.Adagrad(p, lr=0.1)),
    ("adagrad_decay", lambda p: torch.optim.Adagrad(p, lr=0.1, lr_decay=0.01, weight_decay=0.1, initial_accumulator_value=0.1, eps=1e-8)),
    ("sgd_groups", lambda p: torch.optim.SGD([{"params": [p[0]]}, {"params": [p[1]], "lr": 0.01}], lr=0.1, momentum=0.9)),
]
out["optim"] = []
for name, build in OPT:
    lin = nn.Linear(3, 2)
    lin.load_state_dict(lin0.state_dict())
    opt = build(list(lin.parameters()))
    losses, traj = [], []
    for step in range(50):
        opt.zero_grad()
        loss = F.mse_loss(lin(DX), DY)
        loss.backward()
        opt.step()
        losses.append(float(loss))
        traj.append(vals(lin.weight) + vals(lin.bias))
    sd = opt.state_dict()
    out["optim"].append({"id": name, "losses": losses, "params": traj,
                         "state_keys": sorted(sd["state"][0].keys()),
                         "groups": [{k: (v if k != "params" else v) for k, v in g.items()
                                     if not isinstance(v, (tuple,))} for g in sd["param_groups"]],
                         "repr": repr(opt)})

# ---- lr schedulers ------------------------------------------------------------------------------------------
SCHED = [
    ("step", lambda o: torch.optim.lr_scheduler.StepLR(o, step_size=7, gamma=0.5)),
    ("exponential", lambda o: torch.optim.lr_scheduler.ExponentialLR(o, gamma=0.9)),
    ("cosine", lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=10, eta_min=0.001)),
    ("cosine_5", lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=5)),
]
out["schedulers"] = []
for name, build in SCHED:
    p = nn.Parameter(torch.zeros(1))
    opt = torch.optim.SGD([p], lr=0.1)
    s = build(opt)
    lrs = [opt.param_groups[0]["lr"]]
    last = [s.get_last_lr()[0]]
    for _ in range(30):
        opt.step()
        s.step()
        lrs.append(opt.param_groups[0]["lr"])
        last.append(s.get_last_lr()[0])
    out["schedulers"].append({"id": name, "lrs": lrs, "last_lr": last})

# ---- data -------------------------------------------------------------------------------------------------------
torch.manual_seed(0)
out["random_int64"] = [int(torch.empty((), dtype=torch.int64).random_().item()) for _ in range(3)]
out["randperm"] = []
for n in (1, 2, 5, 10, 100):
    g = torch.Generator().manual_seed(n)
    out["randperm"].append({"n": n, "seed": n, "perm": torch.randperm(n, generator=g).tolist()})

ds = TensorDataset(torch.arange(10), torch.arange(10.0) * 10)
LOADERS = [
    ("plain_4", lambda g: DataLoader(ds, batch_size=4)),
    ("shuffle_3", lambda g: DataLoader(ds, batch_size=3, shuffle=True)),
    ("shuffle_3_drop", lambda g: DataLoader(ds, batch_size=3, shuffle=True, drop_last=True)),
    ("shuffle_4_generator", lambda g: DataLoader(ds, batch_size=4, shuffle=True, generator=g)),
    ("batch_1", lambda g: DataLoader(ds, shuffle=True)),
]
out["loaders"] = []
for name, build in LOADERS:
    torch.manual_seed(0)
    g = torch.Generator().manual_seed(7)
    dl = build(g)
    epochs = []
    for _ in range(2):
        epochs.append([[b[0].tolist(), vals(b[1])] for b in dl])
    out["loaders"].append({"id": name, "len": len(dl), "epochs": epochs, "next_rand": vals(torch.rand(1))})

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "nn.json")
with open(path, "w") as f:
    json.dump(out, f, indent=None, separators=(",", ":"), allow_nan=False)
print("wrote", path)
