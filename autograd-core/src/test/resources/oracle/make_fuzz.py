#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""A seeded differential fuzzer: random short op programs on float32/float64 tensors, recorded from PyTorch 1.13.1.

Run with Debian's python3-torch (one intra-op thread, as make_sweep.py):
    /usr/bin/python3 make_fuzz.py FIRST COUNT [SEED...] > fuzz.json
    (the committed corpus: make_fuzz.py 1 300 678 821 908 1152 1190 1717 409 1097 3354 6226 25904 38905 39472 40263: seeds 1-300 and, from
    bench/fuzz.sh's bigger ranges, the cases that found an engine bug fixed since, kept as their regression cases
    (821: the float32 2-norm of short rows, NormTwo; 409: copy_'s gradient to a source of the other dtype, summed
    in the source's dtype; 1097: a float32 mv of 2304 * 4 elements or more, split over OpenBLAS's 2 threads,
    GemvThreads; 3354: reshape keeps a size-1 dim's stride, ViewOps.computeStride; 6226: norm_backward's
    masked_fill_ in place keeps a permuted quotient's layout, PNormOps.backward; 25904: logsumexp's exp(x - maxes)
    laid out by TensorIterator's rule, an expanded dim left in place, MoreMathOps.expOfDifference; 38905: copy_ into
    an empty slice, Elementwise.copyInto; 39472: float64 sigmoid of an expanded input, its broadcast scalar through the
    vector code, Elementwise.unary; 40263: cumsum of a 0-dim -0.0 is -0.0, ScanOps.cumsum); recorded with
    OPENBLAS_CORETYPE=Haswell, as bench/fuzz.sh does)

Case k comes from random.Random(k) alone, so any seed range can be regenerated and replayed (bench/fuzz.sh runs a
bigger one locally). A case is a small program in a register machine; FuzzProgram.java interprets the same
language with Gradbook's API:

  "inputs":  [{kind randn|uniform, lo, hi, shape, dtype, seed, grad}]  leaves from their own torch.Generator
             (float64 ones uniform: float64 normals use the C library's log/sin/cos, RNG_SPEC.md 5), rebuilt by
             the Java side from the seed and checked against "input_sha256" (so an op is never blamed for its input)
  "prog":    [[op, [register...], param...]]  each step appends its result as the next register; ["in", [], k]
             loads input k. Views (transpose, permute, slice with steps, narrow, select, unsqueeze + expand) come
             before and between ops, so inputs reach the ops non-contiguous, expanded or sliced, not copied.
  "out":     the registers compared: outputs' dtype, shape, strides, grad_fn name and bits (SweepTest.compare's
             format: bit patterns in full up to 256 elements, else a SHA-256 and 64 samples)
  "grads":   the gradients of sum_k (out_k * w_k).sum() for every leaf that requires grad (w_k: "weight_seeds", as
             in make_sweep.py), or "error" / "grad_error": PyTorch's error type and text.
