"""PyTorch 1.13.1's float32 torch.mv for BlasGemvOracleTest: many shapes and layouts of a matrix PyTorch hands to
sgemv 'T' (row-major, rows further apart, a copy of a stepped matrix) or 'N' (transposed) and of the vector (stepped, expanded),
below and from 2304 * 4 elements (where OpenBLAS splits the product over its 2 threads on the reference machine).
PyTorch calls Debian's OpenBLAS 0.3.21 (Haswell kernels with OPENBLAS_CORETYPE=Haswell), whose order
Gradbook's BlasGemv reproduces. Inputs are drawn from make_blas_dot.py's LCG on both sides; only parameters and
results are stored (as float32 bit patterns).
usage: OPENBLAS_CORETYPE=Haswell /usr/bin/python3 make_blas_mv.py > blas_mv.json   (needs Debian's python3-torch)"""
import json
import struct
import sys
import torch
from make_blas_dot import draw

ROWS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 13, 16, 17, 25, 40]
COLS = list(range(1, 41)) + [47, 63, 64, 65, 100, 127, 128, 129, 200, 255, 256, 257, 700]


def matrix(seed, r, c, layout):
    if layout == "sliced":  # rows c + 3 apart
        return torch.tensor(draw(seed, r * (c + 3), torch.float32)).reshape(r, c + 3)[:, :c]
    if layout == "transposed":  # column-major: sgemv 'N'
        return torch.tensor(draw(seed, r * c, torch.float32)).reshape(c, r).t()
    if layout == "transposed sliced":  # columns r + 3 apart
        return torch.tensor(draw(seed, c * (r + 3), torch.float32)).reshape(c, r + 3)[:, :r].t()
    if layout == "stepped":  # every other column: PyTorch copies it
        return torch.tensor(draw(seed, r * 2 * c, torch.float32)).reshape(r, 2 * c)[:, ::2]
    return torch.tensor(draw(seed, r * c, torch.float32)).reshape(r, c)


def vector(seed, n, layout):
    if layout == "expanded":
        return torch.tensor(draw(seed, 1, torch.float32)).expand(n)
    if layout == "stepped":
        return torch.tensor(draw(seed, 2 * n - 1, torch.float32))[::2]
    return torch.tensor(draw(seed, n, torch.float32))


shapes = [(r, c) for r in ROWS for c in COLS if r * c < 2304 * 4]
shapes += [(4099, 2), (4097, 2), (4100, 2), (500, 9), (1000, 6), (3, 3000)]
shapes += [(2, 4095), (2, 4096), (2, 4097), (1, 4100), (1, 8195), (2, 4103), (1, 9000)]
# from 2304 * 4 elements OpenBLAS 0.3.21 splits a gemv over its threads (driver/level2/gemv_thread.c, 2 here): 'T'
# and 'N' cut the outputs, 'N' with at most 4 outputs a thread cuts the columns (split_x); appended, so the cases
# above keep their seeds
THREADED = [(195, 64), (97, 129), (257, 131), (100, 93), (2304, 4), (9300, 1), (4, 2304), (2, 4608), (3, 5000),
            (4, 2400), (5, 2000), (1, 9300), (8, 1200), (9, 1100), (1000, 10), (7, 1400)]
shapes += THREADED
cases = []
for r, c in shapes:
    layouts = [("plain", "plain"), ("transposed", "plain")]
    if c in (1, 3, 5, 8, 17, 33, 65, 257) or (r, c) in THREADED:
        layouts += [("sliced", "plain"), ("stepped", "plain"), ("plain", "stepped"), ("plain", "expanded"),
                    ("transposed sliced", "plain"), ("transposed", "stepped"), ("transposed", "expanded")]
    for ml, vl in layouts:
        seed = len(cases) * 1000003 + 29
        y = torch.mv(matrix(seed, r, c, ml), vector(seed + 1, c, vl))
        bits = [struct.unpack("<I", struct.pack("<f", v))[0] for v in y.tolist()]
        cases.append({"rows": r, "cols": c, "matrix": ml, "vector": vl, "seed": seed, "bits": bits})
json.dump({"torch": torch.__version__, "cases": cases}, sys.stdout, separators=(",", ":"))
