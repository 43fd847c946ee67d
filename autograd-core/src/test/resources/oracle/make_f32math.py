"""PyTorch 1.13.1's outputs for the math kernels (io.gradbook.autograd.math) beyond golden.json: every unary op over
wide-range inputs (NaN, inf, subnormals, |x| >= 125 inside vectors for sin/cos, scalar-tail lengths), pow, float32
and float64 sums over strided views and several dims, softmax/log_softmax over non-last dims, linspace/arange in
float32 and float64. One intra-op thread. Arrays are base64 of little-endian bytes; an input given as a string
names an entry of "tensors" (shared inputs are stored once).
usage: /usr/bin/python3 make_f32math.py > f32math.json   (needs Debian's python3-torch)"""
import base64, json, math, sys
import torch
torch.set_num_threads(1)
g = torch.Generator().manual_seed(20261129)

def enc(t):
    t = t.detach().contiguous().reshape(-1)
    return {"dtype": str(t.dtype).replace("torch.", ""), "n": t.numel(), "b64": base64.b64encode(t.numpy().tobytes()).decode()}

cases = []
tensors = {}   # inputs shared by several cases are stored once, by name
def shared(name, t):
    tensors[name] = enc(t)
    return name

def case(name, kind, **kw):
    d = {"name": name, "kind": kind}
    for k, v in kw.items():
        d[k] = enc(v) if torch.is_tensor(v) else v
    cases.append(d)

