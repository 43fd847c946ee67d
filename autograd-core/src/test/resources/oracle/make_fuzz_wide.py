#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""The wide differential fuzzer: make_fuzz.py's programs over the ops that one never generates, recorded from 1.13.1.

Run with Debian's python3-torch (one intra-op thread):
    /usr/bin/python3 make_fuzz_wide.py FIRST COUNT [SEED...] > fuzz_wide.json
    (the committed corpus: make_fuzz_wide.py 1 250 313 370 674 902 933 1012 1017 1020 1390 1499 1960 280 972 359
    1426 553 1234 402 1282 1577 1581 590 973 1170 1324 432 756 1815 1973 2557 2810 2083 4024 4925 5842 4492 4731 5736 5233 4202 5583 6478 7543 7284 8365 9999 10862 13847 14135 14663 20990 29162 30626 48016 51455; the recording code is fuzz_record.py's, shared with
    make_fuzz.py)

make_fuzz.py's language and format (its cases stay as they are: a new op there would change every seed's program),
plus, here, case "wide k" from random.Random(k):
  - scans and orderings: cumsum, cumprod, sort / topk / kthvalue / median values and indices, argmax / argmin,
    max(dim) values and indices
  - indexing: gather, scatter (a value), scatter_add, index_select, index_add (alpha), masked_fill, where (tensor or
    scalar other), with int64 index inputs (kind "int") and bool masks (kind "bool")
  - clamp / clamp_min / clamp_max, pow with a scalar exponent (int or float), a tensor exponent, a scalar base
  - norms: p = 0, 1, 3, 0.5, inf, -inf, "fro", linalg.vector_norm; var / std with a correction
  - integer and bool tensors and type promotion: int64/int32/bool leaves, binary ops mixing them with float tensors
    and Python scalars, comparisons (bool results), sums of ints and bools (int64), to(dtype)
  - in-place ops on views (masked_fill_, clamp_, index_add_, scatter_add_, cumsum_ ... on a narrow/select/transpose
    of a clone): every output records its version counter ("version")
  - autograd.grad with create_graph: "grad_fns" (the first gradients' grad_fn names) and "grads2" (the gradients
    of sum_k (g_k * v_k).sum(), v_k from "weight2_seeds") or "grad2_error"
