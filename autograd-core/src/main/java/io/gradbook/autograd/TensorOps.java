// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import java.util.List;

/**
 * The op methods of {@link Tensor}, kept apart from its state. Each is one line into the op classes, where the
 * forward kernel and the gradient rule sit together. Scalar overloads: a {@code long} argument is a Python int,
 * a {@code double} a Python float (this decides the result dtype of integer tensors, as in PyTorch).
 */
abstract class TensorOps {
    abstract Tensor self();

    // ---- arithmetic -------------------------------------------------------------------------------------------
    /** {@code x + other} ({@code torch.add}), broadcasting shapes and promoting dtypes as PyTorch does. */
    public Tensor add(Tensor other) { return PointwiseOps.add(self(), other, 1); }
    /** {@code torch.add(x, other, alpha=alpha)}: x + alpha * other. */
    public Tensor add(Tensor other, double alpha) { return PointwiseOps.add(self(), other, alpha); }
    /** {@code x + number}, the number promoted as a Python scalar is (an int tensor plus 0.5 gives float32). */
    public Tensor add(double other) { return PointwiseOps.add(self(), Scalar.of(other)); }
    public Tensor add(long other) { return PointwiseOps.add(self(), Scalar.of(other)); }
    /** {@code x - other} ({@code torch.sub}), with broadcasting. */
    public Tensor sub(Tensor other) { return PointwiseOps.sub(self(), other, 1); }
    public Tensor sub(Tensor other, double alpha) { return PointwiseOps.sub(self(), other, alpha); }
    public Tensor sub(double other) { return PointwiseOps.sub(self(), Scalar.of(other)); }
    public Tensor sub(long other) { return PointwiseOps.sub(self(), Scalar.of(other)); }
    /** {@code other - this} (Python's {@code 2 - x}): node RsubBackward1. */
    public Tensor rsub(double other) { return PointwiseOps.rsub(Scalar.of(other), self()); }
    public Tensor rsub(long other) { return PointwiseOps.rsub(Scalar.of(other), self()); }
    /** {@code x * other} ({@code torch.mul}): element-wise, with broadcasting. */
    public Tensor mul(Tensor other) { return PointwiseOps.mul(self(), other); }
    /** {@code x * number}. */
    public Tensor mul(double other) { return PointwiseOps.mul(self(), Scalar.of(other)); }
    public Tensor mul(long other) { return PointwiseOps.mul(self(), Scalar.of(other)); }
    /** {@code x / other} ({@code torch.div}): true division; integer tensors give float32. */
    public Tensor div(Tensor other) { return PointwiseOps.div(self(), other); }
    public Tensor div(double other) { return PointwiseOps.div(self(), Scalar.of(other)); }
    public Tensor div(long other) { return PointwiseOps.div(self(), Scalar.of(other)); }
    /** {@code other / this} (Python's {@code 2 / x}): recorded as reciprocal then multiply, as PyTorch does. */
    public Tensor rdiv(double other) { return PointwiseOps.rdiv(Scalar.of(other), self()); }
    /** {@code x ** exponent} ({@code torch.pow}). */
    public Tensor pow(double exponent) { return PointwiseOps.pow(self(), Scalar.of(exponent)); }
    public Tensor pow(long exponent) { return PointwiseOps.pow(self(), Scalar.of(exponent)); }
    /** {@code x ** exponent} with a tensor exponent, element-wise. */
    public Tensor pow(Tensor exponent) { return PointwiseOps.pow(self(), exponent); }
    /** {@code -x}. */
    public Tensor neg() { return PointwiseOps.neg(self()); }
    public Tensor abs() { return PointwiseOps.abs(self()); }
    public Tensor sign() { return PointwiseOps.sign(self()); }
    /** {@code torch.exp(x)}, element-wise. */
    public Tensor exp() { return PointwiseOps.exp(self()); }
    /** {@code torch.log(x)}: the natural logarithm, element-wise. */
    public Tensor log() { return PointwiseOps.log(self()); }
    /** {@code torch.sqrt(x)}, element-wise. */
    public Tensor sqrt() { return PointwiseOps.sqrt(self()); }
    public Tensor sin() { return PointwiseOps.sin(self()); }
    public Tensor cos() { return PointwiseOps.cos(self()); }
    /** {@code torch.sigmoid(x)}: 1 / (1 + exp(-x)), element-wise. */
    public Tensor sigmoid() { return PointwiseOps.sigmoid(self()); }
    /** {@code torch.tanh(x)}, element-wise. */
    public Tensor tanh() { return PointwiseOps.tanh(self()); }
    /** {@code torch.relu(x)}: max(x, 0), element-wise. */
    public Tensor relu() { return PointwiseOps.relu(self()); }
    public Tensor reciprocal() { return PointwiseOps.reciprocal(self()); }
    public Tensor clamp(double min, double max) { return PointwiseOps.clamp(self(), min, max); }
    /** {@code x.clamp(min, max)} with Python int bounds: an integer tensor stays integer (double bounds make it float32). */
    public Tensor clamp(long min, long max) { return PointwiseOps.clamp(self(), min, max); }
    public Tensor clampMin(double min) { return PointwiseOps.clampMin(self(), min); }
    public Tensor clampMax(double max) { return PointwiseOps.clampMax(self(), max); }
    public Tensor maximum(Tensor other) { return PointwiseOps.maximum(self(), other, true); }
    public Tensor minimum(Tensor other) { return PointwiseOps.maximum(self(), other, false); }

