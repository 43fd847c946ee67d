// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import io.gradbook.autograd.math.Float32Softplus;
import io.gradbook.autograd.math.Float32Unary;
import io.gradbook.autograd.math.Float64Softplus;
import io.gradbook.autograd.math.Sleef32TanErfc;
import io.gradbook.autograd.math.Sleef64Erf;
import io.gradbook.autograd.math.Sleef64Trig;
import java.util.function.DoubleUnaryOperator;

/**
 * The element-wise math a course reaches for after exp/log/sin (log1p, expm1, log2, atan2, erf, floor, fmod,
 * hypot, lerp, addcmul, softplus, logsumexp ...), each forward kernel beside its gradient rule. Rules use Tensor
 * ops only, so create_graph gives higher derivatives. Float32 results of the unary transcendental functions come
 * from {@link Float32Unary} (PyTorch's SLEEF/glibc float32 algorithms, bit for bit); the rest are computed in
 * double and rounded once: exact where PyTorch's float kernel is exact (+ - * / sqrt, floor, fmod), within a few
 * ULP elsewhere (logsumexp); atan2, softplus, exp2 and hypot follow PyTorch's kernels.
 */
final class MoreMathOps {
    private MoreMathOps() {}

    private static final Tensor[] NONE = new Tensor[0];
    // derivatives.yaml's literals: 2.3025850929940456 parses to the double below ln(10)'s nearest (Math.log(10))
    private static final double LN2 = 0.6931471805599453, LN10 = 2.3025850929940456;

    private static Tensor unaryFloat(Tensor a, DoubleUnaryOperator f) {
        return Kernels.map(a, Promotion.floatOf(a.dtype()), f);
    }

    /** PyTorch's float32 loop for one op over a contiguous run (Float32Unary's contract). */
    @FunctionalInterface
    interface Float32Loop {
        void apply(float[] src, int srcOff, float[] dst, int dstOff, int n);
    }

    /**
     * A float-valued unary op: float32 results (and integer inputs, which PyTorch converts to float32 first) go
     * through PyTorch's own float32 algorithm, bit for bit; float64 through its float64 loop for {@code op}
     * ({@link DoubleMath}: SLEEF or glibc, bit for bit), float16 through {@code op} too (which has no Half kernel
     * on CPU for these ops, and raises PyTorch's error): one double function per op, {@link UnaryOp}'s.
     */
    private static Tensor unaryFloat(Tensor a, UnaryOp op, Float32Loop f32) {
        DType dt = Promotion.floatOf(a.dtype());
        return dt == DType.FLOAT32 ? float32(a, f32) : Elementwise.unary(op, a, dt);
    }

    /** A float-valued op without a {@link UnaryOp} (softplus): float32 as above, other dtypes through {@code f}. */
    private static Tensor unaryFloat(Tensor a, DoubleUnaryOperator f, Float32Loop f32) {
        DType dt = Promotion.floatOf(a.dtype());
        return dt == DType.FLOAT32 ? float32(a, f32) : Kernels.map(a, dt, f);
    }

    /** A float-valued op without a {@link UnaryOp} whose CPU kernel has no float16 version (tan, erfc): PyTorch's error. */
    private static Tensor unaryNoHalf(Tensor a, String kernel, DoubleUnaryOperator f, Float32Loop f32) {
        if (Promotion.floatOf(a.dtype()) == DType.FLOAT16) throw UnaryOp.noHalfKernel(kernel);
        return unaryFloat(a, f, f32);
    }

