# SPDX-License-Identifier: Apache-2.0
"""The PyTorch side of AutogradApiTest: run with /usr/bin/python3 (Debian's python3-torch 1.13.1) to rewrite
autograd_api.json. Each case prints what a notebook cell would print; an exception is recorded as
'Type: message'. Object addresses are masked as 0x... . The Java port of each case is in AutogradApiTest,
under the same name."""
import contextlib, io, json, re, sys, warnings
import torch
import torch.autograd.forward_ad as fwAD
from torch.autograd.function import once_differentiable
import torch.autograd.functional as AF

CASES = {}


def case(fn):
    CASES[fn.__name__] = fn
    return fn


def run(fn):
    out = io.StringIO()
    with contextlib.redirect_stdout(out), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            fn()
        except Exception as e:
            name = type(e).__name__
            print(f"{name}: {e}")
        for w in caught:
            print(f"{w.category.__name__}: {str(w.message).splitlines()[0]}")
    return re.sub(r"0x[0-9a-f]+", "0x...", out.getvalue())


# ---- custom functions (PyTorch's LegendrePolynomial3 tutorial) -----------------------------------------------
class LegendrePolynomial3(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return 0.5 * (5 * x ** 3 - 3 * x)

    @staticmethod
    def backward(ctx, grad_output):
        x, = ctx.saved_tensors
        return grad_output * 1.5 * (5 * x ** 2 - 1)


@case
def p3_forward():
    x = torch.tensor([0.5, 2.0], requires_grad=True)
    y = LegendrePolynomial3.apply(x)
    print(y)
    print(y.grad_fn)
    print(y.grad_fn.next_functions)
    y.sum().backward()
    print(x.grad)


@case
def p3_double_backward():
    x = torch.tensor([0.5, 2.0], dtype=torch.float64, requires_grad=True)
    g, = torch.autograd.grad(LegendrePolynomial3.apply(x).sum(), x, create_graph=True)
    print(g)
    g2, = torch.autograd.grad(g.sum(), x)
    print(g2)


@case
def p3_no_grad_input():
    y = LegendrePolynomial3.apply(torch.tensor([1.0, 3.0]))
    print(y, y.grad_fn, y.requires_grad)


class MulAdd(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, y):
        ctx.save_for_backward(x, y)
        print("needs_input_grad", ctx.needs_input_grad)
        return x * y + y

    @staticmethod
    def backward(ctx, g):
        x, y = ctx.saved_tensors
        print("backward needs_input_grad", ctx.needs_input_grad)
        return g * y if ctx.needs_input_grad[0] else None, g * (x + 1) if ctx.needs_input_grad[1] else None


@case
def needs_input_grad():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    y = torch.tensor([3.0, 4.0])
    z = MulAdd.apply(x, y)
    print(z.grad_fn.next_functions)
    z.sum().backward()
    print(x.grad, y.grad)


class AddOneInPlace(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        x.add_(1)
        ctx.mark_dirty(x)
        return x

    @staticmethod
    def backward(ctx, g):
        return g


@case
def mark_dirty():
    a = torch.tensor([1.0, 2.0], requires_grad=True)
    b = a * 2
    c = AddOneInPlace.apply(b)
    print(c is b, c, b.grad_fn, b._version)
    c.sum().backward()
    print(a.grad)


@case
def mark_dirty_leaf():
    a = torch.tensor([1.0, 2.0], requires_grad=True)
    AddOneInPlace.apply(a)


class ScaleInPlace(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        x.mul_(3)
        ctx.mark_dirty(x)
        return x

    @staticmethod
    def backward(ctx, g):
        return g * 3


@case
def mark_dirty_view():
    a = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
    b = a * 1
    r = ScaleInPlace.apply(b[0])
    print(r.detach(), b, b.grad_fn.next_functions)
    (b * torch.tensor([[1.0, 2.0], [3.0, 4.0]])).sum().backward()
    print(a.grad)


class DirtyNotReturned(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        x.add_(1)
        ctx.mark_dirty(x)
        return x * 2

    @staticmethod
    def backward(ctx, g):
        return g * 2


@case
def mark_dirty_not_returned():
    DirtyNotReturned.apply(torch.tensor([1.0], requires_grad=True) * 1)


class Signum(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        out = x.sign()
        ctx.mark_non_differentiable(out)
        return out

    @staticmethod
    def backward(ctx, g):
        return g


@case
def mark_non_differentiable():
    x = torch.tensor([1.4, -2.6], requires_grad=True)
    y = Signum.apply(x)
    print(y, y.requires_grad, y.grad_fn)


class DoubleAndSign(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.set_materialize_grads(False)
        s = x.sign()
        ctx.mark_non_differentiable(s)
        return x * 2, s

    @staticmethod
    def backward(ctx, g, gs):
        print("backward got", g, gs)
        return g * 2


@case
def two_outputs_materialize_grads():
    x = torch.tensor([1.5, -2.0], requires_grad=True)
    a, s = DoubleAndSign.apply(x)
    print(a, s, s.requires_grad)
    print(a.grad_fn.next_functions)
    a.sum().backward()
    print(x.grad)


class DoubleAndArgmax(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return x * 2, x.argmax(0)

    @staticmethod
    def backward(ctx, g, gi):
        print("backward got", g, gi)
        return g * 2


@case
def integer_output():
    x = torch.tensor([1.5, -2.0, 3.0], requires_grad=True)
    a, i = DoubleAndArgmax.apply(x)
    print(a, i, i.requires_grad, i.grad_fn)
    a.sum().backward()
    print(x.grad)


class TwoGrads(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return x * 2

    @staticmethod
    def backward(ctx, g):
        return g * 2, g


@case
def wrong_number_of_grads():
    x = torch.tensor([1.0], requires_grad=True)
    TwoGrads.apply(x).sum().backward()


class Square(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x ** 2

    @staticmethod
    @once_differentiable
    def backward(ctx, g):
        x, = ctx.saved_tensors
        return 2 * x * g


@case
def once_differentiable_error():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    y = Square.apply(x)
    v = torch.ones(2, requires_grad=True)
    g, = torch.autograd.grad(y, x, v, create_graph=True)
    print(g)
    g.sum().backward()


@case
def saved_tensors_freed():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    y = LegendrePolynomial3.apply(x).sum()
    y.backward()
    y.backward()


# ---- torch.autograd.functional --------------------------------------------------------------------------------
def cube_sum(x):
    return (x ** 3).sum()


@case
def jacobian_one():
    x = torch.tensor([1.0, 2.0, 3.0])
    print(AF.jacobian(lambda x: x ** 2 * 3, x))
    print(AF.jacobian(lambda x: x.exp().sum(), x))


@case
def jacobian_two_inputs():
    x = torch.tensor([1.0, 2.0])
    y = torch.tensor([3.0, 4.0])
    print(AF.jacobian(lambda x, y: x * y + y ** 2, (x, y)))


@case
def jacobian_two_outputs():
    x = torch.tensor([1.0, 2.0])
    y = torch.tensor([3.0, 4.0])
    print(AF.jacobian(lambda x, y: (x * y, x.sum() + y), (x, y)))


@case
def jacobian_create_graph():
    x = torch.tensor([1.0, 2.0])
    j = AF.jacobian(lambda x: x ** 3, x, create_graph=True)
    print(j)
    print(j.requires_grad)


@case
def jacobian_strict():
    AF.jacobian(lambda x: torch.ones(2), torch.tensor([1.0, 2.0]), strict=True)


@case
def hessian_one():
    print(AF.hessian(cube_sum, torch.tensor([1.0, 2.0])))


@case
def hessian_two():
    x = torch.tensor([1.0, 2.0])
    y = torch.tensor([3.0, 4.0])
    print(AF.hessian(lambda x, y: (x * y * y).sum(), (x, y)))


@case
def vjp_jvp():
    x = torch.tensor([1.0, 2.0])
    v = torch.tensor([1.0, 0.5])
    print(AF.vjp(lambda x: x ** 2, x, v))
    print(AF.jvp(lambda x: x ** 2, x, v))
    print(AF.vjp(lambda x: x.sin().sum(), x))


@case
def vjp_two_inputs():
    x = torch.tensor([1.0, 2.0])
    y = torch.tensor([3.0, 4.0])
    v = torch.tensor([1.0, -1.0])
    print(AF.vjp(lambda x, y: x * y, (x, y), v))
    print(AF.jvp(lambda x, y: x * y, (x, y), (v, v)))


@case
def vjp_needs_v():
    AF.vjp(lambda x: x ** 2, torch.tensor([1.0, 2.0]))


@case
def vjp_bad_v():
    AF.vjp(lambda x: x ** 2, torch.tensor([1.0, 2.0]), torch.ones(3))


@case
def jvp_strict_independent():
    AF.jvp(lambda x: torch.ones(2) * 2, torch.tensor([1.0, 2.0]), torch.ones(2), strict=True)


@case
def jacobian_unused_input():
    x = torch.tensor([1.0, 2.0])
    y = torch.tensor([3.0])
    print(AF.jacobian(lambda x, y: x * 2, (x, y)))


@case
def hessian_create_graph():
    h = AF.hessian(cube_sum, torch.tensor([1.0, 2.0]), create_graph=True)
    print(h, h.requires_grad)


@case
def vhp_two_inputs():
    x = torch.tensor([1.0, 2.0])
    y = torch.tensor([3.0, 4.0])
    print(AF.vhp(lambda x, y: (x * y * y).sum(), (x, y), (torch.ones(2), torch.ones(2))))
    print(AF.hvp(lambda x, y: (x * y * y).sum(), (x, y), (torch.ones(2), torch.ones(2))))


@case
def hvp_vhp():
    x = torch.tensor([1.0, 2.0])
    v = torch.tensor([1.0, 1.0])
    print(AF.hvp(cube_sum, x, v))
    print(AF.vhp(cube_sum, x, v))


@case
def hvp_not_scalar():
    AF.hvp(lambda x: x ** 3, torch.tensor([1.0, 2.0]), torch.tensor([1.0, 1.0]))


# ---- forward-mode AD ------------------------------------------------------------------------------------------
@case
def forward_ad_sin():
    with fwAD.dual_level():
        x = fwAD.make_dual(torch.tensor([1.0, 2.0]), torch.tensor([1.0, 0.0]))
        y = x.sin()
        p, t = fwAD.unpack_dual(y)
        print(p)
        print(t)
        print(fwAD.unpack_dual(torch.ones(2)).tangent)


@case
def forward_ad_chain():
    with fwAD.dual_level():
        x = fwAD.make_dual(torch.tensor([0.5, -1.0, 2.0]), torch.tensor([1.0, 2.0, 3.0]))
        w = torch.tensor([[1.0, 2.0, 3.0], [0.5, -1.0, 0.25]])
        y = (w @ x.tanh()).exp() / (x.sum() + 1) - x.relu().mean() * x.sigmoid().pow(2).sum()
        print(fwAD.unpack_dual(y).tangent)
        z = x.log().cos() if False else (x * x + 1).log().cos()
        print(fwAD.unpack_dual(z).tangent)


@case
def forward_ad_print():
    with fwAD.dual_level():
        x = fwAD.make_dual(torch.tensor([1.0, 2.0]), torch.tensor([1.0, 0.0]))
        print(x)
        print(x.sin())
        d = fwAD.make_dual(torch.ones(2, requires_grad=True), torch.tensor([0.5, 0.25]))
        print(d)
        print(fwAD.make_dual(torch.ones(2, 3, dtype=torch.float64), torch.ones(2, 3, dtype=torch.float64)))
        print(fwAD.make_dual(torch.tensor(2.0), torch.tensor(3.0)) * 2)


@case
def forward_ad_after_level():
    with fwAD.dual_level():
        x = fwAD.make_dual(torch.tensor([1.0, 2.0]), torch.tensor([1.0, 0.0]))
        y = x * 3
    print(fwAD.unpack_dual(y).tangent)


@case
def forward_ad_errors():
    try:
        fwAD.make_dual(torch.ones(2), torch.ones(2))
    except RuntimeError as e:
        print(e)
    with fwAD.dual_level():
        try:
            fwAD.make_dual(torch.ones(2), torch.ones(3))
        except RuntimeError as e:
            print(e)
        with fwAD.dual_level():
            pass


@case
def forward_ad_in_place_view():
    with fwAD.dual_level():
        x = fwAD.make_dual(torch.tensor([1.0, 2.0, 3.0]), torch.tensor([1.0, 1.0, 1.0]))
        y = torch.zeros(2, 3)
        y[1] = x * 2
        print(fwAD.unpack_dual(y))
        z = x.clone()
        z.mul_(x)
        print(fwAD.unpack_dual(z).tangent)
        with torch.no_grad():
            print(fwAD.unpack_dual(x.exp()).tangent)
        print(fwAD.unpack_dual(x.max(0).values))


# ---- gradcheck ------------------------------------------------------------------------------------------------
class BadCube(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x ** 3

    @staticmethod
    def backward(ctx, g):
        x, = ctx.saved_tensors
        return g * 2 * x ** 2


class DetachedCube(torch.autograd.Function):
    """Right first derivative, but computed from a detached x: second derivatives are wrong."""

    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x ** 3

    @staticmethod
    def backward(ctx, g):
        x, = ctx.saved_tensors
        return g * 3 * x.detach() ** 2


@case
def gradcheck_pass():
    x = torch.tensor([0.5, -1.0, 2.0], dtype=torch.float64, requires_grad=True)
    print(torch.autograd.gradcheck(torch.sin, (x,)))
    print(torch.autograd.gradcheck(LegendrePolynomial3.apply, (x,)))
    print(torch.autograd.gradgradcheck(LegendrePolynomial3.apply, (x,)))


@case
def gradcheck_fail_false():
    x = torch.tensor([0.5, -1.0], dtype=torch.float64, requires_grad=True)
    print(torch.autograd.gradcheck(BadCube.apply, (x,), raise_exception=False))
    print(torch.autograd.gradgradcheck(DetachedCube.apply, (x,), raise_exception=False))


@case
def gradcheck_fail_text():
    x = torch.tensor([0.5, -1.0], dtype=torch.float64, requires_grad=True)
    torch.autograd.gradcheck(BadCube.apply, (x,))


@case
def gradcheck_two_inputs_text():
    x = torch.tensor([0.5, -1.0], dtype=torch.float64, requires_grad=True)
    y = torch.tensor([2.0, 3.0], dtype=torch.float64, requires_grad=True)
    torch.autograd.gradcheck(lambda x, y: x * BadCube.apply(y), (x, y), eps=1e-6, atol=1e-5, rtol=1e-3)


@case
def gradcheck_no_input_requires_grad():
    torch.autograd.gradcheck(torch.sin, (torch.tensor([1.0], dtype=torch.float64),))


@case
def gradcheck_float32_warning():
    x = torch.tensor([0.5, 1.0], requires_grad=True)
    print(torch.autograd.gradcheck(torch.exp, (x,), eps=1e-3, atol=1e-2, rtol=1e-2))


# ---- anomaly mode ---------------------------------------------------------------------------------------------
@case
def anomaly_nan():
    a = torch.tensor([0.0], requires_grad=True)
    b = torch.tensor([0.0], requires_grad=True)
    with torch.autograd.detect_anomaly():
        y = (a / b * 0).sum()
        y.backward()


@case
def anomaly_nan_second_output():
    x = torch.tensor([0.0], requires_grad=True)
    torch.autograd.set_detect_anomaly(True)
    try:
        print(torch.is_anomaly_enabled())
        (x / x).sum().backward()
    finally:
        torch.autograd.set_detect_anomaly(False)
    print(torch.is_anomaly_enabled())


@case
def no_anomaly_nan():
    x = torch.tensor([0.0], requires_grad=True)
    (x / x).sum().backward()
    print(x.grad)


# ---- hooks ----------------------------------------------------------------------------------------------------
@case
def node_hooks():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    y = x * 2
    y.grad_fn.register_hook(lambda gi, go: print("hook", gi, go))
    y.grad_fn.register_prehook(lambda go: print("prehook", go))
    y.register_hook(lambda g: print("tensor hook", g))
    y.sum().backward()


@case
def node_hooks_two_inputs():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    w = torch.tensor([3.0, 4.0])
    y = x * w
    y.grad_fn.register_hook(lambda gi, go: print(gi, go))
    y.backward(torch.tensor([1.0, 0.5]))


@case
def grad_tuple():
    x = torch.tensor(1.5, requires_grad=True)
    u = torch.tensor(2.0, requires_grad=True)
    print(torch.autograd.grad(x * 2, (x, u), allow_unused=True))
    print(torch.autograd.grad((x * x).sum(), x))


@case
def backward_inputs():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    w = torch.tensor([3.0, 4.0], requires_grad=True)
    (x * w).sum().backward(inputs=[x])
    print(x.grad, w.grad)
    y = x * w
    y.backward(torch.ones(2), True, False, [w])
    print(x.grad, w.grad)


@case
def saved_tensors_hooks():
    def pack(t):
        print("pack", t)
        return t * 1

    def unpack(t):
        print("unpack", t)
        return t

    x = torch.tensor([1.0, 2.0], requires_grad=True)
    with torch.autograd.graph.saved_tensors_hooks(pack, unpack):
        y = x.exp()
        z = y.sin()
    z.sum().backward()
    print(x.grad)


# ---- inference mode -------------------------------------------------------------------------------------------
@case
def inference_tensors():
    with torch.inference_mode():
        t = torch.ones(2)
        u = t * 2
        print(t.is_inference(), u.is_inference(), torch.is_inference_mode_enabled())
    print(torch.ones(2).is_inference(), torch.is_inference_mode_enabled())


@case
def inference_inplace():
    with torch.inference_mode():
        t = torch.ones(2)
    t.add_(1)


@case
def inference_saved():
    with torch.inference_mode():
        t = torch.ones(2)
    w = torch.ones(2, requires_grad=True)
    print(t + w)
    t * w


@case
def inference_requires_grad():
    with torch.inference_mode():
        t = torch.ones(2)
    t.requires_grad_()


@case
def inference_inplace_inside():
    with torch.inference_mode():
        t = torch.ones(2)
        t.add_(1)
    print(t)


if __name__ == "__main__":
    assert torch.__version__.startswith("1.13"), torch.__version__
    result = {"torch": torch.__version__, "cases": {name: run(fn) for name, fn in CASES.items()}}
    with open(sys.argv[1] if len(sys.argv) > 1 else __file__.replace(".py", ".json"), "w") as f:
        json.dump(result, f, indent=1, ensure_ascii=False)
        f.write("\n")
