// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code torch} namespace: factories, functions, grad-mode scopes and the random seed. Meant to be
 * imported statically, so a cell reads like PyTorch:
 *
 * <pre>
 * jshell> import static io.gradbook.autograd.Torch.*;
 * jshell> var x = ones(2, 2).requiresGrad_();
 * jshell> x.add(2).mul(3).mean()
 * tensor(9., grad_fn=&lt;MeanBackward0&gt;)
 * </pre>
 */
public final class Torch {
    private Torch() {}

    public static final DType float32 = DType.FLOAT32;
    public static final DType float64 = DType.FLOAT64;
    public static final DType int64 = DType.INT64;
    public static final DType int32 = DType.INT32;
    public static final DType float16 = DType.FLOAT16;
    public static final DType bool = DType.BOOL;
    /** Python's {@code torch.float} and {@code torch.double} under Java-safe names. */
    public static final DType float_ = DType.FLOAT32;
    public static final DType double_ = DType.FLOAT64;
    public static final DType long_ = DType.INT64;

    // ---- tensor(...) ------------------------------------------------------------------------------------------

    /** A 0-dim float32 tensor: {@code tensor(3.)}. */
    public static Tensor tensor(double value) {
        return fromData(value, null);
    }

    /** A 0-dim int64 tensor: {@code tensor(7)}. */
    public static Tensor tensor(long value) {
        return fromData(value, null);
    }

    public static Tensor tensor(boolean value) {
        return fromData(value, null);
    }

    /** {@code torch.tensor([...])}: a 1-D float32 tensor of the values. */
    public static Tensor tensor(double... values) {
        return fromData(values, null);
    }

    public static Tensor tensor(float... values) {
        return fromData(values, null);
    }

    public static Tensor tensor(long... values) {
        return fromData(values, null);
    }

    public static Tensor tensor(int... values) {
        return fromData(values, null);
    }

    public static Tensor tensor(boolean... values) {
        return fromData(values, null);
    }

    /** n-D from nested Java arrays ({@code double[][]}, {@code long[][][]}, ...) or a Java number/boolean. */
    public static Tensor tensor(Object data) {
        return fromData(data, null);
    }

    /** {@code torch.tensor(data, dtype=...)}. */
    public static Tensor tensor(Object data, DType dtype) {
        return fromData(data, dtype);
    }

    /** {@code torch.tensor(data, dtype=..., requires_grad=...)}; dtype may be null for the inferred one. */
    public static Tensor tensor(Object data, DType dtype, boolean requiresGrad) {
        Tensor t = fromData(data, dtype);
        if (requiresGrad && !t.dtype().isFloatingPoint()) {
            throw new TorchException.RuntimeError("Only Tensors of floating point and complex dtype can require gradients");
        }
        return t.requiresGrad_(requiresGrad);
    }

    private static Tensor fromData(Object data, DType requested) {
        List<Integer> shape = new ArrayList<>();
        Object probe = data;
        while (probe != null && probe.getClass().isArray()) {
            int n = Array.getLength(probe);
            shape.add(n);
            if (n == 0) break;
            probe = Array.get(probe, 0);
        }
        int[] dims = shape.stream().mapToInt(Integer::intValue).toArray();
        DType inferred = inferDType(data);
        DType dtype = requested != null ? requested : inferred;
        Storage values = Storage.allocate(dtype, Shape.numel(dims));
        int[] at = {0};
        flatten(data, dims, 0, values, at);
        return Tensor.wrap(values, dims);
    }

    private static DType inferDType(Object data) {
        Class<?> c = data.getClass();
        while (c.isArray()) c = c.getComponentType();
        if (c == double.class || c == float.class || c == Double.class || c == Float.class) return DType.FLOAT32;
        if (c == boolean.class || c == Boolean.class) return DType.BOOL;
        if (c == long.class || c == int.class || c == short.class || c == byte.class || c == Long.class || c == Integer.class) return DType.INT64;
        throw new TorchException.TypeError("Could not infer dtype of " + c.getSimpleName());
    }

    private static void flatten(Object data, int[] dims, int depth, Storage out, int[] at) {
        if (depth == dims.length) {
            // integers go in as longs, so int64 values beyond 2^53 stay exact
            if (data instanceof Boolean) out.setLong(at[0]++, (Boolean) data ? 1 : 0);
            else if (data instanceof Long || data instanceof Integer || data instanceof Short || data instanceof Byte) out.setLong(at[0]++, ((Number) data).longValue());
            else if (data instanceof Number) out.setDouble(at[0]++, ((Number) data).doubleValue());
            else throw new TorchException.TypeError("Could not infer dtype of " + data.getClass().getSimpleName());
            return;
        }
        if (data == null || !data.getClass().isArray() || Array.getLength(data) != dims[depth]) {
            throw new TorchException.ValueError("expected sequence of length " + dims[depth] + " at dim " + depth + " (got " + (data == null || !data.getClass().isArray() ? 0 : Array.getLength(data)) + ")");
        }
        for (int i = 0; i < dims[depth]; i++) flatten(Array.get(data, i), dims, depth + 1, out, at);
    }

    // ---- factories --------------------------------------------------------------------------------------------

    public static Tensor full(int[] size, double value, DType dtype) {
        Tensor t = Tensor.empty(size.clone(), dtype);
        if (Double.doubleToRawLongBits(value) != 0) Elementwise.copyInto(t, Scalar.of(value).wrapped(dtype));
        return t;
    }

