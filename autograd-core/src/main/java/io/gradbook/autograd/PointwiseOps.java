// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

/**
 * Element-wise ops, each with its forward kernel and its gradient rule side by side. Gradients are returned
 * at the broadcast shape; the engine reduces them to each input's shape (in one place, as PyTorch does).
 */
final class PointwiseOps {
    private PointwiseOps() {}

    private static final Tensor[] NONE = new Tensor[0];

    // ---- arithmetic ------------------------------------------------------------------------------------------

    static Tensor add(Tensor a, Tensor b, double alpha) {
        DType dt = Promotion.resultType(a, b);
        Tensor out = alpha == 1 ? Elementwise.binary(BinaryOp.ADD, a, b, dt, 1) : Elementwise.binary(BinaryOp.ADD_ALPHA, a, b, dt, alpha);
        return Graph.record("AddBackward0", out, new Tensor[] {a, b}, NONE, false,
                (g, s, n) -> new Tensor[] {g, alpha == 1 ? g : g.mul(alpha)});
    }

    static Tensor add(Tensor a, Scalar b) {
        Tensor out = Elementwise.binary(BinaryOp.ADD, a, b, b.resultWith(a.dtype()), false);
        return Graph.record("AddBackward0", out, new Tensor[] {a, null}, NONE, false, (g, s, n) -> new Tensor[] {g, null});
    }

    static Tensor sub(Tensor a, Tensor b, double alpha) {
        if (a.dtype() == DType.BOOL && b.dtype() == DType.BOOL) {
            throw new TorchException.RuntimeError("Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.");
        }
        if (a.dtype() == DType.BOOL || b.dtype() == DType.BOOL) {
            throw new TorchException.RuntimeError("Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.");
        }
        DType dt = Promotion.resultType(a, b);
        // PyTorch's sub is add with -alpha
        Tensor out = alpha == 1 ? Elementwise.binary(BinaryOp.SUB, a, b, dt, 1) : Elementwise.binary(BinaryOp.ADD_ALPHA, a, b, dt, -alpha);
        return Graph.record("SubBackward0", out, new Tensor[] {a, b}, NONE, false,
                (g, s, n) -> new Tensor[] {g, alpha == 1 ? g.neg() : g.mul(-alpha)});
    }

    static Tensor sub(Tensor a, Scalar b) {
        refuseBoolSub(a);
        Tensor out = Elementwise.binary(BinaryOp.SUB, a, b, b.resultWith(a.dtype()), false);
        return Graph.record("SubBackward0", out, new Tensor[] {a, null}, NONE, false, (g, s, n) -> new Tensor[] {g, null});
    }

    /** {@code tensor - Scalar} inside a C++ backward formula (pow_backward_self's {@code exponent - 1}): node SubBackward1. */
    static Tensor subScalarNode(Tensor a, long b) {
        return passingScalarNode(BinaryOp.SUB, "SubBackward1", a, Scalar.of(b));
    }

    /** {@code tensor op Scalar} whose gradient is the incoming one (add, sub): one input, node {@code name}. */
    private static Tensor passingScalarNode(BinaryOp op, String name, Tensor a, Scalar b) {
        Tensor out = Elementwise.binary(op, a, b, b.resultWith(a.dtype()), false);
        return Graph.record(name, out, new Tensor[] {a}, NONE, false, (g, s, n) -> new Tensor[] {g});
    }

    /** sub_check with a (non-bool) Python scalar: a bool tensor has no subtraction (b - 2, 2 - b, b.sub_(2)). */
    private static void refuseBoolSub(Tensor t) {
        if (t.dtype() == DType.BOOL) {
            throw new TorchException.RuntimeError("Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.");
        }
    }

    /** {@code scalar - tensor}: PyTorch's rsub, node RsubBackward1 with the tensor as its only input. */
    static Tensor rsub(Scalar a, Tensor b) {
        refuseBoolSub(b);
        Tensor out = Elementwise.binary(BinaryOp.SUB, b, a, a.resultWith(b.dtype()), true);
        return Graph.record("RsubBackward1", out, new Tensor[] {b}, NONE, false, (g, s, n) -> new Tensor[] {g.neg()});
    }

