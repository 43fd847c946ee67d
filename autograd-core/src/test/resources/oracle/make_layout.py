#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""The layout of element-wise results, recorded from PyTorch 1.13.1 (LayoutOracleTest replays it).

    /usr/bin/python3 make_layout.py > layout.json

PyTorch's TensorIterator lays an element-wise result out as its inputs lie in memory, clone()/*_like keep a dense
input's strides (preserve_format), .to(dtype) keeps a dense input's strides, and AccumulateGrad gives a dense leaf a
grad with its strides. Each case is a program in make_fuzz.py's register language plus a few ops of its own
(LAYOUT_OPS below; LayoutOracleTest.step mirrors them): every output's strides, is_contiguous(), grad_fn and bits,
the error of a last step PyTorch refuses (the view error), and for the registers named in "leaves" (leaves made by
"leaf" from a view) the strides and bits of .grad after backward of sum_k (out_k * w_k).sum().
"""
import json, sys
import torch
from make_fuzz import run_step, record, digest, bits_of, DT

torch.set_num_threads(1)


def layout_step(s, regs, inputs):
    name, a, p = s[0], [regs[i] for i in s[1]], s[2:]
    if name == "view": return a[0].view(*p[0])
    if name == "gt_s": return a[0] > p[0]
    if name == "lt": return a[0] < a[1]
    if name == "where": return torch.where(a[0], a[1], a[2])
    if name == "clamp": return a[0].clamp(p[0], p[1])
    if name == "zeros_like": return torch.zeros_like(a[0])
    if name == "ones_like": return torch.ones_like(a[0])
    if name == "leaf": return a[0].detach().requires_grad_()
    if name == "gelu": return torch.nn.functional.gelu(a[0])
    if name == "gelu_tanh": return torch.nn.functional.gelu(a[0], approximate="tanh")
    if name == "silu": return torch.nn.functional.silu(a[0])
    if name == "softplus": return torch.nn.functional.softplus(a[0])
    if name == "leaky_relu": return torch.nn.functional.leaky_relu(a[0], 0.1)
    if name == "elu": return torch.nn.functional.elu(a[0])
    if name == "hardtanh": return torch.nn.functional.hardtanh(a[0])
    if name == "sign": return a[0].sign()
    if name == "round": return a[0].round()
    if name == "remainder": return a[0].remainder(a[1])
    if name == "fmod_s": return a[0].fmod(p[0])
    if name == "sort_v": return a[0].sort(p[0], p[1]).values
    if name == "sort_i": return a[0].sort(p[0], p[1]).indices
    if name == "argsort": return a[0].argsort(p[0])
    if name == "topk_v": return a[0].topk(p[0], p[1]).values
    if name == "kthvalue_v": return a[0].kthvalue(p[0], p[1], keepdim=True).values
    if name == "to_i": return (a[0] * 4).to(torch.int64)
    if name == "remainder_i": return a[0].remainder(p[0])
    if name == "fmod_i": return a[0].fmod(p[0])
    if name == "clamp_i": return a[0].clamp(p[0], p[1])
    if name == "rand_like":
        torch.manual_seed(p[0])
        return torch.rand_like(a[0])
    if name == "randn_like":
        torch.manual_seed(p[0])
        return torch.randn_like(a[0])
    return run_step(s, regs, inputs)


def leaf_spec(shape, seed, dtype="float32", grad=False):
    return {"kind": "randn" if dtype == "float32" else "uniform", "lo": -3.0, "hi": 3.0, "shape": list(shape),
            "dtype": dtype, "seed": seed, "grad": grad, "view": None}


def make_input(spec):
    g = torch.Generator().manual_seed(spec["seed"])
    if spec["kind"] == "randn":
        t = torch.randn(tuple(spec["shape"]), generator=g, dtype=DT[spec["dtype"]])
    else:
        t = torch.empty(tuple(spec["shape"]), dtype=DT[spec["dtype"]]).uniform_(spec["lo"], spec["hi"], generator=g)
    return t.requires_grad_() if spec["grad"] else t


def case(name, shapes, prog, out, leaves=(), dtype="float32", grad=False, values=True, create_graph=False):
    seed0 = 1000 + len(CASES) * 10
    specs = []
    for k, sh in enumerate(shapes):
        dt = sh[1] if isinstance(sh, tuple) else dtype
        shp = sh[0] if isinstance(sh, tuple) else sh
        specs.append(leaf_spec(shp, seed0 + k, dt, grad))
    inputs = [make_input(s) for s in specs]
    c = {"name": name, "inputs": specs, "input_sha256": [digest(*bits_of(t)) for t in inputs], "prog": prog}
    if not values:
        c["compare_values"] = False  # layout only: the op's values over a non-contiguous input are a SweepGaps/FuzzGaps matter
    regs = []
    for i, s in enumerate(prog):
        try:
            regs.append(layout_step(s, regs, inputs))
        except RuntimeError as e:
            assert i == len(prog) - 1, (name, e)
            c["error"] = {"type": type(e).__name__, "text": str(e).split("\n")[0]}
            CASES.append(c)
            return
    c["out"] = out
    c["outputs"] = []
    for i in out:
        o = regs[i]
        rec = record(o) if o.is_floating_point() else {"dtype": str(o.dtype).replace("torch.", ""), "shape": list(o.shape),
                                                        "values": o.detach().contiguous().reshape(-1).long().tolist()}
        rec.update({"stride": list(o.stride()), "contiguous": o.is_contiguous(),
                    "grad_fn": None if o.grad_fn is None else type(o.grad_fn).__name__})
        c["outputs"].append(rec)
    if leaves:
        c["leaves"] = list(leaves)
        c["weight_seeds"] = []
        loss = 0
        for k, i in enumerate(out):
            gen = torch.Generator().manual_seed(seed0 + 50 + k)
            if regs[i].dtype == torch.float32:  # as SweepTest.weightedLoss draws them
                w = torch.randn(tuple(regs[i].shape), generator=gen)
            else:
                w = torch.empty(tuple(regs[i].shape)).uniform_(-1, 1, generator=gen).to(regs[i].dtype)
            loss = loss + (regs[i] * w).sum()
            c["weight_seeds"].append(seed0 + 50 + k)
        loss.backward(create_graph=create_graph)
        if create_graph:
            c["create_graph"] = True
        c["leaf_grads"] = []
        for i in leaves:
            gr = regs[i].grad
            rec = record(gr)
            rec["stride"] = list(gr.stride())
            if create_graph:
                rec["grad_fn"] = None if gr.grad_fn is None else type(gr.grad_fn).__name__
            c["leaf_grads"].append(rec)
    CASES.append(c)


CASES = []
# activations whose values (forward or backward) over a non-contiguous input still differ from PyTorch's in the last
# bits: another evaluation order than PyTorch's vectorized kernels; their layout is compared, not their values
VALUE_GAPS = {"gelu", "gelu_tanh", "silu", "softplus", "elu"}


def cases():
    # unary ops over one input's layout (fast setup: a dense input's strides; general: sorted by its strides)
    case("exp of t", [[5, 7]], [["in", [], 0], ["t", [0]], ["exp", [1]]], [2])
    case("sin of permute", [[3, 4, 5]], [["in", [], 0], ["permute", [0], [2, 0, 1]], ["sin", [1]]], [2])
    case("neg of permute float64", [[3, 4, 5]], [["in", [], 0], ["permute", [0], [1, 2, 0]], ["neg", [1]]], [2], dtype="float64")
    case("exp of t float64", [[6, 9]], [["in", [], 0], ["t", [0]], ["exp", [1]], ["sigmoid", [2]]], [2, 3], dtype="float64")
    case("exp of stepped", [[6, 8]], [["in", [], 0], ["slice", [0], 1, 0, 8, 2], ["exp", [1]]], [2])
    case("exp of stepped t", [[8, 6]], [["in", [], 0], ["t", [0]], ["slice", [1], 1, 0, 8, 2], ["exp", [2]]], [3])
    case("exp of stepped permute", [[4, 6, 5]], [["in", [], 0], ["permute", [0], [2, 0, 1]], ["slice", [1], 2, 0, 6, 2], ["tanh", [2]]], [3])
    case("exp of narrow t", [[6, 5]], [["in", [], 0], ["t", [0]], ["narrow", [1], 1, 1, 3], ["exp", [2]]], [3])
    case("exp of expanded row", [[5]], [["in", [], 0], ["unsqueeze", [0], 0], ["expand", [1], [4, 5]], ["exp", [2]]], [3])
    case("exp of expanded column", [[5]], [["in", [], 0], ["unsqueeze", [0], 1], ["expand", [1], [5, 4]], ["exp", [2]]], [3])
    case("exp of expanded t", [[3, 5]], [["in", [], 0], ["t", [0]], ["unsqueeze", [1], 0], ["expand", [2], [2, 5, 3]], ["exp", [3]]], [4])
    case("exp of size-1 permute", [[3, 1, 4]], [["in", [], 0], ["permute", [0], [2, 1, 0]], ["exp", [1]]], [2])
    case("exp of t of a row", [[1, 5]], [["in", [], 0], ["t", [0]], ["exp", [1]]], [2])
    case("exp of t of a column", [[4, 1]], [["in", [], 0], ["t", [0]], ["exp", [1]]], [2])
    case("exp of unsqueezed t", [[4, 6]], [["in", [], 0], ["t", [0]], ["unsqueeze", [1], 1], ["exp", [2]]], [3])
    case("channels-last exp", [[2, 4, 5, 3]], [["in", [], 0], ["permute", [0], [0, 3, 1, 2]], ["exp", [1]], ["mul_s", [1], 2.0]], [2, 3])
    case("big t exp", [[181, 183]], [["in", [], 0], ["t", [0]], ["exp", [1]], ["sum_all", [2]]], [2, 3])
    case("big permute sin", [[33, 33, 33]], [["in", [], 0], ["permute", [0], [2, 0, 1]], ["sin", [1]], ["sum", [2], [0, 2], False]], [2, 3])
    # scalar ops: the wrapped number never decides
    case("mul_s of t", [[5, 7]], [["in", [], 0], ["t", [0]], ["mul_s", [1], 2.0]], [2])
    case("add_s of permute", [[3, 4, 5]], [["in", [], 0], ["permute", [0], [0, 2, 1]], ["add_s", [1], 0.7]], [2])
    case("sub_s of stepped t", [[8, 6]], [["in", [], 0], ["t", [0]], ["slice", [1], 0, 1, 6, 2], ["sub_s", [2], 1.5]], [3])
    case("mul_s of size-1 permute", [[3, 1, 4]], [["in", [], 0], ["permute", [0], [1, 2, 0]], ["mul_s", [1], 3]], [2])
    case("pow of t", [[5, 7]], [["in", [], 0], ["t", [0]], ["square", [1]], ["pow1.5", [1]]], [2])
    # two and three inputs: sorted by the inputs in order, ties to the first
    case("t plus contiguous", [[5, 7], [7, 5]], [["in", [], 0], ["t", [0]], ["in", [], 1], ["add", [1, 2]]], [3])
    case("contiguous plus t", [[7, 5], [5, 7]], [["in", [], 0], ["in", [], 1], ["t", [1]], ["add", [0, 2]]], [3])
    case("t times t", [[5, 7], [5, 7]], [["in", [], 0], ["t", [0]], ["in", [], 1], ["t", [2]], ["mul", [1, 3]]], [4])
    case("permute minus other permute", [[3, 4, 5], [5, 4, 3]], [["in", [], 0], ["permute", [0], [2, 0, 1]], ["in", [], 1], ["permute", [2], [0, 2, 1]], ["sub", [1, 3]]], [4])
    case("t plus row", [[5, 7], [5]], [["in", [], 0], ["t", [0]], ["in", [], 1], ["add", [1, 2]]], [3])
    case("row plus t", [[5], [5, 7]], [["in", [], 0], ["in", [], 1], ["t", [1]], ["add", [0, 2]]], [3])
    case("column times row", [[5, 1], [1, 7]], [["in", [], 0], ["in", [], 1], ["mul", [0, 1]]], [2])
    case("t column times row", [[1, 5], [1, 7]], [["in", [], 0], ["t", [0]], ["in", [], 1], ["mul", [1, 2]]], [3])
    case("expanded plus t", [[7], [5, 7]], [["in", [], 0], ["unsqueeze", [0], 1], ["expand", [1], [7, 5]], ["in", [], 1], ["t", [3]], ["add", [2, 4]]], [5])
    case("stepped plus t", [[7, 10], [5, 7]], [["in", [], 0], ["slice", [0], 1, 0, 10, 2], ["in", [], 1], ["t", [2]], ["add", [1, 3]]], [4])
    case("t stepped plus contiguous", [[10, 7], [7, 5]], [["in", [], 0], ["t", [0]], ["slice", [1], 1, 0, 10, 2], ["in", [], 1], ["div", [2, 3]]], [4])
    case("permute plus broadcast", [[3, 4, 5], [3, 1]], [["in", [], 0], ["permute", [0], [2, 0, 1]], ["in", [], 1], ["mul", [1, 2]]], [3])
    case("atan2 of permute", [[31, 7, 9], [9, 7, 31]], [["in", [], 0], ["permute", [0], [2, 1, 0]], ["in", [], 1], ["atan2", [1, 2]]], [3])
    case("atan2 of permute float64", [[31, 7, 9], [9, 7, 31]], [["in", [], 0], ["permute", [0], [2, 1, 0]], ["in", [], 1], ["atan2", [1, 2]]], [3], dtype="float64")
    case("maximum of t and t", [[5, 7], [7, 5]], [["in", [], 0], ["t", [0]], ["in", [], 1], ["maximum", [2, 1]]], [3])
    case("mixed dtypes t", [([5, 7], "float32"), ([7, 5], "float64")], [["in", [], 0], ["t", [0]], ["in", [], 1], ["add", [1, 2]]], [3])
    case("mixed dtypes stepped", [([6, 10], "float32"), ([6, 5], "float64")], [["in", [], 0], ["slice", [0], 1, 0, 10, 2], ["in", [], 1], ["t", [2]], ["t", [3]], ["mul", [1, 4]]], [5])
    # comparisons, where, clamp, conversions
    case("gt of t", [[5, 7]], [["in", [], 0], ["t", [0]], ["gt_s", [1], 0.0]], [2])
    case("lt of t and contiguous", [[5, 7], [7, 5]], [["in", [], 0], ["t", [0]], ["in", [], 1], ["lt", [1, 2]]], [3])
    case("where of t", [[5, 7], [7, 5]], [["in", [], 0], ["t", [0]], ["gt_s", [1], 0.0], ["in", [], 1], ["where", [2, 1, 3]]], [4])
    case("where cond contiguous", [[7, 5], [5, 7]], [["in", [], 0], ["gt_s", [0], 0.0], ["in", [], 1], ["t", [2]], ["where", [1, 0, 3]]], [4])
    case("clamp of t", [[5, 7]], [["in", [], 0], ["t", [0]], ["clamp", [1], -0.5, 0.5]], [2])
    case("clamp of permute", [[3, 4, 5]], [["in", [], 0], ["permute", [0], [1, 2, 0]], ["clamp", [1], -0.5, 0.5]], [2])
    case("to float64 of t", [[5, 7]], [["in", [], 0], ["t", [0]], ["to", [1], "float64"]], [2])
    case("to float64 of stepped t", [[8, 6]], [["in", [], 0], ["t", [0]], ["slice", [1], 1, 0, 8, 2], ["to", [2], "float64"]], [3])
    case("to float32 of permute", [[3, 4, 5]], [["in", [], 0], ["permute", [0], [2, 0, 1]], ["to", [1], "float32"]], [2], dtype="float64")
    # clone keeps a dense layout (and a non-dense one's order), contiguous() does not
    case("clone of t", [[5, 7]], [["in", [], 0], ["t", [0]], ["clone", [1]]], [2])
    case("clone of permute", [[3, 4, 5]], [["in", [], 0], ["permute", [0], [2, 0, 1]], ["clone", [1]]], [2])
    case("clone of stepped", [[6, 8]], [["in", [], 0], ["slice", [0], 1, 0, 8, 2], ["clone", [1]]], [2])
    case("clone of stepped t", [[8, 6]], [["in", [], 0], ["t", [0]], ["slice", [1], 1, 0, 8, 2], ["clone", [2]]], [3])
    case("clone of stepped permute", [[4, 6, 5]], [["in", [], 0], ["permute", [0], [2, 0, 1]], ["slice", [1], 2, 0, 6, 2], ["clone", [2]]], [3])
    case("clone of expanded", [[5]], [["in", [], 0], ["unsqueeze", [0], 1], ["expand", [1], [5, 4]], ["clone", [2]]], [3])
    case("clone of size-1 t", [[4, 1]], [["in", [], 0], ["t", [0]], ["clone", [1]]], [2])
    case("contiguous of t", [[5, 7]], [["in", [], 0], ["t", [0]], ["contiguous", [1]]], [2])
    case("contiguous of exp of t", [[5, 7]], [["in", [], 0], ["t", [0]], ["exp", [1]], ["contiguous", [2]]], [3])
    case("zeros_like of t", [[5, 7]], [["in", [], 0], ["t", [0]], ["zeros_like", [1]], ["ones_like", [1]]], [2, 3])
    case("ones_like of stepped t", [[8, 6]], [["in", [], 0], ["t", [0]], ["slice", [1], 1, 0, 8, 2], ["ones_like", [2]]], [3])
    # activations and other element-wise math, and their backward formulas (grads of a transposed leaf)
    for op in ["relu", "erf", "atan", "expm1", "floor", "gelu", "gelu_tanh", "silu", "softplus", "leaky_relu", "elu", "hardtanh", "sign", "round"]:
        v = op not in VALUE_GAPS
        case(op + " of t", [[5, 7]], [["in", [], 0], ["t", [0]], ["leaf", [1]], [op, [2]]], [3], leaves=[2], values=v)
        case(op + " of permute float64", [[3, 4, 5]], [["in", [], 0], ["permute", [0], [2, 0, 1]], ["leaf", [1]], [op, [2]]], [3], leaves=[2], dtype="float64", values=v)
    case("remainder of t and t", [[5, 7], [5, 7]], [["in", [], 0], ["t", [0]], ["in", [], 1], ["t", [2]], ["remainder", [1, 3]]], [4])
    case("fmod of permute", [[3, 4, 5]], [["in", [], 0], ["permute", [0], [1, 2, 0]], ["fmod_s", [1], 0.7]], [2])
    # .view after: PyTorch's view error where the result is laid out as x.t()
    case("view of t times 2", [[5, 7]], [["in", [], 0], ["t", [0]], ["mul_s", [1], 2], ["view", [2], [-1]]], [])
    case("view of contiguous times 2", [[5, 7]], [["in", [], 0], ["mul_s", [0], 2], ["view", [1], [-1]]], [1, 2])
    case("view of clone of t", [[5, 7]], [["in", [], 0], ["t", [0]], ["clone", [1]], ["view", [2], [-1]]], [])
    case("view of exp of t split", [[6, 4]], [["in", [], 0], ["t", [0]], ["exp", [1]], ["view", [2], [2, 2, 6]]], [2, 3])
    case("view of exp of t merge", [[6, 4]], [["in", [], 0], ["t", [0]], ["exp", [1]], ["view", [2], [24]]], [])
    case("view of contiguous of exp of t", [[6, 4]], [["in", [], 0], ["t", [0]], ["exp", [1]], ["contiguous", [2]], ["view", [3], [24]]], [3, 4])
    case("view of sum of t", [[5, 7], [7, 5]], [["in", [], 0], ["t", [0]], ["in", [], 1], ["add", [1, 2]], ["view", [3], [-1]]], [])
    case("view of t plus contiguous t", [[7, 5], [5, 7]], [["in", [], 0], ["in", [], 1], ["t", [1]], ["add", [0, 2]], ["view", [3], [-1]]], [3, 4])
    # grads: AccumulateGrad gives a dense leaf a grad with its strides, a non-dense one a contiguous grad
    case("grad of t leaf", [[5, 7]], [["in", [], 0], ["t", [0]], ["leaf", [1]], ["exp", [2]]], [3], leaves=[2])
    case("grad of permuted leaf", [[3, 4, 5]], [["in", [], 0], ["permute", [0], [2, 0, 1]], ["leaf", [1]], ["sin", [2]], ["mul_s", [3], 2.0]], [4], leaves=[2])
    case("grad of permuted leaf times contiguous", [[3, 4, 5], [5, 3, 4]], [["in", [], 0], ["permute", [0], [2, 0, 1]], ["leaf", [1]], ["in", [], 1], ["mul", [3, 2]]], [4], leaves=[2])
    case("grad of permuted leaf sum", [[3, 4, 5]], [["in", [], 0], ["permute", [0], [1, 2, 0]], ["leaf", [1]], ["sum_all", [2]]], [3], leaves=[2])
    case("grad of stepped leaf", [[6, 8]], [["in", [], 0], ["slice", [0], 1, 0, 8, 2], ["leaf", [1]], ["exp", [2]]], [3], leaves=[2])
    case("grad of t leaf float64", [[5, 7]], [["in", [], 0], ["t", [0]], ["leaf", [1]], ["tanh", [2]], ["add", [3, 2]]], [4], leaves=[2], dtype="float64")
    case("grad of contiguous leaf through t", [[5, 7]], [["in", [], 0], ["leaf", [0]], ["t", [1]], ["exp", [2]]], [3], leaves=[1])
    # sort keeps a dense input's strides (values and indices), else infer_dense_strides; topk/kthvalue are row-major
    case("sort of t", [[5, 7]], [["in", [], 0], ["t", [0]], ["leaf", [1]], ["sort_v", [2], 1, False], ["sort_i", [2], 1, True], ["mul_s", [3], 2.0]], [3, 4, 5], leaves=[2])
    case("sort of permute", [[3, 4, 5]], [["in", [], 0], ["permute", [0], [2, 0, 1]], ["sort_v", [1], 2, True], ["sort_i", [1], 0, False], ["exp", [2]]], [2, 3, 4])
    case("sort of stepped t", [[8, 6]], [["in", [], 0], ["t", [0]], ["slice", [1], 1, 0, 8, 2], ["sort_v", [2], 1, False], ["sort_i", [2], 0, False]], [3, 4])
    case("sort of expanded column", [[5]], [["in", [], 0], ["unsqueeze", [0], 1], ["expand", [1], [5, 4]], ["sort_v", [2], 0, False], ["argsort", [2], 1]], [3, 4])
    case("argsort of t float64", [[6, 9]], [["in", [], 0], ["t", [0]], ["argsort", [1], 0]], [2], dtype="float64")
    case("topk and kthvalue of t", [[6, 9]], [["in", [], 0], ["t", [0]], ["topk_v", [1], 3, 1], ["kthvalue_v", [1], 2, 0]], [2, 3])
    # integer remainder/fmod/clamp keep the layout like any element-wise op
    case("integer remainder fmod clamp of t", [[5, 7]], [["in", [], 0], ["t", [0]], ["to_i", [1]], ["remainder_i", [2], 3], ["fmod_i", [2], -3], ["clamp_i", [2], -2, 2]], [2, 3, 4, 5])
    case("integer remainder of permute", [[3, 4, 5]], [["in", [], 0], ["permute", [0], [2, 0, 1]], ["to_i", [1]], ["remainder_i", [2], -4], ["clamp_i", [3], 0, 1]], [3, 4])
    # rand_like/randn_like: empty_like (preserve_format), then filled in memory order (randn: the serial path
    # unless the result is contiguous and has 16 elements or more)
    case("rand_like of t", [[5, 7]], [["in", [], 0], ["t", [0]], ["rand_like", [1], 7]], [2])
    case("randn_like of t", [[5, 7]], [["in", [], 0], ["t", [0]], ["randn_like", [1], 8]], [2])
    case("randn_like of small permute", [[2, 2, 3]], [["in", [], 0], ["permute", [0], [2, 0, 1]], ["randn_like", [1], 9]], [2])
    # float64: the serial path's r * cos/sin with glibc's sin/cos (Generator.normalDouble, math/Glibc64Trig)
    case("randn_like of t float64", [[5, 7]], [["in", [], 0], ["t", [0]], ["randn_like", [1], 10]], [2], dtype="float64")
    case("rand_like of stepped", [[6, 8]], [["in", [], 0], ["slice", [0], 1, 0, 8, 2], ["rand_like", [1], 11], ["randn_like", [1], 12]], [2, 3])
    case("randn_like of t of a row", [[1, 20]], [["in", [], 0], ["t", [0]], ["randn_like", [1], 13]], [2])
    # AccumulateGrad under create_graph: clone_obey_contract (a dense leaf's strides through CopyBackwards, else a
    # contiguous CloneBackward0)
    case("create_graph grad of t leaf", [[5, 7]], [["in", [], 0], ["t", [0]], ["leaf", [1]], ["exp", [2]]], [3], leaves=[2], create_graph=True)
    case("create_graph grad of contiguous leaf through t", [[5, 7]], [["in", [], 0], ["leaf", [0]], ["t", [1]], ["mul", [2, 2]]], [3], leaves=[1], create_graph=True)
    case("create_graph grad of stepped leaf", [[6, 8]], [["in", [], 0], ["slice", [0], 1, 0, 8, 2], ["leaf", [1]], ["sin", [2]]], [3], leaves=[2], create_graph=True)
    case("create_graph grad of permuted leaf sum", [[3, 4, 5]], [["in", [], 0], ["permute", [0], [1, 2, 0]], ["leaf", [1]], ["sum_all", [2]]], [3], leaves=[2], create_graph=True)


def main():
    cases()
    json.dump({"torch": torch.__version__, "threads": torch.get_num_threads(), "cases": CASES}, sys.stdout, separators=(",", ":"))
    print(f"{len(CASES)} cases, {sum('error' in c for c in CASES)} errors", file=sys.stderr)


if __name__ == "__main__":
    main()