    /** {@code torch.full(size, value)}: float32 filled with value. */
    public static Tensor full(int[] size, double value) { return full(size, value, DType.FLOAT32); }
    public static Tensor full(Size size, double value) { return full(size.toArray(), value, DType.FLOAT32); }
    /** {@code torch.ones(*size)}: float32 ones. */
    public static Tensor ones(int... size) { return full(size, 1, DType.FLOAT32); }
    public static Tensor ones(Size size) { return ones(size.toArray()); }
    public static Tensor ones(DType dtype, int... size) { return full(size, 1, dtype); }
    /** {@code torch.zeros(*size)}: float32 zeros. */
    public static Tensor zeros(int... size) { return full(size, 0, DType.FLOAT32); }
    public static Tensor zeros(Size size) { return zeros(size.toArray()); }
    public static Tensor zeros(DType dtype, int... size) { return full(size, 0, dtype); }
    /** {@code torch.ones_like(t)}: ones of t's shape and dtype, not requiring grad. */
    public static Tensor onesLike(Tensor t) { return OutputLayout.fullLike(t, 1, t.dtype()); }
    /** {@code torch.zeros_like(t)}: zeros of t's shape and dtype, not requiring grad. */
    public static Tensor zerosLike(Tensor t) { return OutputLayout.fullLike(t, 0, t.dtype()); }
    public static Tensor fullLike(Tensor t, double value) { return OutputLayout.fullLike(t, value, t.dtype()); }

    /** {@code torch.eye(n)}: the n x n identity matrix. */
    public static Tensor eye(int n) { return eye(n, n); }

    public static Tensor eye(int n, int m) {
        Tensor t = zeros(n, m);
        for (int i = 0; i < Math.min(n, m); i++) t.storage.setDouble(i * m + i, 1);
        return t;
    }

    /** {@code arange(end)} of a Python int: int64. */
    public static Tensor arange(long end) { return arange(0L, end, 1L); }
    /** {@code arange(end)} of a Python float: float32. */
    public static Tensor arange(double end) { return arangeOf(0, end, 1, DType.FLOAT32); }
    public static Tensor arange(long start, long end) { return arange(start, end, 1L); }
    public static Tensor arange(double start, double end) { return arangeOf(start, end, 1, DType.FLOAT32); }
    public static Tensor arange(long start, long end, long step) {
        if (step == 0) throw new TorchException.RuntimeError("step must be nonzero");
        if (Long.signum(end - start) * Long.signum(step) < 0) throw new TorchException.RuntimeError("upper bound and larger bound inconsistent with step sign");
        // exact in long, so int64 ranges beyond 2^53 keep every value
        int n = Math.toIntExact((end - start + step + (step > 0 ? -1 : 1)) / step);
        long[] v = new long[Math.max(n, 0)];
        for (int i = 0; i < v.length; i++) v[i] = start + i * step;
        return Tensor.wrap(new Storage.LongStorage(v), new int[] {v.length});
    }
    public static Tensor arange(double start, double end, double step) { return arangeOf(start, end, step, DType.FLOAT32); }

    private static Tensor arangeOf(double start, double end, double step, DType dtype) {
        if (step == 0) throw new TorchException.RuntimeError("step must be nonzero");
        if ((end - start) / step < 0) throw new TorchException.RuntimeError("upper bound and larger bound inconsistent with step sign");
        if (dtype == DType.FLOAT32) {
            float[] v = io.gradbook.autograd.math.Float32Ranges.arange(start, end, step);
            return Tensor.wrap(new Storage.FloatStorage(v), new int[] {v.length});
        }
        int n = (int) Math.ceil((end - start) / step);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = dtype.round(start + i * step);
        return Tensor.wrap(v, new int[] {n}, dtype);
    }

    /** {@code linspace(start, end, steps)}, float32, computed symmetrically from both ends as PyTorch does. */
    public static Tensor linspace(double start, double end, int steps) {
        if (steps < 0) throw new TorchException.RuntimeError("number of steps must be non-negative");
        // PyTorch's float32 formula (RangeFactoriesKernel.cpp): up from start for the first half, down from end after
        float[] v = io.gradbook.autograd.math.Float32Ranges.linspace(start, end, steps);
        return Tensor.wrap(new Storage.FloatStorage(v), new int[] {steps});
    }

    // ---- random -----------------------------------------------------------------------------------------------

    /** Seeds the default generator (PyTorch's {@code torch.manual_seed}); returns it. */
    public static Generator manualSeed(long seed) { return Random.DEFAULT.manualSeed(seed); }
    public static long seed() { return Random.DEFAULT.seed(); }
    public static long initialSeed() { return Random.DEFAULT.initialSeed(); }
    public static Generator defaultGenerator() { return Random.DEFAULT; }
    /** {@code torch.rand(*size)}: uniform on [0, 1), the same values as PyTorch's CPU generator for the same seed. */
    public static Tensor rand(int... size) { return Random.rand(size, DType.FLOAT32, null); }
    public static Tensor rand(Size size) { return rand(size.toArray()); }
    public static Tensor rand(DType dtype, int... size) { return Random.rand(size, dtype, null); }
    public static Tensor rand(Generator g, int... size) { return Random.rand(size, DType.FLOAT32, g); }
    /** {@code torch.randn(*size)}: standard normal, the same values as PyTorch's CPU generator for the same seed. */
    public static Tensor randn(int... size) { return Random.randn(size, DType.FLOAT32, null); }
    public static Tensor randn(Size size) { return randn(size.toArray()); }
    public static Tensor randn(DType dtype, int... size) { return Random.randn(size, dtype, null); }
    public static Tensor randn(Generator g, int... size) { return Random.randn(size, DType.FLOAT32, g); }
    public static Tensor rand(Generator g, DType dtype, int... size) { return Random.rand(size, dtype, g); }
    public static Tensor randn(Generator g, DType dtype, int... size) { return Random.randn(size, dtype, g); }
    public static Tensor randLike(Tensor t) { return Random.like(t, false); }
    public static Tensor randnLike(Tensor t) { return Random.like(t, true); }
    /** {@code torch.randint_like(t, high)}: integers in [0, high) in t's dtype, PyTorch's draws for the same seed. */
    public static Tensor randintLike(Tensor t, long high) { return RandintLike.randintLike(t, 0, high, null); }
    public static Tensor randintLike(Tensor t, long low, long high) { return RandintLike.randintLike(t, low, high, null); }
    /**
     * {@code torch.empty_like(t[, dtype])}: t's shape, dtype and preserve_format strides, not requiring grad; its
     * values are undefined (here zeros: read them only after writing them).
     */
    public static Tensor emptyLike(Tensor t) { return emptyLike(t, t.dtype()); }
    public static Tensor emptyLike(Tensor t, DType dtype) { return OutputLayout.empty(t.shapeArray().clone(), OutputLayout.preserve(t), dtype); }

