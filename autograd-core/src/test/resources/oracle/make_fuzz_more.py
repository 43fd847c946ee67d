#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""The third differential fuzzer: the engine's public ops that neither make_fuzz.py nor make_fuzz_wide.py draws,
recorded from 1.13.1 in their format (fuzz_record.py; versions and a create_graph second backward as the wide one).

Run with Debian's python3-torch (one intra-op thread), OPENBLAS_CORETYPE=Haswell as bench/fuzz.sh sets it:
    /usr/bin/python3 make_fuzz_more.py FIRST COUNT [SEED...] > fuzz_more.json
    (the committed corpus: make_fuzz_more.py 1 250 906 893 971 975 776 1000 583 1025 2054 2083 2659 3707 3986 533 3182 1324 307 616 4144 4948 5261 5601 6233 901 1313 5609 3780 654 1355 5130 342 1923 1379 3340 3106 663 4128 459 3955 5881 1541 4846 1424 3140 6405 2251 6646 3607 5846 3987 6520 3663 305 792 6868 5836 5390 3537 7385 8426 8721 9215; 906: masked_select's gradient over a transposed
    input, scattered in the zeros' memory order as 1.13 does, GatherScatterOps.maskedScatterIntoZeros; 893: repeat's
    backward sums its leading dims one by one, then the repeated ones at once, as 1.13's repeat_backward; 971, 975:
    F.linear of a contiguous 3-D input with a bias is addmm over its 2-D view, viewed back, NnOps.linear; 776, 1000:
    smooth_l1_loss with beta 0 is l1's value and gradient under SmoothL1LossBackward0, PointwiseLosses; 583, 1025:
    cosine_similarity of zero rows is 0, its squared norms clamped at eps * eps under no_grad, LinalgMoreOps; 2054: prelu's
    result is row-major; 2083: hardtanh's result has empty_like's strides; 2659: gelu of an expanded input in its runs; 3707,
    3986: trace sums its diagonal in one loop in double, ShapeFamilyOps.trace; 533, 3182, 1324: addcdiv's, addcmul's and
    lerp's results laid out by TensorIterator's rule, AddcOps, MoreMathOps; 307, 616: cdist
    with p = 2 and more than 25 rows is _euclidean_dist, viewed, LinalgMoreOps.euclideanDist; 4144: flip keeps a size-1
    dim's stride, OutputLayout.likeSelf; 4948: fmod with a Python scalar lays out by the sorted dims, Kernels.mapWithScalar; 5261, 5601:
    float64 gelu's tanh form is ATen's kernel, Float64Unary.geluTanh; 6233, 901: replicate and
    reflect pad's gradient summed in the dtype in the output's order, PaddingOps.scatterMap; 1313, 5609: binary_cross_entropy's
    loss laid out as empty_like(input) before its reduction, 3780: its range check raises for NaN, PointwiseLosses; 654,
    1355, 5130: smooth_l1 / mse / huber backward row-major (zeros_like LEGACY_CONTIGUOUS), LossBackwards; 342, 1923,
    1379, 3340: diag's backward is grad.diag(k) for a vector or a square matrix, ShapeFamilyOps.diag; 3106: exp2's
    backward ends in a Scalar product, MulBackward1; 663, 4128: an in-place op on a view saves the view as its output,
    Tensor's in-place path; 459: a constant pad with no positive width is the narrowed input's clone, 3955: narrow's
    own check first, ShapeFamilyOps.pad, TensorOps.narrow; 5881: cross_entropy of an (N, C, d) input under
    create_graph, whose first gradient is nll_loss2d_backward's own node, NllLoss.applyNd; 1541, 4846: replicate and
    reflect pad's first gradient is <Pad>BackwardBackward0 over (grad_output, self), PaddingOps; 1424: float64 atanh on
    glibc's FMA log1p, Glibc64Hyp; 3140: diag past a matrix's edge raises, ShapeFamilyOps.diag; 6405: smooth_l1_loss
    (beta 0) keeps the difference's strides, PointwiseLosses; 2251, 6646, 3607: float64 silu / mish / softplus of a
    stepped, expanded or transposed input in PyTorch's runs, Float64Runs; 5846: prelu's backward row-major, 3987: its
    double backward with a single weight's scalars, MoreActivations; 6520, 3663: lerp's gradients in end, self,
    weight order, 305: _euclidean_dist_backward's products first, 792, 6868: hypot's and dist's other first, 5836:
    log10's Scalar product, MoreMathOps, LinalgMoreOps; 5390: mean's backward materializes an efficient zero,
    ReductionOps, 3537: so do the loss backward kernels, LossBackwards; 7385: float64 gelu of an expanded input in
    its runs, ActivationOps; 8426: huber_loss into empty_like(input), PointwiseLosses; 8721: squeeze()'s backward is
    unsqueeze_to, ViewOps; 9215: nanmedian of an empty input records its node, NanmedianMode)

