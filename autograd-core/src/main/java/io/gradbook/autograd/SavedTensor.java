// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

/**
 * A tensor a node keeps for its backward rule, with the version it had when saved (see Note [Version
 * counters] in {@link VersionCounter}). Unpacking fails, in PyTorch's words, once the graph was freed by a
 * backward without {@code retain_graph}, or when the tensor was modified in place since it was saved.
 */
public final class SavedTensor {
    static final String FREED = "Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the graph a second time or if you need to access saved tensors after calling backward.";

    private Tensor tensor;
    private final int savedVersion;
    /** For an op's own output: the node that produced it (the tensor may have a newer grad_fn by now). */
    private final Node producer;
    private final int producerOutputNr;
    private final String description;
    private boolean released;
    /** Under saved-tensor hooks: what pack returned and the hooks to unpack it (the tensor itself is not kept). */
    private Object packed;
    private SavedTensorHooks hooks;
    private final VersionCounter versionCounter;

    private SavedTensor(Tensor tensor, Node producer, int producerOutputNr) {
        if (tensor.isInference()) {
            throw new TorchException.RuntimeError("Inference tensors cannot be saved for backward. To work around you can make a clone to get a normal tensor and use it in autograd.");
        }
        this.tensor = tensor;
        this.versionCounter = tensor.version;
        this.savedVersion = tensor.version.current();
        this.producer = producer;
        this.producerOutputNr = producerOutputNr;
        this.description = "[" + tensor.dtype().legacyTypeName() + " " + Shape.str(tensor.shapeArray()) + "]";
        hooks = SavedTensorHooks.current();
        if (hooks != null) {
            packed = hooks.pack(tensor);
            this.tensor = null;
        }
    }

    static SavedTensor input(Tensor t) {
        return t == null ? null : new SavedTensor(t, null, 0);
    }

    static SavedTensor output(Tensor t, Node producer) {
        return new SavedTensor(t, producer, t.outputNr);
    }

    /** The saved tensor, checked: never freed, never modified in place since it was saved. */
    Tensor unpack() {
        if (released) throw new TorchException.RuntimeError(FREED);
        int now = versionCounter.current();
        if (now != savedVersion) {
            Node fn = producer != null ? producer : tensor == null ? null : tensor.gradFn();
            int nr = producer != null ? producerOutputNr : tensor == null ? 0 : tensor.outputNr;
            String which = fn == null ? "" : ", which is output " + nr + " of " + fn.name() + ",";
            throw new TorchException.RuntimeError("one of the variables needed for gradient computation has been modified by an inplace operation: "
                    + description + which + " is at version " + now + "; expected version " + savedVersion
                    + " instead. Hint: enable anomaly detection to find the operation that failed to compute its gradient, with torch.autograd.set_detect_anomaly(True).");
        }
        return hooks != null ? hooks.unpack(packed) : tensor;
    }

    void release() {
        released = true;
        tensor = null;
        packed = null;
    }

    public boolean isReleased() {
        return released;
    }

    /** The saved tensor's type and shape, e.g. {@code [torch.FloatTensor [2, 3]]}, usable after release too. */
    public String description() {
        return description;
    }

    /** Whether this is the producing node's own output (saved results, as in exp and sigmoid). */
    public boolean isOutput() {
        return producer != null;
    }

    /** The tensor itself without checks, for pictures; null once released. */
    public Tensor peek() {
        return tensor;
    }
}