    static Tensor mul(Tensor a, Tensor b) {
        DType dt = Promotion.resultType(a, b);
        // mul_zerotensor: an efficient zero operand gives one (whatever the other holds: NaN, inf, signs)
        Tensor out = EfficientZeros.is(a) || EfficientZeros.is(b) ? EfficientZeros.of(Shape.broadcast(a.shapeArray(), b.shapeArray()), dt)
                : Elementwise.binary(BinaryOp.MUL, a, b, dt, 1);
        boolean ra = Graph.recording(a), rb = Graph.recording(b);
        return Graph.record("MulBackward0", out, new Tensor[] {a, b}, new Tensor[] {rb ? a : null, ra ? b : null}, false,
                (g, s, n) -> Graph.otherFirst(n[0], () -> g.mul(s[1]), n[1], () -> g.mul(s[0])));
    }

    static Tensor mul(Tensor a, Scalar b) {
        DType dt = b.resultWith(a.dtype());
        Tensor out = EfficientZeros.is(a) ? EfficientZeros.of(a.shapeArray(), dt) : Elementwise.binary(BinaryOp.MUL, a, b, dt, false);
        return Graph.record("MulBackward0", out, new Tensor[] {a, null}, new Tensor[] {b.wrapped(dt)}, false,
                (g, s, n) -> new Tensor[] {g.mul(s[0]), null});
    }

    /** {@code tensor * Scalar} inside a C++ backward formula (maybe_multiply): node MulBackward1, not a Python scalar's MulBackward0. */
    static Tensor mulScalarNode(Tensor a, double b) {
        Scalar sb = Scalar.of(b);
        DType dt = sb.resultWith(a.dtype());
        Tensor out = EfficientZeros.is(a) ? EfficientZeros.of(a.shapeArray(), dt) : Elementwise.binary(BinaryOp.MUL, a, sb, dt, false);
        return Graph.record("MulBackward1", out, new Tensor[] {a}, NONE, false, (g, s, n) -> new Tensor[] {mulScalarGrad(g, b)});
    }

    /** C++'s {@code tensor + Scalar} (or {@code Scalar + tensor}) inside an autograd formula: AddBackward1, the Scalar no input. */
    static Tensor addScalarNode(Tensor a, double b) {
        return passingScalarNode(BinaryOp.ADD, "AddBackward1", a, Scalar.of(b));
    }

    /** C++'s {@code tensor / Scalar} inside an autograd formula (mean's {@code grad.expand(sizes) / numel}): DivBackward1. */
    static Tensor divScalarNode(Tensor a, double b) {
        Scalar sb = Scalar.of(b);
        DType dt = Promotion.floatOf(sb.resultWith(a.dtype()));
        Tensor out = EfficientZeros.is(a) ? EfficientZeros.of(a.shapeArray(), dt) : Elementwise.binary(BinaryOp.DIV, a, sb, dt, false);
        return Graph.record("DivBackward1", out, new Tensor[] {a}, NONE, false, (g, s, n) -> new Tensor[] {divScalarNode(g, b)});
    }

    /**
     * MulBackward1's {@code grad * other}: PyTorch 1.13 makes the Scalar a 0-dim double tensor there, so a 0-dim float32
     * grad is multiplied in double (two 0-dim operands promote) and the engine rounds the product to float32
     * (measured: 789 of 3000 random products differ from the float32 product); any other grad keeps its dtype.
     * As there, the product is a Tensor product (MulBackward0 under create_graph, the 0-dim double not requiring
     * grad) and the engine's cast of the double result back to the input's float32 is the one ToCopyBackward0.
     */
    private static Tensor mulScalarGrad(Tensor g, double b) {
        Tensor p = mul(g, Tensor.wrap(new double[] {b}, Shape.SCALAR, DType.FLOAT64));
        return p.dtype() == g.dtype() ? p : p.to(g.dtype());
    }