    /** PyTorch's float32 loop over {@code a} (an integer input converted to float32 first). */
    private static Tensor float32(Tensor a, Float32Loop f32) {
        DType dt = DType.FLOAT32;
        if (a.dtype() == DType.FLOAT32 && !a.isContiguous()) {
            // PyTorch's runs over a transposed or strided input (memory order; scalar op off stride 1)
            Tensor r = Float32Runs.apply(a, f32::apply);
            if (r == null) r = Float32Runs.applyExpanded(a, f32::apply); // an expanded (stride-0) input
            if (r != null) return r;
        }
        double[] v = a.values();
        float[] src = new float[v.length], dst = new float[v.length];
        for (int i = 0; i < v.length; i++) src[i] = (float) v[i];
        f32.apply(src, 0, dst, 0, v.length);
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) r[i] = dst[i];
        return Tensor.wrap(r, a.shapeArray().clone(), dt);
    }

    /** A unary op whose rule reads its input. */
    private static Tensor unaryIn(String name, Tensor a, UnaryOp op, Float32Loop f32, Graph.Rule1 rule) {
        return Graph.record(name, unaryFloat(a, op, f32), new Tensor[] {a}, new Tensor[] {a}, false, rule);
    }

    // ---- logs and exponentials -------------------------------------------------------------------------------

    static Tensor log1p(Tensor a) {
        return unaryIn("Log1PBackward0", a, UnaryOp.LOG1P, Float32Unary::log1p, (g, s, n) -> new Tensor[] {g.div(s[0].add(1L))});
    }

    static Tensor expm1(Tensor a) {
        return Graph.record("Expm1Backward0", unaryFloat(a, UnaryOp.EXPM1, Float32Unary::expm1), new Tensor[] {a}, NONE, true,
                (g, s, n) -> new Tensor[] {g.mul(s[0].add(1L))});
    }

    static Tensor log2(Tensor a) {
        // derivatives.yaml: grad / (self.conj() * 0.6931471805599453), a C++ Scalar product (MulBackward1)
        return unaryIn("Log2Backward0", a, UnaryOp.LOG2, Float32Unary::log2, (g, s, n) -> new Tensor[] {g.div(PointwiseOps.mulScalarNode(s[0], LN2))});
    }

    static Tensor log10(Tensor a) {
        // derivatives.yaml: grad / (self.conj() * 2.3025850929940456), a C++ Scalar product: MulBackward1 under
        // create_graph, not a Python scalar's MulBackward0, whose second gradient rounded otherwise (fuzz more 5836 1186: 2 ulp)
        return unaryIn("Log10Backward0", a, UnaryOp.LOG10, Float32Unary::log10, (g, s, n) -> new Tensor[] {g.div(PointwiseOps.mulScalarNode(s[0], LN10))});
    }

    static Tensor exp2(Tensor a) {
        // glibc's exp2f / exp2 on every element, as PyTorch's map(std::exp2) (Float32Exp2, Glibc64Exp2)
        return Graph.record("Exp2Backward0", unaryFloat(a, io.gradbook.autograd.math.Glibc64Exp2::exp2, io.gradbook.autograd.math.Float32Exp2::exp2), new Tensor[] {a}, NONE, true,
                // 1.13: grad * result * M_LN2, the last a C++ Scalar product: MulBackward1 under create_graph (fuzz
                // cases more 2277, 3106, 6339 and 6 more: MulBackward0 before), the same bits
                (g, s, n) -> new Tensor[] {PointwiseOps.mulScalarNode(g.mul(s[0]), LN2)});
    }

    // ---- trigonometric and hyperbolic ------------------------------------------------------------------------

    static Tensor atan(Tensor a) {
        return unaryIn("AtanBackward0", a, UnaryOp.ATAN, Float32Unary::atan, (g, s, n) -> new Tensor[] {g.div(s[0].mul(s[0]).add(1L))});
    }

    static Tensor asin(Tensor a) {
        return unaryIn("AsinBackward0", a, UnaryOp.ASIN, Float32Unary::asin, // PyTorch: grad * (-self * self + 1).rsqrt(), rsqrt being pow(-0.5)'s kernel
                (g, s, n) -> new Tensor[] {g.mul(rsqrt(s[0].neg().mul(s[0]).add(1L)))});
    }

    static Tensor acos(Tensor a) {
        return unaryIn("AcosBackward0", a, UnaryOp.ACOS, Float32Unary::acos, // PyTorch: grad * -((-self * self + 1).rsqrt())
                (g, s, n) -> new Tensor[] {g.mul(rsqrt(s[0].neg().mul(s[0]).add(1L)).neg())});
    }

    static Tensor sinh(Tensor a) {
        return unaryIn("SinhBackward0", a, UnaryOp.SINH, Float32Unary::sinh, (g, s, n) -> new Tensor[] {g.mul(cosh(s[0]))});
    }

    static Tensor cosh(Tensor a) {
        return unaryIn("CoshBackward0", a, UnaryOp.COSH, Float32Unary::cosh, (g, s, n) -> new Tensor[] {g.mul(sinh(s[0]))});
    }

    static Tensor asinh(Tensor a) {
        return unaryIn("AsinhBackward0", a, UnaryOp.ASINH, Float32Unary::asinh, (g, s, n) -> new Tensor[] {g.mul(rsqrt(s[0].pow(2L).add(1L)))}); // grad * (self.pow(2) + 1).rsqrt()
    }

    static Tensor atanh(Tensor a) {
        return unaryIn("AtanhBackward0", a, UnaryOp.ATANH, Float32Unary::atanh, (g, s, n) -> new Tensor[] {g.div(s[0].mul(s[0]).rsub(1L))});
    }

    static Tensor erf(Tensor a) {
        double twoOverSqrtPi = 2 / Math.sqrt(Math.PI);
        return unaryIn("ErfBackward0", a, UnaryOp.ERF, Float32Unary::erf, // PyTorch: 2 / sqrt(pi) * exp(-(self.pow(2))) * grad, in that order
                (g, s, n) -> new Tensor[] {s[0].pow(2L).neg().exp().mul(twoOverSqrtPi).mul(g)});
    }

    /** tan: SLEEF's tan for every element in both dtypes (a vml op); PyTorch's rule {@code grad * (1 + result.pow(2))}. */
    static Tensor tan(Tensor a) {
        return Graph.record("TanBackward0", unaryNoHalf(a, "tan_vml_cpu", Sleef64Trig::tan, Sleef32TanErfc::tan), new Tensor[] {a}, NONE, true,
                (g, s, n) -> new Tensor[] {g.mul(s[0].pow(2L).add(1L))});
    }

    /** erfc: SLEEF's erfc (u15) for every element; PyTorch's rule {@code -2 / sqrt(pi) * exp(-(self.pow(2))) * grad}. */
    static Tensor erfc(Tensor a) {
        double minusTwoOverSqrtPi = -2 / Math.sqrt(Math.PI);
        return Graph.record("ErfcBackward0", unaryNoHalf(a, "erfc_vml_cpu", Sleef64Erf::erfc, Sleef32TanErfc::erfc),
                new Tensor[] {a}, new Tensor[] {a}, false,
                (g, s, n) -> new Tensor[] {s[0].pow(2L).neg().exp().mul(minusTwoOverSqrtPi).mul(g)});
    }

    // ---- two-argument ------------------------------------------------------------------------------------------

    static Tensor atan2(Tensor y, Tensor x) {
        DType dt = Promotion.floatOf(Promotion.resultType(y, x));
        Tensor out = dt == DType.FLOAT64 || dt == DType.FLOAT32 ? Elementwise.atan2(y, x) : Kernels.zip(y, x, dt, Math::atan2);
        return Graph.record("Atan2Backward0", out, new Tensor[] {y, x}, new Tensor[] {y, x}, false, (g, s, n) -> {
            // PyTorch's atan2_backward: recip = (self^2 + other^2).reciprocal(); grad * other * recip, grad * -self * recip
            Tensor recip = s[0].mul(s[0]).add(s[1].mul(s[1])).reciprocal();
            return new Tensor[] {n[0] ? g.mul(s[1]).mul(recip) : null, n[1] ? g.mul(s[0].neg()).mul(recip) : null};
        });
    }

    /**
     * PyTorch's rsqrt as its float kernels compute it: 1 / sqrt(x), each correctly rounded (pow(-0.5)'s kernel too);
     * one node RsqrtBackward0 with 1.13's formula {@code -0.5 * grad * result.pow(3)}, so a create_graph backward
     * through asin, acos and asinh differentiates what 1.13 does (a sqrt-reciprocal chain or pow(-0.5) rounds
     * otherwise: fuzz cases more 65, 167).
     */
    private static Tensor rsqrt(Tensor t) {
        Tensor out;
        try (var ignored = GradMode.set(false)) {
            out = t.sqrt().reciprocal();
        }
        return Graph.record("RsqrtBackward0", out, new Tensor[] {t}, NONE, true,
                (g, s, n) -> new Tensor[] {PointwiseOps.mulScalarNode(g, -0.5).mul(s[0].pow(3L))});
    }

    static Tensor hypot(Tensor a, Tensor b) {
        DType dt = Promotion.floatOf(Promotion.resultType(a, b));
        if (dt == DType.FLOAT16) throw UnaryOp.noHalfKernel("hypot_cpu"); // PyTorch 1.13's hypot has no Half kernel on CPU
        Tensor out = dt == DType.FLOAT64 ? Elementwise.hypot64(a, b) : dt == DType.FLOAT32 ? Elementwise.hypot32(a, b) : Kernels.zip(a, b, dt, Math::hypot);
        // other's gradient before self's (Graph.otherFirst: 1.13's generated HypotBackward0 sorts the names), which
        // under create_graph orders a second backward's sums (fuzz more 792 6868: 1-12 ulp)
        return Graph.record("HypotBackward0", out, new Tensor[] {a, b}, new Tensor[] {a, b}, true, (g, s, n) -> Graph.otherFirst(
            n[0], () -> g.mul(s[0]).div(s[2]), n[1], () -> g.mul(s[1]).div(s[2])));
    }

    /** Python's {@code %}: the result takes the divisor's sign. */
    private static double remainderOf(double a, double b, boolean integral) {
        double m = a % b;
        return m != 0 && (m < 0) != (b < 0) ? m + b : m;
    }

    static Tensor remainder(Tensor a, Tensor b) {
        DType dt = Promotion.resultType(a, b);
        if (dt == DType.BOOL) throw new TorchException.RuntimeError("\"remainder_cpu\" not implemented for 'Bool'");
        boolean integral = !dt.isFloatingPoint();
        // in the result dtype: a 0-dim float64 divisor of a float32 tensor is rounded to float32 first, as PyTorch's kernel sees it
        Tensor out = integral ? IntegerKernels.zip(a, b, dt, IntegerKernels::remainder)
                : dt == DType.FLOAT32 ? Elementwise.fmod32(a, b, true)
                : Kernels.zip(Elementwise.convert(a, dt), Elementwise.convert(b, dt), dt, (x, y) -> remainderOf(x, y, false));
        return Graph.record("RemainderBackward1", out, new Tensor[] {a, b}, new Tensor[] {a, b}, false, (g, s, n) -> new Tensor[] {
            n[0] ? g : null, n[1] ? g.neg().mul(divFloor(s[0], s[1])) : null});
    }

    /**
     * {@code a.div(b, rounding_mode="floor")} for floating dtypes (node DivBackward2, zero gradients), as 1.13's
     * div_floor kernel computes it in the result dtype: (a - fmod(a, b)) / b, one less where the signs of b and the
     * remainder differ, floored (rounded up past .5), a signed zero where that is 0; a / b for b == 0. So
     * floor(inf / 2) is NaN and 1e-45 floor-divided by -2.5 is -1 (floor(a / b) gives -inf and -0.0); in float32
     * the vector body's fmod is SLEEF's, so 3.4e38 by -0.5 is NaN there.
     */
    private static Tensor divFloor(Tensor a, Tensor b) {
        DType dt = Promotion.floatOf(Promotion.resultType(a, b));
        Tensor out;
        if (dt == DType.FLOAT32) {
            // float32's loop is vectorized: the body's fmod is SLEEF's (NaN past FLT_MAX quotients: Float32Fmod)
            double[] mod = Elementwise.fmod32(a, b, false).values();
            int[] shape = Shape.broadcast(a.shapeArray(), b.shapeArray());
            double[] x = Kernels.broadcastValues(Elementwise.convert(a, dt), shape), y = Kernels.broadcastValues(Elementwise.convert(b, dt), shape);
            double[] r = new double[mod.length];
            for (int i = 0; i < r.length; i++) r[i] = divFloor32((float) x[i], (float) y[i], (float) mod[i]);
            out = Tensor.wrap(r, shape, dt);
        } else {
            out = Kernels.zip(Elementwise.convert(a, dt), Elementwise.convert(b, dt), dt, MoreMathOps::divFloor64);
        }
        int[] sa = a.shapeArray().clone(), sb = b.shapeArray().clone();
        return Graph.record("DivBackward2", out, new Tensor[] {a, b}, NONE, false, (g, s, n) -> new Tensor[] {
            n[0] ? Torch.zeros(g.dtype(), sa) : null, n[1] ? Torch.zeros(g.dtype(), sb) : null});
    }

    private static float divFloor32(float a, float b, float mod) {
        if (b == 0) return a / b;
        float div = (a - mod) / b;
        if (mod != 0 && (b < 0) != (mod < 0)) div -= 1;
        if (div == 0) return Math.copySign(0f, a / b);
        float fl = (float) Math.floor(div);
        return div - fl > 0.5f ? fl + 1f : fl;
    }

    private static double divFloor64(double a, double b) {
        if (b == 0) return a / b;
        double mod = a % b, div = (a - mod) / b;
        if (mod != 0 && (b < 0) != (mod < 0)) div -= 1;
        if (div == 0) return Math.copySign(0.0, a / b);
        double fl = Math.floor(div);
        return div - fl > 0.5 ? fl + 1 : fl;
    }

    static Tensor remainder(Tensor a, Scalar b) {
        DType dt = b.resultWith(a.dtype());
        boolean integral = !dt.isFloatingPoint();
        Tensor out = integral ? IntegerKernels.map(a, b.longValue, dt, IntegerKernels::remainder)
                : dt == DType.FLOAT32 ? Elementwise.fmod32(a, b.wrapped(dt), true)
                : Kernels.mapWithScalar(a, dt, x -> remainderOf(x, dt.round(b.value), false));
        return Graph.record("RemainderBackward0", out, new Tensor[] {a}, NONE, false, (g, s, n) -> new Tensor[] {g});
    }

    /** C's fmod: the result takes the dividend's sign. */
    static Tensor fmod(Tensor a, Tensor b) {
        DType dt = Promotion.resultType(a, b);
        Tensor out = dt == DType.FLOAT32 ? Elementwise.fmod32(a, b, false)
                : dt.isFloatingPoint() ? Kernels.zip(Elementwise.convert(a, dt), Elementwise.convert(b, dt), dt, (x, y) -> x % y) : IntegerKernels.zip(a, b, dt, IntegerKernels::fmod);
        return Graph.record("FmodBackward1", out, new Tensor[] {a, b}, new Tensor[] {a, b}, false, (g, s, n) -> new Tensor[] {
            n[0] ? g : null, n[1] ? g.neg().mul(divTrunc(s[0], s[1])) : null});
    }

    /**
     * {@code a.div(b, rounding_mode="trunc")} for floating dtypes, fmod's divisor gradient: trunc(a / b), one node
     * DivBackward2 with zero gradients as in 1.13 (a trunc of a division gave -0 through DivBackward0 where 1.13's
     * new_zeros is +0: fuzz case more 188, fmod into gelu under create_graph).
     */
    private static Tensor divTrunc(Tensor a, Tensor b) {
        Tensor out;
        try (var ignored = GradMode.set(false)) {
            out = trunc(a.div(b));
        }
        int[] sa = a.shapeArray().clone(), sb = b.shapeArray().clone();
        return Graph.record("DivBackward2", out, new Tensor[] {a, b}, NONE, false, (g, s, n) -> new Tensor[] {
            n[0] ? Torch.zeros(g.dtype(), sa) : null, n[1] ? Torch.zeros(g.dtype(), sb) : null});
    }

    static Tensor fmod(Tensor a, Scalar b) {
        DType dt = b.resultWith(a.dtype());
        Tensor out = dt == DType.FLOAT32 ? Elementwise.fmod32(a, b.wrapped(dt), false)
                : dt.isFloatingPoint() ? Kernels.mapWithScalar(a, dt, x -> x % dt.round(b.value)) : IntegerKernels.map(a, b.longValue, dt, IntegerKernels::fmod);
        return Graph.record("FmodBackward0", out, new Tensor[] {a}, NONE, false, (g, s, n) -> new Tensor[] {g});
    }

    // ---- rounding (gradient zero almost everywhere) -----------------------------------------------------------

    private static Tensor stepwise(String name, Tensor a, DoubleUnaryOperator f) {
        // no Half kernel on CPU: "floor_vml_cpu" not implemented for 'Half' (make_half_unary.py)
        String kernel = name.substring(0, name.indexOf("Backward")).toLowerCase(java.util.Locale.ROOT) + "_vml_cpu";
        if (a.dtype() == DType.FLOAT16) throw UnaryOp.noHalfKernel(kernel);
        // integers pass through unchanged (1.13), bool has no kernel at all
        if (a.dtype() == DType.BOOL) throw UnaryOp.noKernel(kernel, DType.BOOL);
        Tensor out = Kernels.map(a, a.dtype(), a.dtype().isFloatingPoint() ? f : x -> x);
        return Graph.record(name, out, new Tensor[] {a}, NONE, false, (g, s, n) -> new Tensor[] {PointwiseOps.zerosLike(g)});
    }

    static Tensor floor(Tensor a) { return stepwise("FloorBackward0", a, Math::floor); }
    static Tensor ceil(Tensor a) { return stepwise("CeilBackward0", a, Math::ceil); }
    /** Rounds half to even, as PyTorch (and IEEE's nearbyint) do: round(2.5) is 2. */
    static Tensor round(Tensor a) { return stepwise("RoundBackward0", a, Math::rint); }
    static Tensor trunc(Tensor a) { return stepwise("TruncBackward0", a, x -> x < 0 ? Math.ceil(x) : Math.floor(x)); }

    static Tensor frac(Tensor a) {
        if (!a.dtype().isFloatingPoint()) throw UnaryOp.noKernel("frac_cpu", a.dtype());
        Tensor out = Kernels.map(a, a.dtype(), x -> x - (x < 0 ? Math.ceil(x) : Math.floor(x)));
        return Graph.record("FracBackward0", out, new Tensor[] {a}, NONE, false, (g, s, n) -> new Tensor[] {g});
    }

    // ---- blends ------------------------------------------------------------------------------------------------

    /** {@code start + weight * (end - start)}, with PyTorch's two-sided formula (exact at weight 0 and 1). */
    private static double lerpOf(double a, double b, double w, DType dt) {
        // PyTorch computes in the dtype: weight and difference rounded to it, then one fused multiply-add
        double wt = dt.round(w), diff = dt.round(b - a);
        // float64: the compiled scalar kernel fuses each multiply-add (float32 values are exact in double anyway)
        // 1.13's lerp takes the first form for weight < 0.5, negative weights included (not |weight| < 0.5: fuzz case
        // more 148, a weight of -0.70, 1 ulp)
        if (dt == DType.FLOAT64) return wt < 0.5 ? Math.fma(wt, diff, a) : Math.fma(-diff, 1 - wt, b);
        return wt < 0.5 ? a + wt * diff : b - diff * dt.round(1 - wt);
    }

    static Tensor lerp(Tensor start, Tensor end, double weight) {
        DType dt = Promotion.resultType(start, end);
        Tensor out = Kernels.zip(start, end, dt, (a, b) -> lerpOf(a, b, weight, dt));
        // end's gradient before start's, as 1.13's generated code (Graph.otherFirst); 1.13's formulas
        // grad * (1 - weight.toDouble()) and grad * weight are C++ Scalar products (MulBackward1 under create_graph,
        // fuzz case more 115)
        return Graph.record("LerpBackward0", out, new Tensor[] {start, end}, NONE, false, (g, s, n) -> Graph.otherFirst(
                n[0], () -> Composite.mulScalar(g, 1 - weight), n[1], () -> Composite.mulScalar(g, weight)));
    }

    static Tensor lerp(Tensor start, Tensor end, Tensor weight) {
        DType dt = Promotion.resultType(start, end);
        int[] shape = Shape.broadcast(Shape.broadcast(start.shapeArray(), end.shapeArray()), weight.shapeArray());
        double[] a = Kernels.broadcastValues(start, shape), b = Kernels.broadcastValues(end, shape), w = Kernels.broadcastValues(weight, shape);
        double[] r = new double[a.length];
        for (int i = 0; i < r.length; i++) r[i] = dt.round(lerpOf(a[i], b[i], w[i], dt));
        // laid out as TensorIterator lays out lerp's (self, end, weight) result (fuzz more 1324: a permuted self)
        Tensor out = OutputLayout.laidOut(Tensor.wrap(r, shape, dt), start, end, weight);
        // the three gradients in the alphabetical order of derivatives.yaml's names, end, self, weight, as 1.13's
        // generated LerpBackward1 computes them (Graph.otherFirst): under create_graph their nodes' sequence numbers
        // decide the order a second backward sums them in (fuzz more 6520 1548 3663 6011: 1-24 ulp)
        return Graph.record("LerpBackward1", out, new Tensor[] {start, end, weight}, new Tensor[] {start, end, weight}, false, (g, s, n) -> {
            Tensor ge = n[1] ? g.mul(s[2]) : null;
            Tensor gs = n[0] ? g.mul(s[2].rsub(1L)) : null;
            return new Tensor[] {gs, ge, n[2] ? g.mul(s[1].sub(s[0])) : null};
        });
    }

    // addcmul / addcdiv: AddcOps (one fused multiply-add, as PyTorch computes addcmul)

    // ---- softplus and logsumexp --------------------------------------------------------------------------------

    /** {@code F.softplus(x, beta, threshold)}: log(1 + exp(beta x)) / beta, and x itself where beta x > threshold. */
    static Tensor softplus(Tensor x, double beta, double threshold) {
        float b32 = (float) beta, t32 = (float) threshold;
        Tensor out = x.dtype() == DType.FLOAT64 ? softplus64(x, beta, threshold)
                : unaryFloat(x, v -> v * beta > threshold ? v : Math.log1p(Math.exp(v * beta)) / beta,
                        (src, so, dst, d, n) -> Float32Softplus.softplus(src, so, dst, d, n, b32, t32));
        return Graph.record("SoftplusBackward0", out, new Tensor[] {x}, new Tensor[] {x}, false, (g, s, n) -> new Tensor[] {
                ActivationBackwards.softplus(g, s[0], beta, threshold, (gg, xs) -> softplusBackward(gg, xs, beta, threshold))});
    }

    /** softplus_backward's kernel: PyTorch's bits where it runs (no graph being built), else its Tensor form. */
    private static Tensor softplusBackward(Tensor g, Tensor x, double beta, double threshold) {
        boolean kernel = !GradMode.isEnabled() && java.util.Arrays.equals(g.shapeArray(), x.shapeArray());
        if (kernel && x.dtype() == DType.FLOAT32 && g.dtype() == DType.FLOAT32) {
            // PyTorch's softplus_backward kernel, bit for bit, in its runs
            float b32 = (float) beta, t32 = (float) threshold;
            return Float32BinaryRuns.apply(g, x, (gv, go, xv, xo, r, ro, len) -> Float32Softplus.backward(gv, go, xv, xo, r, ro, len, b32, t32));
        }
        if (kernel && x.dtype() == DType.FLOAT64 && g.dtype() == DType.FLOAT64 && !(g.isContiguous() && x.isContiguous())) {
            // in PyTorch's runs (a transposed input: every element through the scalar code)
            return Float64BinaryRuns.apply(g, x, (gv, go, xv, xo, r, ro, len) -> Float64Softplus.backward(gv, go, xv, xo, r, ro, len, beta, threshold));
        }
        if (kernel && x.dtype() == DType.FLOAT64 && g.dtype() == DType.FLOAT64) {
            double[] gv = Elementwise.contiguousDoubles(g), xv = Elementwise.contiguousDoubles(x), r = new double[xv.length];
            Float64Softplus.backward(gv, 0, xv, 0, r, 0, r.length, beta, threshold);
            return OutputLayout.laidOut(Tensor.wrap(new Storage.DoubleStorage(r), x.shapeArray().clone()), g, x);
        }
        Tensor bx = x.mul(beta), z = bx.exp();
        return PointwiseOps.where(bx.gt(threshold), g, g.mul(z).div(z.add(1L)));
    }

    /** Float64 softplus through PyTorch's float64 kernel ({@link Float64Softplus}: SLEEF body, glibc tail). */
    private static Tensor softplus64(Tensor x, double beta, double threshold) {
        if (!x.isContiguous()) {
            // in PyTorch's runs (memory order: a transposed input is one run whose vector body and scalar tail are
            // not the logical order's, fuzz more 3607, 1 ulp), a strided run's every element through the scalar code
            Float64Runs.Loop runs = (src, so, ss, dst, d, ds, n) -> {
                if (ss == 1 && ds == 1) Float64Softplus.softplus(src, so, dst, d, n, beta, threshold);
                else for (int j = 0; j < n; j++) Float64Softplus.softplus(src, so + j * ss, dst, d + j * ds, 1, beta, threshold);
            };
            if (x.storage instanceof Storage.DoubleStorage) {
                Tensor out = OutputLayout.elementwise(x.shapeArray().clone(), DType.FLOAT64, x);
                if (Float64Runs.mapInto(x, out, runs)) return out;
            }
            Tensor r = Float64Runs.applyExpanded(x, runs);
            if (r != null) return r;
        }
        double[] v = Elementwise.contiguousDoubles(x), r = new double[v.length];
        Float64Softplus.softplus(v, 0, r, 0, v.length, beta, threshold);
        return OutputLayout.laidOut(Tensor.wrap(new Storage.DoubleStorage(r), x.shapeArray().clone()), x);
    }

    /**
     * 1.13's logsumexp_out_impl, op for op so each rounding matches: maxes = amax(x, dims, keepdim=true) with
     * infinite maxes replaced by 0, then sum(exp(x - maxes), dims, keepdim), log, plus the maxes. Integer inputs are
     * converted to the default float dtype first; an empty input is log(sum(exp(x))).
     */
    private static Tensor logsumexpValue(Tensor x, int[] dims, boolean keepdim) {
        Tensor self = x.dtype().isFloatingPoint() ? x : x.to(DType.FLOAT32);
        if (self.numel() == 0) return self.exp().sum(dims, keepdim).log();
        Tensor maxes = self.amax(dims, true);
        maxes = maxes.maskedFill(maxes.abs().eq(Double.POSITIVE_INFINITY), 0);
        Tensor squeezed = keepdim ? maxes : maxes.reshape(Kernels.outShape(self.shapeArray(), ReductionOps.dimsMask(self.dim(), dims), false));
        // exp(self - maxes) laid out by the engine's sub as TensorIterator lays it out (OutputLayout), so that the sum
        // reduces in PyTorch's order (fuzz seed 25904: an own sort of self's dims by stride had moved an expanded dim
        // innermost, 1 ulp, 17 in the gradient)
        return self.sub(maxes).exp().sum(dims, keepdim).log().add(squeezed);
    }

    /** {@code torch.logsumexp(x, dims, keepdim)}: log(sum(exp(x))) computed stably (the max taken out first). */
    static Tensor logsumexp(Tensor x, int[] dims, boolean keepdim) {
        int[] shape = x.shapeArray().clone();
        boolean[] mask = ReductionOps.dimsMask(x.dim(), dims);
        Tensor out;
        try (var ignored = GradMode.set(false)) {
            out = logsumexpValue(x, dims, keepdim);
        }
        return Graph.record("LogsumexpBackward0", out, new Tensor[] {x}, new Tensor[] {x}, true, (g, s, n) -> {
            Tensor result = ReductionOps.expandBack(s[1], shape, mask, keepdim);
            return new Tensor[] {ReductionOps.expandBack(g, shape, mask, keepdim).mul(s[0].sub(result).exp())};
        });
    }
}