A language of its own (case "more k" from random.Random(k)), so the other two keep their seeds' programs; it reuses
their generators' operands (transposed, stepped, narrowed, permuted, expanded leaves), their ops where a program
needs one (tanh, abs, floor, log, sigmoid, log_softmax, clone, views) and adds, in families:
  - math: tan, sinh, cosh, asinh, asin / acos / atanh / erfinv (of a tanh), log2 / log10 (of an abs), exp2, erfc,
    ceil, round, trunc, frac, sign
  - activations (torch.nn.functional): gelu (both), silu, mish, selu, relu6, hardsigmoid, hardswish, logsigmoid,
    softsign, tanhshrink, elu, celu, leaky_relu, hardtanh, hardshrink, softshrink, threshold, softplus, prelu
  - binary: hypot, fmod and remainder (tensor or scalar), lerp (scalar or tensor weight), addcmul, addcdiv, ne / ge
    (tensor or scalar), logical_or, dist
  - shapes: cat, stack, flip, roll, repeat, tile, squeeze, flatten, chunk / split / unbind (one piece), movedim,
    diagonal, diag, trace, tril, triu, outer, einsum, pad (constant, reflect, replicate, circular)
  - selection: masked_select, nonzero, argsort, mode and nanmedian (values, indices; of floored or logged inputs)
  - nn: mse_loss, l1_loss, smooth_l1_loss, huber_loss, binary_cross_entropy (with logits), cross_entropy, nll_loss,
    linear, normalize, cosine_similarity, cdist
  - in place on a view of a clone: ceil_, round_, trunc_, cos_, expm1_, sqrt_ / log_ (of an abs), lerp_, addcmul_,
    addcdiv_, scatter_ (a value)