    static Tensor div(Tensor a, Tensor b) {
        DType dt = Promotion.floatOf(Promotion.resultType(a, b));
        Tensor out = EfficientZeros.is(a) || EfficientZeros.is(b) ? EfficientZeros.divide(a, b, dt) : Elementwise.binary(BinaryOp.DIV, a, b, dt, 1);
        boolean rb = Graph.recording(b);
        return Graph.record("DivBackward0", out, new Tensor[] {a, b}, new Tensor[] {rb ? a : null, b}, false,
                (g, s, n) -> Graph.otherFirst(n[0], () -> g.div(s[1]), n[1], () -> {
                    // PyTorch's div_tensor_other_backward: -grad * ((self / other) / other), the right operand's
                    // quotients first (C++ operands right to left), then the negation
                    Tensor q = s[0].div(s[1]).div(s[1]);
                    return g.neg().mul(q);
                }));
    }

    static Tensor div(Tensor a, Scalar b) {
        DType dt = Promotion.floatOf(b.resultWith(a.dtype()));
        Tensor out = EfficientZeros.is(a) ? EfficientZeros.of(a.shapeArray(), dt) : Elementwise.binary(BinaryOp.DIV, a, b, dt, false);
        return Graph.record("DivBackward0", out, new Tensor[] {a, null}, new Tensor[] {b.wrapped(dt)}, false,
                (g, s, n) -> new Tensor[] {g.div(s[0]), null});
    }

    /** {@code scalar / tensor}: PyTorch computes it as {@code reciprocal(t) * scalar}. */
    static Tensor rdiv(Scalar a, Tensor b) {
        return mul(reciprocal(b), a);
    }

    static Tensor pow(Tensor a, Scalar e) {
        DType dt = e.resultWith(a.dtype());
        if (!dt.isFloatingPoint() && e.longValue < 0) throw new TorchException.RuntimeError("Integers to negative integer powers are not allowed.");
        Tensor out = Elementwise.powScalar(a, e, dt);
        return Graph.record("PowBackward0", out, new Tensor[] {a}, new Tensor[] {a}, false, (g, s, n) -> {
            // PyTorch's pow_backward: zeros_like(self) for exponent 0 (+0.0 everywhere, off the graph; grad * 0
            // would give -0.0 where grad < 0)
            if (e.value == 0) return new Tensor[] {zerosLike(s[0])};
            // grad * (...): an efficient zero grad (a double backward through sgn) gives one (mul's ZeroTensor kernel)
            if (EfficientZeros.is(g)) return new Tensor[] {EfficientZeros.like(s[0])};
            // grad * (exp * self.pow(exp - 1)): exp a C++ double, so a Scalar product (MulBackward1 under create_graph)
            return new Tensor[] {g.mul(mulScalarNode(s[0].pow(e.value - 1), e.value))};
        });
    }

    static Tensor pow(Tensor a, Tensor b) {
        DType dt = Promotion.resultType(a, b);
        Tensor out = Elementwise.binary(BinaryOp.POW, a, b, dt, 1);
        return Graph.record("PowBackward1", out, new Tensor[] {a, b}, new Tensor[] {a, b}, true, (g, s, n) -> {
            Tensor base = s[0], exp = s[1], result = s[2];
            // the exponent's gradient first, then self's (Graph.otherFirst: 1.13's alphabetical order; fuzz wide 51455)
            return Graph.otherFirst(n[0], () -> {
                // d/da a^b = b * a^(b-1), and 0 where b == 0 (PyTorch masks it so 0^0 has gradient 0)
                return where(exp.eq(0.0), zerosLike(g), g.mul(exp.mul(base.pow(subScalarNode(exp, 1L)))));
            }, n[1], () -> {
                // d/db a^b = a^b * ln(a), taken as 0 where a == 0 and b >= 0
                Tensor mask = base.eq(0.0).logicalAnd(exp.ge(0.0));
                // PyTorch's pow_backward_exponent: grad * where(mask, 0, result * log(self)) (a negative grad gives -0.0)
                return g.mul(where(mask, Scalar.of(0.0).wrapped(g.dtype()), result.mul(base.log())));
            });
        });
    }

