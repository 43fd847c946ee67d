"""PyTorch's side of bench/SinRowProfile.java: the ops PyTorch runs for one pass of the sin row
(x.sin().mul(x).exp().sum() fwd+bwd on 1000x1000, torch.profiler over 20 passes), the 5-pass time, and the forward
ops one by one. /usr/bin/python3 bench/sin_row_torch.py [threads] (default 2, as the benchmark)."""
import sys
import time

import torch
from torch.profiler import ProfilerActivity, profile

torch.set_num_threads(int(sys.argv[1]) if len(sys.argv) > 1 else 2)
torch.manual_seed(0)
x = torch.randn(1000, 1000, requires_grad=True)
for _ in range(30):
    x.sin().mul(x).exp().sum().backward()
with profile(activities=[ProfilerActivity.CPU]) as prof:
    for _ in range(20):
        x.sin().mul(x).exp().sum().backward()
print(prof.key_averages().table(sort_by="cpu_time_total", row_limit=30))


def median_ms(f, n=40):
    r = []
    for _ in range(n):
        t = time.perf_counter()
        f()
        r.append((time.perf_counter() - t) * 1e3)
    r.sort()
    return r[len(r) // 2], r[0]


def five():
    for _ in range(5):
        x.sin().mul(x).exp().sum().backward()


print("5 passes: median %.2f ms, min %.2f" % median_ms(five))
xd = x.detach()
for name, f in [("sin", xd.sin), ("cos", xd.cos), ("exp", xd.exp), ("mul", lambda: xd.mul(xd)), ("sum", xd.sum)]:
    print("%-4s median %.3f ms, min %.3f" % ((name,) + median_ms(f)))