def wide(n):
    # normal, wide log-uniform magnitudes, and specials, shuffled so that specials land inside vectors
    a = torch.randn(n // 2, generator=g) * 4
    mag = torch.exp(torch.rand(n - n // 2 - 16, generator=g) * 40 - 20) * torch.sign(torch.randn(n - n // 2 - 16, generator=g))
    sp = torch.tensor([0.0, -0.0, float("inf"), float("-inf"), float("nan"), 1e-40, -1e-40, 88.7, -88.7, 89.5, -104.5,
                       125.0, -125.0, 1e30, -1e30, 3.4e38])
    x = torch.cat([a, mag, sp])
    return x[torch.randperm(x.numel(), generator=g)]

N = 4096 + 13
x = wide(N)
pos = x.abs()
X, POS = shared("wide", x), shared("wide_abs", pos)
unit = torch.clamp(x / 8, -1.5, 1.5)
small = torch.randn(N, generator=g) * 3 + 0.0   # all |x| < 125: sin/cos fast path only
for op in ["exp", "sin", "cos", "tanh", "sigmoid", "expm1", "atan", "sinh", "cosh", "asinh", "erf", "reciprocal",
           "neg", "abs", "relu", "square", "rsqrt", "sqrt"]:
    case(op + " wide", "unary", op=op, x=X, out=getattr(torch, op)(x))
for op in ["log", "log1p", "log2", "log10"]:
    case(op + " wide", "unary", op=op, x=X, out=getattr(torch, op)(x))
    case(op + " positive", "unary", op=op, x=POS, out=getattr(torch, op)(pos))
for op in ["asin", "acos", "atanh"]:
    case(op + " unit", "unary", op=op, x=unit, out=getattr(torch, op)(unit))
for op in ["sin", "cos"]:
    case(op + " small", "unary", op=op, x=small, out=getattr(torch, op)(small))
# scalar-tail probes: a length-15 tensor runs entirely through the scalar code of cpu_kernel_vec ops
for op in ["sigmoid", "sinh", "cosh"]:
    for k in range(0, 240, 15):
        t = small[k:k + 15].clone()
        case(f"{op} tail {k}", "unary", op=op, x=t, out=getattr(torch, op)(t))
# pow with a scalar exponent, and tensor ** tensor
pb = pos[:1037] + 1e-3
PB = shared("pow_base", pb)
for e in [2, 3, 0.5, -0.5, -1, -2, 0, 1, 2.5, 1.0 / 3.0, -1.7, 7, 0.1]:
    case(f"pow {e!r}", "pow_scalar", x=PB, exponent=e, out=pb.pow(e))
pe = torch.randn(1037, generator=g) * 3
case("pow tensor", "pow_tensor", x=pb, y=pe, out=pb.pow(pe))
neg_base = torch.randn(1037, generator=g) * 3
int_exp = torch.randint(-4, 5, (1037,), generator=g).float()
case("pow tensor negative base", "pow_tensor", x=neg_base, y=int_exp, out=neg_base.pow(int_exp))
# sums: strided views and several dims, float32 and float64
def sums(dtype):
    tag = "f32" if dtype == torch.float32 else "f64"
    base = (torch.randn(6, 40, 35, generator=g) * 2).to(dtype)
    B = shared("base " + tag, base)
    views = {"contig": base, "transposed": base.transpose(0, 2), "permuted": base.permute(1, 2, 0),
             "sliced": base[:, ::3, 1:], "narrow": base[1:5, 3:37, 2:33]}
    for vname, v in views.items():
        nd = v.dim()
        for dims in [[0], [1], [2], [0, 1], [0, 2], [1, 2], [0, 1, 2], [-1]]:
            out = v.sum(dims)
            case(f"sum {tag} {vname} dims={dims}", "sum_dim", x=B, off=v.storage_offset(), shape=list(v.shape),
                 strides=list(v.stride()), dims=dims, out=out)
            if dims == [1]:
                case(f"mean {tag} {vname} dims={dims}", "mean_dim", x=B, off=v.storage_offset(), shape=list(v.shape),
                     strides=list(v.stride()), dims=dims, out=v.mean(dims))
    wide2 = (torch.randn(3, 35000, generator=g) * 3).to(dtype)
    W = shared("wide2 " + tag, wide2)
    flat = wide2.reshape(-1)
    for n in [5, 64, 1001, 40000, 65537, 105000]:
        case(f"sum {tag} n={n}", "sum_full", x=W, n=n, out=flat[:n].sum())
    case(f"sum {tag} [3,35000] dim=1", "sum_dim", x=W, off=0, shape=[3, 35000], strides=[35000, 1], dims=[1], out=wide2.sum(1))
    case(f"sum {tag} [35000,3] dim=0", "sum_dim", x=W, off=0, shape=[35000, 3], strides=[3, 1], dims=[0],
         out=wide2.reshape(35000, 3).sum(0))
    case(f"mean {tag} n=1001", "mean_full", x=W, n=1001, out=flat[:1001].mean())
sums(torch.float32)
sums(torch.float64)
# softmax / log_softmax over every dim of a 3-d tensor (inner sizes 1, 9, 9*13) and with NaN/inf rows
for shape in [(4, 13, 9), (3, 5, 21), (2, 37)]:
    t = torch.randn(*shape, generator=g) * 4
    for dim in range(len(shape)):
        case(f"softmax {list(shape)} dim={dim}", "softmax", x=t, shape=list(shape), dim=dim, out=torch.softmax(t, dim))
        case(f"log_softmax {list(shape)} dim={dim}", "log_softmax", x=t, shape=list(shape), dim=dim, out=torch.log_softmax(t, dim))
t = torch.randn(5, 11, generator=g) * 50
t[1, 3] = float("inf"); t[2, 4] = float("-inf"); t[3, 0] = float("nan")
case("softmax extremes dim=1", "softmax", x=t, shape=[5, 11], dim=1, out=torch.softmax(t, 1))
case("log_softmax extremes dim=1", "log_softmax", x=t, shape=[5, 11], dim=1, out=torch.log_softmax(t, 1))
# ranges
for (a, b, n) in [(-7.3, 11.9, 4001), (0.1, 0.7, 999), (-1, 1, 2), (3, 3, 7), (5, -5, 17), (0, 1, 1)]:
    case(f"linspace f32 {a},{b},{n}", "linspace", start=a, end=b, steps=n, out=torch.linspace(a, b, n))
    case(f"linspace f64 {a},{b},{n}", "linspace64", start=a, end=b, steps=n, out=torch.linspace(a, b, n, dtype=torch.float64))
for (a, b, s) in [(0, 100, 0.1), (-1, 50, 0.3), (0.05, 37, 0.0123), (10, -3, -0.7), (0, 1, 0.5)]:
    case(f"arange f32 {a},{b},{s}", "arange", start=a, end=b, step=s, out=torch.arange(a, b, s))
    case(f"arange f64 {a},{b},{s}", "arange64", start=a, end=b, step=s, out=torch.arange(a, b, s, dtype=torch.float64))

# the starting point of golden.json's 2000-step trajectory (torch.manual_seed(0), four randn(()) scalars)
torch.manual_seed(0)
trajectory_init = enc(torch.stack([torch.randn(()) for _ in range(4)]))

json.dump({"torch": torch.__version__, "threads": 1, "tensors": tensors, "cases": cases, "trajectory_init": trajectory_init}, open(sys.argv[1], "w") if len(sys.argv) > 1 else sys.stdout)