    // ---- grad mode --------------------------------------------------------------------------------------------

    /** {@code with torch.no_grad():} as try-with-resources: {@code try (var g = noGrad()) { ... }}. */
    public static GradMode.Guard noGrad() { return GradMode.set(false); }
    /**
     * {@code with torch.enable_grad():} as {@code try (var g = enableGrad()) { ... }}: recording on again inside a
     * no_grad block.
     */
    public static GradMode.Guard enableGrad() { return GradMode.set(true); }
    /**
     * {@code torch.set_grad_enabled(mode)}: as a guard in try-with-resources, or on its own to switch recording for
     * the rest of the thread.
     */
    public static GradMode.Guard setGradEnabled(boolean enabled) { return GradMode.set(enabled); }
    /**
     * {@code with torch.inference_mode():} no recording, and the tensors made inside can never join a graph later.
     */
    public static GradMode.Guard inferenceMode() { return GradMode.inference(); }
    /** {@code torch.is_grad_enabled()}: whether operations are being recorded on this thread. */
    public static boolean isGradEnabled() { return GradMode.isEnabled(); }
    public static boolean isInferenceModeEnabled() { return GradMode.isInferenceMode(); }

    // ---- functions --------------------------------------------------------------------------------------------

    public static Tensor add(Tensor a, Tensor b) { return a.add(b); }
    public static Tensor add(Tensor a, Tensor b, double alpha) { return a.add(b, alpha); }
    public static Tensor add(Tensor a, double b) { return a.add(b); }
    public static Tensor add(Tensor a, long b) { return a.add(b); }
    public static Tensor sub(Tensor a, Tensor b) { return a.sub(b); }
    public static Tensor sub(Tensor a, double b) { return a.sub(b); }
    public static Tensor sub(double a, Tensor b) { return b.rsub(a); }
    public static Tensor sub(long a, Tensor b) { return b.rsub(a); }
    public static Tensor mul(Tensor a, Tensor b) { return a.mul(b); }
    public static Tensor mul(Tensor a, double b) { return a.mul(b); }
    public static Tensor mul(Tensor a, long b) { return a.mul(b); }
    public static Tensor mul(double a, Tensor b) { return b.mul(a); }
    public static Tensor mul(long a, Tensor b) { return b.mul(a); }
    public static Tensor div(Tensor a, Tensor b) { return a.div(b); }
    public static Tensor div(Tensor a, double b) { return a.div(b); }
    public static Tensor div(double a, Tensor b) { return b.rdiv(a); }
    public static Tensor pow(Tensor a, double e) { return a.pow(e); }
    public static Tensor pow(Tensor a, long e) { return a.pow(e); }
    public static Tensor pow(Tensor a, Tensor e) { return a.pow(e); }
    /** {@code torch.pow(2, x)}: node PowBackward2. */
    public static Tensor pow(double base, Tensor e) { return PointwiseOps.pow(Scalar.of(base), e); }
    public static Tensor pow(long base, Tensor e) { return PointwiseOps.pow(Scalar.of(base), e); }
    public static Tensor neg(Tensor t) { return t.neg(); }
    public static Tensor abs(Tensor t) { return t.abs(); }
    public static Tensor exp(Tensor t) { return t.exp(); }
    public static Tensor log(Tensor t) { return t.log(); }
    public static Tensor sqrt(Tensor t) { return t.sqrt(); }
    public static Tensor sin(Tensor t) { return t.sin(); }
    public static Tensor cos(Tensor t) { return t.cos(); }
    public static Tensor sigmoid(Tensor t) { return t.sigmoid(); }
    public static Tensor tanh(Tensor t) { return t.tanh(); }
    public static Tensor relu(Tensor t) { return t.relu(); }
    public static Tensor clamp(Tensor t, double min, double max) { return t.clamp(min, max); }
    public static Tensor maximum(Tensor a, Tensor b) { return a.maximum(b); }
    public static Tensor minimum(Tensor a, Tensor b) { return a.minimum(b); }
    /** {@code torch.max(a, b)}: element-wise (MaximumBackward0). */
    public static Tensor max(Tensor a, Tensor b) { return a.maximum(b); }
    public static Tensor min(Tensor a, Tensor b) { return a.minimum(b); }
    public static Tensor max(Tensor t) { return t.max(); }
    public static Tensor min(Tensor t) { return t.min(); }
    /** {@code torch.where(cond, a, b)}: a where cond is true, else b, with broadcasting. */
    public static Tensor where(Tensor cond, Tensor a, Tensor b) { return PointwiseOps.where(cond, a, b); }
    public static Tensor sum(Tensor t) { return t.sum(); }
    public static Tensor sum(Tensor t, int dim) { return t.sum(dim); }
    public static Tensor mean(Tensor t) { return t.mean(); }
    public static Tensor mean(Tensor t, int dim) { return t.mean(dim); }
    public static Tensor std(Tensor t) { return t.std(); }
    public static Tensor var(Tensor t) { return t.var(); }
    public static Tensor norm(Tensor t) { return t.norm(); }
    public static Tensor norm(Tensor t, double p) { return t.norm(p); }
    /** {@code torch.linalg.vector_norm(x)} (also {@code torch.linalg.norm} of a vector): node LinalgVectorNormBackward0. */
    public static Tensor linalgVectorNorm(Tensor t) { return ReductionOps.norm(t, 2, null, false, "LinalgVectorNormBackward0"); }
    public static Tensor linalgNorm(Tensor t) { return linalgVectorNorm(t); }
    public static Tensor matmul(Tensor a, Tensor b) { return a.matmul(b); }
    public static Tensor mm(Tensor a, Tensor b) { return a.mm(b); }
    public static Tensor mv(Tensor a, Tensor b) { return a.mv(b); }
    public static Tensor bmm(Tensor a, Tensor b) { return a.bmm(b); }
    public static Tensor dot(Tensor a, Tensor b) { return a.dot(b); }
    public static Tensor t(Tensor a) { return a.t(); }
    /** {@code torch.cat(tensors, dim)}: joins tensors along an existing dimension. */
    public static Tensor cat(List<Tensor> tensors, int dim) { return ShapeOps.cat(tensors, dim); }
    public static Tensor cat(List<Tensor> tensors) { return ShapeOps.cat(tensors, 0); }
    /** {@code torch.stack(tensors, dim)}: joins same-shaped tensors along a new dimension. */
    public static Tensor stack(List<Tensor> tensors, int dim) { return ShapeOps.stack(tensors, dim); }
    public static Tensor stack(List<Tensor> tensors) { return ShapeOps.stack(tensors, 0); }
    public static Tensor clone(Tensor t) { return t.clone(); }
    public static Tensor eq(Tensor a, Tensor b) { return a.eq(b); }
    public static Tensor gt(Tensor a, Tensor b) { return a.gt(b); }
    public static Tensor lt(Tensor a, Tensor b) { return a.lt(b); }
    /** {@code torch.equal(a, b)}: same shape and the same values. */
    public static boolean equal(Tensor a, Tensor b) { return a.equal(b); }