    /** {@code torch.pow(scalar, tensor)}: node PowBackward2 with the exponent as its only input. */
    static Tensor pow(Scalar base, Tensor e) {
        DType dt = base.resultWith(e.dtype());
        // PyTorch's pow(Scalar, Tensor) gives a row-major result, iterated in its order (the exponent's runs along
        // the last dim: where its vector body and scalar tail fall), whatever the exponent's layout (fuzz wide 14)
        Tensor out = Elementwise.binaryRowMajor(BinaryOp.POW, base.wrapped(dt), e, dt, 1);
        double lnBase = Math.log(base.value);
        return Graph.record("PowBackward2", out, new Tensor[] {e}, NONE, true, (g, s, n) -> {
            // PyTorch: grad * (result * log(base)), the logarithm a double rounded to the tensor's dtype; result *
            // Scalar is a C++ Scalar product (MulBackward1: a 0-dim float32 one differentiates in double, wide 4492)
            if (base.value == 0) return new Tensor[] {g.mul(where(e.ge(0.0), Scalar.of(0.0).wrapped(g.dtype()), mulScalarNode(s[0], lnBase)))};
            return new Tensor[] {g.mul(mulScalarNode(s[0], lnBase))};
        });
    }

    // ---- unary -----------------------------------------------------------------------------------------------

    private static Tensor unaryFloat(Tensor a, UnaryOp op) {
        return Elementwise.unary(op, a, Promotion.floatOf(a.dtype()));
    }

    static Tensor neg(Tensor a) {
        if (a.dtype() == DType.BOOL) {
            throw new TorchException.RuntimeError("Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.");
        }
        return Graph.record("NegBackward0", Elementwise.unary(UnaryOp.NEG, a, a.dtype()), new Tensor[] {a}, NONE, false,
                (g, s, n) -> new Tensor[] {g.neg()});
    }

    static Tensor abs(Tensor a) {
        if (a.dtype() == DType.BOOL) throw new TorchException.RuntimeError("\"abs_cpu\" not implemented for 'Bool'");
        return Graph.record("AbsBackward0", Elementwise.unary(UnaryOp.ABS, a, a.dtype()), new Tensor[] {a}, new Tensor[] {a}, false,
                (g, s, n) -> new Tensor[] {g.mul(sgn(s[0]))});
    }

    /** {@code torch.sgn} of a real tensor: sign's values, node SgnBackward0, whose gradient is an efficient zero tensor (abs's backward uses it). */
    static Tensor sgn(Tensor a) {
        Tensor out = Elementwise.unary(UnaryOp.SIGN, a, a.dtype());
        return Graph.record("SgnBackward0", out, new Tensor[] {a}, NONE, false, (g, s, n) -> new Tensor[] {EfficientZeros.like(g)});
    }

    static Tensor sign(Tensor a) {
        Tensor out = Elementwise.unary(UnaryOp.SIGN, a, a.dtype());
        return Graph.record("SignBackward0", out, new Tensor[] {a}, NONE, false, (g, s, n) -> new Tensor[] {zerosLike(g)});
    }

    static Tensor exp(Tensor a) {
        return Graph.record("ExpBackward0", unaryFloat(a, UnaryOp.EXP), new Tensor[] {a}, NONE, true,
                (g, s, n) -> new Tensor[] {g.mul(s[0])});
    }

    static Tensor log(Tensor a) {
        return Graph.record("LogBackward0", unaryFloat(a, UnaryOp.LOG), new Tensor[] {a}, new Tensor[] {a}, false,
                (g, s, n) -> new Tensor[] {g.div(s[0])});
    }

