// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * An n-dimensional array with PyTorch's autograd semantics. Values live in a {@link Storage} of the dtype's own
 * primitive type on the Java heap ({@code float[]} for float32, {@code long[]} for int64, ...); views share that
 * storage through an offset and strides. The op methods are in
 * {@link TensorOps}, which this class extends so that the whole API reads as one class.
 *
 * <pre>
 * jshell> var x = ones(2, 2).requiresGrad_();
 * jshell> x.add(2)
 * tensor([[3., 3.],
 *         [3., 3.]], grad_fn=&lt;AddBackward0&gt;)
 * </pre>
 */
public final class Tensor extends TensorOps {
    final Storage storage;
    final int offset;
    private final int[] shape;
    /** The element count, computed once (every op asks for it, often several times). */
    private final int numel;
    final int[] strides;
    private final DType dtype;
    VersionCounter version;

    // Autograd state. A tensor is a leaf iff gradFn == null.
    private boolean requiresGradLeaf;
    private Node gradFn;
    int outputNr;
    private Tensor grad;
    private AccumulateGrad accumulator;
    private boolean retainsGrad;
    /** Set on tensors made by {@code Torch.parameter} (PyTorch's nn.Parameter), which print a header line. */
    boolean parameter;
    /** For views: the tensor that owns the memory, and how to rebuild this view from it (view replay). */
    final Tensor viewBase;
    final UnaryOperator<Tensor> viewReplay;
    /**
     * The version of the memory when this tensor's history was set. A view whose memory changed in place since
     * then regenerates its history from its base's (PyTorch's attr_version; see AsStridedBackward).
     */
    private int attrVersion;
    /**
     * A view made while grad mode was off and never given history (a recorded op clears it: ops that build their
     * views under an internal no_grad and then record are views made in grad mode): PyTorch forbids tracking
     * in-place changes through it or its base.
     */
    private boolean noGradView;
    /** This tensor object is an efficient zero gradient (EfficientZeros: 1.13's ZeroTensor), not its storage or copies. */
    boolean efficientZero;
    /** For the outputs of split/chunk/unbind: the node's name and the output's index ("Output 0 of SplitBackward0"). */
    private String multiOutputNode;
    private int multiOutputIndex;
    /** Made inside {@code inferenceMode()}: never saved for backward, never modified in place outside it. */
    private final boolean inference = GradMode.isInferenceModeFast();

    Tensor(Storage storage, int offset, int[] shape, int[] strides, DType dtype, VersionCounter version, Tensor viewBase, UnaryOperator<Tensor> viewReplay) {
        this.storage = storage;
        this.offset = offset;
        this.shape = shape;
        this.numel = Shape.numel(shape);
        this.strides = strides;
        this.dtype = dtype;
        this.version = version;
        this.viewBase = viewBase;
        this.viewReplay = viewReplay;
        this.attrVersion = version.current();
        this.noGradView = viewBase != null && !GradMode.isEnabled();
    }

    /**
     * A fresh contiguous tensor holding {@code data} converted to the dtype's storage (compatibility path for code
     * that computes in double; a float64 tensor keeps the array itself).
     */
    static Tensor wrap(double[] data, int[] shape, DType dtype) {
        return wrap(Storage.of(data, dtype), shape);
    }

    /** A fresh contiguous tensor over {@code storage} (its dtype is the tensor's). */
    static Tensor wrap(Storage storage, int[] shape) {
        return new Tensor(storage, 0, shape, Shape.contiguousStrides(shape), storage.dtype, new VersionCounter(), null, null);
    }

    /** A fresh zeroed contiguous tensor. */
    static Tensor empty(int[] shape, DType dtype) {
        return wrap(Storage.allocate(dtype, Shape.numel(shape)), shape);
    }

    /** A fresh contiguous tensor that the caller fills completely (its memory may start unzeroed: Storage.allocateForWrite). */
    static Tensor emptyForWrite(int[] shape, DType dtype) {
        return wrap(Storage.allocateForWrite(dtype, Shape.numel(shape)), shape);
    }