    /** {@code torch.allclose(a, b)}: |a - b| <= atol + rtol * |b| everywhere (rtol 1e-5, atol 1e-8). */
    public static boolean allclose(Tensor a, Tensor b) { return allclose(a, b, 1e-5, 1e-8); }

    public static boolean allclose(Tensor a, Tensor b, double rtol, double atol) {
        int[] shape = Shape.broadcast(a.shapeArray(), b.shapeArray());
        double[] va = Kernels.broadcastValues(a, shape), vb = Kernels.broadcastValues(b, shape);
        for (int i = 0; i < va.length; i++) {
            if (va[i] == vb[i]) continue;
            if (!(Math.abs(va[i] - vb[i]) <= atol + rtol * Math.abs(vb[i]))) return false;
        }
        return true;
    }

    /** {@code torch.nn.Parameter(t)}: a leaf sharing t's memory that requires grad and prints as a parameter. */
    public static Tensor parameter(Tensor t) {
        Tensor p = t.detach();
        p.parameter = true;
        return p.requiresGrad_(true);
    }

    // ---- torch.nn.functional ----------------------------------------------------------------------------------

    /** {@code torch.softmax(t, dim)}: exp(t) normalised to sum to 1 along dim. */
    public static Tensor softmax(Tensor t, int dim) { return NnOps.softmax(t, dim); }
    /** {@code F.log_softmax(t, dim)}: log(softmax(t, dim)), computed stably. */
    public static Tensor logSoftmax(Tensor t, int dim) { return NnOps.logSoftmax(t, dim); }
    /**
     * {@code F.binary_cross_entropy_with_logits(input, target)}: mean binary cross-entropy of sigmoid(input),
     * computed stably.
     */
    public static Tensor binaryCrossEntropyWithLogits(Tensor input, Tensor target) { return NnOps.binaryCrossEntropyWithLogits(input, target); }
    /** {@code F.binary_cross_entropy(input, target)}: mean binary cross-entropy of probabilities. */
    public static Tensor binaryCrossEntropy(Tensor input, Tensor target) { return NnOps.binaryCrossEntropy(input, target); }
    /** {@code F.mse_loss(input, target)} / {@code nn.MSELoss()}: the mean of the squared differences. */
    public static Tensor mseLoss(Tensor input, Tensor target) { return NnOps.mseLoss(input, target); }
    /** {@code F.mse_loss(input, target, reduction)}, reduction "none", "mean" or "sum". */
    public static Tensor mseLoss(Tensor input, Tensor target, String reduction) { return PointwiseLosses.mseLoss(input, target, reduction); }
    /** {@code F.binary_cross_entropy(input, target, weight, reduction)}; weight may be null. */
    public static Tensor binaryCrossEntropy(Tensor input, Tensor target, Tensor weight, String reduction) { return PointwiseLosses.binaryCrossEntropy(input, target, weight, reduction); }
    /** {@code F.binary_cross_entropy_with_logits(input, target, weight, reduction, pos_weight)}; weight and posWeight may be null. */
    public static Tensor binaryCrossEntropyWithLogits(Tensor input, Tensor target, Tensor weight, String reduction, Tensor posWeight) { return PointwiseLosses.binaryCrossEntropyWithLogits(input, target, weight, reduction, posWeight); }
    /** {@code F.smooth_l1_loss(input, target, reduction, beta)}. */
    public static Tensor smoothL1Loss(Tensor input, Tensor target, String reduction, double beta) { return PointwiseLosses.smoothL1Loss(input, target, reduction, beta); }
    /** {@code F.huber_loss(input, target, reduction, delta)}. */
    public static Tensor huberLoss(Tensor input, Tensor target, String reduction, double delta) { return PointwiseLosses.huberLoss(input, target, reduction, delta); }
    /** {@code F.l1_loss(input, target)}: the mean of the absolute differences. */
    public static Tensor l1Loss(Tensor input, Tensor target) { return NnOps.l1Loss(input, target); }
    /**
     * {@code F.cross_entropy(input, labels)}: log_softmax over the class dimension (1; 0 for a 1-D input), then the
     * mean negative log-likelihood of the int64 labels.
     */
    public static Tensor crossEntropy(Tensor input, Tensor labels) { return NnOps.crossEntropy(input, labels); }
    /** {@code F.nll_loss(log_probs, labels)}: the mean negative log-probability of each row's label. */
    public static Tensor nllLoss(Tensor logProbs, Tensor labels) { return NnOps.nllLoss(logProbs, labels); }
    /**
     * {@code F.nll_loss(log_probs, labels, weight, ignore_index=..., reduction=...)} for (C) or (N, C) input;
     * {@code weight} may be null, {@code reduction} is "none", "mean" or "sum".
     */
    public static Tensor nllLoss(Tensor logProbs, Tensor labels, Tensor weight, long ignoreIndex, String reduction) { return NllLoss.apply(logProbs, labels, weight, ignoreIndex, reduction); }
    /** {@code F.linear(input, weight, bias)}: input @ weight.T + bias, as an nn.Linear layer computes. */
    public static Tensor linear(Tensor input, Tensor weight, Tensor bias) { return NnOps.linear(input, weight, bias); }
    public static Tensor linear(Tensor input, Tensor weight) { return NnOps.linear(input, weight, null); }
    // ---- more element-wise math (MoreMathOps) -----------------------------------------------------------------
    public static Tensor log1p(Tensor t) { return t.log1p(); }
    public static Tensor expm1(Tensor t) { return t.expm1(); }
    public static Tensor log2(Tensor t) { return t.log2(); }
    public static Tensor log10(Tensor t) { return t.log10(); }
    public static Tensor exp2(Tensor t) { return t.exp2(); }
    public static Tensor atan(Tensor t) { return t.atan(); }
    /** {@code torch.atan2(y, x)}: the angle of the point (x, y), element-wise with broadcasting. */
    public static Tensor atan2(Tensor y, Tensor x) { return y.atan2(x); }
    public static Tensor asin(Tensor t) { return t.asin(); }
    public static Tensor acos(Tensor t) { return t.acos(); }
    public static Tensor sinh(Tensor t) { return t.sinh(); }
    public static Tensor cosh(Tensor t) { return t.cosh(); }
    public static Tensor asinh(Tensor t) { return t.asinh(); }
    public static Tensor atanh(Tensor t) { return t.atanh(); }
    public static Tensor erf(Tensor t) { return t.erf(); }
    public static Tensor erfc(Tensor t) { return t.erfc(); }
    public static Tensor tan(Tensor t) { return t.tan(); }
    /** {@code torch.erfinv(x)}: the inverse error function. */
    public static Tensor erfinv(Tensor t) { return t.erfinv(); }
    public static Tensor remainder(Tensor a, Tensor b) { return a.remainder(b); }
    public static Tensor remainder(Tensor a, double b) { return a.remainder(b); }
    public static Tensor remainder(Tensor a, long b) { return a.remainder(b); }
    public static Tensor fmod(Tensor a, Tensor b) { return a.fmod(b); }
    public static Tensor fmod(Tensor a, double b) { return a.fmod(b); }
    public static Tensor fmod(Tensor a, long b) { return a.fmod(b); }
    public static Tensor floor(Tensor t) { return t.floor(); }
    public static Tensor ceil(Tensor t) { return t.ceil(); }
    public static Tensor round(Tensor t) { return t.round(); }
    public static Tensor trunc(Tensor t) { return t.trunc(); }
    public static Tensor frac(Tensor t) { return t.frac(); }
    public static Tensor hypot(Tensor a, Tensor b) { return a.hypot(b); }
    public static Tensor lerp(Tensor start, Tensor end, double weight) { return start.lerp(end, weight); }
    public static Tensor lerp(Tensor start, Tensor end, Tensor weight) { return start.lerp(end, weight); }
    public static Tensor addcmul(Tensor t, Tensor t1, Tensor t2) { return t.addcmul(t1, t2); }
    public static Tensor addcmul(Tensor t, Tensor t1, Tensor t2, double value) { return t.addcmul(t1, t2, value); }
    public static Tensor addcdiv(Tensor t, Tensor t1, Tensor t2) { return t.addcdiv(t1, t2); }
    public static Tensor addcdiv(Tensor t, Tensor t1, Tensor t2, double value) { return t.addcdiv(t1, t2, value); }
    /** {@code F.softplus(x)}: log(1 + exp(x)), a smooth relu. */
    public static Tensor softplus(Tensor t) { return MoreMathOps.softplus(t, 1, 20); }
    public static Tensor softplus(Tensor t, double beta, double threshold) { return MoreMathOps.softplus(t, beta, threshold); }
    public static Tensor logsumexp(Tensor t, int dim) { return t.logsumexp(dim); }
    public static Tensor logsumexp(Tensor t, int dim, boolean keepdim) { return t.logsumexp(dim, keepdim); }

