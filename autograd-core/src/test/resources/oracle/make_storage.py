"""PyTorch 1.13.1's answers for the storage tests (StorageTest): bytes per element of each dtype, int64 arithmetic
and printing beyond 2^53, float16 rounding and arithmetic (bit patterns).
usage: /usr/bin/python3 make_storage.py > storage.json   (needs Debian's python3-torch)"""
import json, struct
import torch

out = {"torch": torch.__version__}
out["element_size"] = {str(d).replace("torch.", ""): torch.empty(3, dtype=d).element_size()
                       for d in [torch.float32, torch.float64, torch.int64, torch.int32, torch.bool, torch.float16]}
big = torch.tensor([2**53 + 1, -(2**53) - 3, 2**62 + 7])
out["int64"] = {
    "values": big.tolist(),
    "add_1": (big + 1).tolist(),
    "add_self": (big[:2] + big[:2]).tolist(),
    "mul_3": (big[:2] * 3).tolist(),
    "sum": big[:2].sum().item(),
    "sub_tensor": (big - torch.tensor([1, 1, 1])).tolist(),
    "repr": repr(big),
    "arange_repr": repr(torch.arange(2**53, 2**53 + 4)),
}
def hbits(t):
    return [struct.unpack("<H", struct.pack("<e", v))[0] for v in t.tolist()]
src = [0.1, 1.0 / 3.0, 65504.0, 65520.0, 1e-8, 6e-8, 2.0**-24, 3 * 2.0**-25, 1000.06, -2.5, 0.0, 2049.0, 2051.0, 1e5]
h = torch.tensor(src, dtype=torch.float16)
a = torch.tensor([0.1, 1.5, 1000.0, -3.3], dtype=torch.float16)
b = torch.tensor([0.2, 2.25, 0.7, 1.1], dtype=torch.float16)
out["float16"] = {
    "from_double": src, "bits": hbits(h), "repr": repr(h),
    "a": hbits(a), "b": hbits(b),
    "add": hbits(a + b), "mul": hbits(a * b), "div": hbits(a / b), "mul_scalar_0.1": hbits(a * 0.1),
    "to_float32": [struct.unpack("<I", struct.pack("<f", v))[0] for v in a.float().tolist()],
}
json.dump(out, open(__import__("sys").argv[1] if len(__import__("sys").argv) > 1 else "/dev/stdout", "w"), indent=1)