    static Tensor sqrt(Tensor a) {
        return Graph.record("SqrtBackward0", unaryFloat(a, UnaryOp.SQRT), new Tensor[] {a}, NONE, true,
                (g, s, n) -> new Tensor[] {g.div(s[0].mul(2L))});
    }

    static Tensor sin(Tensor a) {
        return Graph.record("SinBackward0", unaryFloat(a, UnaryOp.SIN), new Tensor[] {a}, new Tensor[] {a}, false,
                (g, s, n) -> {
                    Tensor f = TrigBackward.fused(g, s[0], true);
                    return new Tensor[] {f != null ? f : timesFresh(g, s[0].cos())};
                });
    }

    static Tensor cos(Tensor a) {
        return Graph.record("CosBackward0", unaryFloat(a, UnaryOp.COS), new Tensor[] {a}, new Tensor[] {a}, false,
                (g, s, n) -> {
                    Tensor f = TrigBackward.fused(g, s[0], false);
                    return new Tensor[] {f != null ? f : timesFresh(g, s[0].sin().neg())};
                });
    }

    /**
     * {@code g * t} for a tensor {@code t} the calling rule has just made (no one else holds it): written into t when
     * no graph is recorded (create_graph=False) and t has g's dtype and shape, so the backward allocates one result
     * fewer (4 MB a pass of the sin row on 1000x1000); IEEE multiplication commutes, so the bits are g.mul(t)'s.
     * Otherwise, and whenever the plain in-place case does not apply, g.mul(t) as before.
     */
    private static Tensor timesFresh(Tensor g, Tensor t) {
        if (!GradMode.isEnabled() && t.dtype() == g.dtype() && java.util.Arrays.equals(t.shapeArray(), g.shapeArray())
                && DirectInPlace.binary(BinaryOp.MUL, t, g, 1)) {
            return t;
        }
        return g.mul(t);
    }

    static Tensor sigmoid(Tensor a) {
        return Graph.record("SigmoidBackward0", unaryFloat(a, UnaryOp.SIGMOID), new Tensor[] {a}, NONE, true,
                // PyTorch's sigmoid_backward: (grad * (1 - y)) * y, in that order (bit-exact in float32)
                // (create_graph: recorded as 1.13's sigmoid_backward op, SigmoidBackwardBackward0)
                (g, s, n) -> new Tensor[] {ActivationBackwards.sigmoid(g, s[0], ActivationBackwards::sigmoidKernel)});
    }

    static Tensor tanh(Tensor a) {
        return Graph.record("TanhBackward0", unaryFloat(a, UnaryOp.TANH), new Tensor[] {a}, NONE, true,
                // PyTorch's tanh_backward is grad * (1 - y*y) with the 1 - y*y contracted to one fused multiply-add by
                // its compiler (measured: every float32 result equals grad * fma(-y, y, 1)); addcmul(1, y, y, -1) is that fma
                // (create_graph: recorded as 1.13's tanh_backward op, TanhBackwardBackward0)
                (g, s, n) -> new Tensor[] {ActivationBackwards.tanh(g, s[0], PointwiseOps::tanhKernel)});
    }

    /** tanh_backward's kernel: {@code grad * fma(-y, y, 1)}. */
    static Tensor tanhKernel(Tensor g, Tensor y) {
        return g.mul(AddcOps.addcmul(Scalar.of(1L).wrapped(y.dtype()), y, y, -1));
    }

    static Tensor relu(Tensor a) {
        return Graph.record("ReluBackward0", Elementwise.unary(UnaryOp.RELU, a, a.dtype()), new Tensor[] {a}, NONE, true,
                // PyTorch's threshold_backward: result <= 0 ? 0 : grad, so masked entries are +0.0 (grad * mask gave -0.0)
                (g, s, n) -> new Tensor[] {ThresholdBackward.apply(g, s[0])});
    }

