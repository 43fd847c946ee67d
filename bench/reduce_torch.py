"""PyTorch 1.13 on ReduceBench's cases (1000x1000 float32, one intra-op thread), median process CPU ms.
usage: /usr/bin/python3 bench/reduce_torch.py"""
import time

import torch

torch.set_num_threads(1)
torch.manual_seed(0)
x = torch.randn(1000, 1000)
CASES = [("x.max()", lambda: x.max()), ("x.amax(1)", lambda: x.amax(1)), ("x.max(1)", lambda: x.max(1)),
         ("x.argmax()", lambda: x.argmax()), ("x.prod(1)", lambda: x.prod(1)), ("x.logsumexp(1)", lambda: x.logsumexp(1)),
         ("x.norm(1)", lambda: x.norm(1)), ("x.norm(3)", lambda: x.norm(3))]
print("op\ttorch_ms")
for name, f in CASES:
    for _ in range(3):
        f()
    t = []
    for _ in range(15):
        s = time.process_time()
        f()
        t.append((time.process_time() - s) * 1e3)
    t.sort()
    print("%s\t%.2f" % (name, t[len(t) // 2]))