    @Override
    Tensor self() {
        return this;
    }

    // ---- metadata ----------------------------------------------------------------------------------------

    /** The element type ({@code x.dtype}): float32 unless made otherwise, as in PyTorch. */
    public DType dtype() {
        return dtype;
    }

    /** The shape as {@code torch.Size}. */
    public Size size() {
        return new Size(shape);
    }

    /** The length of one dimension ({@code x.size(dim)}); negative dims count from the end. */
    public int size(int dim) {
        return shape[Shape.wrapDim(dim, shape.length)];
    }

    /** Same as {@link #size()} (PyTorch's {@code .shape}). */
    public Size shape() {
        return size();
    }

    int[] shapeArray() {
        return shape;
    }

    /** The number of dimensions ({@code x.dim()}). */
    public int dim() {
        return shape.length;
    }

    /** The number of elements ({@code x.numel()}). */
    public int numel() {
        return numel;
    }

    /** Elements to step in storage per index of each dimension ({@code x.stride()}). */
    public int[] stride() {
        return strides.clone();
    }

    /**
     * Whether the dtype is a floating-point one: only those can require gradients ({@code x.is_floating_point()}).
     */
    public boolean isFloatingPoint() {
        return dtype.isFloatingPoint();
    }

    /** Whether the elements lie in storage in row-major order without gaps ({@code x.is_contiguous()}). */
    public boolean isContiguous() {
        int expected = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] == 1) continue;
            if (strides[i] != expected) return false;
            expected *= shape[i];
        }
        return true;
    }

    /** Whether this tensor was made inside {@code inferenceMode()} ({@code x.is_inference()}). */
    public boolean isInference() {
        return inference;
    }

    /** Whether this tensor is a view of another one's memory (PyTorch's {@code _is_view()}). */
    public boolean isView() {
        return viewBase != null;
    }

    /** The tensor whose memory this view shares (PyTorch's {@code ._base}), or null. */
    public Tensor base() {
        return viewBase;
    }

    /** The in-place version counter (PyTorch's {@code ._version}). */
    public int version() {
        return version.current();
    }

    // ---- values ------------------------------------------------------------------------------------------

    /**
     * Values in row-major order, as doubles (the compatibility path; the numeric loops read the storage itself).
     * May return a float64 tensor's backing array: callers must not write to it.
     */
    double[] values() {
        int n = numel();
        if (storage instanceof Storage.DoubleStorage) {
            double[] a = ((Storage.DoubleStorage) storage).a;
            if (offset == 0 && a.length == n && isContiguous()) return a;
        }
        double[] out = new double[n];
        if (n == 0) return out;
        Storage st = storage;
        forEachPosition((i, pos) -> out[i] = st.getDouble(pos));
        return out;
    }

    /** A copy of the values in row-major order. */
    public double[] toDoubleArray() {
        double[] v = values();
        return storage instanceof Storage.DoubleStorage && v == ((Storage.DoubleStorage) storage).a ? v.clone() : v;
    }

    /** A copy of the values in row-major order as {@code long} (exact for int64 beyond 2^53; floats truncated). */
    public long[] toLongArray() {
        long[] out = new long[numel()];
        Storage st = storage;
        forEachPosition((i, pos) -> out[i] = st.getLong(pos));
        return out;
    }

    /** Bytes per element, as PyTorch's {@code x.element_size()}. */
    public int elementSize() {
        return storage.itemSize();
    }

    /**
     * The values as a Java array (the role NumPy plays in Python), refused on a tensor that requires grad as
     * PyTorch refuses {@code numpy()}.
     */
    public double[] numpy() {
        if (requiresGrad()) throw new TorchException.RuntimeError("Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.");
        return toDoubleArray();
    }

    /** A copy of the values in row-major order, as float. */
    public float[] toFloatArray() {
        if (storage instanceof Storage.FloatStorage) {
            float[] v = Elementwise.contiguousFloats(this);
            return v == ((Storage.FloatStorage) storage).a ? v.clone() : v;
        }
        double[] v = values();
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) out[i] = (float) v[i];
        return out;
    }

    /** Writes {@code values} (row-major, same count) into this tensor's memory, rounded to its dtype. */
    void writeValues(double[] values) {
        Storage st = storage;
        forEachPosition((i, pos) -> st.setDouble(pos, values[i]));
    }

    /** Visits every element's storage position in row-major order: element i lives at data[pos]. */
    @FunctionalInterface
    private interface PositionVisitor {
        void visit(int i, int pos);
    }

    private void forEachPosition(PositionVisitor visitor) {
        int n = numel(), rank = shape.length;
        int[] idx = new int[rank];
        int pos = offset;
        for (int i = 0; i < n; i++) {
            visitor.visit(i, pos);
            // odometer step: advance the last dim, carrying into earlier dims
            for (int d = rank - 1; d >= 0; d--) {
                if (++idx[d] < shape[d]) {
                    pos += strides[d];
                    break;
                }
                pos -= strides[d] * (shape[d] - 1);
                idx[d] = 0;
            }
        }
    }

    /** The single value of a one-element tensor (PyTorch's {@code .item()}). */
    public double item() {
        if (numel() != 1) throw new TorchException.ValueError("only one element tensors can be converted to Python scalars");
        return storage.getDouble(offset);
    }

    /** Python's {@code bool(t)}: the truth of a one-element tensor. */
    public boolean bool() {
        if (numel() != 1) throw new TorchException.RuntimeError("Boolean value of Tensor with more than one value is ambiguous");
        return storage.getDouble(offset) != 0;
    }

    /** A contiguous copy with no history (internal: used for gradients and snapshots). */
    Tensor contiguousCopy() {
        Tensor out = empty(shape.clone(), dtype);
        Elementwise.copyInto(out, this);
        return out;
    }

    // ---- autograd state ----------------------------------------------------------------------------------

    /** Whether autograd records operations on this tensor ({@code x.requires_grad}). */
    public boolean requiresGrad() {
        // a view also requires grad when its base does, even one made under no_grad (and then it is a leaf)
        return requiresGradLeaf || gradFn != null || viewBase != null && viewBase.requiresGrad();
    }

    /** A leaf that requires grad itself, so backward accumulates into its {@code .grad}. */
    boolean accumulatesGrad() {
        return requiresGradLeaf && gradFn == null;
    }

    /** Sets requires_grad on a leaf and returns this tensor (PyTorch's {@code requires_grad_()}). */
    public Tensor requiresGrad_() {
        return requiresGrad_(true);
    }

    /**
     * Sets whether autograd records operations on this leaf ({@code x.requires_grad_(flag)}); only leaves may
     * change it, and only floating-point tensors may require gradients.
     */
    public Tensor requiresGrad_(boolean requiresGrad) {
        if (gradFn != null) {
            if (!requiresGrad) {
                throw new TorchException.RuntimeError("you can only change requires_grad flags of leaf variables. If you want to use a computed variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach().");
            }
            return this;
        }
        if (requiresGrad && inference && !GradMode.isInferenceMode()) {
            throw new TorchException.RuntimeError("Setting requires_grad=True on inference tensor outside InferenceMode is not allowed.");
        }
        if (requiresGrad && !dtype.isFloatingPoint()) {
            throw new TorchException.RuntimeError("only Tensors of floating point dtype can require gradients");
        }
        requiresGradLeaf = requiresGrad;
        return this;
    }

    /**
     * Whether this tensor is a leaf of the graph ({@code x.is_leaf}): made by the user rather than by a recorded
     * operation. Only leaves that require grad get {@code .grad} filled by backward.
     */
    public boolean isLeaf() {
        return gradFn() == null;
    }

    /** The node that created this tensor (PyTorch's {@code grad_fn}); null for leaves. */
    public Node gradFn() {
        if (viewBase != null && attrVersion != version.current() && (gradFn != null || viewBase.requiresGrad())) {
            if (noGradView) throw new TorchException.RuntimeError(NO_GRAD_VIEW + "its base or another view of its base has been modified inplace" + NO_GRAD_VIEW_HINT);
            if (multiOutputNode != null) throw new TorchException.RuntimeError(multiOutputMessage("its base or another view of its base has been modified inplace"));
            gradFn = new AsStridedBackward(viewBase, viewReplay);
            outputNr = 0;
            attrVersion = version.current();
        }
        return gradFn;
    }

    /** Which output of {@link #gradFn()} this tensor is. */
    public int outputNr() {
        return outputNr;
    }

    private static final String NO_GRAD_VIEW = "A view was created in no_grad mode and ";
    private static final String NO_GRAD_VIEW_HINT = " with grad mode enabled. Given that this use case is ambiguous and error-prone, it is forbidden. You can clarify your code by moving both the view and the inplace either both inside the no_grad block (if you don't want the inplace to be tracked) or both outside (if you want the inplace to be tracked).";

    /** Marks this view as output {@code index} of a node that returns several views (split, chunk, unbind). */
    void markMultiOutputView(String node, int index) {
        multiOutputNode = node;
        multiOutputIndex = index;
    }

    private String multiOutputMessage(String what) {
        return "Output " + multiOutputIndex + " of " + multiOutputNode + " is a view and " + what + ". This view is the output of a function that returns multiple views. Such functions do not allow the output views to be modified inplace. You should replace the inplace operation by an out-of-place one.";
    }

    void setHistory(Node node, int nr) {
        noGradView = false;
        gradFn = node;
        outputNr = nr;
        requiresGradLeaf = false;
        attrVersion = version.current();
    }

    /**
     * The accumulated gradient (PyTorch's {@code .grad}), null while none. Reading it on a non-leaf that does
     * not retain its gradient warns with PyTorch's text, as PyTorch does.
     */
    public Tensor grad() {
        if (gradFn != null && !retainsGrad && grad == null) Warnings.warn("UserWarning", Warnings.NON_LEAF_GRAD);
        return grad;
    }

    /** Replaces {@code .grad} ({@code x.grad = None} is {@code x.setGrad(null)}). */
    public void setGrad(Tensor newGrad) {
        if (newGrad != null && !java.util.Arrays.equals(newGrad.shape, shape)) {
            throw new TorchException.RuntimeError("assigned grad has data of a different size");
        }
        grad = newGrad;
    }

    Tensor gradUnchecked() {
        return grad;
    }

    void setGradUnchecked(Tensor g) {
        grad = g;
    }

    /** Whether {@link #retainGrad()} was called on this non-leaf. */
    public boolean retainsGrad() {
        return retainsGrad;
    }

    /** Keeps this non-leaf's gradient in {@code .grad} during backward (a no-op on leaves). */
    public void retainGrad() {
        if (!requiresGrad()) throw new TorchException.RuntimeError("can't retain_grad on Tensor that has requires_grad=False");
        if (isLeaf() || retainsGrad) return;
        retainsGrad = true;
        final int nr = outputNr;
        gradFn.registerReplacingPrehook(grads -> {
            Tensor g = grads[nr];
            if (g == null) return null;
            if (grad == null) grad = GradMode.isEnabled() ? g : g.detach().contiguousCopy();
            else grad = grad.add(g);
            return null;
        });
    }

    /** The AccumulateGrad node of a leaf that requires grad, created once and kept. */
    AccumulateGrad gradAccumulator() {
        if (accumulator == null) accumulator = new AccumulateGrad(this);
        return accumulator;
    }

    /**
     * Registers a hook called with this tensor's gradient during backward, to look at it (PyTorch's
     * {@code register_hook} with a hook that returns None). Returns a handle whose {@code remove()} unregisters it.
     *
     * <p>Java cannot overload one name for observing and replacing lambdas ({@code g -> print(g)} would be
     * ambiguous), so a hook that returns a new gradient is registered with {@link #registerReplacingHook}.
     */
    public RemovableHandle registerHook(Consumer<Tensor> hook) {
        return registerReplacingHook(g -> {
            hook.accept(g);
            return null;
        });
    }

    /** Registers a hook whose non-null result replaces this tensor's gradient (a PyTorch hook that returns a tensor). */
    public RemovableHandle registerReplacingHook(UnaryOperator<Tensor> hook) {
        if (!requiresGrad()) throw new TorchException.RuntimeError("cannot register a hook on a tensor that doesn't require gradient");
        Node node = gradFn != null ? gradFn : gradAccumulator();
        final int nr = gradFn != null ? outputNr : 0;
        return node.registerReplacingPrehook(grads -> {
            if (grads[nr] == null) return null;
            Tensor replaced = hook.apply(grads[nr]);
            if (replaced == null) return null;
            Tensor[] out = grads.clone();
            out[nr] = replaced;
            return out;
        });
    }

    // ---- backward ----------------------------------------------------------------------------------------

    /** {@code backward()} of a scalar: the gradient is 1. */
    public void backward() {
        backward(null, false, false);
    }

    /**
     * {@code backward(gradient)}: for a non-scalar output, the vector in the vector-Jacobian product (same shape as
     * this tensor). Frees the graph's saved tensors afterwards.
     */
    public void backward(Tensor gradient) {
        backward(gradient, false, false);
    }

    /**
     * {@code backward(gradient, retain_graph=...)}: keep the graph's saved tensors so backward can run through it
     * again; gradient may be null for a scalar.
     */
    public void backward(Tensor gradient, boolean retainGraph) {
        backward(gradient, retainGraph, false);
    }

    /**
     * {@code backward(gradient, retain_graph, create_graph, inputs)}: accumulates only into the {@code .grad} of
     * {@code inputs}.
     */
    public void backward(Tensor gradient, boolean retainGraph, boolean createGraph, List<Tensor> inputs) {
        Autograd.backward(List.of(this), gradient == null ? null : java.util.Collections.singletonList(gradient), retainGraph || createGraph, createGraph, inputs);
    }

    /** PyTorch's {@code backward(gradient, retain_graph, create_graph)}; {@code gradient} may be null for scalars. */
    public void backward(Tensor gradient, boolean retainGraph, boolean createGraph) {
        Autograd.backward(List.of(this), gradient == null ? null : java.util.Collections.singletonList(gradient), retainGraph || createGraph, createGraph);
    }

    // ---- detach and .data --------------------------------------------------------------------------------

    /** A tensor sharing memory and version counter, cut from the graph (PyTorch's {@code detach()}). */
    public Tensor detach() {
        return new Tensor(storage, offset, shape, strides, dtype, version, null, null);
    }

    /** Cuts this tensor from the graph in place, making it a leaf that does not require grad. */
    public Tensor detach_() {
        if (viewBase != null && viewBase.requiresGrad()) {
            throw new TorchException.RuntimeError("Can't detach views in-place. Use detach() instead. If you are using DistributedDataParallel (DDP) for training, and gradient_as_bucket_view is set as True, gradients are views of DDP buckets, and hence detach_() cannot be called on these gradients. To fix this error, please refer to the Optimizer.zero_grad() function in torch/optim/optimizer.py as the solution.");
        }
        gradFn = null;
        outputNr = 0;
        requiresGradLeaf = false;
        return this;
    }

    /**
     * The same memory with a fresh version counter and no history (PyTorch's {@code .data}): writes through
     * it are not seen by autograd, not even by the saved-tensor check.
     */
    public Tensor data() {
        return new Tensor(storage, offset, shape, strides, dtype, new VersionCounter(), null, null);
    }

    /** Sets this tensor's values from {@code other} without autograd (PyTorch's {@code x.data = other}, same shape). */
    public void setData(Tensor other) {
        if (!java.util.Arrays.equals(other.shape, shape)) {
            throw new TorchException.RuntimeError("setData needs the same shape: " + Shape.str(shape) + " vs " + Shape.str(other.shape));
        }
        Elementwise.copyInto(this, other);
    }

    // ---- views -------------------------------------------------------------------------------------------

    /** A view of this tensor's memory; {@code replay} rebuilds it from this tensor with autograd. */
    Tensor makeView(int newOffset, int[] newShape, int[] newStrides, UnaryOperator<Tensor> replay) {
        Tensor base = viewBase != null ? viewBase : this;
        UnaryOperator<Tensor> fromBase = viewBase != null ? t -> replay.apply(viewReplay.apply(t)) : replay;
        Tensor view = new Tensor(storage, newOffset, newShape, newStrides, dtype, version, base, fromBase);
        if (EfficientZeros.is(this)) EfficientZeros.mark(view); // a view of a ZeroTensor is one
        return view;
    }

    // ---- in-place ----------------------------------------------------------------------------------------

    /**
     * Runs an in-place op: {@code outOfPlace} computes the new value from this tensor (as the op's first input)
     * and {@code others}. Handles the leaf checks, the version bump, and the history (the op's node, or
     * CopySlices on the base when this is a view).
     */
    Tensor inPlace(UnaryOperator<Tensor> outOfPlace, Tensor... others) {
        return inPlace(outOfPlace, (java.util.function.Predicate<Tensor>) null, others);
    }

    /**
     * As {@link #inPlace(UnaryOperator, Tensor...)}; when the op records nothing, {@code direct} (if not null) may
     * write the result straight into this tensor's memory, returning false, having written nothing, when it
     * cannot ({@link DirectInPlace}): no temporary tensor and no copy back.
     */
    Tensor inPlace(UnaryOperator<Tensor> outOfPlace, java.util.function.Predicate<Tensor> direct, Tensor... others) {
        if (inference && !GradMode.isInferenceMode()) {
            throw new TorchException.RuntimeError("Inplace update to inference tensor outside InferenceMode is not allowed.You can make a clone to get a normal tensor before doing inplace update.See https://github.com/pytorch/rfcs/pull/17 for more details.");
        }
        boolean gradOn = GradMode.isEnabled();
        if (gradOn && noGradView && requiresGrad()) {
            throw new TorchException.RuntimeError(NO_GRAD_VIEW + "is being modified inplace" + NO_GRAD_VIEW_HINT);
        }
        if (gradOn && multiOutputNode != null && requiresGrad()) {
            throw new TorchException.RuntimeError(multiOutputMessage("is being modified inplace"));
        }
        // PyTorch's check_inplace: a view that requires grad over a leaf base (the root of a chain of views, which
        // need not require grad itself: arange(12.).reshape(3, 4).requires_grad_() is such a view)
        if (gradOn && viewBase != null && viewBase.isLeaf() && requiresGrad()) {
            throw new TorchException.RuntimeError("a view of a leaf Variable that requires grad is being used in an in-place operation.");
        }
        if (gradOn && requiresGradLeaf && gradFn == null) {
            throw new TorchException.RuntimeError("a leaf Variable that requires grad is being used in an in-place operation.");
        }
        boolean record = gradOn && (requiresGrad() || Graph.recording(others));
        if (!record) {
            if (direct != null && !ForwardGrad.active() && direct.test(this)) {
                version.bump();
                return this;
            }
            Tensor result;
            try (var ignored = GradMode.set(false)) {
                result = outOfPlace.apply(this);
            }
            writeResult(result);
            if (ForwardGrad.active()) ForwardGrad.afterInPlace(this, result);
            return this;
        }
        // The op reads a snapshot that carries this tensor's history, so what it saves is not the memory
        // we are about to overwrite.
        Tensor snapshot = InPlaceLayout.snapshot(this);
        snapshot.gradFn = gradFn(); // a stale view's history is regenerated first
        snapshot.outputNr = outputNr;
        snapshot.requiresGradLeaf = requiresGradLeaf;
        if (ForwardGrad.active()) ForwardGrad.copyTangent(this, snapshot);
        Tensor result = outOfPlace.apply(snapshot);
        Node fn = result.gradFn;
        if (fn == null || fn.next.length == 0 || fn.next[0].node() != Graph.edgeOf(snapshot).node()) {
            throw new IllegalStateException("in-place op did not record a node whose first input is self");
        }
        try (var ignored = GradMode.set(false)) {
            InPlaceLayout.recompute(this, snapshot, outOfPlace, result);
            writeResult(result);
        }
        if (viewBase == null) {
            setHistory(fn, result.outputNr);
            if (fn instanceof FunctionNode) ((FunctionNode) fn).rebindSavedOutput(result, this);
        } else {
            Tensor base = viewBase;
            CopySlices copySlices = new CopySlices(Graph.edgeOf(base), base, fn, viewReplay);
            base.setHistory(copySlices, 0);
            requiresGradLeaf = false;
            // PyTorch's rebase_history regenerates the view's history right away ("self.grad_fn(); // trigger an
            // update to the view's grad_fn"), so its AsStridedBackward0 takes the next sequence number here, not at
            // the view's next use: a backward runs it after the nodes recorded later, and the order a shared input
            // buffer sums its gradients in follows (three gradients into one base round by that order)
            gradFn();
            // 1.13 saves the in-place op's output as self, the view (SavedVariable's is_inplace_on_view keeps the
            // view's regenerated grad_fn): under create_graph the saved result's history runs through this
            // AsStridedBackward0 and the CopySlices, not straight into fn, which the CopySlices also applies (a
            // second backward then ran fn twice: "Trying to backward through the graph a second time", fuzz cases
            // more 663, 796, 1699, 4128 and 7 more)
            if (fn instanceof FunctionNode) ((FunctionNode) fn).rebindSavedOutput(result, this);
        }
        if (ForwardGrad.active()) ForwardGrad.afterInPlace(this, result);
        return this;
    }

    private void writeResult(Tensor result) {
        if (!java.util.Arrays.equals(result.shape, shape)) {
            throw new TorchException.RuntimeError("output with shape " + Shape.str(shape) + " doesn't match the broadcast shape " + Shape.str(result.shape));
        }
        // canCast: no floating result into an integer tensor, and only bool into a bool one (b.add_(int64): Long)
        if (!dtype.isFloatingPoint() && result.dtype.isFloatingPoint() || dtype == DType.BOOL && result.dtype != DType.BOOL) {
            throw new TorchException.RuntimeError("result type " + TensorPrinter.typeName(result.dtype) + " can't be cast to the desired output type " + TensorPrinter.typeName(dtype));
        }
        Elementwise.copyInto(this, result);
        version.bump();
    }

    // ---- printing ----------------------------------------------------------------------------------------

    /** PyTorch's repr, byte for byte: {@code tensor([1., 2.], requires_grad=True)}. */
    @Override
    public String toString() {
        return TensorPrinter.repr(this);
    }

    /** A stable pseudo address standing in for CPython's {@code id()}. */
    public long id() {
        return System.identityHashCode(this);
    }

    /** Lists of tensors, for {@code unbind}/{@code split} results. */
    static List<Tensor> listOf(Tensor[] ts) {
        List<Tensor> out = new ArrayList<>(ts.length);
        for (Tensor t : ts) out.add(t);
        return java.util.Collections.unmodifiableList(out);
    }
    /** Whether this tensor is an {@code nn.Parameter} (made by {@link Torch#parameter}); modules register only those. */
    public boolean isParameter() {
        return parameter;
    }
}
