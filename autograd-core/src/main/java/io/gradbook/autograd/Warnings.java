// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * PyTorch's Python warnings. Like Python's default filter, a warning is shown once per place in the caller's
 * code (the first stack frame outside this library); a host such as the Jupyter kernel may install a handler
 * to format it as Python does ({@code <cell>:2: UserWarning: ...}).
 */
public final class Warnings {
    static final String NON_LEAF_GRAD = "The .grad attribute of a Tensor that is not a leaf Tensor is being accessed. Its .grad attribute won't be populated during autograd.backward(). If you indeed want the .grad field to be populated for a non-leaf Tensor, use .retain_grad() on the non-leaf Tensor. If you access the non-leaf Tensor by mistake, make sure you access the leaf Tensor instead. See github.com/pytorch/pytorch/pull/30531 for more informations.";

    /** Receives a warning with the caller's frame (null when the caller is unknown). */
    @FunctionalInterface
    public interface Handler {
        void warn(String category, String message, StackWalker.StackFrame caller);
    }

    private static final Handler STDERR = (category, message, caller) -> System.err.println(category + ": " + message);
    private static volatile Handler handler = STDERR;
    private static final Set<String> SHOWN = ConcurrentHashMap.newKeySet();

    private Warnings() {}

    public static void setHandler(Handler h) {
        handler = h == null ? STDERR : h;
    }

    /** Forgets which places have warned (Python's {@code warnings.resetwarnings()}-like, for a new session). */
    public static void reset() {
        SHOWN.clear();
    }

    static void warn(String category, String message) {
        StackWalker.StackFrame caller = StackWalker.getInstance().walk(frames -> frames
                .filter(f -> !f.getClassName().startsWith("io.gradbook.autograd."))
                .findFirst().orElse(null));
        String where = caller == null ? "?" : caller.getClassName() + ":" + caller.getLineNumber();
        if (SHOWN.add(where + "\u0000" + message)) handler.warn(category, message, caller);
    }
}
