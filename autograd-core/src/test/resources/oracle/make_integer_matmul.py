"""PyTorch 1.13.1's integer matrix products for ProductsTest: int64 wraps in int64 arithmetic at any size (no
detour through floating point), int32 keeps the low 32 bits, bool and float16 products are refused on the CPU.
usage: /usr/bin/python3 make_integer_matmul.py > integer_matmul.json   (needs Debian's python3-torch)"""
import json
import torch

out = {"torch": torch.__version__}
a = torch.full((3, 3), 2**40, dtype=torch.int64)
b = torch.full((3, 3), 2**30 + 3, dtype=torch.int64)
out["small_int64"] = (a @ b).tolist()
big = torch.arange(200 * 200, dtype=torch.int64).reshape(200, 200) * (2**31 + 7)
p = big @ big.t()
out["big_int64"] = {"sum": p.sum().item(), "at_3_5": p[3, 5].item(), "at_199_199": p[199, 199].item()}
i = torch.arange(200 * 200, dtype=torch.int32).reshape(200, 200)
q = i @ i
out["big_int32"] = {"sum": q.sum().item(), "at_7_9": q[7, 9].item(), "dtype": str(q.dtype)}
x = torch.arange(2 * 150 * 150, dtype=torch.int64).reshape(2, 150, 150)
out["bmm_int64_at_1_2_3"] = torch.bmm(x, x)[1, 2, 3].item()
errors = {}
for name, dt in (("bool", torch.bool), ("float16", torch.float16)):
    try:
        torch.ones(2, 2, dtype=dt) @ torch.ones(2, 2, dtype=dt)
    except RuntimeError as e:
        errors[name] = str(e)
out["errors"] = errors
json.dump(out, open(__import__("sys").argv[1] if len(__import__("sys").argv) > 1 else "/dev/stdout", "w"), indent=1)