    // ---- comparisons and logic (bool results, no gradient) ----------------------------------------------------
    public Tensor eq(Tensor o) { return PointwiseOps.compare(self(), o, BinaryOp.EQ); }
    public Tensor eq(double o) { return PointwiseOps.compare(self(), o, BinaryOp.EQ); }
    public Tensor ne(Tensor o) { return PointwiseOps.compare(self(), o, BinaryOp.NE); }
    public Tensor ne(double o) { return PointwiseOps.compare(self(), o, BinaryOp.NE); }
    public Tensor gt(Tensor o) { return PointwiseOps.compare(self(), o, BinaryOp.GT); }
    public Tensor gt(double o) { return PointwiseOps.compare(self(), o, BinaryOp.GT); }
    public Tensor ge(Tensor o) { return PointwiseOps.compare(self(), o, BinaryOp.GE); }
    public Tensor ge(double o) { return PointwiseOps.compare(self(), o, BinaryOp.GE); }
    public Tensor lt(Tensor o) { return PointwiseOps.compare(self(), o, BinaryOp.LT); }
    public Tensor lt(double o) { return PointwiseOps.compare(self(), o, BinaryOp.LT); }
    public Tensor le(Tensor o) { return PointwiseOps.compare(self(), o, BinaryOp.LE); }
    public Tensor le(double o) { return PointwiseOps.compare(self(), o, BinaryOp.LE); }
    public Tensor logicalAnd(Tensor o) { return PointwiseOps.compare(self(), o, BinaryOp.AND); }
    public Tensor logicalOr(Tensor o) { return PointwiseOps.compare(self(), o, BinaryOp.OR); }
    public Tensor logicalNot() { return PointwiseOps.logicalNot(self()); }
    /** {@code torch.equal}: same shape and same values. */
    public boolean equal(Tensor o) { return java.util.Arrays.equals(self().shapeArray(), o.shapeArray()) && eq(o).all(); }
    public boolean all() { for (double v : self().values()) if (v == 0) return false; return true; }
    public boolean any() { for (double v : self().values()) if (v != 0) return true; return false; }
    public boolean allclose(Tensor other) { return Torch.allclose(self(), other); }

    // ---- reductions -------------------------------------------------------------------------------------------
    /** {@code x.sum()}: the sum of all elements, a 0-dimensional tensor. */
    public Tensor sum() { return ReductionOps.sum(self()); }
    /** {@code x.sum(dim)}: sums over one dimension, which is removed. */
    public Tensor sum(int dim) { return ReductionOps.sum(self(), new int[] {dim}, false); }
    /** {@code x.sum(dim, keepdim=...)}: with keepdim the summed dimension stays, with length 1. */
    public Tensor sum(int dim, boolean keepdim) { return ReductionOps.sum(self(), new int[] {dim}, keepdim); }
    public Tensor sum(int[] dims, boolean keepdim) { return ReductionOps.sum(self(), dims, keepdim); }
    /** {@code x.mean()}: the mean of all elements (floating-point tensors only, as in PyTorch). */
    public Tensor mean() { return ReductionOps.mean(self()); }
    /** {@code x.mean(dim)}: the mean over one dimension, which is removed. */
    public Tensor mean(int dim) { return ReductionOps.mean(self(), new int[] {dim}, false); }
    public Tensor mean(int dim, boolean keepdim) { return ReductionOps.mean(self(), new int[] {dim}, keepdim); }
    public Tensor mean(int[] dims, boolean keepdim) { return ReductionOps.mean(self(), dims, keepdim); }
    public Tensor var() { return ReductionOps.varStd(self(), null, true, false, false); }
    public Tensor var(int dim) { return ReductionOps.varStd(self(), new int[] {dim}, true, false, false); }
    public Tensor var(int dim, boolean unbiased, boolean keepdim) { return ReductionOps.varStd(self(), new int[] {dim}, unbiased, keepdim, false); }
    public Tensor std() { return ReductionOps.varStd(self(), null, true, false, true); }
    public Tensor std(int dim) { return ReductionOps.varStd(self(), new int[] {dim}, true, false, true); }
    public Tensor std(int dim, boolean unbiased, boolean keepdim) { return ReductionOps.varStd(self(), new int[] {dim}, unbiased, keepdim, true); }
    /** {@code x.norm()}: the 2-norm of all elements. */
    public Tensor norm() { return ReductionOps.norm(self(), 2, null, false); }
    /** {@code x.norm(p)}: the p-norm of all elements. */
    public Tensor norm(double p) { return ReductionOps.norm(self(), p, null, false); }
    public Tensor norm(double p, int dim) { return ReductionOps.norm(self(), p, new int[] {dim}, false); }
    public Tensor norm(double p, int dim, boolean keepdim) { return ReductionOps.norm(self(), p, new int[] {dim}, keepdim); }
    /** {@code x.max()}: the largest element, a 0-dimensional tensor. */
    public Tensor max() { return ReductionOps.extreme(self(), true); }
    public Tensor min() { return ReductionOps.extreme(self(), false); }
    /** max over a dim: PyTorch's named tuple (values, indices). */
    public MaxResult max(int dim) { return new MaxResult(ReductionOps.extremeDim(self(), dim, false, true)); }
    public MaxResult max(int dim, boolean keepdim) { return new MaxResult(ReductionOps.extremeDim(self(), dim, keepdim, true)); }
    public MaxResult min(int dim) { return new MaxResult("min", ReductionOps.extremeDim(self(), dim, false, false)); }
    public MaxResult min(int dim, boolean keepdim) { return new MaxResult("min", ReductionOps.extremeDim(self(), dim, keepdim, false)); }
    /** {@code x.argmax(dim)}: argmax(dim, keepdim=False) (its own checks and texts, and no Bool kernel, unlike max(dim)). */
    public Tensor argmax(int dim) { return argmax(dim, false); }
    public Tensor argmin(int dim) { return argmin(dim, false); }
    /** Sums broadcast dims away to reach {@code shape} (PyTorch's sum_to_size). */
    public Tensor sumToSize(int... shape) {
        Tensor t = self();
        int[] s = t.shapeArray();
        if (java.util.Arrays.equals(s, shape)) return t;
        if (!Shape.expandableTo(shape, s)) throw new TorchException.RuntimeError("size {" + Shape.str(shape).replaceAll("[\\[\\]]", "") + "} is not expandable to size {" + Shape.str(s).replaceAll("[\\[\\]]", "") + "}.");
        int lead = s.length - shape.length;
        java.util.List<Integer> dims = new java.util.ArrayList<>();
        for (int i = 0; i < s.length; i++) if (i < lead || shape[i - lead] == 1 && s[i] != 1) dims.add(i);
        int[] d = dims.stream().mapToInt(Integer::intValue).toArray();
        // PyTorch's sum_to: sum() to a 0-dim shape, a view only where leading dims go (grad_fn names show it)
        if (shape.length == 0) return ReductionOps.sum(t);
        Tensor r = d.length == 0 ? t : ReductionOps.sum(t, d, true);
        return lead > 0 ? r.view(shape) : r;
    }