    static Tensor reciprocal(Tensor a) {
        return Graph.record("ReciprocalBackward0", unaryFloat(a, UnaryOp.RECIPROCAL), new Tensor[] {a}, NONE, true,
                (g, s, n) -> new Tensor[] {g.neg().mul(s[0].mul(s[0]))}); // -grad * (result * result), as PyTorch
    }

    /** {@code clamp(min, max)} with either bound absent (NaN): node ClampBackward1. */
    static Tensor clamp(Tensor a, double min, double max) {
        return clamp(a, min, max, "ClampBackward1");
    }

    /** {@code x.clamp_min(min)} / {@code x.clamp_max(max)}: their own ops in PyTorch, same gradient, their own node names. */
    static Tensor clampMin(Tensor a, double min) {
        return clamp(a, min, Double.NaN, "ClampMinBackward0");
    }

    static Tensor clampMax(Tensor a, double max) {
        return clamp(a, Double.NaN, max, "ClampMaxBackward0");
    }

    private static Tensor clamp(Tensor a, double min, double max, String node) {
        if (Double.isNaN(min) && Double.isNaN(max)) throw new TorchException.RuntimeError("torch.clamp: At least one of 'min' or 'max' must not be None");
        // Python float bounds promote an integer tensor to float32, as PyTorch's clamp does (clamp(long, long) keeps it)
        if (!a.dtype().isFloatingPoint()) a = a.to(DType.DEFAULT_FLOAT);
        Tensor out = Elementwise.clamp(a, min, max);
        return Graph.record(node, out, new Tensor[] {a}, new Tensor[] {a}, false, (g, s, n) -> {
            // PyTorch's clamp_backward: where(min <= self <= max, grad, 0), the bounds compared in self's dtype; a
            // product with the mask would give -0.0 where a negative gradient is cut off
            Tensor inside = Double.isNaN(min) ? s[0].le(max) : Double.isNaN(max) ? s[0].ge(min) : s[0].ge(min).logicalAnd(s[0].le(max));
            return new Tensor[] {where(inside, g, Scalar.of(0.0).wrapped(g.dtype()))};
        });
    }

    /** {@code x.clamp_(min, max)} with float bounds on an integer tensor: PyTorch's text names the C++ type. */
    static void checkClampInPlace(Tensor a) {
        String cpp;
        switch (a.dtype()) {
            case INT64: cpp = "long int"; break;
            case INT32: cpp = "int"; break;
            case BOOL: cpp = "bool"; break;
            default: return;
        }
        throw new TorchException.RuntimeError("result type Float can't be cast to the desired output type " + cpp);
    }

    /** {@code torch.clamp(x, min, max)} with Python int bounds: an integer tensor keeps its dtype. */
    static Tensor clamp(Tensor a, long min, long max) {
        if (a.dtype().isFloatingPoint()) return clamp(a, (double) min, (double) max);
        return IntegerKernels.map(a, 0, a.dtype(), (x, unused) -> Math.min(Math.max(x, min), max));
    }

    static Tensor maximum(Tensor a, Tensor b, boolean isMax) {
        DType dt = Promotion.resultType(a, b);
        Tensor out = Elementwise.binary(isMax ? BinaryOp.MAXIMUM : BinaryOp.MINIMUM, a, b, dt, 1);
        return Graph.record(isMax ? "MaximumBackward0" : "MinimumBackward0", out, new Tensor[] {a, b}, new Tensor[] {a, b}, false, (g, s, n) -> {
            // PyTorch: where(a == b, grad / 2, grad).masked_fill_(a loses, 0): ties split the gradient evenly, and
            // a NaN (no order, no tie) sends the whole gradient to both inputs
            // (each input's formula makes its own where and fills it in place: under create_graph its gradient's
            // node is MaskedFillBackward0, as PyTorch's)
            Tensor tie = s[0].eq(s[1]);
            return new Tensor[] {
                n[0] ? where(tie, g.div(2L), g).maskedFill_(isMax ? s[0].lt(s[1]) : s[0].gt(s[1]), 0.0) : null,
                n[1] ? where(tie, g.div(2L), g).maskedFill_(isMax ? s[0].gt(s[1]) : s[0].lt(s[1]), 0.0) : null};
        });
    }

