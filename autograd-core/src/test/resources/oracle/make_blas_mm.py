"""PyTorch 1.13.1's matrix products for BlasMmOracleTest: mm over many shapes (1 to 70 in each dim, some larger) with
either operand transposed, float32 and float64, with both gradients; bmm (PyTorch's own loop below 400 multiply-adds
a matrix, else one BLAS call per matrix) with transposed batches; matmul folded (3-D @ 2-D) and batched (4-D,
broadcast); addmm and linear with their gradients; float64 mv. PyTorch hands mm to Debian's OpenBLAS 0.3.21 (sgemm_/
dgemm_ with the transpose flags of addmm_impl_cpu_, Haswell kernels with OPENBLAS_CORETYPE=Haswell, 2 threads above
2^18 multiply-adds on this 2-core machine), whose bits Gradbook's TorchGemm reproduces. Inputs come from make_blas_dot.py's
LCG on both sides; results are stored as base64 little-endian bytes (a CRC-32 of them above 1024 elements).
usage: OPENBLAS_CORETYPE=Haswell /usr/bin/python3 make_blas_mm.py > blas_mm.json   (needs Debian's python3-torch)"""
import base64
import json
import random
import sys
import torch
import zlib
from make_blas_dot import draw

DTYPES = {"float32": torch.float32, "float64": torch.float64}
DIMS = list(range(1, 11)) + [12, 15, 16, 17, 20, 24, 31, 32, 33, 40, 47, 48, 63, 64, 65, 70]


def tensor(seed, shape, dtype):
    n = 1
    for s in shape:
        n *= s
    return torch.tensor(draw(seed, n, dtype), dtype=dtype).reshape(shape)


def operand(seed, rows, cols, transposed, dtype):
    """a rows x cols matrix, or the transpose of a contiguous cols x rows one (column-major: PyTorch's 't' flag)"""
    return tensor(seed, (cols, rows), dtype).t() if transposed else tensor(seed, (rows, cols), dtype)


def bits(t):
    """a result's little-endian bytes: base64 up to 1024 elements, else their CRC-32 (zlib's, java.util.zip.CRC32)"""
    raw = t.detach().contiguous().numpy().tobytes()
    if t.numel() <= 1024:
        return {"b64": base64.b64encode(raw).decode()}
    return {"crc32": zlib.crc32(raw)}


def record(case, outs):
    case["out"] = [bits(t) for t in outs]
    case["strides"] = [list(t.stride()) for t in outs]
    cases.append(case)


cases = []
rng = random.Random(10)
mm_shapes = [(rng.choice(DIMS), rng.choice(DIMS), rng.choice(DIMS)) for _ in range(44)]
mm_shapes += [(1, 1, 1), (1, 70, 1), (70, 1, 70), (2, 2, 2), (4, 4, 4), (8, 8, 8), (70, 70, 70), (64, 64, 65), (65, 64, 64),
              (128, 64, 256), (200, 40, 33), (33, 40, 200), (16, 16, 16), (64, 100, 30)]
for dname, dt in DTYPES.items():
    for m, k, n in mm_shapes:
        for ta in (False, True):
            for tb in (False, True):
                seed = len(cases) * 1000003 + 7
                a = operand(seed, m, k, ta, dt).requires_grad_()
                b = operand(seed + 1, k, n, tb, dt).requires_grad_()
                y = torch.mm(a, b)
                y.backward(tensor(seed + 2, (m, n), dt))
                record({"kind": "mm", "dtype": dname, "m": m, "k": k, "n": n, "ta": ta, "tb": tb, "seed": seed},
                       [y, a.grad, b.grad])

bmm_shapes = [(3, 2, 3, 4), (5, 7, 7, 7), (2, 7, 8, 7), (4, 1, 50, 1), (2, 20, 20, 1), (3, 20, 1, 20), (2, 5, 9, 9),
              (2, 8, 8, 7), (3, 16, 16, 16), (2, 33, 17, 9), (2, 1, 70, 70), (4, 24, 31, 12)]