    // ---- products ---------------------------------------------------------------------------------------------
    /**
     * {@code x @ other} ({@code torch.matmul}): dot, matrix-vector, matrix or batched product by the operands'
     * dimensions.
     */
    public Tensor matmul(Tensor other) { return LinalgOps.matmul(self(), other); }
    /** {@code torch.mm(x, other)}: the product of two matrices. */
    public Tensor mm(Tensor other) { return LinalgOps.mm(self(), other); }
    public Tensor mv(Tensor vec) { return LinalgOps.mv(self(), vec); }
    /** {@code torch.dot(x, other)}: the dot product of two 1-D tensors. */
    public Tensor dot(Tensor other) { return LinalgOps.dot(self(), other); }
    public Tensor bmm(Tensor other) { return LinalgOps.bmm(self(), other); }

    // ---- views and shape --------------------------------------------------------------------------------------
    /**
     * {@code x.view(*shape)}: the same storage seen with another shape (one dimension may be -1); needs compatible
     * strides, else use reshape.
     */
    public Tensor view(int... shape) { return ViewOps.view(self(), shape); }
    public Tensor view(Size shape) { return ViewOps.view(self(), shape.toArray()); }
    /** {@code x.reshape(*shape)}: a view when the strides allow, a copy otherwise. */
    public Tensor reshape(int... shape) { return ViewOps.reshape(self(), shape); }
    public Tensor reshape(Size shape) { return ViewOps.reshape(self(), shape.toArray()); }
    /** {@code x.flatten()}: all elements in one dimension; a 1-D tensor is returned itself (1.13: start == end dim). */
    public Tensor flatten() { return self().dim() == 1 ? self() : ViewOps.reshape(self(), new int[] {-1}); }
    public Tensor viewAs(Tensor other) { return view(other.shapeArray()); }
    /** {@code x.t()}: the transpose of a matrix (a view); 0-D and 1-D tensors come back as they are. */
    public Tensor t() { return ViewOps.t(self()); }
    /** PyTorch's {@code .T}: all dims reversed (node PermuteBackward0). */
    public Tensor T() {
        int r = self().dim();
        int[] perm = new int[r];
        for (int i = 0; i < r; i++) perm[i] = r - 1 - i;
        return ViewOps.permute(self(), perm);
    }
    /** {@code x.transpose(dim0, dim1)}: a view with two dimensions swapped. */
    public Tensor transpose(int dim0, int dim1) { return ViewOps.transpose(self(), dim0, dim1); }
    public Tensor permute(int... dims) { return ViewOps.permute(self(), dims); }
    public Tensor select(int dim, int index) { return ViewOps.select(self(), dim, index); }
    /** {@code x[i]}, {@code x[i, j]}, ...: selects along the leading dims. */
    public Tensor get(int... indices) {
        Tensor t = self();
        if (indices.length > t.dim()) throw new TorchException.IndexError("too many indices for tensor of dimension " + t.dim());
        for (int index : indices) t = t.select(0, index);
        return t;
    }
    /** {@code x[index_tensor]} or {@code x[mask]}: advanced indexing (node IndexBackward0). */
    public Tensor index(Tensor index) { return IndexingOps.index(self(), index); }
    public Tensor slice(int dim, int start, int end) { return ViewOps.slice(self(), dim, start, end, 1); }
    public Tensor slice(int dim, int start, int end, int step) { return ViewOps.slice(self(), dim, start, end, step); }
    /** {@code x.narrow(dim, start, length)}: 1.13's checks (a negative start wraps once), then a slice. */
    public Tensor narrow(int dim, int start, int length) {
        Tensor t = self();
        if (t.dim() == 0) throw new TorchException.RuntimeError("narrow() cannot be applied to a 0-dim tensor.");
        int size = t.size(dim);
        if (start != size) start = Shape.wrapDim(start, size);
        if (length < 0 || start > size - length) {
            throw new TorchException.RuntimeError("start (" + start + ") + length (" + length + ") exceeds dimension size (" + size + ").");
        }
        return ViewOps.slice(t, dim, start, start + length, 1);
    }
    /** {@code x.unsqueeze(dim)}: a view with a new dimension of length 1 at dim. */
    public Tensor unsqueeze(int dim) { return ViewOps.unsqueeze(self(), dim); }
    /** {@code x.squeeze()}: a view without the dimensions of length 1. */
    public Tensor squeeze() { return ViewOps.squeeze(self()); }
    public Tensor squeeze(int dim) { return ViewOps.squeeze(self(), dim); }
    /** {@code x.expand(*sizes)}: a view that repeats dimensions of length 1 without copying (-1 keeps a size). */
    public Tensor expand(int... sizes) { return ViewOps.expand(self(), sizes); }
    public Tensor expandAs(Tensor other) { return ViewOps.expand(self(), other.shapeArray()); }
    /** {@code x.clone()}: a copy with its own storage, recorded in the graph (gradients flow back to x). */
    public Tensor clone() { return ViewOps.clone(self()); }
    /** {@code x.contiguous()}: x itself when row-major already, else a row-major copy. */
    public Tensor contiguous() { return ViewOps.contiguous(self()); }
    public List<Tensor> unbind(int dim) { return ViewOps.unbind(self(), dim); }
    public List<Tensor> unbind() { return ViewOps.unbind(self(), 0); }

