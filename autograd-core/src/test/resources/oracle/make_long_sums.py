"""PyTorch 1.13.1's float32 sum and mean of long contiguous runs, one intra-op thread (the bits the engine keeps on
any number of threads): lengths whose cascade has whole top-level blocks (2^21 and more, where the engine splits
the blocks over its pool, SumSplit) with and without a tail, level powers 4 and 5, and a start offset. The values
are made from the index alone, so the test makes the same 10^7 floats without a 40 MB resource:
x[i] = (((i * 2654435761) mod 2^32) >> 8) / 2^24 - 0.5 (exact in float32), times (1 + i mod 1000) for "wide".
usage: /usr/bin/python3 make_long_sums.py > long_sums.json   (needs Debian's python3-torch 1.13.1)"""
import json

import numpy as np
import torch

assert torch.__version__.startswith("1.13"), torch.__version__
torch.set_num_threads(1)


def values(n, wide):
    i = np.arange(n, dtype=np.uint64)
    v = ((i * np.uint64(2654435761)) & np.uint64(0xFFFFFFFF)) >> np.uint64(8)
    x = (v.astype(np.float64) - 2 ** 23) / 2 ** 24
    if wide:
        x = x * (1 + (i % np.uint64(1000)).astype(np.float64))
    return torch.from_numpy(x.astype(np.float32))


def bits(f):
    return int(np.array([f], dtype=np.float32).view(np.int32)[0])


cases = []
for n, wide, off in ((10_000_000, False, 0), (10_000_000, True, 0), (1 << 21, True, 0), ((1 << 21) + 12345, True, 0),
                     (262_151, True, 0), ((1 << 25) + 100, False, 0), (4_000_001, True, 3)):
    x = values(n + off, wide)[off:]
    cases.append({"n": n, "wide": wide, "offset": off, "sum": bits(x.sum().item()), "mean": bits(x.mean().item())})
print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(), "cases": cases}, indent=1))