"""
import os, random
import torch

import fuzz_record
from fuzz_record import bits_of, digest, record

torch.set_num_threads(1)

F32, F64 = torch.float32, torch.float64
DT = {"float32": F32, "float64": F64}

# ---- the op language (FuzzProgram.java mirrors it, op for op) ------------------------------------------------------
UNARY = {  # total on the reals
    "neg": torch.neg, "abs": torch.abs, "exp": torch.exp, "sin": torch.sin, "cos": torch.cos, "tanh": torch.tanh,
    "sigmoid": torch.sigmoid, "relu": torch.relu, "atan": torch.atan, "erf": torch.erf, "expm1": torch.expm1,
    "square": lambda a: a.pow(2), "cube": lambda a: a.pow(3), "floor": torch.floor, "clone": torch.clone,
    "contiguous": lambda a: a.contiguous(),
}
POSITIVE = {"log": torch.log, "sqrt": torch.sqrt, "reciprocal": torch.reciprocal, "log1p": torch.log1p,
            "rsqrt_pow": lambda a: a.pow(-0.5), "pow1.5": lambda a: a.pow(1.5)}
SCALAR = {"add_s": lambda a, c: a + c, "sub_s": lambda a, c: a - c, "mul_s": lambda a, c: a * c,
          "div_s": lambda a, c: a / c, "rsub_s": lambda a, c: c - a}
BINARY = {"add": torch.add, "sub": torch.sub, "mul": torch.mul, "div": torch.div, "maximum": torch.maximum,
          "minimum": torch.minimum, "atan2": torch.atan2, "add_alpha": lambda a, b: torch.add(a, b, alpha=0.5)}
INPLACE_T = {"add_": lambda a, b: a.add_(b), "sub_": lambda a, b: a.sub_(b), "mul_": lambda a, b: a.mul_(b),
             "div_": lambda a, b: a.div_(b), "copy_": lambda a, b: a.copy_(b)}
INPLACE_U = {"exp_": lambda a: a.exp_(), "tanh_": lambda a: a.tanh_(), "sigmoid_": lambda a: a.sigmoid_(),
             "relu_": lambda a: a.relu_(), "neg_": lambda a: a.neg_(), "sin_": lambda a: a.sin_(),
             "zero_": lambda a: a.zero_(), "clamp_": lambda a: a.clamp_(-0.5, 0.5)}
INPLACE_S = {"add_s_": lambda a, c: a.add_(c), "mul_s_": lambda a, c: a.mul_(c), "pow_s_": lambda a, c: a.pow_(c),
             "fill_": lambda a, c: a.fill_(c)}


def view_op(name, a, p):
    if name == "transpose": return a.transpose(p[0], p[1])
    if name == "t": return a.t()
    if name == "permute": return a.permute(*p[0])
    if name == "slice": return a[(slice(None),) * p[0] + (slice(p[1], p[2], p[3]),)]
    if name == "narrow": return a.narrow(p[0], p[1], p[2])
    if name == "select": return a.select(p[0], p[1])
    if name == "unsqueeze": return a.unsqueeze(p[0])
    if name == "expand": return a.expand(*p[0])
    if name == "reshape": return a.reshape(*p[0])
    raise KeyError(name)


def reduce_op(name, a, p):
    dims, keep = p[0], p[1]
    if name == "sum": return a.sum(dims, keepdim=keep)
    if name == "mean": return a.mean(dims, keepdim=keep)
    if name == "amax": return a.amax(dims, keepdim=keep)
    if name == "amin": return a.amin(dims, keepdim=keep)
    if name == "prod": return a.prod(dims[0], keepdim=keep)
    if name == "var": return a.var(dims, unbiased=p[2], keepdim=keep)
    if name == "std": return a.std(dims, unbiased=p[2], keepdim=keep)
    if name == "logsumexp": return a.logsumexp(dims, keepdim=keep)
    if name == "norm": return a.norm(2, dims, keepdim=keep)
    raise KeyError(name)


REDUCE = ["sum", "mean", "amax", "amin", "prod", "var", "std", "logsumexp", "norm"]


def run_step(step, regs, inputs):
    name, args, p = step[0], [regs[i] for i in step[1]], step[2:]
    if name == "in": return inputs[p[0]]
    if name in UNARY: return UNARY[name](args[0])
    if name in POSITIVE: return POSITIVE[name](args[0])
    if name in SCALAR: return SCALAR[name](args[0], p[0])
    if name in BINARY: return BINARY[name](args[0], args[1])
    if name in INPLACE_T: return INPLACE_T[name](args[0], args[1])
    if name in INPLACE_U: return INPLACE_U[name](args[0])
    if name in INPLACE_S: return INPLACE_S[name](args[0], p[0])
    if name in REDUCE: return reduce_op(name, args[0], p)
    if name == "sum_all": return args[0].sum()
    if name == "mean_all": return args[0].mean()
    if name == "cumsum": return args[0].cumsum(p[0])
    if name == "softmax": return torch.softmax(args[0], p[0])
    if name == "log_softmax": return torch.log_softmax(args[0], p[0])
    if name == "matmul": return torch.matmul(args[0], args[1])
    if name == "mm": return torch.mm(args[0], args[1])
    if name == "bmm": return torch.bmm(args[0], args[1])
    if name == "mv": return torch.mv(args[0], args[1])
    if name == "dot": return torch.dot(args[0], args[1])
    if name == "to": return args[0].to(DT[p[0]])
    return view_op(name, args[0], p)


# (bit patterns, records, the case runner and the command line: fuzz_record.py, shared with make_fuzz_wide.py)


# ---- the generator -------------------------------------------------------------------------------------------------
SMALL = [1, 2, 3, 5, 7, 8, 9, 13, 16, 17, 31, 33]
LARGE = [[181, 183], [3, 97, 129], [40001], [2, 130, 131], [257, 131], [33, 33, 33]]  # > 32768: the threaded paths


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)
        self.seed = seed
        self.inputs, self.specs, self.prog, self.regs = [], [], [], []
        self.pos = []  # register holds positive values only
        self.failed = None
        self.dtype = "float64" if self.r.random() < 0.25 else "float32"

    def step(self, *s, pos=False):
        s = list(s)
        try:
            res = run_step(s, self.regs, self.inputs)
        except Exception:
            self.failed = s  # the step that raised stays in the program: its error is the case's expected result
            raise
        self.regs.append(res)
        self.prog.append(s)
        self.pos.append(pos)
        return len(self.regs) - 1

    def shape(self, big_ok=True):
        r = self.r
        if big_ok and r.random() < 0.1:
            return list(r.choice(LARGE))
        rank = r.choice([0, 1, 1, 2, 2, 2, 3, 3, 4])
        return [r.choice(SMALL) for _ in range(rank)]

    def leaf(self, shape, positive=False, dtype=None):
        dtype = dtype or self.dtype
        seed = self.seed * 100 + len(self.specs) + 1
        g = torch.Generator().manual_seed(seed)
        if positive or dtype == "float64":
            lo, hi = (0.25, 4.0) if positive else (-3.0, 3.0)
            spec = {"kind": "uniform", "lo": lo, "hi": hi}
            t = torch.empty(tuple(shape), dtype=DT[dtype]).uniform_(lo, hi, generator=g)
        else:
            spec = {"kind": "randn"}
            t = torch.randn(tuple(shape), generator=g, dtype=DT[dtype])
        grad = self.r.random() < 0.85
        spec.update({"shape": list(shape), "dtype": dtype, "seed": seed, "grad": grad, "view": None})
        self.specs.append(spec)
        self.inputs.append(t.requires_grad_() if grad else t)
        return self.step("in", [], len(self.inputs) - 1, pos=positive)

    def operand(self, shape, positive=False, dtype=None):
        """A register of this shape: a fresh leaf as is, transposed, sliced with a step, narrowed, or expanded."""
        r, shape = self.r, list(shape)
        how = r.choice(["plain", "plain", "t", "slice", "narrow", "expand", "permute"])
        n = len(shape)
        if how == "t" and n >= 2:
            d0, d1 = r.sample(range(n), 2)
            base = list(shape)
            base[d0], base[d1] = base[d1], base[d0]
            return self.step("transpose", [self.leaf(base, positive, dtype)], d0, d1, pos=positive)
        if how == "permute" and n >= 3:
            perm = list(range(n))
            r.shuffle(perm)
            inv = [0] * n
            for i, p in enumerate(perm): inv[p] = i
            base = [shape[inv[i]] for i in range(n)]
            return self.step("permute", [self.leaf(base, positive, dtype)], perm, pos=positive)
        if how == "slice" and n >= 1:
            d, st = r.randrange(n), r.choice([2, 3])
            start = r.randrange(3)
            base = list(shape)
            # a size-0 dim (a view narrowed to nothing, then broadcast) would give the leaf a negative size: the
            # generator's own error, not PyTorch's verdict on a program (wide 36557); clamped, the draws stay the same
            base[d] = max(0, start + shape[d] * st - r.randrange(st))
            return self.step("slice", [self.leaf(base, positive, dtype)], d, start, start + shape[d] * st, st, pos=positive)
        if how == "narrow" and n >= 1:
            d, start = r.randrange(n), r.randrange(4)
            base = list(shape)
            base[d] = shape[d] + start + r.randrange(3)
            return self.step("narrow", [self.leaf(base, positive, dtype)], d, start, shape[d], pos=positive)
        if how == "expand" and n >= 1:
            d = r.randrange(n)
            base = list(shape)
            del base[d]
            u = self.step("unsqueeze", [self.leaf(base, positive, dtype)], d, pos=positive)
            return self.step("expand", [u], shape, pos=positive)
        return self.leaf(shape, positive, dtype)

    def dims(self, n):
        r = self.r
        k = r.randint(1, n)
        ds = r.sample(range(n), k)
        return [d - n if r.random() < 0.3 else d for d in ds]

    def broadcast_shape(self, shape):
        r = self.r
        s = [1 if r.random() < 0.3 else d for d in shape]
        drop = r.randrange(len(s) + 1) if r.random() < 0.4 else 0
        return s[drop:]

    def unary(self, x):
        r = self.r
        kind = r.random()
        if self.pos[x] and kind < 0.3:
            name = r.choice(sorted(POSITIVE))
            return self.step(name, [x])
        if kind < 0.55:
            c = r.choice([0.3, 1.7, -2.5, 0.1, 3, -1, 0.7])
            name = r.choice(sorted(SCALAR))
            if name == "div_s" and c == 0: c = 3
            return self.step(name, [x], c)
        name = r.choice(sorted(UNARY))
        return self.step(name, [x], pos=name in ("exp", "sigmoid") or name in ("clone", "contiguous") and self.pos[x])

    def binary(self, x):
        r = self.r
        name = r.choice(sorted(BINARY))
        shape = list(self.regs[x].shape)
        other_shape = self.broadcast_shape(shape)
        if r.random() < 0.3:  # the broadcast operand first: the result takes the larger shape either way
            a, b = self.operand(other_shape, positive=name == "div"), x
            if name == "div":
                a, b = b, a
        else:
            dtype = None
            if r.random() < 0.08:
                dtype = "float64" if self.dtype == "float32" else "float32"
            a, b = x, self.operand(other_shape, positive=name == "div", dtype=dtype)
        return self.step(name, [a, b])

    def reduction(self, x):
        r = self.r
        n = self.regs[x].dim()
        name = r.choice(REDUCE + ["sum_all", "mean_all", "cumsum", "softmax", "log_softmax", "softmax", "log_softmax"])
        if name in ("sum_all", "mean_all"):
            return self.step(name, [x])
        if n == 0:
            return self.step(r.choice(["softmax", "log_softmax", "cumsum"]), [x], r.choice([0, -1]))
        if name in ("cumsum", "softmax", "log_softmax"):
            return self.step(name, [x], r.randrange(-n, n), pos=name == "softmax")
        keep = r.random() < 0.4
        if name == "prod":
            return self.step(name, [x], [r.randrange(-n, n)], keep)
        if name in ("var", "std"):
            return self.step(name, [x], self.dims(n), keep, r.random() < 0.7)
        return self.step(name, [x], self.dims(n), keep)

    def matmul(self):
        r = self.r
        m, k, n = (r.choice([1, 2, 3, 7, 16, 17, 33, 64, 65]) for _ in range(3))
        kind = r.choice(["mm", "mm", "matmul", "bmm", "matmul_batched", "mv", "dot"])
        if kind == "mv":
            return self.step("mv", [self.operand([m, k]), self.operand([k])])
        if kind == "dot":
            return self.step("dot", [self.operand([k]), self.operand([k])])
        if kind == "bmm":
            b = r.choice([1, 2, 3, 5])
            return self.step("bmm", [self.operand([b, m, k]), self.operand([b, k, n])])
        if kind == "matmul_batched":
            b = r.choice([2, 3])
            a_shape = r.choice([[b, m, k], [2, b, m, k], [k]])
            b_shape = r.choice([[k, n], [b, k, n], [k]]) if a_shape != [k] else [b, k, n]
            return self.step("matmul", [self.operand(a_shape), self.operand(b_shape)])
        return self.step(kind, [self.operand([m, k]), self.operand([k, n])])

    def view_of(self, x):
        """A view for an in-place op: a transpose, a stepped slice, a narrow or a select of x."""
        r, t = self.r, self.regs[x]
        n = t.dim()
        choices = [c for c, ok in [("transpose", n >= 2), ("slice", n >= 1 and t.shape[0] >= 2),
                                   ("narrow", n >= 1), ("select", n >= 1)] if ok]
        if not choices:
            return x
        c = r.choice(choices)
        d = r.randrange(n)
        if c == "transpose":
            d0, d1 = r.sample(range(n), 2)
            return self.step("transpose", [x], d0, d1)
        if c == "slice":
            return self.step("slice", [x], 0, r.randrange(2), t.shape[0], 2)
        size = t.shape[d]
        if size == 0:  # a size-0 dim has no start or index to draw (the generator's own error, not PyTorch's: more 458)
            return x
        if c == "narrow":
            start = r.randrange(size)
            return self.step("narrow", [x], d, start, r.randint(0, size - start))
        return self.step("select", [x], d, r.randrange(size))

    def inplace(self, x, leaf_view=False):
        """An in-place op on a view of a clone of x (CopySlices), or, for leaf_view, on a view of a leaf (an error)."""
        r = self.r
        base = x if leaf_view else self.step("clone", [x])
        v = self.view_of(base)
        kind = r.random()
        if kind < 0.4:
            name = r.choice(sorted(INPLACE_T))
            o = self.operand(self.broadcast_shape(list(self.regs[v].shape)), positive=name == "div_")
            self.step(name, [v, o])
        elif kind < 0.75:
            self.step(r.choice(sorted(INPLACE_U)), [v])
        else:
            name = r.choice(sorted(INPLACE_S))
            self.step(name, [v], 2 if name == "pow_s_" else r.choice([0.5, -1.5, 3]))
        return base, v

    def case(self):
        r = self.r
        shape_kind = r.random()
        out = []
        if shape_kind < 0.15:
            x = self.matmul()
        else:
            x = self.operand(self.shape(), positive=r.random() < 0.2)
        for _ in range(r.randint(1, 3)):
            c = r.random()
            if c < 0.35: x = self.unary(x)
            elif c < 0.6: x = self.binary(x)
            elif c < 0.8: x = self.reduction(x)
            elif c < 0.95:
                base, v = self.inplace(x)
                out.append(v)
                x = base
            else:
                t = self.regs[x]
                if t.is_leaf and t.requires_grad and t.dim() >= 1:
                    self.inplace(x, leaf_view=True)  # raises: the generator stops here
                x = self.unary(x)
        out.append(x)
        return sorted(set(out))


def run(seed):
    return fuzz_record.run_case(f"fuzz {seed}", seed, Gen(seed), wide=False)


def main():
    fuzz_record.main(run, 300)


if __name__ == "__main__":
    main()