    // ---- dtype ------------------------------------------------------------------------------------------------
    public Tensor to(DType dtype) { return PointwiseOps.to(self(), dtype); }
    public Tensor toFloat() { return to(DType.FLOAT32); }
    public Tensor toDouble() { return to(DType.FLOAT64); }
    public Tensor toLong() { return to(DType.INT64); }
    public Tensor toBool() { return to(DType.BOOL); }
    /** Python's {@code x.float()}, {@code x.double()}, {@code x.long()} under their Java-safe names. */
    public Tensor double_() { return toDouble(); }

    // ---- nn.functional as methods -----------------------------------------------------------------------------
    /** {@code x.softmax(dim)}: exp(x) normalised to sum to 1 along dim. */
    public Tensor softmax(int dim) { return NnOps.softmax(self(), dim); }
    public Tensor logSoftmax(int dim) { return NnOps.logSoftmax(self(), dim); }

    // ---- in-place (trailing underscore, as in PyTorch) --------------------------------------------------------
    /**
     * {@code x += other} / {@code x.add_(other)}: in place, bumping x's version; refused on a leaf that requires
     * grad unless under noGrad().
     */
    public Tensor add_(Tensor other) { return self().inPlace(t -> t.add(other), t -> DirectInPlace.binary(BinaryOp.ADD, t, other, 1), other); }
    public Tensor add_(Tensor other, double alpha) { return self().inPlace(t -> t.add(other, alpha), t -> DirectInPlace.binary(alpha == 1 ? BinaryOp.ADD : BinaryOp.ADD_ALPHA, t, other, alpha), other); }
    public Tensor add_(double other) { return self().inPlace(t -> t.add(other), t -> DirectInPlace.scalar(BinaryOp.ADD, t, Scalar.of(other))); }
    public Tensor add_(long other) { return self().inPlace(t -> t.add(other), t -> DirectInPlace.scalar(BinaryOp.ADD, t, Scalar.of(other))); }
    /** {@code x -= other} / {@code x.sub_(other)}: in place (see add_). */
    public Tensor sub_(Tensor other) { return self().inPlace(t -> t.sub(other), t -> DirectInPlace.binary(BinaryOp.SUB, t, other, 1), other); }
    public Tensor sub_(double other) { return self().inPlace(t -> t.sub(other), t -> DirectInPlace.scalar(BinaryOp.SUB, t, Scalar.of(other))); }
    public Tensor sub_(long other) { return self().inPlace(t -> t.sub(other), t -> DirectInPlace.scalar(BinaryOp.SUB, t, Scalar.of(other))); }
    /** {@code x *= other} / {@code x.mul_(other)}: in place (see add_). */
    public Tensor mul_(Tensor other) { return self().inPlace(t -> t.mul(other), t -> DirectInPlace.binary(BinaryOp.MUL, t, other, 1), other); }
    public Tensor mul_(double other) { return self().inPlace(t -> t.mul(other), t -> DirectInPlace.scalar(BinaryOp.MUL, t, Scalar.of(other))); }
    public Tensor mul_(long other) { return self().inPlace(t -> t.mul(other), t -> DirectInPlace.scalar(BinaryOp.MUL, t, Scalar.of(other))); }
    public Tensor div_(Tensor other) { return self().inPlace(t -> t.div(other), t -> DirectInPlace.binary(BinaryOp.DIV, t, other, 1), other); }
    public Tensor div_(double other) { return self().inPlace(t -> t.div(other), t -> DirectInPlace.scalar(BinaryOp.DIV, t, Scalar.of(other))); }
    public Tensor pow_(double exponent) { return self().inPlace(t -> t.pow(exponent)); }
    public Tensor neg_() { return self().inPlace(Tensor::neg); }
    public Tensor abs_() { return self().inPlace(Tensor::abs); }
    public Tensor exp_() { return self().inPlace(Tensor::exp); }
    public Tensor log_() { return self().inPlace(Tensor::log); }
    public Tensor sqrt_() { return self().inPlace(Tensor::sqrt); }
    public Tensor sin_() { return self().inPlace(Tensor::sin); }
    public Tensor cos_() { return self().inPlace(Tensor::cos); }
    public Tensor sigmoid_() { return self().inPlace(Tensor::sigmoid); }
    public Tensor tanh_() { return self().inPlace(Tensor::tanh); }
    public Tensor relu_() { return self().inPlace(Tensor::relu); }
    public Tensor clamp_(double min, double max) { PointwiseOps.checkClampInPlace(self()); return self().inPlace(t -> t.clamp(min, max)); }
    /** {@code x.zero_()}: zeros in place; the usual way to clear {@code x.grad()} between backward passes. */
    public Tensor zero_() { return self().inPlace(t -> Filling.fill(t, 0.0, true), t -> DirectInPlace.fill(t, 0.0)); }
    public Tensor fill_(double value) { return self().inPlace(t -> Filling.fill(t, value, false), t -> DirectInPlace.fill(t, value)); }
    /** Copies {@code src} (broadcast, converted) into this tensor: PyTorch's {@code copy_}, and {@code x[i] = v}. */
    public Tensor copy_(Tensor src) { return self().inPlace(t -> Filling.copy(t, src), t -> DirectInPlace.copy(t, src), src); }
    /** Python's {@code x[index] = value}. */
    public Tensor set(int index, Tensor value) { return self().get(index).copy_(value); }
    public Tensor set(int index, double value) { return self().get(index).copy_(Scalar.of(value).wrapped(self().dtype())); }
    public Tensor uniform_(double from, double to) { return Random.uniform_(self(), from, to, null); }
    public Tensor uniform_() { return Random.uniform_(self(), 0, 1, null); }
    public Tensor normal_(double mean, double std) { return Random.normal_(self(), mean, std, null); }
    public Tensor normal_() { return Random.normal_(self(), 0, 1, null); }
    /** In-place fills drawing from a generator of one's own (PyTorch's {@code generator=} argument). */
    public Tensor uniform_(double from, double to, Generator generator) { return Random.uniform_(self(), from, to, generator); }
    public Tensor normal_(double mean, double std, Generator generator) { return Random.normal_(self(), mean, std, generator); }

