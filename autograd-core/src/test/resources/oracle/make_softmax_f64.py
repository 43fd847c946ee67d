"""PyTorch 1.13.1's float64 softmax and log_softmax, forward and backward, for Float64SoftmaxTest: the last dim
for every row length 1..40 and long rows (1000, 1003: whole 4-lane vectors, partial ones, rows shorter than a
vector), other dims (inner sizes 1 but not last, 4k, 4k + tail, log_softmax's 128 KiB / dim / 8 column chunks),
rows and columns holding NaN, inf, -inf and -0.0, and 0-d. Each case runs `y = op(x, dim); y.backward(g)` and
keeps y and x.grad. One intra-op thread: PyTorch's split of the non-last-dim kernel over threads moves which columns
take its scalar path, Gradbook's never does. Arrays are base64 of little-endian bytes.
usage: /usr/bin/python3 make_softmax_f64.py > softmax_f64.json   (needs Debian's python3-torch)"""
import base64, json, sys
import torch

torch.set_num_threads(1)
g = torch.Generator().manual_seed(20261130)


def enc(t):
    t = t.detach().contiguous()
    return {"shape": list(t.shape), "dtype": str(t.dtype).replace("torch.", ""),
            "b64": base64.b64encode(t.reshape(-1).numpy().tobytes()).decode()}


def randn(shape, scale):
    return torch.randn(tuple(shape), generator=g, dtype=torch.float64) * scale


cases = []


def case(name, base, dim, ops=("softmax", "log_softmax")):
    for op in ops:
        x = base.clone().requires_grad_()
        y = (torch.softmax if op == "softmax" else torch.log_softmax)(x, dim)
        gr = randn(base.shape, 1)
        y.backward(gr)
        cases.append({"name": f"{op} {name} dim={dim}", "op": op, "dim": dim,
                      "x": enc(base), "g": enc(gr), "out": enc(y), "grad": enc(x.grad)})


# the last dim: every length 1..40, long rows
for n in list(range(1, 41)) + [1000, 1003]:
    case(f"[3, {n}]", randn((3, n), 3), -1)
case("[1003] 1-d", randn((1003,), 5), 0)
# other dims: inner 1 but not last, inner < 4, 4k, 4k + tail; dim 0 and middle dims
for shape, dims in [((5, 9, 1), (1,)), ((4, 13, 3), (0, 1)), ((3, 21, 8), (0, 1)), ((2, 7, 19), (0, 1)),
                    ((6, 6, 33), (0, 1)), ((37, 29), (0,)), ((3, 5, 21), (0, 1, 2))]:
    for dim in dims:
        case(str(list(shape)), randn(shape, 4), dim)
# log_softmax's chunks: dim 2600 gives 128 KiB / 2600 / 8 = 6, so 4-column chunks; inner 7 = 4 + 3, the second
# chunk all scalar (glibc exp); log_softmax only (softmax has no chunks), for size
case("[1, 2600, 7]", randn((1, 2600, 7), 4), 1, ("log_softmax",))
# NaN, inf, -inf and -0.0 in rows and columns; a row of all -inf, a row of -0.0 and 0.0
for shape, dim in [((6, 19), 1), ((6, 19), 0), ((6, 3), 1), ((4, 9, 6), 1)]:
    t = randn(shape, 30)
    flat = t.view(-1)
    n = flat.numel()
    for i, v in [(3, float("nan")), (11, float("inf")), (14, float("-inf")), (15, float("inf")), (16, -0.0)]:
        if i < n:
            flat[i] = v
    if len(shape) == 2 and shape[0] > 5:
        t[4] = -0.0
        t[4, ::2] = 0.0
        t[5] = float("-inf")
    case(f"extremes {list(shape)}", t, dim)
# large magnitudes: exp underflows to 0 for most of the row
case("wide [4, 40]", randn((4, 40), 400), -1)
case("0-d", randn((), 3), 0)

json.dump({"torch": torch.__version__, "cases": cases}, sys.stdout)
