"""PyTorch 1.13.1's bits for the losses on inputs big enough for every kernel path (vector blocks and scalar
tails, the nll cascade past 16 and 256 rows, ignored rows), in float32 and float64, every reduction: the loss and
the input's gradient for a recorded upstream gradient. One intra-op thread. Inputs are stored in "tensors" (float
values exact as JSON doubles); a case names them.
usage: /usr/bin/python3 make_losses.py > losses.json   (needs Debian's python3-torch 1.13.1)"""
import base64
import json
import warnings

import torch
import torch.nn.functional as F

assert torch.__version__.startswith("1.13"), torch.__version__
torch.set_num_threads(1)
torch.manual_seed(20261129)


warnings.simplefilter("ignore")  # kl_div's note on 'mean'


def tens(t):
    t = t.detach().contiguous()
    return {"shape": list(t.shape), "dtype": str(t.dtype).replace("torch.", ""),
            "b64": base64.b64encode(t.numpy().tobytes()).decode()}


N, C = 19, 29
tensors = {
    "X": torch.randn(N, C) * 3,
    "T": torch.randn(N, C) * 2,
    "P": torch.rand(N, C) * 0.98 + 0.01,
    "Y01": torch.rand(N, C),
    "W": torch.rand(C) + 0.5,
    "WP": torch.rand(N, C) + 0.5,
    "LBL": torch.randint(0, C, (N,)),
    "XB": torch.randn(300, 7) * 2,
    "LBLB": torch.randint(0, 7, (300,)),
    "WB": torch.rand(7) + 0.25,
    "X1": torch.randn(C),
    "L1": torch.tensor(5),
}
tensors["PROBS"] = torch.softmax(torch.randn(N, C), 1)
tensors["LOGP"] = torch.log_softmax(tensors["X"], 1)
tensors["LOGPB"] = torch.log_softmax(tensors["XB"], 1)
tensors["P"][0, :4] = torch.tensor([0.0, 1.0, 1e-30, 1 - 2 ** -24])  # the -100 clamp
tensors["LBL"][3] = 11  # ignored below
tensors["LBLB"][::13] = 2
for k in list(tensors):
    if tensors[k].is_floating_point():
        tensors[k + "64"] = tensors[k].double()

CASES = [
    # id, function, input, target, keyword arguments (tensor names as strings)
    ("mse", F.mse_loss, "X", "T", {}),
    ("l1", F.l1_loss, "X", "T", {}),
    ("smooth_l1", F.smooth_l1_loss, "X", "T", {}),
    ("smooth_l1_beta", F.smooth_l1_loss, "X", "T", {"beta": 0.7}),
    ("huber", F.huber_loss, "X", "T", {}),
    ("huber_delta", F.huber_loss, "X", "T", {"delta": 1.3}),
    ("bce", F.binary_cross_entropy, "P", "Y01", {}),
    ("bce_weight", F.binary_cross_entropy, "P", "Y01", {"weight": "WP"}),
    ("bce_logits", F.binary_cross_entropy_with_logits, "X", "Y01", {}),
    ("bce_logits_pos_weight", F.binary_cross_entropy_with_logits, "X", "Y01", {"pos_weight": "W"}),
    ("bce_logits_weight", F.binary_cross_entropy_with_logits, "X", "Y01", {"weight": "W"}),
    ("kl_div", F.kl_div, "LOGP", "PROBS", {}),
    ("kl_div_log_target", F.kl_div, "LOGP", "LOGP", {"log_target": True}),
    ("nll", F.nll_loss, "LOGP", "LBL", {}),
    ("nll_weight", F.nll_loss, "LOGP", "LBL", {"weight": "W"}),
    ("nll_ignore", F.nll_loss, "LOGP", "LBL", {"ignore_index": 11}),
    ("nll_weight_ignore", F.nll_loss, "LOGP", "LBL", {"weight": "W", "ignore_index": 11}),
    ("nll_big", F.nll_loss, "LOGPB", "LBLB", {}),
    ("nll_big_weight_ignore", F.nll_loss, "LOGPB", "LBLB", {"weight": "WB", "ignore_index": 2}),
    ("nll_1d", F.nll_loss, "X1", "L1", {}),
    ("cross_entropy", F.cross_entropy, "X", "LBL", {}),
    ("cross_entropy_weight", F.cross_entropy, "X", "LBL", {"weight": "W"}),
    ("cross_entropy_ignore", F.cross_entropy, "X", "LBL", {"ignore_index": 11}),
    ("cross_entropy_smooth", F.cross_entropy, "X", "LBL", {"label_smoothing": 0.1}),
    ("cross_entropy_probs", F.cross_entropy, "X", "PROBS", {}),
    ("cross_entropy_big", F.cross_entropy, "XB", "LBLB", {}),
    ("cross_entropy_1d", F.cross_entropy, "X1", "L1", {}),
]

out = {"tensors": {k: tens(v) for k, v in tensors.items()}, "cases": []}
for suffix in ("", "64"):
    def name(n):
        return n + suffix if tensors[n].is_floating_point() else n

    for cid, fn, a, b, kw in CASES:
        for red in ("none", "mean", "sum") if cid != "kl_div" else ("none", "mean", "sum", "batchmean"):
            x = tensors[name(a)].clone().requires_grad_()
            args = {k: (tensors[name(v)] if isinstance(v, str) else v) for k, v in kw.items()}
            y = fn(x, tensors[name(b)], reduction=red, **args)
            g = torch.randn(y.shape, dtype=y.dtype) if y.dim() > 0 else torch.tensor(0.75, dtype=y.dtype)
            y.backward(g)
            out["cases"].append({"id": cid, "dtype": "float64" if suffix else "float32", "reduction": red,
                                 "input": name(a), "target": name(b),
                                 "kwargs": {k: (name(v) if isinstance(v, str) else v) for k, v in kw.items()},
                                 "grad_fn": type(y.grad_fn).__name__, "grad": tens(g) if y.dim() > 0 else 0.75,
                                 "output": tens(y), "input_grad": tens(x.grad)})
print(json.dumps(out))