    // ---- more element-wise math (MoreMathOps) -----------------------------------------------------------------
    /** {@code torch.log1p(x)}: log(1 + x), accurate for small x. */
    public Tensor log1p() { return MoreMathOps.log1p(self()); }
    /** {@code torch.expm1(x)}: exp(x) - 1, accurate for small x. */
    public Tensor expm1() { return MoreMathOps.expm1(self()); }
    public Tensor log2() { return MoreMathOps.log2(self()); }
    public Tensor log10() { return MoreMathOps.log10(self()); }
    public Tensor exp2() { return MoreMathOps.exp2(self()); }
    public Tensor atan() { return MoreMathOps.atan(self()); }
    /** {@code torch.atan2(y, x)} with this tensor as y: the angle of the point (x, y), element-wise. */
    public Tensor atan2(Tensor other) { return MoreMathOps.atan2(self(), other); }
    public Tensor asin() { return MoreMathOps.asin(self()); }
    public Tensor acos() { return MoreMathOps.acos(self()); }
    public Tensor sinh() { return MoreMathOps.sinh(self()); }
    public Tensor cosh() { return MoreMathOps.cosh(self()); }
    public Tensor asinh() { return MoreMathOps.asinh(self()); }
    public Tensor atanh() { return MoreMathOps.atanh(self()); }
    /** {@code torch.erf(x)}: the Gauss error function. */
    public Tensor erf() { return MoreMathOps.erf(self()); }
    /** {@code torch.tan(x)}; node TanBackward0. */
    public Tensor tan() { return MoreMathOps.tan(self()); }
    /** {@code torch.erfc(x)}: 1 - erf(x), accurate where erf(x) is near 1; node ErfcBackward0. */
    public Tensor erfc() { return MoreMathOps.erfc(self()); }
    /** {@code torch.erfinv(x)}: the inverse error function (NaN outside [-1, 1]); node ErfinvBackward0. */
    public Tensor erfinv() { return ErfinvOps.erfinv(self()); }
    /** {@code x.erfinv_()}: erfinv in place. */
    public Tensor erfinv_() { return self().inPlace(Tensor::erfinv); }
    /** {@code x % other} ({@code torch.remainder}): Python's modulus, the result takes the divisor's sign. */
    public Tensor remainder(Tensor other) { return MoreMathOps.remainder(self(), other); }
    public Tensor remainder(double other) { return MoreMathOps.remainder(self(), Scalar.of(other)); }
    public Tensor remainder(long other) { return MoreMathOps.remainder(self(), Scalar.of(other)); }
    /** {@code torch.fmod}: C's modulus, the result takes the dividend's sign. */
    public Tensor fmod(Tensor other) { return MoreMathOps.fmod(self(), other); }
    public Tensor fmod(double other) { return MoreMathOps.fmod(self(), Scalar.of(other)); }
    public Tensor fmod(long other) { return MoreMathOps.fmod(self(), Scalar.of(other)); }
    public Tensor floor() { return MoreMathOps.floor(self()); }
    public Tensor ceil() { return MoreMathOps.ceil(self()); }
    /** {@code torch.round(x)}: to the nearest integer, halves to even (round(2.5) is 2). */
    public Tensor round() { return MoreMathOps.round(self()); }
    public Tensor trunc() { return MoreMathOps.trunc(self()); }
    public Tensor frac() { return MoreMathOps.frac(self()); }
    public Tensor hypot(Tensor other) { return MoreMathOps.hypot(self(), other); }
    /** {@code torch.lerp(x, end, weight)}: x + weight * (end - x). */
    public Tensor lerp(Tensor end, double weight) { return MoreMathOps.lerp(self(), end, weight); }
    public Tensor lerp(Tensor end, Tensor weight) { return MoreMathOps.lerp(self(), end, weight); }
    /** {@code torch.addcmul(x, t1, t2, value=v)}: x + v * t1 * t2. */
    public Tensor addcmul(Tensor t1, Tensor t2) { return AddcOps.addcmul(self(), t1, t2, 1); }
    public Tensor addcmul(Tensor t1, Tensor t2, double value) { return AddcOps.addcmul(self(), t1, t2, value); }
    /** {@code torch.addcdiv(x, t1, t2, value=v)}: x + v * t1 / t2. */
    public Tensor addcdiv(Tensor t1, Tensor t2) { return AddcOps.addcdiv(self(), t1, t2, 1); }
    public Tensor addcdiv(Tensor t1, Tensor t2, double value) { return AddcOps.addcdiv(self(), t1, t2, value); }
    /** {@code x.logsumexp(dim)}: log(sum(exp(x), dim)), computed stably. */
    public Tensor logsumexp(int dim) { return MoreMathOps.logsumexp(self(), new int[] {dim}, false); }
    public Tensor logsumexp(int dim, boolean keepdim) { return MoreMathOps.logsumexp(self(), new int[] {dim}, keepdim); }
    public Tensor logsumexp(int[] dims, boolean keepdim) { return MoreMathOps.logsumexp(self(), dims, keepdim); }
    public Tensor log1p_() { return self().inPlace(Tensor::log1p); }
    public Tensor expm1_() { return self().inPlace(Tensor::expm1); }
    public Tensor floor_() { return self().inPlace(Tensor::floor); }
    public Tensor ceil_() { return self().inPlace(Tensor::ceil); }
    public Tensor round_() { return self().inPlace(Tensor::round); }
    public Tensor trunc_() { return self().inPlace(Tensor::trunc); }
    public Tensor lerp_(Tensor end, double weight) { return self().inPlace(t -> t.lerp(end, weight), end); }
    public Tensor addcmul_(Tensor t1, Tensor t2, double value) { return self().inPlace(t -> t.addcmul(t1, t2, value), t1, t2); }
    public Tensor addcdiv_(Tensor t1, Tensor t2, double value) { return self().inPlace(t -> t.addcdiv(t1, t2, value), t1, t2); }

