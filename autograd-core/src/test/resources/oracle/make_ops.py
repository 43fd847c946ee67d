#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Records PyTorch 1.13.1's behaviour for the ops of issue 11 ("Ops a course uses") into ops.json.

Run with Debian's python3-torch:  /usr/bin/python3 make_ops.py > ops.json
Each case: its inputs (values, shape, dtype, requires_grad), every output tensor (repr of the whole result,
values, shape, dtype, grad_fn name, next_functions), the random weights w_k and the gradients of
sum_k (w_k * out_k).sum() with respect to each input that requires grad. Each error: PyTorch's type and text.
OpsOracleTest (Java) holds one lambda per case name, written with Gradbook's API.
"""
import json, math, re, sys
import torch
import torch.nn.functional as F

torch.manual_seed(0)
gen = torch.Generator().manual_seed(11)

def F32(*shape):  # float32 normal, requires grad
    return torch.randn(*shape, generator=gen).requires_grad_()
def D64(*shape):
    return torch.randn(*shape, generator=gen, dtype=torch.float64).requires_grad_()
def POS(*shape):  # float32 in [0.5, 2.5), requires grad
    return (torch.rand(*shape, generator=gen) * 2 + 0.5).requires_grad_()
def UNIT(*shape):  # float32 in (-0.9, 0.9), requires grad
    return (torch.rand(*shape, generator=gen) * 1.8 - 0.9).requires_grad_()
def NOGRAD(*shape):
    return torch.randn(*shape, generator=gen)
def LONG(values):
    return torch.tensor(values, dtype=torch.int64)
def BOOL(values):
    return torch.tensor(values, dtype=torch.bool)
def SCALAR_GRAD(v):
    return torch.tensor(v, requires_grad=True)

CASES = []
def case(name, f, *inputs, ulp=0):
    CASES.append((name, f, list(inputs), ulp))

# ---- element-wise math (MoreMathOps) ---------------------------------------------------------------------------
T = 2  # float32 functions Gradbook computes in double, not with PyTorch's SLEEF code: within 2 ULP
# (the unary ones below without a budget use Float32Unary, PyTorch's float32 algorithms, and must match exactly)
S = 4  # float32 sums of products: PyTorch accumulates in float in its own order, we in double rounded once
case("log1p", lambda x: torch.log1p(x), POS(2, 3))
case("expm1", lambda x: torch.expm1(x), F32(2, 3))
case("log2", lambda x: torch.log2(x), POS(2, 3))
case("log10", lambda x: torch.log10(x), POS(2, 3))
case("exp2", lambda x: torch.exp2(x), F32(2, 3), ulp=T)
case("atan", lambda x: torch.atan(x), F32(2, 3))
case("atan2", lambda y, x: torch.atan2(y, x), F32(2, 3), F32(3), ulp=T)
case("asin", lambda x: torch.asin(x), UNIT(2, 3))
case("acos", lambda x: torch.acos(x), UNIT(2, 3))
case("sinh", lambda x: torch.sinh(x), F32(2, 3))
case("cosh", lambda x: torch.cosh(x), F32(2, 3))
case("asinh", lambda x: torch.asinh(x), F32(2, 3))
case("atanh", lambda x: torch.atanh(x), UNIT(2, 3))
case("erf", lambda x: torch.erf(x), F32(2, 3))
case("sinh 20 elements", lambda x: torch.sinh(x * 3), F32(4, 5))
case("erf 20 elements", lambda x: torch.erf(x), F32(20))
case("log1p 20 elements", lambda x: torch.log1p(x), POS(5, 4))
case("log1p float64", lambda x: torch.log1p(x.abs()), D64(4), ulp=T)
case("remainder tensor", lambda a, b: torch.remainder(a, b), F32(2, 3), POS(2, 3))
case("remainder scalar", lambda a: torch.remainder(a, 1.5), F32(2, 3))
case("remainder int", lambda a: torch.remainder(a, 3), LONG([-7, -1, 0, 4, 8]))
case("fmod tensor", lambda a, b: torch.fmod(a, b), F32(2, 3), POS(2, 3))
case("fmod scalar", lambda a: torch.fmod(a, 1.5), F32(2, 3))
case("floor", lambda x: torch.floor(x * 3), F32(2, 3))
case("ceil", lambda x: torch.ceil(x * 3), F32(2, 3))
case("round", lambda x: torch.round(x * 3), F32(2, 3))
case("round half to even", lambda x: torch.round(x), torch.tensor([-2.5, -1.5, -0.5, 0.5, 1.5, 2.5], requires_grad=True))
case("trunc", lambda x: torch.trunc(x * 3), F32(2, 3))
case("frac", lambda x: torch.frac(x * 3), F32(2, 3))
case("hypot", lambda a, b: torch.hypot(a, b), F32(2, 3), F32(2, 3), ulp=1)
case("lerp scalar weight", lambda a, b: torch.lerp(a, b, 0.3), F32(2, 3), F32(2, 3), ulp=1)
case("lerp tensor weight", lambda a, b, w: torch.lerp(a, b, w), F32(2, 3), F32(3), F32(2, 3), ulp=1)
case("addcmul", lambda t, a, b: torch.addcmul(t, a, b, value=0.5), F32(2, 3), F32(2, 3), F32(3), ulp=1)
case("addcdiv", lambda t, a, b: torch.addcdiv(t, a, b, value=0.5), F32(2, 3), F32(2, 3), POS(2, 3), ulp=1)
case("softplus", lambda x: F.softplus(x * 8), F32(2, 4), ulp=T)
case("softplus beta threshold", lambda x: F.softplus(x, beta=2, threshold=1), F32(2, 4), ulp=T)
case("logsumexp dim", lambda x: torch.logsumexp(x, 1), F32(2, 3), ulp=T)
case("logsumexp dim keepdim", lambda x: x.logsumexp(0, keepdim=True), F32(2, 3), ulp=T)

# ---- scans and products (ScanOps) ------------------------------------------------------------------------------
case("cumsum", lambda x: torch.cumsum(x, 1), F32(2, 4), ulp=1)
case("cumsum dim0", lambda x: x.cumsum(0), F32(3, 2), ulp=1)
case("cumsum int", lambda x: x.cumsum(0), LONG([1, 2, 3, 4]))
case("cumprod", lambda x: torch.cumprod(x, 1), F32(2, 4), ulp=1)
case("prod", lambda x: x.prod(), F32(2, 3), ulp=1)
case("prod dim", lambda x: torch.prod(x, 1), F32(2, 3), ulp=1)
case("prod dim keepdim", lambda x: x.prod(0, keepdim=True), F32(2, 3), ulp=1)
case("prod int", lambda x: x.prod(), LONG([1, 2, 3, 4]))

case("cumsum 0-dim", lambda x: x.cumsum(0), SCALAR_GRAD(2.5))
case("cumsum of transposed", lambda x: x.t().cumsum(1), F32(3, 2), ulp=1)
case("cumprod with a zero", lambda x: x.cumprod(0), torch.tensor([2., 0., 3., 4.], requires_grad=True))
case("prod with a zero", lambda x: x.prod(1), torch.tensor([[2., 0., 3.], [1., 2., 3.]], requires_grad=True))
case("prod with two zeros", lambda x: x.prod(), torch.tensor([2., 0., 3., 0.], requires_grad=True))

# ---- gather, scatter, index, mask, where (GatherScatterOps) -----------------------------------------------------
case("gather", lambda x, i: torch.gather(x, 1, i), F32(2, 3), LONG([[0, 0], [2, 1]]))
case("gather of transposed", lambda x, i: x.t().gather(1, i), F32(3, 2), LONG([[0, 0], [2, 1]]))
case("gather dim0", lambda x, i: x.gather(0, i), F32(3, 2), LONG([[2, 0], [1, 1], [0, 2]]))
case("scatter", lambda x, i, s: x.scatter(1, i, s), F32(2, 3), LONG([[0, 2], [1, 0]]), F32(2, 2))
case("scatter value", lambda x, i: x.scatter(1, i, 2.0), F32(2, 3), LONG([[0, 2], [1, 0]]))
case("scatter_add", lambda x, i, s: x.scatter_add(0, i, s), F32(2, 3), LONG([[0, 1, 0], [0, 0, 1]]), F32(2, 3))
case("index_select", lambda x, i: torch.index_select(x, 0, i), F32(3, 2), LONG([2, 0, 2]))
case("index_select dim1", lambda x, i: x.index_select(1, i), F32(2, 3), LONG([1, 1]))
case("index_add", lambda x, i, s: x.index_add(0, i, s), F32(3, 2), LONG([0, 2, 0]), F32(3, 2))
case("index_add alpha", lambda x, i, s: x.index_add(1, i, s, alpha=2), F32(2, 3), LONG([1]), F32(2, 1))
case("masked_fill", lambda x, m: x.masked_fill(m, 0.), F32(2, 3), BOOL([[True, False, True], [False, False, True]]))
case("masked_fill broadcast mask", lambda x, m: x.masked_fill(m, -1.5), F32(2, 3), BOOL([True, False, True]))
case("masked_fill tensor value", lambda x, m, v: x.masked_fill(m, v), F32(2, 3), BOOL([True, False, True]), SCALAR_GRAD(3.0))
case("masked_select", lambda x, m: torch.masked_select(x, m), F32(2, 3), BOOL([[True, False, True], [False, False, True]]))
case("masked_select broadcast", lambda x, m: x.masked_select(m), F32(2, 3), BOOL([False, True, True]))
case("where", lambda c, x, y: torch.where(c, x, y), BOOL([[True, False, True], [False, False, True]]), F32(2, 3), F32(3))
case("where scalar other", lambda c, x: torch.where(c, x, 0.), BOOL([[True, False, True], [False, False, True]]), F32(2, 3))
case("where scalar self", lambda c, x: torch.where(c, 1.5, x), BOOL([True, False, True]), F32(2, 3))
case("where condition only", lambda c: torch.where(c), BOOL([[True, False, True], [False, False, True]]))
case("where method", lambda x, y: x.where(x > 0, y), F32(2, 3), F32(2, 3))
case("where two scalars", lambda c: torch.where(c, 1., 0.), BOOL([[True, False, True], [False, False, True]]))
case("masked_fill_ in place", lambda x, m: x.clone().masked_fill_(m, 0.5), F32(2, 3), BOOL([True, False, True]))
case("scatter_ in place", lambda x, i, s: x.clone().scatter_(1, i, s), F32(2, 3), LONG([[0, 2], [1, 0]]), F32(2, 2))
case("scatter_add_ in place", lambda x, i, s: x.mul(2).scatter_add_(0, i, s), F32(2, 3), LONG([[0, 1, 0], [0, 0, 1]]), F32(2, 3))
case("index_add_ in place", lambda x, i, s: x.clone().index_add_(0, i, s), F32(3, 2), LONG([0, 2, 0]), F32(3, 2))

# ---- sorting and selection (SortingOps) ------------------------------------------------------------------------
case("sort", lambda x: torch.sort(x, 1), F32(2, 4))
case("sort descending dim0", lambda x: x.sort(0, descending=True), F32(3, 2))
case("sort default dim", lambda x: x.sort(), F32(5))
case("sort 0-dim", lambda x: x.sort(), SCALAR_GRAD(1.5))
case("topk of transposed", lambda x: x.t().topk(1), F32(3, 2))
case("argsort", lambda x: torch.argsort(x, 1), F32(2, 4))
case("argsort descending", lambda x: x.argsort(0, descending=True), F32(3, 2))
case("topk", lambda x: torch.topk(x, 2), F32(2, 4))
case("topk smallest dim0", lambda x: x.topk(2, dim=0, largest=False), F32(3, 2))
case("kthvalue", lambda x: torch.kthvalue(x, 2, 1), F32(2, 4))
case("kthvalue keepdim", lambda x: x.kthvalue(1, 0, keepdim=True), F32(3, 2))
case("median", lambda x: x.median(), F32(2, 3))
case("median even count", lambda x: torch.median(x), F32(4))
case("median dim", lambda x: x.median(1), F32(2, 4))
case("max dim", lambda x: x.max(1), F32(2, 3))
case("min dim keepdim", lambda x: torch.min(x, 0, keepdim=True), F32(2, 3))
case("max", lambda x: x.max(), F32(2, 3))
case("min", lambda x: torch.min(x), F32(2, 3))
case("argmax", lambda x: x.argmax(), F32(2, 3))
case("argmin", lambda x: torch.argmin(x), F32(2, 3))
case("argmax dim", lambda x: x.argmax(1), F32(2, 3))
case("argmin dim keepdim", lambda x: x.argmin(0, keepdim=True), F32(2, 3))

# ---- shape family (ShapeFamilyOps) -----------------------------------------------------------------------------
case("repeat", lambda x: x.repeat(2, 1), F32(2, 3))
case("repeat new dims", lambda x: x.repeat(2, 1, 2), F32(3))
case("tile", lambda x: torch.tile(x, (2,)), F32(2, 3))
case("flip", lambda x: torch.flip(x, [0]), F32(2, 3))
case("flip two dims", lambda x: x.flip(0, 1), F32(2, 3))
case("roll", lambda x: torch.roll(x, 1, 1), F32(2, 3))
case("roll dims", lambda x: x.roll((1, -1), (0, 1)), F32(2, 3))
case("roll flat", lambda x: x.roll(2), F32(2, 3))
case("flip of transposed", lambda x: x.t().flip(1), F32(2, 3))
case("tril batched", lambda x: x.tril(), F32(2, 2, 3))
case("tril", lambda x: torch.tril(x), F32(3, 3))
case("tril -1", lambda x: x.tril(-1), F32(3, 4))
case("triu 1", lambda x: torch.triu(x, 1), F32(3, 4))
case("diag vector", lambda x: torch.diag(x), F32(3))
case("diag matrix", lambda x: torch.diag(x), F32(3, 3))
case("diag offset", lambda x: x.diag(1), F32(3, 4))
case("diagonal", lambda x: torch.diagonal(x), F32(3, 4))
case("diagonal offset", lambda x: x.diagonal(-1), F32(3, 3))
case("trace", lambda x: torch.trace(x), F32(3, 3))
case("pad", lambda x: F.pad(x, (1, 1)), F32(2, 3))
case("pad 2d value", lambda x: F.pad(x, (1, 2, 0, 1), "constant", 0.5), F32(2, 3))
case("pad reflect", lambda x: F.pad(x, (2, 1), "reflect"), F32(2, 3))
case("pad reflect 2d", lambda x: F.pad(x, (1, 1, 2, 0), mode="reflect"), F32(1, 1, 3, 3))
case("pad replicate", lambda x: F.pad(x, (2, 1), "replicate"), F32(1, 2, 3))
case("pad replicate 2d", lambda x: F.pad(x, (1, 0, 2, 1), mode="replicate"), F32(2, 3, 2))
case("chunk", lambda x: torch.chunk(x, 2, 1), F32(2, 3))
case("chunk dim0", lambda x: x.chunk(3), F32(4, 2))
case("split", lambda x: torch.split(x, 2), F32(3, 2))
case("split sizes", lambda x: x.split([1, 2], 1), F32(2, 3))
case("meshgrid", lambda a, b: torch.meshgrid(a, b, indexing="ij"), F32(2), F32(3))
case("meshgrid xy", lambda a, b: torch.meshgrid(a, b, indexing="xy"), F32(2), F32(3))
case("hstack", lambda a, b: torch.hstack([a, b]), F32(2, 2), F32(2, 1))
case("hstack 1d", lambda a, b: torch.hstack([a, b]), F32(2), F32(3))
case("vstack", lambda a, b: torch.vstack([a, b]), F32(3), F32(2, 3))
case("dstack", lambda a, b: torch.dstack([a, b]), F32(2), F32(2))
case("dstack matrices", lambda a, b: torch.dstack([a, b]), F32(2, 3), F32(2, 3))
case("column_stack", lambda a, b: torch.column_stack([a, b]), F32(2), F32(2, 3))
case("movedim", lambda x: torch.movedim(x, 0, 2), F32(2, 3, 2))
case("swapaxes", lambda x: x.swapaxes(0, 1), F32(2, 3))

# ---- products, norms, distances (LinalgMoreOps) ----------------------------------------------------------------
case("outer", lambda a, b: torch.outer(a, b), F32(2), F32(3))
case("einsum matmul", lambda a, b: torch.einsum("ij,jk->ik", a, b), F32(2, 3), F32(3, 2), ulp=S)
case("einsum batch matmul", lambda a, b: torch.einsum("bij,bjk->bik", a, b), F32(2, 2, 3), F32(2, 3, 2), ulp=S)
case("einsum dot", lambda a, b: torch.einsum("i,i->", a, b), F32(3), F32(3), ulp=S)
case("einsum outer", lambda a, b: torch.einsum("i,j->ij", a, b), F32(2), F32(3))
case("einsum transpose", lambda a: torch.einsum("ij->ji", a), F32(2, 3))
case("einsum sum", lambda a: torch.einsum("ij->", a), F32(2, 3), ulp=1)
case("einsum row sum", lambda a: torch.einsum("ij->i", a), F32(2, 3), ulp=1)
case("einsum diagonal", lambda a: torch.einsum("ii->i", a), F32(3, 3))
case("einsum trace", lambda a: torch.einsum("ii", a), F32(3, 3), ulp=1)
case("einsum implicit", lambda a, b: torch.einsum("ij,jk", a, b), F32(2, 3), F32(3, 2), ulp=S)
case("einsum ellipsis matmul", lambda a, b: torch.einsum("...ij,...jk->...ik", a, b), F32(2, 2, 3), F32(3, 2), ulp=S)
case("einsum ellipsis implicit", lambda a: torch.einsum("...ij", a), F32(2, 3, 2))
case("einsum ellipsis sum", lambda a: torch.einsum("i...->...", a), F32(3, 2, 2), ulp=S)
case("einsum three operands", lambda a, b, c: torch.einsum("i,ij,j->", a, b, c), F32(2), F32(2, 3), F32(3), ulp=S)
case("einsum elementwise", lambda a, b: torch.einsum("ij,ij->ij", a, b), F32(2, 3), F32(2, 3))
case("var dim unbiased false keepdim", lambda x: x.var(1, unbiased=False, keepdim=True), F32(2, 3), ulp=1)
case("var dims", lambda x: torch.var(x, (0, 1)), F32(2, 3), ulp=1)
case("var correction", lambda x: x.var(1, correction=0), F32(2, 3), ulp=1)
case("var correction 2", lambda x: torch.var(x, 1, correction=2, keepdim=True), F32(2, 4), ulp=1)
case("std correction all", lambda x: x.std(None, correction=0), F32(2, 3), ulp=1)
case("std dims keepdim", lambda x: x.std((0, 2), keepdim=True), F32(2, 3, 2), ulp=1)
case("std unbiased false", lambda x: torch.std(x, unbiased=False), F32(2, 3), ulp=1)
case("var_mean", lambda x: torch.var_mean(x, 1), F32(2, 3), ulp=1)
case("std_mean", lambda x: torch.std_mean(x), F32(2, 3), ulp=1)
case("norm p1", lambda x: x.norm(1), F32(2, 3), ulp=1)
case("norm inf", lambda x: x.norm(float("inf")), F32(2, 3))
case("norm fro", lambda x: torch.norm(x, p="fro"), F32(2, 3), ulp=1)
case("norm dim keepdim", lambda x: x.norm(2, 1, True), F32(2, 3), ulp=1)
case("norm dims", lambda x: x.norm(dim=(0, 1)), F32(2, 3), ulp=1)
case("linalg vector_norm ord dim", lambda x: torch.linalg.vector_norm(x, 3, 1), F32(2, 3), ulp=T)
case("dist", lambda a, b: torch.dist(a, b), F32(2, 3), F32(3), ulp=1)
case("dist p1", lambda a, b: torch.dist(a, b, 1), F32(2, 3), F32(2, 3), ulp=1)
case("cdist", lambda a, b: torch.cdist(a, b), F32(2, 3), F32(4, 3), ulp=2)
case("cdist p1", lambda a, b: torch.cdist(a, b, p=1), F32(2, 3), F32(4, 3), ulp=1)
case("normalize", lambda x: F.normalize(x, dim=1), F32(2, 3), ulp=2)
case("normalize p1 dim0", lambda x: F.normalize(x, p=1, dim=0), F32(2, 3), ulp=2)
case("cosine_similarity", lambda a, b: F.cosine_similarity(a, b), F32(2, 3), F32(2, 3), ulp=2)
case("cosine_similarity dim0", lambda a, b: F.cosine_similarity(a, b, dim=0), F32(2, 3), F32(3), ulp=2)

# ---- dtype conversions -----------------------------------------------------------------------------------------
case("to float64", lambda x: x.to(torch.float64), F32(3))
case("double", lambda x: x.double(), F32(3))
case("float of double", lambda x: x.float(), D64(3))
case("int", lambda x: (x * 3).int(), F32(4))
case("long", lambda x: (x * 3).long(), F32(4))
case("bool", lambda x: x.bool(), torch.tensor([0., 1.5, -2., 0.]))
case("half", lambda x: x.half(), torch.tensor([0.1, 1.5, -2.25, 1000.7]))
case("type", lambda x: x.type(torch.float64), F32(3))

# ---- circular padding (inputs from their own generator and recorded last: every earlier draw stays as it was) ----
pad_gen = torch.Generator().manual_seed(12)
def F32P(*shape):
    return torch.randn(*shape, generator=pad_gen).requires_grad_()
case("pad circular", lambda x: F.pad(x, (2, 1), "circular"), F32P(1, 2, 3))
case("pad circular 2d", lambda x: F.pad(x, (1, 2, 2, 0), mode="circular"), F32P(1, 1, 3, 4))
case("pad circular negative", lambda x: F.pad(x, (-1, 1, 0, 2), mode="circular"), F32P(1, 2, 3, 4))
case("pad circular 3d", lambda x: F.pad(x, (1, 0, 0, 1, 1, 1), mode="circular"), F32P(1, 1, 2, 2, 2))

# ---- errors (PyTorch's type and text) --------------------------------------------------------------------------
ERRORS = []
def error(name, f):
    ERRORS.append((name, f))

x23 = torch.randn(2, 3, generator=gen)
error("cumsum dim out of range", lambda: x23.cumsum(2))
error("gather index out of bounds", lambda: x23.gather(1, LONG([[0, 3]])))
error("gather index rank", lambda: x23.gather(1, LONG([0, 1])))
error("gather float index", lambda: x23.gather(1, torch.tensor([[0., 1.]])))
error("scatter index out of bounds", lambda: x23.scatter(1, LONG([[3]]), 1.0))
error("index_select out of range", lambda: x23.index_select(0, LONG([2])))
error("index_select 2-d index", lambda: x23.index_select(0, LONG([[0]])))
error("masked_select long mask", lambda: x23.masked_select(LONG([1, 0, 1])))
error("pad unknown mode", lambda: F.pad(x23, (1, 1), mode="foo"))
error("masked_select shape mismatch", lambda: x23.masked_select(BOOL([True, False])))
error("where shape mismatch", lambda: torch.where(BOOL([True, False]), x23, x23))
error("topk k too large", lambda: x23.topk(4))
error("kthvalue k out of range", lambda: x23.kthvalue(4, 1))
error("sort dim out of range", lambda: x23.sort(2))
error("repeat too few dims", lambda: x23.repeat(2))
error("tril of a vector", lambda: torch.tril(torch.ones(3)))
error("diag of 3-d", lambda: torch.diag(torch.ones(2, 2, 2)))
error("trace of a vector", lambda: torch.trace(torch.ones(3)))
error("outer of a matrix", lambda: torch.outer(x23, torch.ones(3)))
error("chunk zero", lambda: x23.chunk(0))
error("pad odd length", lambda: F.pad(x23, (1,)))
error("pad too long", lambda: F.pad(x23, (1, 1, 1, 1, 1, 1)))
error("pad reflect too wide", lambda: F.pad(torch.ones(1, 2, 3), (3, 0), "reflect"))
error("pad reflect of a vector", lambda: F.pad(torch.ones(3), (1, 1), "reflect"))
error("einsum size mismatch", lambda: torch.einsum("ij,jk->ik", x23, torch.ones(2, 2)))
error("einsum operand count", lambda: torch.einsum("ij,jk->ik", x23))
error("atan2 shape mismatch", lambda: torch.atan2(x23, torch.ones(2)))
error("roll shifts dims mismatch", lambda: x23.roll((1, 1), (0,)))
error("flip repeated dim", lambda: x23.flip(0, 0))
error("movedim repeated", lambda: torch.movedim(torch.ones(2, 3, 4), (0, 0), (1, 2)))
error("cumsum of bool keeps going", lambda: BOOL([True]).cumsum(1))
error("logsumexp dim out of range", lambda: x23.logsumexp(3))
error("median dim out of range", lambda: x23.median(2))
error("index_add shape mismatch", lambda: x23.index_add(0, LONG([0]), torch.ones(1, 2)))
error("split size zero", lambda: x23.split(0))
error("cdist column mismatch", lambda: torch.cdist(x23, torch.ones(2, 2)))
error("dist shape mismatch", lambda: torch.dist(x23, torch.ones(2)))
error("einsum too many operands", lambda: torch.einsum("ij->i", x23, x23))
error("einsum subscript count", lambda: torch.einsum("i,jk->k", x23, torch.ones(2, 2)))
error("einsum unknown output subscript", lambda: torch.einsum("ij->k", x23))
error("gather index too large elsewhere", lambda: x23.gather(0, LONG([[0, 0, 0, 0]])))
error("split sizes do not sum", lambda: x23.split([1, 1], 1))
error("cumprod dim out of range", lambda: x23.cumprod(-3))
error("index_select float index", lambda: x23.index_select(0, torch.tensor([0.])))
error("diagonal same dims", lambda: x23.diagonal(0, 1, 1))
error("movedim length mismatch", lambda: torch.movedim(x23, (0, 1), (1,)))
error("lerp shape mismatch", lambda: torch.lerp(x23, torch.ones(2), 0.5))
error("masked_fill value with dims", lambda: x23.masked_fill(BOOL([True, False, True]), torch.ones(2)))
error("cdist of a vector", lambda: torch.cdist(torch.ones(3), torch.ones(2, 3)))
error("prod dim out of range", lambda: x23.prod(2))
error("kthvalue zero", lambda: x23.kthvalue(0))
error("gather negative index", lambda: x23.gather(1, LONG([[-1]])))
error("scatter_add negative index", lambda: x23.scatter_add(1, LONG([[-1]]), torch.ones(1, 1)))
error("index_add index out of range", lambda: x23.index_add(0, LONG([5]), torch.ones(1, 3)))
error("masked_fill mask does not broadcast", lambda: x23.masked_fill(BOOL([True, False]), 0.))
error("repeat negative", lambda: x23.repeat(-1, 1))
error("split negative", lambda: x23.split(-1))
error("roll two shifts no dims", lambda: x23.roll((1, 2)))
error("pad circular wraps twice", lambda: F.pad(torch.ones(1, 1, 3), (4, 0), "circular"))
error("pad circular empties a dim", lambda: F.pad(torch.ones(1, 1, 3), (-2, -2), "circular"))
error("pad circular without batch", lambda: F.pad(torch.ones(2, 3), (1, 1), "circular"))
error("pad circular 2 pads of 4-d", lambda: F.pad(torch.ones(1, 1, 3, 3), (1, 1), "circular"))
error("scatter src too small", lambda: x23.scatter(1, LONG([[0, 1, 2]]), torch.ones(1, 2)))

# ---- recording -------------------------------------------------------------------------------------------------
def mask(s):
    return re.sub(r"0x[0-9a-fA-F]+", "0x...", s)

def tensors_of(out):
    if isinstance(out, torch.Tensor):
        return [out]
    return [t for t in out]

def tensor_json(t):
    return {"shape": list(t.shape), "dtype": str(t.dtype).replace("torch.", ""),
            "values": [float(v) if t.is_floating_point() else int(v) for v in t.detach().reshape(-1).tolist()],
            "requires_grad": t.requires_grad}

def record_case(name, f, inputs, ulp):
    out = f(*inputs)
    ts = tensors_of(out)
    outs = []
    for t in ts:
        o = tensor_json(t)
        o["grad_fn"] = None if t.grad_fn is None else type(t.grad_fn).__name__
        o["next_functions"] = None if t.grad_fn is None else mask(str(t.grad_fn.next_functions))
        outs.append(o)
    weights, grads = [], []
    diff_in = [x for x in inputs if x.requires_grad]
    diff_out = [t for t in ts if t.requires_grad]
    if diff_in and diff_out:
        loss = 0
        for t in ts:
            if t.requires_grad:
                w = torch.randn(t.shape, generator=gen, dtype=t.dtype)
                weights.append(tensor_json(w))
                loss = loss + (w * t).sum()
            else:
                weights.append(None)
        gs = torch.autograd.grad(loss, diff_in, allow_unused=True)
        it = iter(gs)
        for x in inputs:
            g = next(it) if x.requires_grad else None
            grads.append(None if g is None else tensor_json(g))
    return {"name": name, "inputs": [tensor_json(x) for x in inputs], "repr": repr(out), "ulp": ulp,
            "kind": type(out).__name__, "outputs": outs, "weights": weights, "grads": grads}

def record_error(name, f):
    try:
        f()
    except Exception as e:
        return {"name": name, "type": type(e).__name__, "message": str(e).split("\n")[0] if False else str(e)}
    return {"name": name, "type": None, "message": None}

result = {
    "generated_with": {"torch": torch.__version__, "python": sys.version.split()[0]},
    "cases": [record_case(*c) for c in CASES],
    "errors": [record_error(*e) for e in ERRORS],
}
json.dump(result, sys.stdout, indent=1, allow_nan=True)
print()