    static Tensor where(Tensor cond, Tensor a, Tensor b) {
        if (cond.dtype() != DType.BOOL) {
            throw new TorchException.RuntimeError("where expected condition to be a boolean tensor, but got a tensor with dtype " + NllLoss.scalarName(cond.dtype()));
        }
        int[] shape = Shape.broadcast(Shape.broadcast(cond.shapeArray(), a.shapeArray()), b.shapeArray());
        DType dt = Promotion.resultType(a, b);
        Tensor out = Elementwise.where(cond, a, b, dt);
        Tensor condition = cond.detach();
        return Graph.record("WhereBackward0", out, new Tensor[] {a, b}, NONE, false, (g, s, n) -> Graph.otherFirst(
            n[0], () -> where(condition, g, zerosLike(g)), n[1], () -> where(condition, zerosLike(g), g)));
    }

    /** A dtype conversion; node ToCopyBackward0 converts the gradient back. */
    static Tensor to(Tensor a, DType dtype) {
        if (dtype == a.dtype()) return a;
        Tensor out = Elementwise.convert(a, dtype);
        if (!dtype.isFloatingPoint()) return out; // integer results never require grad
        DType from = a.dtype();
        return Graph.record("ToCopyBackward0", out, new Tensor[] {a}, NONE, false, (g, s, n) -> new Tensor[] {g.to(from)});
    }

    // ---- comparisons (no gradient) ----------------------------------------------------------------------------

    interface Compare {
        boolean test(double x, double y);
    }

    static Tensor compare(Tensor a, Tensor b, Compare c) {
        return Kernels.zip(a, b, DType.BOOL, (x, y) -> c.test(x, y) ? 1 : 0);
    }

    static Tensor compare(Tensor a, double b, Compare c) {
        return Kernels.map(a, DType.BOOL, x -> c.test(x, b) ? 1 : 0);
    }

    /** A comparison or logical op of two tensors, in their promoted dtype: bool result, typed loops. */
    static Tensor compare(Tensor a, Tensor b, BinaryOp op) {
        return Elementwise.binary(op, a, b, Promotion.resultType(a, b), 1);
    }

    /**
     * A comparison with a number: in a floating tensor's dtype (the number rounded to it, as PyTorch wraps it),
     * exactly in int64 for an integer tensor and a whole number, else in float32.
     */
    static Tensor compare(Tensor a, double b, BinaryOp op) {
        DType dt = a.dtype().isFloatingPoint() ? a.dtype() : b == Math.rint(b) && Math.abs(b) < 0x1p63 ? DType.INT64 : DType.DEFAULT_FLOAT;
        Scalar s = dt == DType.INT64 ? Scalar.of((long) b) : Scalar.of(b);
        return Elementwise.binary(op, a, s, dt, false);
    }

    /**
     * {@code torch.logical_not}: x == 0 in values, laid out as the unary op it is (TensorIterator's fast setup: an
     * input contiguous but for its size-1 dims' strides gives a contiguous result, where {@code x == 0}, a binary op
     * with a wrapped scalar, sorts the dims; wide fuzz seed 13847).
     */
    static Tensor logicalNot(Tensor a) {
        Tensor r = compare(a, 0, BinaryOp.EQ);
        int[] want = OutputLayout.strides(r.shapeArray(), a);
        if (java.util.Arrays.equals(want == null ? Shape.contiguousStrides(r.shapeArray()) : want, r.strides)) return r;
        Tensor out = OutputLayout.emptyForWrite(r.shapeArray().clone(), want, DType.BOOL);
        Elementwise.copyInto(out, r);
        return out;
    }

    static Tensor zerosLike(Tensor t) {
        return OutputLayout.fullLike(t, 0, t.dtype());
    }
}
