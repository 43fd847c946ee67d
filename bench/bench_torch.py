# SPDX-License-Identifier: Apache-2.0
"""PyTorch's side of bench/run.sh: the same cases as Bench.java, median microseconds, tab-separated."""
import statistics
import time

import torch
import torch.nn.functional as F


def median_us(fn, reps, min_seconds):
    for _ in range(max(3, reps // 5)):
        fn()
    times, until = [], time.perf_counter() + min_seconds
    while len(times) < reps:
        s = time.perf_counter()
        fn()
        times.append((time.perf_counter() - s) * 1e6)
        if len(times) >= 5 and time.perf_counter() > until:
            break
    return statistics.median(times)


def per_call(fn, inner):
    def many():
        for _ in range(inner):
            fn()
    return median_us(many, 200, 1.0) / inner


def main():
    torch.manual_seed(0)
    a, b = torch.rand(2, 2), torch.rand(2, 2)
    ag = torch.rand(2, 2, requires_grad=True)
    print("add 2x2\t%.3f" % per_call(lambda: a + b, 2000))
    print("add 2x2 requires_grad\t%.3f" % per_call(lambda: ag + b, 2000))
    x, w, bb = torch.rand(3), torch.rand(3, requires_grad=True), torch.rand(3, requires_grad=True)
    print("(x*w+b).sum() fwd+bwd [3]\t%.3f" % per_call(lambda: (x * w + bb).sum().backward(), 500))
    for n in (64, 256, 1024):
        m1, m2 = torch.randn(n, n), torch.randn(n, n)
        print("matmul n=%d\t%.3f" % (n, median_us(lambda: m1 @ m2, 15 if n >= 1024 else 100, 2.0)))
    xs = torch.randn(128, 784)
    w1 = (torch.randn(256, 784) * 0.03).requires_grad_()
    b1 = torch.zeros(256, requires_grad=True)
    w2 = (torch.randn(10, 256) * 0.06).requires_grad_()
    b2 = torch.zeros(10, requires_grad=True)
    labels = torch.zeros(128, dtype=torch.long)
    params = [w1, b1, w2, b2]

    def step():
        loss = F.cross_entropy(F.linear(F.linear(xs, w1, b1).relu(), w2, b2), labels)
        loss.backward()
        with torch.no_grad():
            for p in params:
                p -= p.grad * 0.01
                p.grad.zero_()
    print("MLP 784-256-10 step, batch 128\t%.3f" % median_us(step, 60, 3.0))


if __name__ == "__main__":
    main()