FuzzMoreProgram.java mirrors more_step, op for op.
"""
import torch
import torch.nn.functional as Fn

import fuzz_record
import make_fuzz_wide as W

torch.set_num_threads(1)

INF = float("inf")


def more_step(name, a, p):
    x = a[0] if a else None
    y = a[1] if len(a) > 1 else None
    z = a[2] if len(a) > 2 else None
    # math
    if name in ("tan", "sinh", "cosh", "asinh", "asin", "acos", "atanh", "erfinv", "log2", "log10", "exp2", "erfc",
                "ceil", "round", "trunc", "frac", "sign"):
        return getattr(torch, name)(x)
    # activations
    if name == "gelu": return Fn.gelu(x)
    if name == "gelu_tanh": return Fn.gelu(x, approximate="tanh")
    if name in ("silu", "mish", "selu", "relu6", "hardsigmoid", "hardswish", "logsigmoid", "softsign", "tanhshrink"):
        return getattr(Fn, name)(x)
    if name == "elu": return Fn.elu(x, p[0])
    if name == "celu": return Fn.celu(x, p[0])
    if name == "leaky_relu": return Fn.leaky_relu(x, p[0])
    if name == "hardtanh": return Fn.hardtanh(x, p[0], p[1])
    if name == "hardshrink": return Fn.hardshrink(x, p[0])
    if name == "softshrink": return Fn.softshrink(x, p[0])
    if name == "threshold": return Fn.threshold(x, p[0], p[1])
    if name == "softplus": return Fn.softplus(x, p[0], p[1])
    if name == "prelu": return Fn.prelu(x, y)
    # binary
    if name == "hypot": return x.hypot(y)
    if name == "fmod_t": return x.fmod(y)
    if name == "fmod_s": return x.fmod(p[0])
    if name == "remainder_t": return x.remainder(y)
    if name == "remainder_s": return x.remainder(p[0])
    if name == "lerp_s": return x.lerp(y, p[0])
    if name == "lerp_t": return x.lerp(y, z)
    if name == "addcmul": return x.addcmul(y, z, value=p[0])
    if name == "addcdiv": return x.addcdiv(y, z, value=p[0])
    if name == "ne": return x != y
    if name == "ge": return x >= y
    if name == "ne_s": return x != p[0]
    if name == "ge_s": return x >= p[0]
    if name == "logical_or": return torch.logical_or(x, y)
    if name == "dist": return x.dist(y, p[0])
    # shapes
    if name == "cat": return torch.cat(a, p[0])
    if name == "stack": return torch.stack(a, p[0])
    if name == "flip": return x.flip(p[0])
    if name == "roll": return x.roll(p[0], p[1])
    if name == "repeat": return x.repeat(*p[0])
    if name == "tile": return x.tile(p[0])
    if name == "squeeze": return x.squeeze()
    if name == "squeeze_d": return x.squeeze(p[0])
    if name == "flatten": return x.flatten()
    if name == "chunk": return x.chunk(p[0], p[1])[p[2]]
    if name == "split": return x.split(p[0], p[1])[p[2]]
    if name == "unbind": return x.unbind(p[0])[p[1]]
    if name == "movedim": return x.movedim(p[0], p[1])
    if name == "diagonal": return x.diagonal(p[0], p[1], p[2])
    if name == "diag": return x.diag(p[0])
    if name == "trace": return x.trace()
    if name == "tril": return x.tril(p[0])
    if name == "triu": return x.triu(p[0])
    if name == "outer": return x.outer(y)
    if name == "einsum": return torch.einsum(p[0], *a)
    if name == "pad": return Fn.pad(x, p[0], p[1], p[2]) if p[1] == "constant" else Fn.pad(x, p[0], p[1])
    # selection
    if name == "masked_select": return x.masked_select(y)
    if name == "nonzero": return x.nonzero()
    if name == "argsort": return x.argsort(p[0], p[1])
    if name == "mode_v": return x.mode(p[0], p[1]).values
    if name == "mode_i": return x.mode(p[0], p[1]).indices
    if name == "nanmedian_v": return x.nanmedian(p[0], p[1]).values
    if name == "nanmedian_i": return x.nanmedian(p[0], p[1]).indices
    if name == "nanmedian_all": return x.nanmedian()
    # nn
    if name == "mse_loss": return Fn.mse_loss(x, y, reduction=p[0])
    if name == "l1_loss": return Fn.l1_loss(x, y)
    if name == "smooth_l1_loss": return Fn.smooth_l1_loss(x, y, reduction=p[0], beta=p[1])
    if name == "huber_loss": return Fn.huber_loss(x, y, reduction=p[0], delta=p[1])
    if name == "bce": return Fn.binary_cross_entropy(x, y)
    if name == "bce_logits": return Fn.binary_cross_entropy_with_logits(x, y)
    if name == "cross_entropy": return Fn.cross_entropy(x, y)
    if name == "nll_loss": return Fn.nll_loss(x, y, reduction=p[0])
    if name == "linear": return Fn.linear(x, y, z)
    if name == "normalize": return Fn.normalize(x, p[0], p[1])
    if name == "cosine_similarity": return Fn.cosine_similarity(x, y, p[0])
    if name == "cdist": return torch.cdist(x, y, W.norm_p(p[0]))
    # in place
    if name in ("ceil_", "round_", "trunc_", "cos_", "expm1_", "sqrt_", "log_"): return getattr(x, name)()
    if name == "lerp_": return x.lerp_(y, p[0])
    if name == "addcmul_": return x.addcmul_(y, z, value=p[0])
    if name == "addcdiv_": return x.addcdiv_(y, z, value=p[0])
    if name == "scatter_v_": return x.scatter_(p[0], y, p[1])
    raise KeyError(name)


def run_step(step, regs, inputs):
    name, args, p = step[0], [regs[i] for i in step[1]], step[2:]
    try:
        return more_step(name, args, p)
    except KeyError:
        return W.run_step(step, regs, inputs)


ACT0 = ["gelu", "gelu_tanh", "silu", "mish", "selu", "relu6", "hardsigmoid", "hardswish", "logsigmoid", "softsign",
        "tanhshrink"]


class More(W.Wide):
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

    def ndim(self, x):
        return self.regs[x].dim()

    def positive(self, x):
        return x if self.pos[x] else self.step("abs", [x])

    # ---- op families -----------------------------------------------------------------------------------------------
    def math(self, x):
        r = self.r
        kind = r.choice(["tan", "sinh", "cosh", "asinh", "asin", "acos", "atanh", "erfinv", "log2", "log10", "exp2",
                         "erfc", "ceil", "round", "trunc", "frac", "sign"])
        if kind in ("asin", "acos", "atanh", "erfinv"):
            x = self.step("tanh", [x])
        elif kind in ("log2", "log10"):
            x = self.positive(x)
        return self.step(kind, [x])

    def activation(self, x):
        r = self.r
        kind = r.choice(ACT0 + ["elu", "celu", "leaky_relu", "hardtanh", "hardshrink", "softshrink", "threshold",
                                "softplus", "prelu"])
        if kind in ACT0: return self.step(kind, [x])
        if kind in ("elu", "celu"): return self.step(kind, [x], r.choice([1.0, 0.5, 2.0]))
        if kind == "leaky_relu": return self.step(kind, [x], r.choice([0.01, 0.2, 1.5]))
        if kind == "hardtanh":
            lo = r.choice([-1.0, -0.5, 0.0])
            return self.step(kind, [x], lo, lo + r.choice([0.5, 1.0, 2.0]))
        if kind in ("hardshrink", "softshrink"): return self.step(kind, [x], r.choice([0.5, 0.25, 1.0]))
        if kind == "threshold": return self.step(kind, [x], r.choice([0.0, 0.5, -0.25]), r.choice([0.0, -1.0, 2.0]))
        if kind == "softplus": return self.step(kind, [x], r.choice([1.0, 2.0, 0.5]), r.choice([20.0, 1.0, 0.5]))
        shape = self.regs[x].shape
        c = shape[1] if len(shape) >= 2 and r.random() < 0.6 else 1
        return self.step("prelu", [x, self.leaf([c])])

    def binary_more(self, x):
        r = self.r
        shape = self.shape_of(x)
        other = self.broadcast_shape(shape)
        kind = r.choice(["hypot", "fmod_t", "fmod_s", "remainder_t", "remainder_s", "lerp_s", "lerp_t", "addcmul",
                         "addcdiv", "ne", "ge", "ne_s", "ge_s", "logical_or", "dist"])
        if kind == "hypot": return self.step(kind, [x, self.operand(other)])
        if kind in ("fmod_t", "remainder_t"): return self.step(kind, [x, self.operand(other, positive=r.random() < 0.7)])
        if kind in ("fmod_s", "remainder_s"): return self.step(kind, [x], r.choice([1.5, -2, 0.7, 3, 1]))
        if kind == "lerp_s": return self.step(kind, [x, self.operand(other)], r.choice([0.25, 0.5, 1.5, -0.5]))
        if kind == "lerp_t":
            return self.step(kind, [x, self.operand(other), self.operand(self.broadcast_shape(shape))])
        if kind in ("addcmul", "addcdiv"):
            t2 = self.operand(self.broadcast_shape(shape), positive=kind == "addcdiv")
            return self.step(kind, [x, self.operand(other), t2], r.choice([1, 0.5, -2.0]))
        if kind in ("ne", "ge", "ne_s", "ge_s"):
            c = self.step(kind, [x, self.operand(other)]) if kind in ("ne", "ge") else \
                self.step(kind, [self.step("floor", [x])], r.choice([0, 0.0, -1.0]))
            return self.step("todt", [c], self.dtype) if r.random() < 0.5 else self.step("mul", [x, c])
        if kind == "logical_or":
            c = self.step("logical_or", [self.step("gt", [x, self.operand(other)]), self.bool_leaf(other)])
            return self.step("where_s", [x, c], r.choice([0.0, -1.5]))
        return self.step("dist", [x, self.operand(other)], r.choice([2, 1, 3, 0.5, 0]))

    def shapes(self, x):
        r, shape = self.r, self.shape_of(x)
        n = len(shape)
        if n == 0:
            return self.step(r.choice(["flatten", "squeeze"]), [x])
        d = self.a_dim(x)
        kind = r.choice(["cat", "stack", "flip", "roll", "repeat", "tile", "squeeze", "flatten", "chunk", "split",
                         "unbind", "movedim", "diagonal", "diag", "trace", "tril", "triu", "outer", "einsum", "pad"])
        if kind == "cat":
            o = list(shape)
            o[d] = r.choice([1, 2, 3, shape[d]])
            ins = [x, self.operand(o)] if r.random() < 0.7 else [self.operand(o), x]
            return self.step("cat", ins, d)
        if kind == "stack":
            return self.step("stack", [x, self.operand(shape)], r.randrange(-n - 1, n + 1))
        if kind == "flip": return self.step("flip", [x], self.dims(n))
        if kind == "roll":
            ds = self.dims(n)
            return self.step("roll", [x], [r.randint(-5, 5) for _ in ds], ds)
        if kind in ("repeat", "tile"):
            k = n + r.choice([0, 0, 1]) if kind == "repeat" else r.randint(1, n + 1)
            return self.step(kind, [x], [r.choice([1, 1, 2, 3]) for _ in range(k)])
        if kind == "squeeze":
            return self.step("squeeze_d", [x], d) if r.random() < 0.5 else self.step("squeeze", [x])
        if kind == "flatten": return self.step("flatten", [x])
        size = shape[d]
        if kind == "chunk":
            k = r.randint(1, 4)
            pieces = len(self.regs[x].chunk(k, d))
            return self.step("chunk", [x], k, d, r.randrange(pieces)) if pieces else self.step("flatten", [x])
        if kind == "split":
            s = r.randint(1, max(1, size))
            pieces = len(self.regs[x].split(s, d))
            return self.step("split", [x], s, d, r.randrange(pieces)) if pieces else self.step("flatten", [x])
        if kind == "unbind":
            return self.step("unbind", [x], d, r.randrange(size)) if size else self.step("flatten", [x])
        if kind == "movedim": return self.step("movedim", [x], d, self.a_dim(x))
        if kind in ("diagonal", "tril", "triu", "trace") and n < 2 or kind == "outer" and n != 1:
            kind = "diag" if n <= 2 else "diagonal"
        if kind == "diagonal":
            d1, d2 = r.sample(range(-n, n) if r.random() < 0.3 else range(n), 2) if n >= 2 else (0, 0)
            if n < 2 or (d1 - d2) % n == 0:
                return self.step("flip", [x], [d])
            return self.step("diagonal", [x], r.choice([0, 0, 1, -1, 2]), d1, d2)
        if kind == "diag":
            if n == 1 and shape[0] > 1024:  # a [40001] vector's diag matrix is 6.4 GB: its flip instead
                return self.step("flip", [x], [0])
            return self.step("diag", [x], r.choice([0, 0, 1, -1, 2]))
        if kind == "trace":
            return self.step("trace", [x]) if n == 2 else self.step("tril", [x], r.choice([0, 1, -1]))
        if kind in ("tril", "triu"): return self.step(kind, [x], r.choice([0, 0, 1, -1, -2, 3]))
        if kind == "outer": return self.step("outer", [x, self.operand([r.choice([1, 2, 5, 7])])])
        if kind == "einsum":
            if n == 1: return self.step("einsum", [x, self.operand(shape)], "i,i->")
            if n == 2:
                eq = r.choice(["ij,jk->ik", "ij->ji", "ij->j", "ij,ij->i"])
                if eq == "ij,jk->ik": return self.step("einsum", [x, self.operand([shape[1], r.choice([1, 3, 8])])], eq)
                if eq == "ij,ij->i": return self.step("einsum", [x, self.operand(shape)], eq)
                return self.step("einsum", [x], eq)
            eq = r.choice(["bij,bjk->bik", "bij->bji", "bij->b"])
            if n > 3: return self.step("flatten", [x])
            if eq == "bij,bjk->bik": return self.step("einsum", [x, self.operand([shape[0], shape[2], r.choice([1, 4])])], eq)
            return self.step("einsum", [x], eq)
        # pad
        if n in (2, 3) and r.random() < 0.5:
            mode = r.choice(["reflect", "replicate", "circular"])
            last = shape[-1]
            hi = last - 1 if mode == "reflect" else last if mode == "circular" else 3
            if hi < 1: return self.step("pad", [x], [1, 0], "constant", 0.0)
            return self.step("pad", [x], [r.randint(0, hi), r.randint(0, hi)], mode, None)
        k = r.choice([2, 2, 4]) if n >= 2 else 2
        return self.step("pad", [x], [r.randint(-1, 3) for _ in range(k)], "constant", r.choice([0.0, 1.5, -2.0]))

    def selection(self, x):
        r, shape = self.r, self.shape_of(x)
        n = len(shape)
        kind = r.choice(["masked_select", "nonzero", "argsort", "mode", "mode", "nanmedian", "nanmedian", "nanmedian_all"])
        if kind == "masked_select": return self.step("masked_select", [x, self.bool_leaf(self.broadcast_shape(shape))])
        if kind == "nonzero":
            i = self.step("nonzero", [self.step("floor", [x])])
            return self.step("todt", [i], self.dtype)
        if n == 0: return self.step("nanmedian_all", [x])
        d = self.a_dim(x)
        if kind == "argsort": return self.step("argsort", [x], d, r.random() < 0.5)
        keep = r.random() < 0.4
        if kind == "mode":
            f = self.step("floor", [x]) if r.random() < 0.7 else x
            return self.step(r.choice(["mode_v", "mode_v", "mode_i"]), [f], d, keep)
        if r.random() < 0.5 or kind == "nanmedian_all":
            x = self.step("log", [x])  # NaNs where x < 0
        if kind == "nanmedian_all": return self.step("nanmedian_all", [x])
        return self.step(r.choice(["nanmedian_v", "nanmedian_v", "nanmedian_i"]), [x], d, keep)

    def nn(self, x):
        r, shape = self.r, self.shape_of(x)
        n = len(shape)
        kind = r.choice(["mse_loss", "l1_loss", "smooth_l1_loss", "huber_loss", "bce", "bce_logits", "cross_entropy",
                         "nll_loss", "linear", "normalize", "cosine_similarity", "cdist"])
        red = r.choice(["mean", "sum", "none"])
        if kind == "mse_loss": return self.step(kind, [x, self.operand(shape)], red)
        if kind == "l1_loss": return self.step(kind, [x, self.operand(shape)])
        if kind == "smooth_l1_loss": return self.step(kind, [x, self.operand(shape)], red, r.choice([1.0, 0.5, 0.0]))
        if kind == "huber_loss": return self.step(kind, [x, self.operand(shape)], red, r.choice([1.0, 0.5, 2.0]))
        if kind in ("bce", "bce_logits"):
            t = self.step("sigmoid", [self.operand(shape)])
            return self.step(kind, [self.step("sigmoid", [x]) if kind == "bce" else x, t])
        if kind in ("cross_entropy", "nll_loss"):
            if n == 0 or n > 3 or 0 in shape:
                return self.step("mse_loss", [x, self.operand(shape)], red)
            c = shape[0] if n == 1 else shape[1]
            tshape = [] if n == 1 else [shape[0]] + shape[2:]
            t = self.int_leaf(tshape, 0, c)
            if kind == "cross_entropy": return self.step(kind, [x, t])
            return self.step(kind, [self.step("log_softmax", [x], 0 if n == 1 else 1), t], red)
        if kind == "linear":
            if n == 0: return self.step("mse_loss", [x, self.operand(shape)], red)
            k, m = shape[-1], r.choice([1, 3, 8, 17])
            if r.random() < 0.6: return self.step(kind, [x, self.operand([m, k]), self.operand([m])])
            return self.step("linear", [x, self.operand([m, k])])
        if kind == "normalize":
            if n == 0: return self.step("mse_loss", [x, self.operand(shape)], red)
            return self.step(kind, [x], r.choice([2.0, 1.0, 3.0]), self.a_dim(x))
        if kind == "cosine_similarity":
            if n == 0: return self.step("mse_loss", [x, self.operand(shape)], red)
            return self.step(kind, [x, self.operand(self.broadcast_shape(shape) if r.random() < 0.3 else shape)], self.a_dim(x))
        if n < 2 or n > 3:
            return self.step("mse_loss", [x, self.operand(shape)], red)
        o = list(shape)
        o[-2] = r.choice([1, 3, 7, 30])
        return self.step("cdist", [x, self.operand(o)], r.choice([2, 2, 1, 0, 3, "inf", 0.5]))

    def inplace_more(self, x):
        r = self.r
        base = self.step("clone", [x])
        v = self.view_of(base)
        shape = self.shape_of(v)
        kind = r.choice(["ceil_", "round_", "trunc_", "cos_", "expm1_", "sqrt_", "log_", "lerp_", "addcmul_",
                         "addcdiv_", "scatter_v_"])
        if kind in ("sqrt_", "log_"):
            self.step("abs_", [v])
            self.step(kind, [v])
        elif kind == "lerp_":
            self.step(kind, [v, self.operand(self.broadcast_shape(shape))], r.choice([0.5, 0.25, 2.0]))
        elif kind in ("addcmul_", "addcdiv_"):
            t2 = self.operand(self.broadcast_shape(shape), positive=kind == "addcdiv_")
            self.step(kind, [v, self.operand(self.broadcast_shape(shape)), t2], r.choice([1, 0.5, -2.0]))
        elif kind == "scatter_v_" and len(shape) >= 1 and 0 not in shape:
            d = self.a_dim(v)
            ishape = [r.randint(1, s) for s in shape]
            self.step(kind, [v, self.int_leaf(ishape, 0, shape[d])], d, r.choice([0.0, 2.5]))
        else:
            self.step(kind if kind != "scatter_v_" else "cos_", [v])
        return base, v

    def case(self):
        r = self.r
        out = []
        x = self.operand(self.small_shape(), positive=r.random() < 0.25)
        for _ in range(r.randint(1, 3)):
            c = r.random()
            if c < 0.15: x = self.math(x)
            elif c < 0.32: x = self.activation(x)
            elif c < 0.5: x = self.binary_more(x)
            elif c < 0.7: x = self.shapes(x)
            elif c < 0.78: x = self.selection(x)
            elif c < 0.92: x = self.nn(x)
            else:
                base, v = self.inplace_more(x)
                out.append(v)
                x = base
            if not self.regs[x].is_floating_point():
                x = self.step("todt", [x], self.dtype)  # back into the float language
        out.append(x)
        return sorted(set(out))


def run(seed):
    return fuzz_record.run_case(f"more {seed}", seed, More(seed), wide=True)


def main():
    fuzz_record.main(run, 250)


if __name__ == "__main__":
    main()
