"""PyTorch 1.13.1's torch.dot for BlasDotOracleTest: float32 and float64 over many lengths, contiguous, strided and
expanded (stride 0). PyTorch hands these to its BLAS (Debian's OpenBLAS 0.3.21, sdot/ddot, Haswell kernels with
OPENBLAS_CORETYPE=Haswell), whose summation order Gradbook's BlasDot reproduces. The inputs are not stored: both
sides draw them from the same 64-bit LCG (values exact in their dtype), so only the parameters and results are here.
usage: OPENBLAS_CORETYPE=Haswell /usr/bin/python3 make_blas_dot.py > blas_dot.json   (needs Debian's python3-torch)"""
import json
import sys
import torch

MASK = (1 << 64) - 1


def draw(seed, count, dtype):
    """count values from the LCG s = s * 6364136223846793005 + 1442695040888963407 (mod 2^64), started at seed:
    float32 (top 24 bits - 2^23) * 2^-23, float64 (top 53 bits - 2^52) * 2^-52, both exact, in [-1, 1)."""
    s, out = seed & MASK, []
    for _ in range(count):
        s = (s * 6364136223846793005 + 1442695040888963407) & MASK
        if dtype == torch.float32:
            out.append(((s >> 40) - (1 << 23)) * 2.0 ** -23)
        else:
            out.append(((s >> 11) - (1 << 52)) * 2.0 ** -52)
    return out


def vector(seed, n, stride, dtype):
    if stride == 0:
        return torch.tensor(draw(seed, 1, dtype), dtype=dtype).expand(n)
    buf = torch.tensor(draw(seed, (n - 1) * stride + 1, dtype), dtype=dtype)
    return buf[::stride]


def main():
    lengths = list(range(1, 130)) + list(range(131, 1300, 13)) + [2047, 2048, 4099, 9999, 10000]
    cases = []
    for dtype, name, extra in ((torch.float32, "float32", [10001, 20000, 70000]), (torch.float64, "float64", [])):
        for n in lengths + extra:
            strides = [(1, 1)]
            if n in (1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 100, 127, 131, 521, 1001, 4099):
                strides += [(2, 1), (1, 3), (3, 2), (0, 1), (2, 0)]
            for sx, sy in strides:
                seed = len(cases) * 1000003 + 17
                x = vector(seed, n, sx, dtype)
                y = vector(seed + 1, n, sy, dtype)
                r = torch.dot(x, y)
                cases.append({"dtype": name, "n": n, "sx": sx, "sy": sy, "seed": seed, "dot": r.item()})
    # float64 over 10,000 elements: OpenBLAS's ddot splits them over its threads (2 here) unless a stride is 0;
    # appended, so the cases above keep their seeds
    for n in (10001, 10003, 10017, 20000, 20003, 40001, 70000):
        for sx, sy in ((1, 1), (2, 1), (1, 3), (0, 1)):
            seed = len(cases) * 1000003 + 17
            r = torch.dot(vector(seed, n, sx, torch.float64), vector(seed + 1, n, sy, torch.float64))
            cases.append({"dtype": "float64", "n": n, "sx": sx, "sy": sy, "seed": seed, "dot": r.item()})
    json.dump({"torch": torch.__version__, "cases": cases}, sys.stdout, indent=0)


if __name__ == "__main__":
    main()
