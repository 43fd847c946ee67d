"""PyTorch 1.13.1's matrix products large enough for OpenBLAS's threads, for BlasThreadsOracleTest: mm of 2^18 to
2^27 multiply-adds (and a few larger: 1024^3) over random shapes, skinny ones included, with either operand
transposed, float32 and float64; the MLP's linear layers (128x784 @ 784x256, 128x256 @ 256x10) with their gradients.
PyTorch hands them to Debian's OpenBLAS 0.3.21 (sgemm_/dgemm_, Haswell kernels with OPENBLAS_CORETYPE=Haswell),
which splits every product above 2^18 multiply-adds over its 2 threads on this 2-core machine (level3_thread.c):
math/TorchBlas reproduces that split. Inputs come from make_blas_dot.py's LCG (numpy here, the same values); each
result is stored as the CRC-32 of its little-endian bytes.
usage: OPENBLAS_CORETYPE=Haswell /usr/bin/python3 make_blas_mm_threads.py > blas_mm_threads.json"""
import json
import random
import sys
import zlib

import numpy as np
import torch

MUL, INC = 6364136223846793005, 1442695040888963407
MASK = (1 << 64) - 1


def draw(seed, count, dtype):
    """make_blas_dot.draw, vectorized: state i is MUL^i s + INC (MUL^(i-1) + ... + 1) mod 2^64, built by doubling"""
    states = np.empty(count, dtype=np.uint64)
    if count == 0:
        return states
    with np.errstate(over="ignore"):
        states[0] = np.uint64((seed * MUL + INC) & MASK)
        filled, mul, inc = 1, MUL, INC  # (mul, inc) takes a state `filled` steps ahead
        while filled < count:
            take = min(filled, count - filled)
            states[filled:filled + take] = states[:take] * np.uint64(mul) + np.uint64(inc)
            mul, inc = (mul * mul) & MASK, (inc * mul + inc) & MASK
            filled += take
    if dtype == torch.float32:
        return ((states >> np.uint64(40)).astype(np.int64) - (1 << 23)).astype(np.float64) * 2.0 ** -23
    return ((states >> np.uint64(11)).astype(np.int64) - (1 << 52)).astype(np.float64) * 2.0 ** -52


def tensor(seed, shape, dtype):
    n = 1
    for s in shape:
        n *= s
    return torch.from_numpy(draw(seed, n, dtype)).to(dtype).reshape(shape)


def operand(seed, rows, cols, transposed, dtype):
    return tensor(seed, (cols, rows), dtype).t() if transposed else tensor(seed, (rows, cols), dtype)


def crc(t):
    return zlib.crc32(t.detach().contiguous().numpy().tobytes())


cases = []
rng = random.Random(18)
shapes = []
for i in range(220):
    work = 2.0 ** rng.uniform(18.05, 27)
    if i % 10 == 0:  # skinny in m
        m = rng.randint(1, 24)
        rest = work / m
        k = max(1, int(rest ** rng.uniform(0.3, 0.7)))
        n = max(1, int(rest / k))
    elif i % 10 == 1:  # skinny in n
        n = rng.randint(1, 24)
        rest = work / n
        k = max(1, int(rest ** rng.uniform(0.3, 0.7)))
        m = max(1, int(rest / k))
    elif i % 10 == 2:  # shallow or deep k
        k = rng.choice([rng.randint(1, 16), rng.randint(600, 2000)])
        rest = work / k
        m = max(1, int(rest ** rng.uniform(0.3, 0.7)))
        n = max(1, int(rest / m))
    else:
        a, b = sorted((rng.random(), rng.random()))
        lw = work.bit_length() if isinstance(work, int) else __import__("math").log2(work)
        m, k, n = (max(1, int(round(2 ** (lw * f)))) for f in (a, b - a, 1 - b))
    if m * n * k <= 1 << 18 or m > 6000 or n > 6000 or k > 6000:
        continue
    shapes.append((m, k, n))
shapes += [(128, 784, 256), (128, 256, 10), (256, 256, 256), (512, 512, 512), (64, 4096, 64), (1000, 300, 7),
           (320, 320, 320), (321, 640, 330), (641, 100, 97), (1024, 1024, 1024)]
for m, k, n in shapes:
    for dname, dt in (("float32", torch.float32), ("float64", torch.float64)):
        if dt == torch.float64 and (rng.random() < 0.6 or m * n * k >= 1 << 28):
            continue
        ta, tb = rng.random() < 0.5, rng.random() < 0.5
        seed = len(cases) * 1000003 + 11
        a = operand(seed, m, k, ta, dt)
        b = operand(seed + 1, k, n, tb, dt)
        cases.append({"kind": "mm", "dtype": dname, "m": m, "k": k, "n": n, "ta": ta, "tb": tb, "seed": seed,
                      "crc32": [crc(torch.mm(a, b))]})

for m, k, n in [(1024, 1024, 1024), (700, 900, 300), (1500, 256, 300), (300, 2000, 260), (2050, 130, 333)]:
    for ta, tb in ((False, False), (True, False), (False, True)):
        seed = len(cases) * 1000003 + 11
        a = operand(seed, m, k, ta, torch.float64)
        b = operand(seed + 1, k, n, tb, torch.float64)
        cases.append({"kind": "mm", "dtype": "float64", "m": m, "k": k, "n": n, "ta": ta, "tb": tb, "seed": seed,
                      "crc32": [crc(torch.mm(a, b))]})

# the MLP's layers, forward and backward (linear: x @ w.t() + bias; grads gy @ w and gy.t() @ x)
for bsz, fin, fout in [(128, 784, 256), (128, 256, 10), (64, 784, 256), (512, 784, 256)]:
    for dname, dt in (("float32", torch.float32), ("float64", torch.float64)):
        seed = len(cases) * 1000003 + 11
        x = tensor(seed, (bsz, fin), dt).requires_grad_()
        w = tensor(seed + 1, (fout, fin), dt).requires_grad_()
        bias = tensor(seed + 3, (fout,), dt).requires_grad_()
        y = torch.nn.functional.linear(x, w, bias)
        y.backward(tensor(seed + 2, list(y.shape), dt))
        cases.append({"kind": "linear", "dtype": dname, "batch": bsz, "fin": fin, "fout": fout, "seed": seed,
                      "crc32": [crc(y), crc(x.grad), crc(w.grad), crc(bias.grad)]})
json.dump({"torch": torch.__version__, "threads": torch.get_num_threads(), "cases": cases}, sys.stdout,
          separators=(",", ":"))