    // ---- scans and products (ScanOps) -------------------------------------------------------------------------
    public static Tensor cumsum(Tensor t, int dim) { return t.cumsum(dim); }
    public static Tensor cumprod(Tensor t, int dim) { return t.cumprod(dim); }
    public static Tensor prod(Tensor t) { return t.prod(); }
    public static Tensor prod(Tensor t, int dim) { return t.prod(dim); }
    public static Tensor prod(Tensor t, int dim, boolean keepdim) { return t.prod(dim, keepdim); }

    // ---- gather, scatter, index, mask, where (GatherScatterOps) -----------------------------------------------
    /** {@code torch.gather(x, dim, index)}: out[i][j] = x[i][index[i][j]] for dim 1. */
    public static Tensor gather(Tensor t, int dim, Tensor index) { return t.gather(dim, index); }
    public static Tensor scatter(Tensor t, int dim, Tensor index, Tensor src) { return t.scatter(dim, index, src); }
    public static Tensor scatter(Tensor t, int dim, Tensor index, double value) { return t.scatter(dim, index, value); }
    public static Tensor scatterAdd(Tensor t, int dim, Tensor index, Tensor src) { return t.scatterAdd(dim, index, src); }
    public static Tensor indexSelect(Tensor t, int dim, Tensor index) { return t.indexSelect(dim, index); }
    public static Tensor indexAdd(Tensor t, int dim, Tensor index, Tensor src) { return t.indexAdd(dim, index, src); }
    public static Tensor indexAdd(Tensor t, int dim, Tensor index, Tensor src, double alpha) { return t.indexAdd(dim, index, src, alpha); }
    public static Tensor maskedFill(Tensor t, Tensor mask, double value) { return t.maskedFill(mask, value); }
    public static Tensor maskedSelect(Tensor t, Tensor mask) { return t.maskedSelect(mask); }
    /** {@code torch.where(cond, x, 0.)}: a Python number on either side. */
    public static Tensor where(Tensor cond, Tensor a, double b) { return GatherScatterOps.where(cond, a, b); }
    public static Tensor where(Tensor cond, double a, Tensor b) { return GatherScatterOps.where(cond, a, b); }
    public static Tensor where(Tensor cond, double a, double b) { return GatherScatterOps.where(cond, a, b); }
    /** {@code torch.where(cond)}: a tuple of int64 index tensors, one per dim, of the true elements. */
    public static PyTuple<Tensor> where(Tensor cond) { return GatherScatterOps.where(cond); }
    public static Tensor nonzero(Tensor t) { return t.nonzero(); }