    // ---- scans and products (ScanOps) -------------------------------------------------------------------------
    /** {@code x.cumsum(dim)}: running sums along dim (integers accumulate in int64). */
    public Tensor cumsum(int dim) { return ScanOps.cumsum(self(), dim); }
    /** {@code x.cumprod(dim)}: running products along dim. */
    public Tensor cumprod(int dim) { return ScanOps.cumprod(self(), dim); }
    /** {@code x.prod()}: the product of all elements. */
    public Tensor prod() { return ScanOps.prod(self()); }
    public Tensor prod(int dim) { return ScanOps.prod(self(), dim, false); }
    public Tensor prod(int dim, boolean keepdim) { return ScanOps.prod(self(), dim, keepdim); }

    // ---- gather, scatter, index, mask, where (GatherScatterOps) -----------------------------------------------
    /** {@code x.gather(dim, index)}: out[i][j] = x[i][index[i][j]] for dim 1 (index int64, same rank as x). */
    public Tensor gather(int dim, Tensor index) { return GatherScatterOps.gather(self(), dim, index); }
    /** {@code x.scatter(dim, index, src)}: a copy of x with src written at index along dim. */
    public Tensor scatter(int dim, Tensor index, Tensor src) { return GatherScatterOps.scatter(self(), dim, index, src); }
    public Tensor scatter(int dim, Tensor index, double value) { return GatherScatterOps.scatter(self(), dim, index, value); }
    /** {@code x.scatter_add(dim, index, src)}: a copy of x with src added at index along dim (repeats accumulate). */
    public Tensor scatterAdd(int dim, Tensor index, Tensor src) { return GatherScatterOps.scatterAdd(self(), dim, index, src); }
    /** {@code x.index_select(dim, index)}: the slices of x at the int64 indices along dim. */
    public Tensor indexSelect(int dim, Tensor index) { return GatherScatterOps.indexSelect(self(), dim, index); }
    /** {@code x.index_add(dim, index, src, alpha=a)}: a copy of x with a * src's slices added at index. */
    public Tensor indexAdd(int dim, Tensor index, Tensor src) { return GatherScatterOps.indexAdd(self(), dim, index, src, 1); }
    public Tensor indexAdd(int dim, Tensor index, Tensor src, double alpha) { return GatherScatterOps.indexAdd(self(), dim, index, src, alpha); }
    /** {@code x.masked_fill(mask, value)}: value where the (broadcast) mask is true. */
    public Tensor maskedFill(Tensor mask, double value) { return GatherScatterOps.maskedFill(self(), mask, value); }
    public Tensor maskedFill(Tensor mask, Tensor value) { return GatherScatterOps.maskedFill(self(), mask, value); }
    /** {@code x.masked_select(mask)}: the elements where the bool mask is true, as a 1-D tensor. */
    public Tensor maskedSelect(Tensor mask) { return GatherScatterOps.maskedSelect(self(), mask); }
    /** {@code x.where(cond, other)}: x where cond is true, else other. */
    public Tensor where(Tensor condition, Tensor other) { return PointwiseOps.where(condition, self(), other); }
    public Tensor where(Tensor condition, double other) { return GatherScatterOps.where(condition, self(), other); }
    /** {@code x.nonzero()}: the coordinates of the nonzero elements, (n, dim) int64. */
    public Tensor nonzero() { return GatherScatterOps.nonzero(self()); }
    public Tensor scatter_(int dim, Tensor index, Tensor src) { return self().inPlace(t -> t.scatter(dim, index, src), src); }
    public Tensor scatter_(int dim, Tensor index, double value) { return self().inPlace(t -> t.scatter(dim, index, value)); }
    public Tensor scatterAdd_(int dim, Tensor index, Tensor src) { return self().inPlace(t -> t.scatterAdd(dim, index, src), src); }
    public Tensor indexAdd_(int dim, Tensor index, Tensor src) { return self().inPlace(t -> t.indexAdd(dim, index, src), src); }
    public Tensor maskedFill_(Tensor mask, double value) { return self().inPlace(t -> t.maskedFill(mask, value)); }
    public Tensor maskedFill_(Tensor mask, Tensor value) { return self().inPlace(t -> t.maskedFill(mask, value), value); }

