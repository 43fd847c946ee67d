"""PyTorch 1.13.1's softmax and log_softmax over every kind of dim, forward and backward, for SoftmaxDimsTest: the
last dim (vector rows, short rows, tails), dim 0 and middle dims of 3-D tensors (inner sizes 1 but not last, 8k,
8k + tail, several log_softmax chunks), non-contiguous inputs and grads (transposed, strided), rows with NaN, inf
and -inf, 0-d and empty tensors, float32 and float64, and F.cross_entropy's loss and input grad. Each case runs
`y = op(view(x), dim); y.backward(view(g))` and keeps y and x.grad. One intra-op thread: PyTorch's own split of the
non-last-dim kernel over threads moves which columns take its scalar path, Gradbook's never does.
Arrays are base64 of little-endian bytes.
usage: /usr/bin/python3 make_softmax_dims.py > softmax_dims.json   (needs Debian's python3-torch)"""
import base64, json, sys
import torch
import torch.nn.functional as F

torch.set_num_threads(1)
g = torch.Generator().manual_seed(20261130)


def enc(t):
    t = t.detach().contiguous()
    return {"shape": list(t.shape), "dtype": str(t.dtype).replace("torch.", ""),
            "b64": base64.b64encode(t.reshape(-1).numpy().tobytes()).decode()}


def view(t, kind):
    if kind == "t01":
        return t.transpose(0, 1)
    if kind == "step2":
        return t[..., ::2]
    return t


def randn(shape, scale, dtype):
    return (torch.randn(tuple(shape), generator=g, dtype=torch.float64) * scale).to(dtype)


cases = []


def case(name, op, base, dim, xview=None, gview=None, gbase=None):
    x = base.clone().requires_grad_()
    xin = view(x, xview)
    y = (torch.softmax if op == "softmax" else torch.log_softmax)(xin, dim)
    if gbase is None:
        gbase = randn(base.shape, 1, base.dtype)  # viewed as x is
    gg = view(gbase, gview)
    y.backward(gg)
    cases.append({"name": name, "op": op, "dim": dim, "xview": xview, "gview": gview,
                  "x": enc(base), "g": enc(gbase), "out": enc(y), "grad": enc(x.grad)})


for dtype in (torch.float32, torch.float64):
    dt = "f32" if dtype == torch.float32 else "f64"
    # the last dim: whole vectors, a tail, rows shorter than a vector, one element, a long row
    for shape in [(4, 16), (3, 37), (5, 7), (6, 1), (2, 1000), (16, 203)]:
        for op in ("softmax", "log_softmax"):
            case(f"{op} {dt} {list(shape)} dim=-1", op, randn(shape, 3, dtype), -1)
    # other dims of 3-D tensors: inner 1 but not last, inner < 8, 8k, 8k + tail, and log_softmax's chunks
    # (128 KiB / dim / 4 columns: dim 300 gives 104-column chunks, so inner 220 spans three; float32 only, for size)
    if dtype == torch.float32:
        case(f"log_softmax {dt} [1, 300, 220] dim=1", "log_softmax", randn((1, 300, 220), 4, dtype), 1)
    for shape, dims in [((4, 13, 9), (0, 1)), ((3, 21, 16), (0, 1)), ((2, 7, 19), (0, 1)), ((5, 9, 1), (1,)),
                        ((12, 6, 33), (0, 1)), ((3, 5, 21), (0, 1, 2))]:
        for dim in dims:
            for op in ("softmax", "log_softmax"):
                case(f"{op} {dt} {list(shape)} dim={dim}", op, randn(shape, 4, dtype), dim)
    # 2-D over dim 0 (inner = the row length)
    for op in ("softmax", "log_softmax"):
        case(f"{op} {dt} [37, 29] dim=0", op, randn((37, 29), 3, dtype), 0)
    # non-contiguous inputs and grads
    for op in ("softmax", "log_softmax"):
        case(f"{op} {dt} transposed [24, 11] dim=1", op, randn((24, 11), 3, dtype), 1, xview="t01", gview="t01")
        case(f"{op} {dt} transposed [24, 11] dim=0", op, randn((24, 11), 3, dtype), 0, xview="t01", gview="t01")
        case(f"{op} {dt} strided [6, 5, 40] dim=-1", op, randn((6, 5, 40), 3, dtype), -1, xview="step2", gview="step2")
        case(f"{op} {dt} strided [6, 5, 40] dim=1", op, randn((6, 5, 40), 3, dtype), 1, xview="step2", gview="step2")
    # NaN, inf and -inf in rows and columns (a row of all -inf gives NaN)
    for shape, dim in [((6, 19), 1), ((6, 19), 0), ((4, 9, 16), 1)]:
        t = randn(shape, 30, dtype)
        flat = t.view(-1)
        flat[3] = float("nan"); flat[25] = float("inf"); flat[40] = float("-inf"); flat[41] = float("inf")
        if len(shape) == 2:
            t[5] = float("-inf")
        for op in ("softmax", "log_softmax"):
            case(f"{op} {dt} extremes {list(shape)} dim={dim}", op, t, dim)
    # 0-d
    for op in ("softmax", "log_softmax"):
        case(f"{op} {dt} 0-d", op, randn((), 3, dtype), 0)

# F.cross_entropy (log_softmax over dim 1, then nll_loss's mean) and its input grad, as the benchmark runs it (64 of its 512 rows)
ce = []
for shape, dtype in [((64, 1000), torch.float32), ((33, 10), torch.float32),
                     ((33, 10), torch.float64)]:
    x = randn(shape, 2, dtype).requires_grad_()
    n, c = shape[0], shape[1]
    tgt = torch.randint(0, c, (n,) + tuple(shape[2:]), generator=g)
    loss = F.cross_entropy(x, tgt)
    loss.backward()
    ce.append({"name": f"cross_entropy {str(dtype).replace('torch.', '')} {list(shape)}", "x": enc(x), "target": enc(tgt),
               "loss": enc(loss), "grad": enc(x.grad)})

json.dump({"torch": torch.__version__, "cases": cases, "cross_entropy": ce}, sys.stdout)