    // ---- sorting and selection (SortingOps) -------------------------------------------------------------------
    public static ValuesIndices sort(Tensor t) { return t.sort(); }
    public static ValuesIndices sort(Tensor t, int dim) { return t.sort(dim); }
    public static ValuesIndices sort(Tensor t, int dim, boolean descending) { return t.sort(dim, descending); }
    public static Tensor argsort(Tensor t) { return t.argsort(); }
    public static Tensor argsort(Tensor t, int dim) { return t.argsort(dim); }
    public static Tensor argsort(Tensor t, int dim, boolean descending) { return t.argsort(dim, descending); }
    public static ValuesIndices topk(Tensor t, int k) { return t.topk(k); }
    public static ValuesIndices topk(Tensor t, int k, int dim) { return t.topk(k, dim); }
    public static ValuesIndices topk(Tensor t, int k, int dim, boolean largest) { return t.topk(k, dim, largest); }
    public static ValuesIndices kthvalue(Tensor t, int k, int dim) { return t.kthvalue(k, dim); }
    public static ValuesIndices kthvalue(Tensor t, int k, int dim, boolean keepdim) { return t.kthvalue(k, dim, keepdim); }
    public static Tensor median(Tensor t) { return t.median(); }
    public static ValuesIndices median(Tensor t, int dim) { return t.median(dim); }
    public static Tensor nanmedian(Tensor t) { return t.nanmedian(); }
    public static ValuesIndices nanmedian(Tensor t, int dim) { return t.nanmedian(dim); }
    public static ValuesIndices nanmedian(Tensor t, int dim, boolean keepdim) { return t.nanmedian(dim, keepdim); }
    public static ValuesIndices mode(Tensor t) { return t.mode(); }
    public static ValuesIndices mode(Tensor t, int dim) { return t.mode(dim); }
    public static ValuesIndices mode(Tensor t, int dim, boolean keepdim) { return t.mode(dim, keepdim); }
    public static TensorOps.MaxResult max(Tensor t, int dim) { return t.max(dim); }
    public static TensorOps.MaxResult max(Tensor t, int dim, boolean keepdim) { return t.max(dim, keepdim); }
    public static TensorOps.MaxResult min(Tensor t, int dim) { return t.min(dim); }
    public static TensorOps.MaxResult min(Tensor t, int dim, boolean keepdim) { return t.min(dim, keepdim); }
    public static Tensor argmax(Tensor t) { return t.argmax(); }
    public static Tensor argmin(Tensor t) { return t.argmin(); }
    public static Tensor argmax(Tensor t, int dim) { return t.argmax(dim); }
    public static Tensor argmin(Tensor t, int dim) { return t.argmin(dim); }
    public static Tensor amax(Tensor t, int[] dims, boolean keepdim) { return t.amax(dims, keepdim); }
    public static Tensor amin(Tensor t, int[] dims, boolean keepdim) { return t.amin(dims, keepdim); }

    // ---- rearranging (ShapeFamilyOps) -------------------------------------------------------------------------
    public static Tensor tile(Tensor t, int... reps) { return t.tile(reps); }
    public static Tensor flip(Tensor t, int... dims) { return t.flip(dims); }
    public static Tensor roll(Tensor t, int shift) { return t.roll(shift); }
    public static Tensor roll(Tensor t, int shift, int dim) { return t.roll(shift, dim); }
    public static Tensor roll(Tensor t, int[] shifts, int[] dims) { return t.roll(shifts, dims); }
    public static Tensor tril(Tensor t) { return t.tril(); }
    public static Tensor tril(Tensor t, int diagonal) { return t.tril(diagonal); }
    public static Tensor triu(Tensor t) { return t.triu(); }
    public static Tensor triu(Tensor t, int diagonal) { return t.triu(diagonal); }
    public static Tensor diag(Tensor t) { return t.diag(); }
    public static Tensor diag(Tensor t, int diagonal) { return t.diag(diagonal); }
    public static Tensor diagonal(Tensor t) { return t.diagonal(); }
    public static Tensor diagonal(Tensor t, int offset, int dim1, int dim2) { return t.diagonal(offset, dim1, dim2); }
    public static Tensor trace(Tensor t) { return t.trace(); }
    /** {@code F.pad(x, pad)}: zeros around x; pad lists (left, right) pairs from the last dim backwards. */
    public static Tensor pad(Tensor t, int[] pad) { return ShapeFamilyOps.pad(t, pad, "constant", 0); }
    /** {@code F.pad(x, pad, mode, value)}; mode "constant", "reflect", "replicate" or "circular". */
    public static Tensor pad(Tensor t, int[] pad, String mode, double value) { return ShapeFamilyOps.pad(t, pad, mode, value); }
    /** {@code F.pad(x, pad, mode="reflect")}. */
    public static Tensor pad(Tensor t, int[] pad, String mode) { return ShapeFamilyOps.pad(t, pad, mode, 0); }
    public static PyTuple<Tensor> chunk(Tensor t, int chunks) { return t.chunk(chunks); }
    public static PyTuple<Tensor> chunk(Tensor t, int chunks, int dim) { return t.chunk(chunks, dim); }
    public static PyTuple<Tensor> split(Tensor t, int splitSize) { return t.split(splitSize); }
    public static PyTuple<Tensor> split(Tensor t, int splitSize, int dim) { return t.split(splitSize, dim); }
    public static PyTuple<Tensor> split(Tensor t, int[] sizes, int dim) { return t.split(sizes, dim); }
    /** {@code torch.meshgrid(a, b, indexing="ij")}: coordinate grids, one per input vector. */
    public static PyTuple<Tensor> meshgrid(Tensor... tensors) { return ShapeFamilyOps.meshgrid("ij", tensors); }
    /** {@code torch.meshgrid(a, b, indexing="xy")}: indexing "ij" or "xy". */
    public static PyTuple<Tensor> meshgrid(List<Tensor> tensors, String indexing) { return ShapeFamilyOps.meshgrid(indexing, tensors.toArray(new Tensor[0])); }
    public static Tensor hstack(List<Tensor> tensors) { return ShapeFamilyOps.hstack(tensors); }
    public static Tensor vstack(List<Tensor> tensors) { return ShapeFamilyOps.vstack(tensors); }
    public static Tensor dstack(List<Tensor> tensors) { return ShapeFamilyOps.dstack(tensors); }
    public static Tensor columnStack(List<Tensor> tensors) { return ShapeFamilyOps.columnStack(tensors); }
    public static Tensor movedim(Tensor t, int source, int destination) { return t.movedim(source, destination); }
    public static Tensor movedim(Tensor t, int[] source, int[] destination) { return t.movedim(source, destination); }
    public static Tensor swapaxes(Tensor t, int axis0, int axis1) { return t.swapaxes(axis0, axis1); }
    public static Tensor transpose(Tensor t, int dim0, int dim1) { return t.transpose(dim0, dim1); }