    // ---- sorting and selection (SortingOps) -------------------------------------------------------------------
    /** {@code x.sort(dim, descending)}: PyTorch's {@code torch.return_types.sort(values, indices)}. */
    public ValuesIndices sort() { return SortingOps.sort(self(), -1, false); }
    public ValuesIndices sort(int dim) { return SortingOps.sort(self(), dim, false); }
    public ValuesIndices sort(int dim, boolean descending) { return SortingOps.sort(self(), dim, descending); }
    /** {@code x.argsort(dim, descending)}: the int64 indices that sort x along dim. */
    public Tensor argsort() { return SortingOps.argsort(self(), -1, false); }
    public Tensor argsort(int dim) { return SortingOps.argsort(self(), dim, false); }
    public Tensor argsort(int dim, boolean descending) { return SortingOps.argsort(self(), dim, descending); }
    /** {@code x.topk(k, dim, largest)}: the k largest (or smallest) along dim, sorted; (values, indices). */
    public ValuesIndices topk(int k) { return SortingOps.topk(self(), k, -1, true); }
    public ValuesIndices topk(int k, int dim) { return SortingOps.topk(self(), k, dim, true); }
    public ValuesIndices topk(int k, int dim, boolean largest) { return SortingOps.topk(self(), k, dim, largest); }
    /** {@code x.kthvalue(k, dim)}: the k-th smallest (k from 1) along dim; (values, indices). */
    public ValuesIndices kthvalue(int k) { return SortingOps.kthvalue(self(), k, -1, false); }
    public ValuesIndices kthvalue(int k, int dim) { return SortingOps.kthvalue(self(), k, dim, false); }
    public ValuesIndices kthvalue(int k, int dim, boolean keepdim) { return SortingOps.kthvalue(self(), k, dim, keepdim); }
    /** {@code x.median()}: the lower median of all elements. */
    public Tensor median() { return NanmedianMode.median(self()); }
    public ValuesIndices median(int dim) { return SortingOps.median(self(), dim, false); }
    public ValuesIndices median(int dim, boolean keepdim) { return SortingOps.median(self(), dim, keepdim); }
    /** {@code x.nanmedian()}: the lower median of the non-NaN elements (NaN if all are NaN). */
    public Tensor nanmedian() { return NanmedianMode.nanmedian(self()); }
    public ValuesIndices nanmedian(int dim) { return NanmedianMode.nanmedian(self(), dim, false); }
    public ValuesIndices nanmedian(int dim, boolean keepdim) { return NanmedianMode.nanmedian(self(), dim, keepdim); }
    /** {@code x.mode(dim=-1)}: the most frequent value along dim (the smallest on a tie) and an index of it. */
    public ValuesIndices mode() { return NanmedianMode.mode(self(), -1, false); }
    public ValuesIndices mode(int dim) { return NanmedianMode.mode(self(), dim, false); }
    public ValuesIndices mode(int dim, boolean keepdim) { return NanmedianMode.mode(self(), dim, keepdim); }
    /** {@code x.argmax()}: the index of the largest element in the flattened tensor, 0-dim int64. */
    public Tensor argmax() { return SortingOps.argExtreme(self(), true); }
    public Tensor argmin() { return SortingOps.argExtreme(self(), false); }
    public Tensor argmax(int dim, boolean keepdim) { return SortingOps.argExtreme(self(), dim, keepdim, true); }
    public Tensor argmin(int dim, boolean keepdim) { return SortingOps.argExtreme(self(), dim, keepdim, false); }
    /** {@code x.amax(dims, keepdim)}: the largest element over dims (an empty list: all), ties share the gradient. */
    public Tensor amax(int[] dims, boolean keepdim) { return ExtremeOps.amax(self(), dims, keepdim, true); }
    public Tensor amax(int dim) { return ExtremeOps.amax(self(), new int[] {dim}, false, true); }
    public Tensor amax() { return ExtremeOps.amax(self(), new int[0], false, true); }
    public Tensor amin(int[] dims, boolean keepdim) { return ExtremeOps.amax(self(), dims, keepdim, false); }
    public Tensor amin(int dim) { return ExtremeOps.amax(self(), new int[] {dim}, false, false); }
    public Tensor amin() { return ExtremeOps.amax(self(), new int[0], false, false); }

