// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import java.util.ArrayDeque;
import java.util.function.Function;

/**
 * {@code torch.autograd.graph.saved_tensors_hooks(pack, unpack)}: while open, every tensor a node saves for
 * backward is given to {@code pack} (with grad mode off, as PyTorch does) and only what pack returns is kept;
 * {@code unpack} turns it back into a tensor when backward needs it. Per thread; scopes nest, the innermost wins.
 */
public final class SavedTensorHooks implements AutoCloseable {
    private static final ThreadLocal<ArrayDeque<SavedTensorHooks>> STACK = ThreadLocal.withInitial(ArrayDeque::new);

    private final Function<Tensor, Object> pack;
    private final Function<Object, Tensor> unpack;
    private boolean closed;

    @SuppressWarnings("unchecked")
    <P> SavedTensorHooks(Function<Tensor, P> pack, Function<P, Tensor> unpack) {
        this.pack = (Function<Tensor, Object>) pack;
        this.unpack = (Function<Object, Tensor>) unpack;
        STACK.get().push(this);
    }

    /** The innermost open hooks of this thread, or null. */
    static SavedTensorHooks current() {
        return STACK.get().peek();
    }

    Object pack(Tensor t) {
        try (var g = GradMode.set(false)) {
            return pack.apply(t);
        }
    }

    Tensor unpack(Object packed) {
        Tensor t = unpack.apply(packed);
        if (t == null) throw new TorchException.TypeError("Output of saved tensor unpack_hook expected to be a Tensor but got result of type NoneType");
        return t;
    }

    /** Ends the scope (the end of the {@code with} block); tensors saved inside keep their hooks. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        STACK.get().remove(this);
    }
}