for dname, dt in DTYPES.items():
    for bs, m, k, n in bmm_shapes:
        for ta in (False, True):
            for tb in (False, True):
                seed = len(cases) * 1000003 + 7
                a = (tensor(seed, (bs, k, m), dt).transpose(1, 2) if ta else tensor(seed, (bs, m, k), dt)).requires_grad_()
                b = (tensor(seed + 1, (bs, n, k), dt).transpose(1, 2) if tb else tensor(seed + 1, (bs, k, n), dt)).requires_grad_()
                y = torch.bmm(a, b)
                y.backward(tensor(seed + 2, (bs, m, n), dt))
                record({"kind": "bmm", "dtype": dname, "batch": bs, "m": m, "k": k, "n": n, "ta": ta, "tb": tb, "seed": seed},
                       [y, a.grad, b.grad])

matmul_shapes = [([2, 3, 4], [4, 5]), ([3, 5, 7], [7, 2]), ([2, 9, 16], [16, 33]), ([4, 10, 10], [10]),
                 ([2, 3, 4, 5], [5, 6]), ([2, 1, 4, 5], [3, 5, 6]), ([2, 3, 8, 9], [2, 3, 9, 8]),
                 ([5, 6], [2, 6, 7]), ([6], [3, 6, 7]), ([2, 3, 20, 20], [20, 20]), ([3, 2, 20, 20], [3, 2, 20, 20])]
for dname, dt in DTYPES.items():
    for sa, sb in matmul_shapes:
        seed = len(cases) * 1000003 + 7
        a = tensor(seed, sa, dt).requires_grad_()
        b = tensor(seed + 1, sb, dt).requires_grad_()
        y = torch.matmul(a, b)
        y.backward(tensor(seed + 2, list(y.shape), dt))
        record({"kind": "matmul", "dtype": dname, "a": sa, "b": sb, "seed": seed}, [y, a.grad, b.grad])

linear_shapes = [(1, 3, 1), (4, 3, 2), (7, 5, 1), (16, 10, 10), (32, 20, 33), (64, 70, 9), (128, 64, 10), (5, 1, 70)]
for dname, dt in DTYPES.items():
    for bsz, fin, fout in linear_shapes:
        for kind in ("linear", "addmm"):
            seed = len(cases) * 1000003 + 7
            x = tensor(seed, (bsz, fin), dt).requires_grad_()
            w = tensor(seed + 1, (fout, fin) if kind == "linear" else (fin, fout), dt).requires_grad_()
            bias = tensor(seed + 3, (fout,), dt).requires_grad_()
            y = torch.nn.functional.linear(x, w, bias) if kind == "linear" else torch.addmm(bias, x, w)
            y.backward(tensor(seed + 2, list(y.shape), dt))
            record({"kind": kind, "dtype": dname, "batch": bsz, "fin": fin, "fout": fout, "seed": seed}, [y, x.grad, w.grad, bias.grad])

# the last 8: from 2304 * 4 elements OpenBLAS splits the dgemv over its 2 threads (gemv_thread.c: the outputs, or for
# 'N' with at most 4 outputs a thread the columns; GemvThreads), appended so the earlier cases keep their seeds
for r, c in [(1, 1), (1, 7), (7, 1), (3, 5), (5, 3), (4, 16), (16, 4), (13, 17), (17, 13), (33, 65), (70, 70), (64, 9),
             (9, 64), (100, 3), (3, 100), (128, 129),
             (195, 64), (97, 129), (1000, 10), (3, 5000), (4, 2400), (1, 9300), (5, 2000), (2304, 4)]:
    for layout in ("plain", "transposed"):
        seed = len(cases) * 1000003 + 7
        mat = operand(seed, r, c, layout == "transposed", torch.float64).requires_grad_()
        v = tensor(seed + 1, (c,), torch.float64).requires_grad_()
        y = torch.mv(mat, v)
        y.backward(tensor(seed + 2, (r,), torch.float64))
        record({"kind": "mv", "dtype": "float64", "m": r, "k": c, "ta": layout == "transposed", "seed": seed}, [y, mat.grad, v.grad])
json.dump({"torch": torch.__version__, "cases": cases}, sys.stdout, separators=(",", ":"))
