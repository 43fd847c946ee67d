#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""The order a create_graph second backward runs its nodes in, recorded from PyTorch 1.13.1 with node pre-hooks: each
node's name and the strides of the gradients in its input buffer when it runs (SecondBackwardOrderOracleTest).

    OPENBLAS_CORETYPE=Haswell /usr/bin/python3 make_second_backward_order.py > second_backward_order.json

Under create_graph the first backward's formulas record nodes whose sequence numbers decide the order the second
backward runs them in (newest first), and so the order in which gradients meet in a node's input buffer and the
layout of their sum (old + new takes the first operand's layout), which the sum reducing a broadcast operand's
gradient then follows: fuzz cases wide 48016 and 51455 were up to 28 ulp off. Two orders decide it in 1.13: a
generated backward function computes its inputs' gradients in the alphabetical order of derivatives.yaml's names
(other before self; exponent before self), and Debian's GCC evaluates a C++ operator's operands right to left
(norm_backward's self.sgn() * self.abs().pow_(p - 1)...: the right operand's nodes first). Programs in the fuzz
languages (make_fuzz_more.run_step); loss and second loss weighted as fuzz_record.weighted_sum, float32 only.
"""
import json, sys
import torch

import fuzz_record
import make_fuzz_more

torch.set_num_threads(1)


def randn(shape, seed):
    g = torch.Generator().manual_seed(seed)
    spec = {"kind": "randn", "shape": list(shape), "dtype": "float32", "seed": seed, "grad": True, "view": None}
    return spec, torch.randn(tuple(shape), generator=g).requires_grad_()


def mask(shape, seed, p=0.4):
    g = torch.Generator().manual_seed(seed)
    spec = {"kind": "bool", "p": p, "shape": list(shape), "dtype": "bool", "seed": seed, "grad": False, "view": None}
    return spec, torch.empty(tuple(shape)).uniform_(0, 1, generator=g) < p


def programs():
    k = 0
    x, y = [33, 16, 5], [16, 5, 1]
    for reduce in (["vector_norm", [4], 0.5, [-2, 2, -3], False], ["vector_norm", [4], 1.5, [-2, 2, -3], False],
                   ["vector_norm", [4], 3, [-2, 2, -3], False], ["vector_norm", [4], 0.5, None, False]):
        # wide 48016 (its where) and the same with mul, div, pow: x permuted against a broadcast y, into a p-norm
        for op in ("where", "mul", "div", "pow_t"):
            k += 1
            leaves = [randn(x, 8100 + 10 * k), mask([16, 1, 33], 8101 + 10 * k), randn(y, 8102 + 10 * k)]
            binary = ["where", [1, 2, 3]] if op == "where" else [op, [1, 3]]
            prog = [["in", [], 0], ["permute", [0], [1, 2, 0]], ["in", [], 1], ["in", [], 2], binary, reduce]
            yield f"{op} into {reduce[0]} {reduce[2]} dims {reduce[3]}", k, leaves, prog
    # wide 51455: pow of an expanded |x| to a permuted y, into var, its maximum
    k += 1
    leaves = [randn([3, 97], 8900), randn([97, 129, 3], 8901)]
    prog = [["in", [], 0], ["unsqueeze", [0], 2], ["expand", [1], [3, 97, 129]], ["abs", [2]], ["in", [], 1],
            ["permute", [4], [2, 0, 1]], ["pow_t", [3, 5]], ["var_c", [6], [1, 2, 0], 3, False], ["max_all", [7]]]
    yield "pow of expanded |x| to permuted y into var", k, leaves, prog


def weighted(ts, seed, base):
    """fuzz_record.weighted_sum's loss as SweepTest.weightedLoss builds it: the first term itself, not 0 + term."""
    loss, seeds = None, []
    for k, t in enumerate(ts):
        if t is None or not t.requires_grad:
            seeds.append(None)
            continue
        s = seed * 100 + base + k
        w = torch.randn(tuple(t.shape), generator=torch.Generator().manual_seed(s))
        term = (t * w).sum()
        loss = term if loss is None else loss + term
        seeds.append(s)
    return loss, seeds


def order_of(loss2, inputs):
    order, seen = [], set()

    def walk(fn):
        stack = [fn]
        while stack:
            f = stack.pop()
            if f is None or f in seen:
                continue
            seen.add(f)
            f.register_prehook(lambda gs, name=f.name(): order.append(
                [name, [None if g is None else list(g.stride()) for g in gs]]))
            stack.extend(nf for nf, _ in f.next_functions)
    walk(loss2.grad_fn)
    torch.autograd.grad(loss2, inputs)
    return order


def case(name, seed, leaves, prog):
    inputs = [t for _, t in leaves]
    regs = []
    for s in prog:
        regs.append(make_fuzz_more.run_step(s, regs, inputs))
    loss, seeds = weighted([regs[-1]], seed, 50)
    diff = [t for t in inputs if t.requires_grad]
    gs = torch.autograd.grad(loss, diff, create_graph=True)
    loss2, seeds2 = weighted(gs, seed, 80)
    return {"name": name, "seed": seed, "inputs": [s for s, _ in leaves],
            "input_sha256": [fuzz_record.digest(*fuzz_record.bits_of(t)) for t in inputs], "prog": prog,
            "weight_seeds": seeds, "weight2_seeds": seeds2, "order": order_of(loss2, diff)}


if __name__ == "__main__":
    json.dump({"torch": torch.__version__, "threads": torch.get_num_threads(),
               "cases": [case(*p) for p in programs()]}, sys.stdout, separators=(",", ":"))