"""
import torch

import fuzz_record
import make_fuzz as F
from make_fuzz import DT
from fuzz_record import bits_of, digest, record

torch.set_num_threads(1)

DT = dict(DT, int64=torch.int64, int32=torch.int32, bool=torch.bool)
INF = float("inf")


def norm_p(p):
    return {"inf": INF, "-inf": -INF}.get(p, p) if isinstance(p, str) else p


# ---- the wide ops (FuzzProgram.java mirrors them) ------------------------------------------------------------------
def wide_step(name, a, p):
    x = a[0] if a else None
    y = a[1] if len(a) > 1 else None
    z = a[2] if len(a) > 2 else None
    if name == "cumprod": return x.cumprod(p[0])
    if name == "sort_v": return x.sort(p[0], p[1]).values
    if name == "sort_i": return x.sort(p[0], p[1]).indices
    if name == "topk_v": return x.topk(p[0], p[1], p[2]).values
    if name == "topk_i": return x.topk(p[0], p[1], p[2]).indices
    if name == "kthvalue_v": return x.kthvalue(p[0], p[1], p[2]).values
    if name == "kthvalue_i": return x.kthvalue(p[0], p[1], p[2]).indices
    if name == "median_v": return x.median(p[0], p[1]).values
    if name == "median_all": return x.median()
    if name == "max_v": return x.max(p[0], p[1]).values
    if name == "max_i": return x.max(p[0], p[1]).indices
    if name == "min_v": return x.min(p[0], p[1]).values
    if name == "argmax": return x.argmax(p[0], p[1])
    if name == "argmin": return x.argmin(p[0], p[1])
    if name == "argmax_all": return x.argmax()
    if name == "max_all": return x.max()
    if name == "gather": return x.gather(p[0], y)
    if name == "scatter_v": return x.scatter(p[0], y, p[1])
    if name == "scatter_add": return x.scatter_add(p[0], y, z)
    if name == "index_select": return x.index_select(p[0], y)
    if name == "index_add": return x.index_add(p[0], y, z, alpha=p[1])
    if name == "masked_fill": return x.masked_fill(y, p[0])
    if name == "where": return torch.where(y, x, z)
    if name == "where_s": return torch.where(y, x, p[0])
    if name == "clamp": return x.clamp(p[0], p[1])
    if name == "clamp_min": return x.clamp_min(p[0])
    if name == "clamp_max": return x.clamp_max(p[0])
    if name == "pow_s": return x.pow(p[0])
    if name == "pow_t": return x.pow(y)
    if name == "rpow_s": return torch.pow(p[0], x)
    if name == "norm_p": return x.norm(norm_p(p[0]), p[1], keepdim=p[2])
    if name == "norm_fro": return x.norm("fro", p[0], keepdim=p[1])
    if name == "vector_norm": return torch.linalg.vector_norm(x, norm_p(p[0]), p[1], keepdim=p[2])
    if name == "var_c": return x.var(p[0], correction=p[1], keepdim=p[2])
    if name == "std_c": return x.std(p[0], correction=p[1], keepdim=p[2])
    if name == "gt": return x > y
    if name == "le": return x <= y
    if name == "eq_s": return x == p[0]
    if name == "lt_s": return x < p[0]
    if name == "logical_and": return torch.logical_and(x, y)
    if name == "logical_not": return torch.logical_not(x)
    if name == "sum_int": return x.sum()
    if name == "sum_dim": return x.sum(p[0], keepdim=p[1])
    if name == "mean_int": return x.mean()
    if name == "todt": return x.to(DT[p[0]])
    if name == "masked_fill_": return x.masked_fill_(y, p[0])
    if name == "clamp_s_": return x.clamp_(p[0], p[1])
    if name == "index_add_": return x.index_add_(p[0], y, z)
    if name == "scatter_add_": return x.scatter_add_(p[0], y, z)
    if name == "sub_s_": return x.sub_(p[0])
    if name == "div_s_": return x.div_(p[0])
    if name == "abs_": return x.abs_()
    if name == "floor_": return x.floor_()
    raise KeyError(name)


def run_step(step, regs, inputs):
    name, args, p = step[0], [regs[i] for i in step[1]], step[2:]
    try:
        return wide_step(name, args, p)
    except KeyError:
        return F.run_step(step, regs, inputs)


class Wide(F.Gen):
    def step(self, *s, pos=False):
        s = list(s)
        try:
            res = run_step(s, self.regs, self.inputs)
        except Exception:
            self.failed = s
            raise
        self.regs.append(res)
        self.prog.append(s)
        self.pos.append(pos)
        return len(self.regs) - 1

    def int_leaf(self, shape, lo, hi, dtype="int64"):
        """An integer leaf: floor(uniform(lo, hi)) as make_sweep's "int" kind (an index when lo = 0)."""
        seed = self.seed * 100 + len(self.specs) + 1
        g = torch.Generator().manual_seed(seed)
        t = torch.empty(tuple(shape)).uniform_(lo, hi, generator=g).floor().to(DT[dtype])
        self.specs.append({"kind": "int", "lo": lo, "hi": hi, "shape": list(shape), "dtype": dtype, "seed": seed,
                           "grad": False, "view": None})
        self.inputs.append(t)
        return self.step("in", [], len(self.inputs) - 1)

    def bool_leaf(self, shape, p=0.4):
        seed = self.seed * 100 + len(self.specs) + 1
        g = torch.Generator().manual_seed(seed)
        t = torch.empty(tuple(shape)).uniform_(0, 1, generator=g) < p
        self.specs.append({"kind": "bool", "p": p, "shape": list(shape), "dtype": "bool", "seed": seed, "grad": False,
                           "view": None})
        self.inputs.append(t)
        return self.step("in", [], len(self.inputs) - 1)

    def small_shape(self):
        r = self.r
        if r.random() < 0.06:
            return list(r.choice([[40001], [181, 183], [3, 97, 129]]))
        rank = r.choice([1, 1, 2, 2, 2, 3, 3])
        return [r.choice([1, 2, 3, 5, 7, 8, 16, 17, 33]) for _ in range(rank)]

    def shape_of(self, x):
        return list(self.regs[x].shape)

    def a_dim(self, x):
        n = self.regs[x].dim()
        return self.r.randrange(-n, n) if n else 0

    # ---- op families -----------------------------------------------------------------------------------------------
    def ordering(self, x):
        r, t = self.r, self.regs[x]
        if t.dim() == 0:
            return self.step(r.choice(["argmax_all", "max_all", "median_all"]), [x])
        d = self.a_dim(x)
        size = t.shape[d]
        keep = r.random() < 0.4
        kind = r.choice(["sort", "topk", "kthvalue", "median", "max", "min", "argmax", "argmin", "argmax_all",
                         "max_all", "median_all", "cumsum", "cumprod"])
        if kind == "sort": return self.step(r.choice(["sort_v", "sort_i"]), [x], d, r.random() < 0.5)
        if kind == "topk": return self.step(r.choice(["topk_v", "topk_v", "topk_i"]), [x], r.randint(1, size), d, r.random() < 0.7)
        if kind in ("kthvalue", "median") and 0 in t.stride():
            # 1.13's median/kthvalue over an expanded input read past its storage (garbage values): a copy first
            x = self.step("contiguous", [x])
        if kind == "kthvalue": return self.step(r.choice(["kthvalue_v", "kthvalue_i"]), [x], r.randint(1, size), d, keep)
        if kind == "median": return self.step("median_v", [x], d, keep)
        if kind == "max": return self.step(r.choice(["max_v", "max_i"]), [x], d, keep)
        if kind == "min": return self.step("min_v", [x], d, keep)
        if kind in ("argmax", "argmin"): return self.step(kind, [x], d, keep)
        if kind in ("argmax_all", "max_all", "median_all"): return self.step(kind, [x])
        if kind == "cumsum": return self.step("cumsum", [x], d)
        return self.step("cumprod", [x], d)

    def indexing(self, x):
        r, shape = self.r, self.shape_of(x)
        n = len(shape)
        if n == 0:
            return self.step("where_s", [x, self.bool_leaf([])], r.choice([0.0, -1.5]))
        d = self.a_dim(x)
        size = shape[d]
        kind = r.choice(["gather", "scatter_v", "scatter_add", "index_select", "index_add", "masked_fill", "where",
                         "where_s"])
        if kind == "gather":
            ishape = [r.randint(1, s) for s in shape]
            ishape[d] = r.randint(1, size + 2)
            return self.step("gather", [x, self.int_leaf(ishape, 0, size)], d)
        if kind in ("scatter_v", "scatter_add"):
            ishape = [r.randint(1, s) for s in shape]
            idx = self.int_leaf(ishape, 0, size)
            if kind == "scatter_v":
                return self.step("scatter_v", [x, idx], d, r.choice([0.0, 2.5, -1.0]))
            return self.step("scatter_add", [x, idx, self.operand(ishape)], d)
        if kind in ("index_select", "index_add"):
            k = r.randint(1, size + 2)
            idx = self.int_leaf([k], 0, size)
            if kind == "index_select":
                return self.step("index_select", [x, idx], d)
            sshape = list(shape)
            sshape[d] = k
            return self.step("index_add", [x, idx, self.operand(sshape)], d, r.choice([1, 0.5, -2]))
        mshape = self.broadcast_shape(shape)
        if kind == "masked_fill":
            return self.step("masked_fill", [x, self.bool_leaf(mshape)], r.choice([0.0, -1e9, 3.5]))
        if kind == "where":
            return self.step("where", [x, self.bool_leaf(mshape), self.operand(self.broadcast_shape(shape))])
        return self.step("where_s", [x, self.bool_leaf(mshape)], r.choice([0.0, 2.0, -0.25]))

    def pointwise(self, x):
        r = self.r
        kind = r.choice(["clamp", "clamp_min", "clamp_max", "pow_s", "pow_s", "pow_t", "rpow_s"])
        if kind == "clamp":
            lo = r.choice([-1.0, -0.5, 0.0, 0.3])
            return self.step("clamp", [x], lo, lo + r.choice([0.5, 1.0, 2.0]))
        if kind in ("clamp_min", "clamp_max"):
            return self.step(kind, [x], r.choice([-0.5, 0.0, 0.25]))
        if kind == "pow_s":
            if self.pos[x]:
                return self.step("pow_s", [x], r.choice([0, 1, 2, 3, -1, -2, 0.5, -0.5, 2.5, 1.0, 0.0, 3.0, -1.5]))
            return self.step("pow_s", [x], r.choice([0, 1, 2, 3, -1, 2.0, 3.0, 0.0, 1.0]))
        if kind == "pow_t":
            base = x if self.pos[x] else self.step("abs", [x])
            return self.step("pow_t", [base, self.operand(self.broadcast_shape(self.shape_of(x)))])
        return self.step("rpow_s", [x], r.choice([2, 2.0, 0.5, 10, 1.5]))

    def norm(self, x):
        r, n = self.r, self.regs[x].dim()
        if n == 0:
            return self.step("norm_p", [x], r.choice([1, 3, "inf"]), None, False)
        dims = self.dims(n) if r.random() < 0.8 else None
        keep = r.random() < 0.4
        kind = r.choice(["norm_p", "norm_p", "norm_fro", "vector_norm", "var_c", "std_c"])
        p = r.choice([1, 3, 0.5, 0, "inf", "-inf", 2, 1.5])
        if kind == "norm_p": return self.step("norm_p", [x], p, dims, keep)
        if kind == "norm_fro": return self.step("norm_fro", [x], dims if dims and len(dims) <= 2 else [self.a_dim(x)], keep)
        if kind == "vector_norm": return self.step("vector_norm", [x], p, dims, keep)
        return self.step(kind, [x], dims, r.choice([0, 1, 2, 3]), keep)

    def integers(self, x):
        """Integer and bool tensors meeting x: type promotion, comparisons, sums, casts."""
        r, shape = self.r, self.shape_of(x)
        kind = r.choice(["promote", "promote", "intint", "compare", "cast", "bool"])
        other = self.broadcast_shape(shape)
        if kind == "promote":
            i = self.int_leaf(other, -5, 6, r.choice(["int64", "int32"]))
            name = r.choice(["add", "sub", "mul", "div", "maximum"])
            return self.step(name, [x, i] if r.random() < 0.5 else [i, x])
        if kind == "intint":
            a = self.int_leaf(shape, -9, 10, r.choice(["int64", "int32"]))
            b = self.int_leaf(other, 1, 6, r.choice(["int64", "int32"]))
            name = r.choice(["add", "sub", "mul", "div", "add_s", "mul_s", "div_s", "sum_int", "sum_dim", "mean_int",
                             "cumsum", "neg", "abs", "square", "todt", "maximum"])
            if name in ("add", "sub", "mul", "div", "maximum"):
                y = self.step(name, [a, b])
            elif name in ("add_s", "mul_s", "div_s"):
                y = self.step(name, [a], r.choice([2, -3, 0.5, 1.5]))
            elif name == "sum_dim":
                y = self.step(name, [a], self.a_dim(a), r.random() < 0.5)
            elif name == "cumsum":
                y = self.step(name, [a], self.a_dim(a))
            elif name == "todt":
                y = self.step(name, [a], r.choice(["float32", "float64", "bool", "int32"]))
            else:
                y = self.step(name, [a])
            if self.regs[y].is_floating_point():
                return self.step("mul", [x, y]) if r.random() < 0.5 else y
            return self.step("add", [x, y])  # back to float by promotion
        if kind == "compare":
            name = r.choice(["gt", "le", "eq_s", "lt_s"])
            if name in ("gt", "le"):
                c = self.step(name, [x, self.operand(other)])
            else:
                c = self.step(name, [x], r.choice([0, 0.5, 0.0]))
            follow = r.choice(["sum_int", "todt", "mul", "logical_not", "where_s", "none"])
            if follow == "sum_int": return self.step("sum_int", [c])
            if follow == "todt": return self.step("todt", [c], r.choice(["float32", "int64", "float64"]))
            if follow == "mul": return self.step("mul", [x, c])
            if follow == "logical_not": return self.step("logical_not", [c])
            if follow == "where_s": return self.step("where_s", [x, c], 0.0)
            return c
        if kind == "cast":
            dt = r.choice(["int64", "int32", "bool", "float64", "float32"])
            c = self.step("todt", [x], dt)
            if dt in ("int64", "int32"):
                return self.step(r.choice(["add_s", "mul_s", "div_s"]), [c], r.choice([1, 0.5, -2]))
            return c
        b = self.bool_leaf(other)
        name = r.choice(["add", "mul", "logical_and", "sum_int", "todt"])
        if name == "logical_and": return self.step(name, [self.step("gt", [x, self.operand(other)]), b])
        if name == "sum_int": return self.step(name, [b])
        if name == "todt": return self.step("mul", [x, self.step("todt", [b], "float32")])
        return self.step(name, [x, b] if r.random() < 0.5 else [b, x])

    def inplace_view(self, x):
        """An in-place op on a view of a clone of x; the clone and the view are outputs (their versions recorded)."""
        r = self.r
        base = self.step("clone", [x])
        v = self.view_of(base)
        shape = self.shape_of(v)
        n = len(shape)
        kind = r.choice(["masked_fill_", "clamp_s_", "index_add_", "scatter_add_", "sub_s_", "div_s_", "abs_", "floor_",
                         "twice", "add_int"])
        if kind == "masked_fill_":
            self.step(kind, [v, self.bool_leaf(self.broadcast_shape(shape))], r.choice([0.0, -2.0]))
        elif kind == "clamp_s_":
            self.step(kind, [v], -0.25, 0.75)
        elif kind in ("index_add_", "scatter_add_") and n >= 1:
            d = self.a_dim(v)
            size = shape[d]
            if size == 0:
                self.step("abs_", [v])
            elif kind == "index_add_":
                k = r.randint(1, size + 1)
                sshape = list(shape)
                sshape[d] = k
                self.step(kind, [v, self.int_leaf([k], 0, size), self.operand(sshape)], d)
            else:
                ishape = [r.randint(1, s) if s else 0 for s in shape]
                self.step(kind, [v, self.int_leaf(ishape, 0, size), self.operand(ishape)], d)
        elif kind in ("sub_s_", "div_s_"):
            self.step(kind, [v], r.choice([2, 0.5, -3]))
        elif kind == "twice":  # two in-place ops on two views of the same base: version counters add up
            self.step("abs_", [v])
            w = self.view_of(base)
            self.step(r.choice(["sub_s_", "div_s_"]), [w], 2)
        elif kind == "add_int":  # a float view += an int tensor: promotion inside an in-place op
            self.step("add_", [v, self.int_leaf(self.broadcast_shape(shape), -3, 4)])
        else:
            self.step(kind if kind in ("abs_", "floor_") else "abs_", [v])
        return base, v

    def case(self):
        r = self.r
        out = []
        x = self.operand(self.small_shape(), positive=r.random() < 0.25)
        for _ in range(r.randint(1, 3)):
            c = r.random()
            if c < 0.2: x = self.ordering(x)
            elif c < 0.4: x = self.indexing(x)
            elif c < 0.55: x = self.pointwise(x)
            elif c < 0.7: x = self.norm(x)
            elif c < 0.85: x = self.integers(x)
            else:
                base, v = self.inplace_view(x)
                out.append(v)
                x = base
            if not self.regs[x].is_floating_point() and r.random() < 0.5:
                x = self.step("todt", [x], self.dtype)  # back into the float language
        out.append(x)
        return sorted(set(out))


def run(seed):
    return fuzz_record.run_case(f"wide {seed}", seed, Wide(seed), wide=True)


def main():
    fuzz_record.main(run, 250)


if __name__ == "__main__":
    main()
