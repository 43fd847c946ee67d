// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import static io.gradbook.autograd.Torch.*;

import io.gradbook.autograd.nn.F;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The op table of the parity sweep, key for key the OPS of oracle/make_sweep.py, written with Gradbook's API.
 * A Python int scalar is a Java {@code long}, a Python float a {@code double} (this decides result dtypes).
 */
final class SweepOps {
    private SweepOps() {}

    static final Map<String, Function<List<Tensor>, Object>> OPS = new HashMap<>();

    private static void op(String name, Function<List<Tensor>, Object> f) {
        if (OPS.put(name, f) != null) throw new IllegalStateException("duplicate op " + name);
    }

    private static void unary(String name, Function<Tensor, Object> f) {
        op(name, a -> f.apply(a.get(0)));
    }

    static {
        unary("neg", Tensor::neg);
        unary("abs", Tensor::abs);
        unary("sign", Tensor::sign);
        unary("exp", Tensor::exp);
        unary("log", Tensor::log);
        unary("sqrt", Tensor::sqrt);
        unary("sin", Tensor::sin);
        unary("cos", Tensor::cos);
        unary("tanh", Tensor::tanh);
        unary("sigmoid", Tensor::sigmoid);
        unary("relu", Tensor::relu);
        unary("reciprocal", Tensor::reciprocal);
        unary("floor", Tensor::floor);
        unary("ceil", Tensor::ceil);
        unary("round", Tensor::round);
        unary("trunc", Tensor::trunc);
        unary("frac", Tensor::frac);
        unary("log1p", Torch::log1p);
        unary("expm1", Torch::expm1);
        unary("log2", Torch::log2);
        unary("log10", Torch::log10);
        unary("exp2", Torch::exp2);
        unary("atan", Torch::atan);
        unary("asin", Torch::asin);
        unary("acos", Torch::acos);
        unary("sinh", Torch::sinh);
        unary("cosh", Torch::cosh);
        unary("asinh", Torch::asinh);
        unary("atanh", Torch::atanh);
        unary("erf", Torch::erf);
        unary("tan", Torch::tan);
        unary("erfc", Torch::erfc);
        unary("softplus", Torch::softplus);
        unary("softplus beta 2 threshold 1", x -> softplus(x, 2, 1));
        unary("gelu", F::gelu);
        unary("gelu tanh", x -> F.gelu(x, "tanh"));
        unary("leaky_relu 0.1", x -> F.leakyRelu(x, 0.1));
        unary("pow 2", x -> x.pow(2L));
        unary("pow 3", x -> x.pow(3L));
        unary("pow 0.5", x -> x.pow(0.5));
        unary("pow -1", x -> x.pow(-1L));
        unary("pow -2", x -> x.pow(-2L));
        unary("pow 2.5", x -> x.pow(2.5));
        unary("pow int 2", x -> x.pow(2L));
        unary("rpow 2", x -> pow(2.0, x));
        unary("clamp -0.5 0.5", x -> x.clamp(-0.5, 0.5));
        unary("clamp_min 0.1", x -> x.clampMin(0.1));
        unary("clamp_max 0.1", x -> x.clampMax(0.1));
        unary("mul self", x -> x.mul(x));
        unary("logical_not", Tensor::logicalNot);
        unary("add 0.1", x -> x.add(0.1));
        unary("sub 1e-6", x -> x.sub(1e-6));
        unary("mul 0.3", x -> x.mul(0.3));
        unary("div 3.0", x -> x.div(3.0));
        unary("div 0.1", x -> x.div(0.1));
        unary("rsub 2", x -> x.rsub(2.0));
        unary("rdiv 2", x -> x.rdiv(2.0));
        unary("add int 3", x -> x.add(3L));
        unary("mul int 3", x -> x.mul(3L));
        unary("sub int 1", x -> x.sub(1L));
        unary("div int 3", x -> x.div(3L));
        unary("add 0.5", x -> x.add(0.5));
        unary("remainder 1.5", x -> remainder(x, 1.5));
        unary("fmod 1.5", x -> fmod(x, 1.5));
        unary("remainder int 7", x -> remainder(x, 7L));
        unary("fmod int 7", x -> fmod(x, 7L));
        unary("eq 0", x -> x.eq(0));
        unary("gt 0", x -> x.gt(0));
        unary("lt 0.5", x -> x.lt(0.5));
        unary("ge 0", x -> x.ge(0));
        unary("le 0.1", x -> x.le(0.1));
        unary("ne 0", x -> x.ne(0));
        // binary
        op("add", a -> a.get(0).add(a.get(1)));
        op("sub", a -> a.get(0).sub(a.get(1)));
        op("mul", a -> a.get(0).mul(a.get(1)));
        op("div", a -> a.get(0).div(a.get(1)));
        op("add alpha 0.5", a -> add(a.get(0), a.get(1), 0.5));
        op("sub alpha 2", a -> a.get(0).sub(a.get(1), 2));
        op("maximum", a -> maximum(a.get(0), a.get(1)));
        op("minimum", a -> minimum(a.get(0), a.get(1)));
        op("pow tensor", a -> pow(a.get(0), a.get(1)));
        op("atan2", a -> atan2(a.get(0), a.get(1)));
        op("hypot", a -> hypot(a.get(0), a.get(1)));
        op("remainder", a -> remainder(a.get(0), a.get(1)));
        op("fmod", a -> fmod(a.get(0), a.get(1)));
        op("eq", a -> a.get(0).eq(a.get(1)));
        op("ne", a -> a.get(0).ne(a.get(1)));
        op("lt", a -> a.get(0).lt(a.get(1)));
        op("le", a -> a.get(0).le(a.get(1)));
        op("gt", a -> a.get(0).gt(a.get(1)));
        op("ge", a -> a.get(0).ge(a.get(1)));
        op("logical_and", a -> a.get(0).logicalAnd(a.get(1)));
        op("logical_or", a -> a.get(0).logicalOr(a.get(1)));
        op("where gt0", a -> where(a.get(0).gt(0), a.get(0), a.get(1)));
        op("where", a -> where(a.get(0), a.get(1), a.get(2)));
        op("where scalar", a -> where(a.get(0), a.get(1), 0.5));
        op("masked_fill", a -> a.get(0).maskedFill(a.get(1), -1.5));
        op("lerp 0.3", a -> lerp(a.get(0), a.get(1), 0.3));
        op("lerp tensor", a -> lerp(a.get(0), a.get(1), a.get(2)));
        op("addcmul 0.5", a -> addcmul(a.get(0), a.get(1), a.get(2), 0.5));
        op("addcdiv 0.5", a -> addcdiv(a.get(0), a.get(1), a.get(2), 0.5));
        // reductions and scans
        unary("sum", Tensor::sum);
        unary("mean", Tensor::mean);
        unary("sum 0", x -> x.sum(0));
        unary("sum 1", x -> x.sum(1));
        unary("mean 0", x -> x.mean(0));
        unary("mean 1 keepdim", x -> x.mean(1, true));
        unary("sum 01", x -> x.sum(new int[] {0, 1}, false));
        unary("prod", Tensor::prod);
        unary("prod 1", x -> x.prod(1));
        unary("cumsum 0", x -> x.cumsum(0));
        unary("cumsum 1", x -> x.cumsum(-1));
        unary("cumprod 1", x -> x.cumprod(-1));
        unary("max", Tensor::max);
        unary("min", Tensor::min);
        unary("max 1", x -> x.max(1));
        unary("min 0", x -> x.min(0));
        unary("argmax", Tensor::argmax);
        unary("argmin 0", x -> x.argmin(0));
        unary("amax 1", x -> x.amax(1));
        unary("logsumexp 1", x -> logsumexp(x, 1));
        unary("softmax 0", x -> softmax(x, 0));
        unary("softmax 1", x -> softmax(x, -1));
        unary("log_softmax 1", x -> logSoftmax(x, -1));
        unary("sort 1", x -> x.sort(-1));
        unary("sort 0 descending", x -> x.sort(0, true));
        unary("argsort 1", x -> x.argsort(-1));
        unary("topk 3", x -> x.topk(3));
        unary("topk 3 smallest 0", x -> x.topk(3, 0, false));
        unary("kthvalue 2", x -> x.kthvalue(2));
        unary("median", Tensor::median);
        unary("median 1", x -> x.median(-1));
        // indexing
        op("gather 1", a -> a.get(0).gather(1, a.get(1)));
        op("scatter 1", a -> a.get(0).scatter(1, a.get(1), a.get(2)));
        op("scatter_add 0", a -> a.get(0).scatterAdd(0, a.get(1), a.get(2)));
        op("index_select 0", a -> a.get(0).indexSelect(0, a.get(1)));
        op("index_select 1", a -> a.get(0).indexSelect(1, a.get(1)));
        op("index_add 0", a -> a.get(0).indexAdd(0, a.get(1), a.get(2)));
        op("masked_select", a -> a.get(0).maskedSelect(a.get(1)));
        unary("nonzero", Tensor::nonzero);
        op("index bool", a -> a.get(0).index(a.get(1)));
        // shapes
        op("cat 0", a -> cat(List.of(a.get(0), a.get(1)), 0));
        op("cat 1", a -> cat(List.of(a.get(0), a.get(1)), 1));
        op("stack 1", a -> stack(List.of(a.get(0), a.get(1)), 1));
        unary("split 3", x -> x.split(3));
        unary("chunk 2 1", x -> x.chunk(2, 1));
        unary("transpose", x -> x.transpose(0, 1));
        unary("permute 201", x -> x.permute(2, 0, 1));
        unary("expand", x -> x.expand(3, -1, -1));
        unary("reshape -1", x -> x.reshape(-1));
        unary("view -1", x -> x.view(-1));
        unary("flip 0", x -> x.flip(0));
        unary("roll 2 1", x -> x.roll(2, 1));
        unary("repeat 2 1", x -> x.repeat(2, 1));
        unary("contiguous", Tensor::contiguous);
        unary("clone", Tensor::clone);
        // products
        op("matmul", a -> a.get(0).matmul(a.get(1)));
        op("mm", a -> mm(a.get(0), a.get(1)));
        op("bmm", a -> bmm(a.get(0), a.get(1)));
        op("mv", a -> mv(a.get(0), a.get(1)));
        op("dot", a -> dot(a.get(0), a.get(1)));
        op("outer", a -> outer(a.get(0), a.get(1)));
        op("linear", a -> F.linear(a.get(0), a.get(1), a.get(2)));
        // conversions
        unary("to float64", x -> x.to(float64));
        unary("to float32", x -> x.to(float32));
        unary("to int64", x -> x.to(int64));
        unary("to int32", x -> x.to(int32));
        unary("to bool", x -> x.to(bool));
        unary("to float16", x -> x.to(float16));
        // losses
        for (String red : new String[] {"mean", "sum", "none"}) {
            op("mse " + red, a -> F.mseLoss(a.get(0), a.get(1), red));
            op("l1 " + red, a -> F.l1Loss(a.get(0), a.get(1), red));
            op("smooth_l1 " + red, a -> F.smoothL1Loss(a.get(0), a.get(1), red, 1.0));
            op("bce " + red, a -> F.binaryCrossEntropy(a.get(0), a.get(1), null, red));
            op("bce_with_logits " + red, a -> F.binaryCrossEntropyWithLogits(a.get(0), a.get(1), null, red, null));
            op("nll " + red, a -> F.nllLoss(a.get(0), a.get(1), null, -100, red));
            op("cross_entropy " + red, a -> F.crossEntropy(a.get(0), a.get(1), null, -100, red, 0.0));
        }
        op("smooth_l1 beta 0.5", a -> F.smoothL1Loss(a.get(0), a.get(1), "mean", 0.5));
        op("huber delta 2", a -> F.huberLoss(a.get(0), a.get(1), "mean", 2.0));
        op("bce weight", a -> F.binaryCrossEntropy(a.get(0), a.get(1), a.get(2), "mean"));
        op("bce_with_logits pos_weight", a -> F.binaryCrossEntropyWithLogits(a.get(0), a.get(1), null, "mean", a.get(2)));
        op("nll weight ignore 1", a -> F.nllLoss(a.get(0), a.get(1), a.get(2), 1, "mean"));
        op("cross_entropy weight", a -> F.crossEntropy(a.get(0), a.get(1), a.get(2), -100, "mean", 0.0));
        op("cross_entropy ignore 2", a -> F.crossEntropy(a.get(0), a.get(1), null, 2, "mean", 0.0));
        op("cross_entropy smoothing 0.1", a -> F.crossEntropy(a.get(0), a.get(1), null, -100, "mean", 0.1));
        op("cross_entropy weight smoothing 0.2", a -> F.crossEntropy(a.get(0), a.get(1), a.get(2), -100, "mean", 0.2));
        op("cross_entropy weight ignore smoothing sum", a -> F.crossEntropy(a.get(0), a.get(1), a.get(2), 0, "sum", 0.1));
        // factories
        op("linspace 0 1 7", a -> linspace(0, 1, 7));
        op("linspace -3 5 1000", a -> linspace(-3, 5, 1000));
        op("linspace 0.1 70000.3 70000", a -> linspace(0.1, 70000.3, 70000));
        op("linspace 1 0 2", a -> linspace(1, 0, 2));
        op("linspace 2 2 1", a -> linspace(2, 2, 1));
        op("arange 0 1 0.1", a -> arange(0.0, 1.0, 0.1));
        op("arange -1 1 0.3", a -> arange(-1.0, 1.0, 0.3));
        op("arange 7", a -> arange(7L));
        op("arange 0.5 1000", a -> arange(0.5, 1000.0));
        op("arange 1 70000 0.7", a -> arange(1.0, 70000.0, 0.7));
        op("eye 3", a -> eye(3));
        op("eye 3 5", a -> eye(3, 5));
        op("full 0.1", a -> full(new int[] {2, 3}, 0.1));
        op("full 0.1 float64", a -> full(new int[] {2, 3}, 0.1, float64));
        op("zeros int64", a -> zeros(int64, 2, 3));
        op("ones bool", a -> ones(bool, 2));
    }
}