    // ---- statistics, products, norms and distances (LinalgMoreOps) --------------------------------------------
    public static Tensor outer(Tensor a, Tensor b) { return a.outer(b); }
    /** {@code torch.einsum("ij,jk->ik", a, b)}: explicit or implicit subscripts (no ellipsis). */
    public static Tensor einsum(String equation, Tensor... operands) { return LinalgMoreOps.einsum(equation, operands); }
    public static Tensor var(Tensor t, int[] dims, boolean unbiased, boolean keepdim) { return t.var(dims, unbiased, keepdim); }
    public static Tensor std(Tensor t, int[] dims, boolean unbiased, boolean keepdim) { return t.std(dims, unbiased, keepdim); }
    public static Tensor std(Tensor t, boolean unbiased) { return t.std(unbiased); }
    /** {@code torch.var(x, dims, correction=c, keepdim)}: divides by n - c (dims null for all elements). */
    public static Tensor var(Tensor t, int[] dims, int correction, boolean keepdim) { return t.var(dims, correction, keepdim); }
    public static Tensor std(Tensor t, int[] dims, int correction, boolean keepdim) { return t.std(dims, correction, keepdim); }
    /** {@code torch.var_mean(x)}: the tuple (var, mean), both from one VarMeanBackward0 node. */
    public static PyTuple<Tensor> varMean(Tensor t) { return LinalgMoreOps.varMean(t, null, 1, false, false); }
    public static PyTuple<Tensor> varMean(Tensor t, int dim) { return LinalgMoreOps.varMean(t, new int[] {dim}, 1, false, false); }
    public static PyTuple<Tensor> varMean(Tensor t, int[] dims, boolean unbiased, boolean keepdim) { return LinalgMoreOps.varMean(t, dims, unbiased ? 1 : 0, keepdim, false); }
    public static PyTuple<Tensor> stdMean(Tensor t) { return LinalgMoreOps.varMean(t, null, 1, false, true); }
    public static PyTuple<Tensor> stdMean(Tensor t, int dim) { return LinalgMoreOps.varMean(t, new int[] {dim}, 1, false, true); }
    public static PyTuple<Tensor> stdMean(Tensor t, int[] dims, boolean unbiased, boolean keepdim) { return LinalgMoreOps.varMean(t, dims, unbiased ? 1 : 0, keepdim, true); }
    public static Tensor norm(Tensor t, String p) { return t.norm(p); }
    public static Tensor norm(Tensor t, double p, int[] dims, boolean keepdim) { return t.norm(p, dims, keepdim); }
    /** {@code torch.linalg.vector_norm(x, ord, dim, keepdim)}: node LinalgVectorNormBackward0. */
    public static Tensor linalgVectorNorm(Tensor t, double ord, int[] dims, boolean keepdim) { return ReductionOps.norm(t, ord, dims, keepdim, "LinalgVectorNormBackward0"); }
    public static Tensor dist(Tensor a, Tensor b) { return a.dist(b); }
    public static Tensor dist(Tensor a, Tensor b, double p) { return a.dist(b, p); }
    /** {@code torch.cdist(x1, x2, p)}: distances between every row of x1 and every row of x2. */
    public static Tensor cdist(Tensor x1, Tensor x2) { return LinalgMoreOps.cdist(x1, x2, 2); }
    public static Tensor cdist(Tensor x1, Tensor x2, double p) { return LinalgMoreOps.cdist(x1, x2, p); }
    /** {@code F.normalize(x)}: rows scaled to unit 2-norm (dim 1, eps 1e-12). */
    public static Tensor normalize(Tensor t) { return LinalgMoreOps.normalize(t, 2, 1, 1e-12); }
    public static Tensor normalize(Tensor t, double p, int dim) { return LinalgMoreOps.normalize(t, p, dim, 1e-12); }
    /** {@code F.cosine_similarity(a, b, dim=1)}. */
    public static Tensor cosineSimilarity(Tensor a, Tensor b) { return LinalgMoreOps.cosineSimilarity(a, b, 1); }
    public static Tensor cosineSimilarity(Tensor a, Tensor b, int dim) { return LinalgMoreOps.cosineSimilarity(a, b, dim); }
    // ---- torch.randperm ---------------------------------------------------------------------------------------