    // ---- rearranging (ShapeFamilyOps) -------------------------------------------------------------------------
    /** {@code x.repeat(*sizes)}: x tiled sizes[i] times along each dim (extra leading sizes add dims). */
    public Tensor repeat(int... sizes) { return ShapeFamilyOps.repeat(self(), sizes); }
    /** {@code x.tile(reps)}: repeat, with reps padded by leading 1s to x's rank. */
    public Tensor tile(int... reps) { return ShapeFamilyOps.tile(self(), reps); }
    /** {@code x.flip(dims)}: the order of elements reversed along dims. */
    public Tensor flip(int... dims) { return ShapeFamilyOps.flip(self(), dims); }
    /** {@code x.roll(shift)}: elements shifted along the flattened tensor, wrapping around. */
    public Tensor roll(int shift) { return ShapeFamilyOps.roll(self(), new int[] {shift}, new int[0]); }
    public Tensor roll(int shift, int dim) { return ShapeFamilyOps.roll(self(), new int[] {shift}, new int[] {dim}); }
    public Tensor roll(int[] shifts, int[] dims) { return ShapeFamilyOps.roll(self(), shifts, dims); }
    /** {@code x.tril(k)}: the lower triangle (on and below the k-th diagonal) of the last two dims; zeros elsewhere. */
    public Tensor tril() { return ShapeFamilyOps.tril(self(), 0, true); }
    public Tensor tril(int diagonal) { return ShapeFamilyOps.tril(self(), diagonal, true); }
    public Tensor triu() { return ShapeFamilyOps.tril(self(), 0, false); }
    public Tensor triu(int diagonal) { return ShapeFamilyOps.tril(self(), diagonal, false); }
    /** {@code x.diag(k)}: vector to diagonal matrix, or matrix to its k-th diagonal. */
    public Tensor diag() { return ShapeFamilyOps.diag(self(), 0); }
    public Tensor diag(int diagonal) { return ShapeFamilyOps.diag(self(), diagonal); }
    /** {@code x.diagonal(offset, dim1, dim2)}: the diagonal as the last dim (a copy in Gradbook, a view in PyTorch). */
    public Tensor diagonal() { return ShapeFamilyOps.diagonal(self(), 0, 0, 1); }
    public Tensor diagonal(int offset) { return ShapeFamilyOps.diagonal(self(), offset, 0, 1); }
    public Tensor diagonal(int offset, int dim1, int dim2) { return ShapeFamilyOps.diagonal(self(), offset, dim1, dim2); }
    /** {@code x.trace()}: the sum of a matrix's diagonal. */
    public Tensor trace() { return ShapeFamilyOps.trace(self()); }
    /** {@code x.chunk(chunks, dim)}: up to chunks pieces of equal length (the last may be shorter); a tuple. */
    public PyTuple<Tensor> chunk(int chunks) { return ShapeFamilyOps.chunk(self(), chunks, 0); }
    public PyTuple<Tensor> chunk(int chunks, int dim) { return ShapeFamilyOps.chunk(self(), chunks, dim); }
    /** {@code x.split(size, dim)}: pieces of length size (the last may be shorter); a tuple. */
    public PyTuple<Tensor> split(int splitSize) { return ShapeFamilyOps.split(self(), splitSize, 0); }
    public PyTuple<Tensor> split(int splitSize, int dim) { return ShapeFamilyOps.split(self(), splitSize, dim); }
    /** {@code x.split([sizes], dim)}: pieces of the given lengths. */
    public PyTuple<Tensor> split(int[] sizes, int dim) { return ShapeFamilyOps.split(self(), sizes, dim); }
    /** {@code x.movedim(source, destination)}: a permuted view with dim source moved to destination. */
    public Tensor movedim(int source, int destination) { return ShapeFamilyOps.movedim(self(), new int[] {source}, new int[] {destination}); }
    public Tensor movedim(int[] source, int[] destination) { return ShapeFamilyOps.movedim(self(), source, destination); }
    public Tensor moveaxis(int source, int destination) { return movedim(source, destination); }
    /** {@code x.swapaxes(a, b)} / {@code swapdims}: transpose under NumPy's name. */
    public Tensor swapaxes(int axis0, int axis1) { return transpose(axis0, axis1); }
    public Tensor swapdims(int dim0, int dim1) { return transpose(dim0, dim1); }

    // ---- statistics, norms and distances (LinalgMoreOps) ------------------------------------------------------
    /** {@code x.var(dims, unbiased, keepdim)} over several dims. */
    public Tensor var(int[] dims, boolean unbiased, boolean keepdim) { return ReductionOps.varStd(self(), dims, unbiased, keepdim, false); }
    /** {@code x.var(unbiased=False)}: over all elements, without Bessel's correction. */
    public Tensor var(boolean unbiased) { return ReductionOps.varStd(self(), null, unbiased, false, false); }
    public Tensor std(int[] dims, boolean unbiased, boolean keepdim) { return ReductionOps.varStd(self(), dims, unbiased, keepdim, true); }
    public Tensor std(boolean unbiased) { return ReductionOps.varStd(self(), null, unbiased, false, true); }
    /** {@code x.var(dims, correction=c, keepdim)}: divides by n - c (c = 1 is unbiased); dims null for all. */
    public Tensor var(int[] dims, int correction, boolean keepdim) { return ReductionOps.varStd(self(), dims, correction, keepdim, false); }
    public Tensor std(int[] dims, int correction, boolean keepdim) { return ReductionOps.varStd(self(), dims, correction, keepdim, true); }
    /** {@code x.norm(p="fro")}: the Frobenius norm (the 2-norm of all elements). */
    public Tensor norm(String p) { return norm(p, null, false); }
    /** {@code x.norm(p, dim=(d0, d1), keepdim)}: "fro" over two dims is sqrt(sum(x * x)), as PyTorch composes it. */
    public Tensor norm(String p, int[] dims, boolean keepdim) {
        if (!p.equals("fro")) throw new TorchException.RuntimeError("Gradbook's norm takes p=\"fro\" or a number; got p=\"" + p + "\"");
        return dims == null ? ReductionOps.norm(self(), 2, null, keepdim) : LinalgMoreOps.frobeniusNorm(self(), dims, keepdim);
    }
    public Tensor norm(double p, int[] dims, boolean keepdim) { return ReductionOps.norm(self(), p, dims, keepdim); }
    /** {@code torch.dist(x, other, p)}: the p-norm of x - other (broadcast). */
    public Tensor dist(Tensor other) { return LinalgMoreOps.dist(self(), other, 2); }
    public Tensor dist(Tensor other, double p) { return LinalgMoreOps.dist(self(), other, p); }
    /** {@code torch.outer(x, vec)}: the outer product of two vectors. */
    public Tensor outer(Tensor vec) { return LinalgMoreOps.outer(self(), vec); }

    // ---- more dtype conversions -------------------------------------------------------------------------------
    /** Python's {@code x.int()}: int32. */
    public Tensor toInt() { return to(DType.INT32); }
    /** Python's {@code x.half()}: float16. */
    public Tensor half() { return to(DType.FLOAT16); }
    /** Python's {@code x.type(dtype)}: the same as {@code to(dtype)}. */
    public Tensor type(DType dtype) { return to(dtype); }

    /** The result of {@code max(dim)}/{@code min(dim)}: PyTorch's {@code torch.return_types.max(values, indices)}. */
    public static final class MaxResult {
        private final Tensor values, indices;
        private final String name;

        MaxResult(Tensor[] vi) {
            this("max", vi);
        }

        MaxResult(String name, Tensor[] vi) {
            this.name = name;
            values = vi[0];
            indices = vi[1];
        }

        public Tensor values() { return values; }
        public Tensor indices() { return indices; }

        @Override
        public String toString() {
            return "torch.return_types." + name + "(\nvalues=" + values + ",\nindices=" + indices + ")";
        }
    }
}
