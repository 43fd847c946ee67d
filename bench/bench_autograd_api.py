# SPDX-License-Identifier: Apache-2.0
"""PyTorch's side of bench/AutogradApiBench.java (same cases, same names; median microseconds per call)."""
import time
import torch
import torch.autograd.forward_ad as fwAD
import torch.autograd.functional as AF


class LegendrePolynomial3(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return 0.5 * (5 * x ** 3 - 3 * x)

    @staticmethod
    def backward(ctx, g):
        x, = ctx.saved_tensors
        return g * 1.5 * (5 * x ** 2 - 1)


def per_call(fn, inner, reps=50, min_seconds=1.0):
    for _ in range(3):
        fn()
    times, until = [], time.perf_counter() + min_seconds
    while len(times) < reps:
        s = time.perf_counter()
        for _ in range(inner):
            fn()
        times.append((time.perf_counter() - s) / inner * 1e6)
        if len(times) >= 5 and time.perf_counter() > until:
            break
    times.sort()
    return times[len(times) // 2]


def dual(f, p, t):
    with fwAD.dual_level():
        fwAD.unpack_dual(f(fwAD.make_dual(p, t))).tangent


torch.manual_seed(0)
x = torch.randn(64, requires_grad=True)
w, x0, v = torch.randn(16, 16), torch.randn(16), torch.randn(16)
f = lambda t: w @ t.tanh()
big, tangent = torch.randn(1000), torch.randn(1000)
xd = torch.randn(8, dtype=torch.float64, requires_grad=True)
cases = [
    ("P3 custom Function fwd+bwd [64]", lambda: LegendrePolynomial3.apply(x).sum().backward(), 500),
    ("P3 built-in ops fwd+bwd [64]", lambda: (0.5 * (5 * x ** 3 - 3 * x)).sum().backward(), 500),
    ("jacobian 16->16 (reverse, 16 backward passes)", lambda: AF.jacobian(f, x0), 20),
    ("functional.jvp 16->16 (double-backward trick)", lambda: AF.jvp(f, x0, v), 100),
    ("forward-mode jvp 16->16 (one dual pass)", lambda: dual(f, x0, v), 100),
    ("sin [1000], no dual level", lambda: big.sin(), 1000),
    ("sin [1000] dual (explicit tangent rule)", lambda: dual(torch.sin, big, tangent), 200),
    ("abs [1000] dual (double-backward fallback)", lambda: dual(torch.abs, big, tangent), 200),
    ("gradcheck P3 [8] float64", lambda: torch.autograd.gradcheck(LegendrePolynomial3.apply, (xd,)), 5),
]
for name, fn, inner in cases:
    print("%s\t%s" % (name, per_call(fn, inner)))