    /** {@code torch.randperm(n)}: a random permutation of 0..n-1 (int64) from the default generator. */
    public static Tensor randperm(int n) { return randperm(n, null); }

    /** {@code torch.randperm(n, generator=g)}, PyTorch's exact order for the same generator state. */
    public static Tensor randperm(int n, Generator g) {
        int[] p = (g == null ? Random.DEFAULT : g).randperm(n);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = p[i];
        return Tensor.wrap(v, new int[] {n}, DType.INT64);
    }
    // ---- nn activations with their own nodes ----------------------------------------------------------------------

    /** {@code F.gelu(x)}: x times the standard normal CDF of x (node GeluBackward0). */
    public static Tensor gelu(Tensor x) { return ActivationOps.gelu(x, "none"); }
    /** {@code F.gelu(x, approximate)}: "none" or "tanh" (PyTorch's tanh approximation). */
    public static Tensor gelu(Tensor x, String approximate) { return ActivationOps.gelu(x, approximate); }
    /** {@code F.leaky_relu(x, negative_slope)}: x where positive, slope * x elsewhere (node LeakyReluBackward0). */
    public static Tensor leakyRelu(Tensor x, double negativeSlope) { return ActivationOps.leakyRelu(x, negativeSlope); }
    /** {@code F.silu(x)}: x * sigmoid(x) (node SiluBackward0). */
    public static Tensor silu(Tensor x) { return MoreActivations.silu(x); }
    /** {@code F.mish(x)}: x * tanh(softplus(x)) (node MishBackward0). */
    public static Tensor mish(Tensor x) { return MoreActivations.mish(x); }
    /** {@code F.elu(x, alpha)}: x where positive, alpha * (exp(x) - 1) elsewhere (node EluBackward0). */
    public static Tensor elu(Tensor x, double alpha) { return MoreActivations.elu(x, alpha); }
    public static Tensor elu(Tensor x) { return MoreActivations.elu(x, 1.0); }
    /** {@code torch.selu(x)}: elu with PyTorch's fixed alpha and scale (node EluBackward0). */
    public static Tensor selu(Tensor x) { return MoreActivations.selu(x); }
    /** {@code torch.celu(x, alpha)}: max(0, x) + min(0, alpha * (exp(x / alpha) - 1)) (node CeluBackward0). */
    public static Tensor celu(Tensor x, double alpha) { return MoreActivations.celu(x, alpha); }
    public static Tensor celu(Tensor x) { return MoreActivations.celu(x, 1.0); }
    /** {@code F.hardtanh(x, min_val, max_val)}: x clamped to [min_val, max_val] (node HardtanhBackward0). */
    public static Tensor hardtanh(Tensor x, double minVal, double maxVal) { return MoreActivations.hardtanh(x, minVal, maxVal); }
    public static Tensor hardtanh(Tensor x) { return MoreActivations.hardtanh(x, -1, 1); }
    /** {@code F.relu6(x)}: hardtanh(x, 0, 6) (node HardtanhBackward0). */
    public static Tensor relu6(Tensor x) { return MoreActivations.hardtanh(x, 0, 6); }
    /** {@code F.hardswish(x)}: x * relu6(x + 3) / 6 (node HardswishBackward0). */
    public static Tensor hardswish(Tensor x) { return MoreActivations.hardswish(x); }
    /** {@code F.hardsigmoid(x)}: relu6(x + 3) / 6 (node HardsigmoidBackward0). */
    public static Tensor hardsigmoid(Tensor x) { return MoreActivations.hardsigmoid(x); }
    /** {@code F.logsigmoid(x)}: log(sigmoid(x)) computed stably (node LogSigmoidBackward0). */
    public static Tensor logSigmoid(Tensor x) { return MoreActivations.logSigmoid(x); }
    /** {@code F.softsign(x)}: x / (1 + |x|). */
    public static Tensor softsign(Tensor x) { return MoreActivations.softsign(x); }
    /** {@code F.tanhshrink(x)}: x - tanh(x). */
    public static Tensor tanhshrink(Tensor x) { return MoreActivations.tanhshrink(x); }
    /** {@code torch.hardshrink(x, lambd)}: 0 on [-lambd, lambd], x elsewhere (node HardshrinkBackward0). */
    public static Tensor hardshrink(Tensor x, double lambd) { return MoreActivations.hardshrink(x, lambd); }
    public static Tensor hardshrink(Tensor x) { return MoreActivations.hardshrink(x, 0.5); }
    /** {@code F.softshrink(x, lambd)}: x moved lambd towards 0, 0 on [-lambd, lambd] (node SoftshrinkBackward0). */
    public static Tensor softshrink(Tensor x, double lambd) { return MoreActivations.softshrink(x, lambd); }
    public static Tensor softshrink(Tensor x) { return MoreActivations.softshrink(x, 0.5); }
    /** {@code torch.threshold(x, threshold, value)}: value where x <= threshold, x elsewhere (node ThresholdBackward0). */
    public static Tensor threshold(Tensor x, double threshold, double value) { return MoreActivations.threshold(x, threshold, value); }
    /** {@code torch.prelu(x, weight)}: x where positive, weight * x elsewhere, a weight per channel (node PreluBackward0). */
    public static Tensor prelu(Tensor x, Tensor weight) { return MoreActivations.prelu(x, weight); }

    /** {@code torch.rrelu(x, lower, upper, training, generator)} (also {@code F.rrelu}); generator null for the default. */
    public static Tensor rrelu(Tensor x, double lower, double upper, boolean training, Generator generator) { return RReluOps.rrelu(x, lower, upper, training, generator); }
    /** {@code torch.rrelu_(x, lower, upper, training, generator)}: in place. */
    public static Tensor rrelu_(Tensor x, double lower, double upper, boolean training, Generator generator) { return RReluOps.rrelu_(x, lower, upper, training, generator); }
}
